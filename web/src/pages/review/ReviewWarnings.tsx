/**
 * The warnings a reviewer decides on, each with the rule that raised it (RULE_WORDS): as kept
 * at submission, or — for a report submitted before warnings were kept — computed now and said
 * so. When today's figures would raise others, that recomputed list comes apart, labelled.
 */
import type { FieldProblem, ReportDto } from '../../api/client.ts';
import { useT } from '../../i18n/useT.ts';
import { problemsByField } from '../entry/form.ts';

interface Props {
  report: ReportDto;
  regionName: (code: string) => string;
}

export function ReviewWarnings({ report, regionName }: Props) {
  const { t } = useT();
  const frozen = report.warningsAt === 'submission';
  const reported = report.status === 'submitted' || report.status === 'accepted';
  const recomputed = report.currentWarnings;
  const same =
    !recomputed ||
    JSON.stringify(recomputed.map((w) => [w.path, w.code])) ===
      JSON.stringify(report.warnings.map((w) => [w.path, w.code]));
  return (
    <section
      className="warning-box"
      aria-labelledby="review-warnings"
      data-testid="review-warnings"
    >
      <h4 id="review-warnings" data-warnings-at={report.warningsAt}>
        {frozen
          ? t('review.warningsAtSubmission')
          : reported
            ? t('review.warningsNow')
            : t('review.warnings')}{' '}
        ({report.warnings.length})
      </h4>
      {!frozen && reported ? <p className="hint">{t('review.warningsNowNote')}</p> : null}
      <WarningList problems={report.warnings} report={report} regionName={regionName} />
      {recomputed && !same ? (
        <details data-testid="review-warnings-recomputed">
          <summary>{t('review.warningsRecomputed', { count: recomputed.length })}</summary>
          <WarningList problems={recomputed} report={report} regionName={regionName} />
        </details>
      ) : null}
    </section>
  );
}

function WarningList({
  problems,
  report,
  regionName,
}: {
  problems: FieldProblem[];
  report: ReportDto;
  regionName: (code: string) => string;
}) {
  const { t, lang } = useT();
  if (problems.length === 0) return <p>{t('review.noWarnings')}</p>;
  const codes = report.rows.map((r) => r.regionCode);
  return (
    <ul>
      {problems.map((p, i) => {
        const { byField } = problemsByField([p], codes);
        const [key] = [...byField.keys()];
        const [region, field] = key ? (key.split('/') as [string, string]) : [null, null];
        const message = lang === 'en' ? p.en : p.zh;
        const rule = t(`rule.${p.code}`, { defaultValue: p.code });
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for the report shown
          <li key={i} data-testid="review-warning" data-rule={p.code}>
            <span aria-hidden="true">⚠ </span>
            <span className="rule-tag">
              {t('review.rule')}
              {lang === 'en' ? ': ' : '：'}
              {rule}
            </span>{' '}
            {region && field
              ? t('entry.problemAt', {
                  region: regionName(region),
                  field: t(`field.${field}`),
                  message,
                })
              : message}
          </li>
        );
      })}
    </ul>
  );
}
