/** The plan's targets, by dimension, each with its clause quoted; soft wording marked with its interpretation. */
import type { PlanResponse } from '../../../../server/modules/plans/schemas.ts';
import { formatDate, punct } from '../../i18n/format.ts';
import { useT } from '../../i18n/useT.ts';
import { DIMENSION_KEYS } from '../../state/viewState.ts';
import { citeClause, describeTarget, targetScope } from '../planText.ts';

export function PlanTargets({ plan }: { plan: PlanResponse }) {
  const { t, lang } = useT();
  const doc = plan.document;
  const { colon, paren } = punct(lang);
  return (
    <section
      className="plan-targets"
      aria-labelledby="plan-targets-heading"
      data-testid="plan-targets"
    >
      <h3 id="plan-targets-heading">
        {t('plan.targets')}
        {colon}
        {doc.number}
      </h3>
      <p className="plan-meta">
        {doc.title} · {doc.issuer} · {formatDate(doc.issuedOn, lang)} ·{' '}
        {t('plan.version', { version: doc.version })}
      </p>
      {plan.reference ? (
        <p className="no-plan" data-testid="plan-reference">
          {t('plan.reference', { document: doc.number })}
        </p>
      ) : null}
      {plan.cohorts.length ? (
        <div className="cohorts">
          <h4>{t('plan.cohorts')}</h4>
          <ul>
            {plan.cohorts.map((c) => (
              <li key={c.key}>
                <strong>{lang === 'en' ? c.nameEn : c.nameZh}</strong>
                {colon}
                {c.members
                  .map((m) => (lang === 'en' ? m.nameEn : m.nameZh) + (m.inferred ? '*' : ''))
                  .join(lang === 'en' ? ', ' : '、') || c.definedAs}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {DIMENSION_KEYS.map((d) => {
        const targets = plan.targets.filter((x) => x.dimension === d);
        if (!targets.length) return null;
        return (
          <div key={d} className="target-group">
            <h4>{t(`dimension.${d}`)}</h4>
            <ul className="target-list">
              {targets.map((x) => (
                <li key={x.key} data-target={x.key} className={x.soft ? 'soft' : undefined}>
                  <p className="target-head">
                    <span className="target-level">{describeTarget(x, t, lang)}</span>
                    <span className="target-scope">{targetScope(x, plan.cohorts, t, lang)}</span>
                    <span className="target-kind">{t(`targetKind.${x.kind}`)}</span>
                    {x.soft ? <span className="soft-tag">≈ {t('plan.soft')}</span> : null}
                  </p>
                  <p className="clause-ref">
                    {t('plan.clause')}
                    {colon}
                    {citeClause(x.source)}
                  </p>
                  <blockquote lang="zh-CN">{x.source.quote}</blockquote>
                  {x.interpretation ? (
                    <p className="interpretation">
                      {t(x.soft ? 'plan.interpretation' : 'plan.note')}
                      {colon}
                      {lang === 'zh-CN'
                        ? (x.interpretationZh ?? x.interpretation)
                        : x.interpretation}
                    </p>
                  ) : null}
                  {x.conflictsWith.map((c) => {
                    // the other clause by its number and what it asks, never by its seed key
                    const other = plan.targets.find((o) => o.key === c.key);
                    return (
                      <p key={c.key} className="conflict">
                        ⚠ {t('plan.conflicts')}
                        {other
                          ? paren(
                              `${other.source.clauseRef}${colon}${describeTarget(other, t, lang)}`,
                            )
                          : null}
                        {colon}
                        {lang === 'zh-CN' ? (c.noteZh ?? c.note) : c.note}
                      </p>
                    );
                  })}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
