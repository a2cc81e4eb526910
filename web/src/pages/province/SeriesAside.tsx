/** Beside a trajectory chart: status against the province's and the national plan, the projection, and the clauses in force. */
import type {
  SeriesDto,
  TargetRef,
  TrajectoryResponse,
} from '../../../../server/modules/trajectory/schemas.ts';
import { StatusBadge } from '../../charts/StatusBadge.tsx';
import type { TrajectoryRow } from '../../charts/shape.ts';
import { formatDate, formatPct, formatPeriod, punct } from '../../i18n/format.ts';
import { useT } from '../../i18n/useT.ts';

export function SeriesAside({
  series,
  row,
  plan,
  testId,
}: {
  series: SeriesDto;
  row: TrajectoryRow | undefined;
  plan: TrajectoryResponse['plan'];
  testId: string;
}) {
  const { t, lang } = useT();
  const p = series.projection;
  let projection: string | null = null;
  const level = p.targetLevel != null ? formatPct(p.targetLevel, lang) : '';
  const reason = lang === 'zh-CN' ? (p.reasonZh ?? p.reason) : p.reason;
  if (series.status.status === 'met') projection = null;
  else if (p.overdueSince) {
    // overdue: say since when, never a target date in the past
    const since = formatDate(p.overdueSince, lang);
    if (!p.enough) projection = t('province.projectionOverdueUnavailable', { since, reason });
    else if (p.reachesInPeriod)
      projection = t('province.projectionOverdue', {
        since,
        level,
        period: formatPeriod(p.reachesInPeriod, lang),
      });
    else projection = t('province.projectionOverdueNever', { since, level });
  } else if (p.enough && p.reachesInPeriod && p.targetLevel != null)
    projection = t('province.projectionEnough', {
      period: formatPeriod(p.reachesInPeriod, lang),
      level,
      due: formatDate(p.targetDate, lang),
    });
  else if (!p.enough && p.projectedPct != null && p.targetLevel != null)
    projection = t('province.projectionNotEnough', {
      projected: formatPct(p.projectedPct, lang),
      due: formatDate(p.targetDate, lang),
      level,
    });
  else if (p.reason) projection = t('province.projectionUnavailable', { reason });

  return (
    <div className="series-aside" data-testid={testId}>
      <div className="badges">
        <StatusBadge
          status={series.status.status}
          overdue={series.status.overdue}
          prefix={t('province.statusVsPlan')}
          testId={`${testId}-status`}
        />
        <StatusBadge
          status={series.nationalStatus.status}
          overdue={series.nationalStatus.overdue}
          prefix={t('province.statusVsNational')}
          testId={`${testId}-national-status`}
        />
      </div>
      {plan ? null : <p className="no-plan">{t('plan.noPlan')}</p>}
      {projection ? (
        <p className="projection" data-testid={`${testId}-projection`}>
          <strong>
            {t('province.projection')}
            {punct(lang).colon}
          </strong>
          {projection}
        </p>
      ) : null}
      {row ? (
        <div className="clauses" aria-live="polite">
          <h4>{t('province.inForceAt', { period: formatPeriod(row.period, lang) })}</h4>
          {row.targetsInForce.length === 0 ? (
            <p className="not-yet-due">◷ {t('province.noTarget')}</p>
          ) : (
            <InForce targets={row.targetsInForce} />
          )}
          {row.nextTarget ? (
            <>
              <h4>{t('plan.nextTarget')}</h4>
              <Clause target={row.nextTarget} />
            </>
          ) : null}
          <p className="hint" data-export-ignore="">
            {t('province.hoverHint')}
          </p>
        </div>
      ) : null}
    </div>
  );
}

/** The strictest two targets in full; the rest folded away (a province-wide chart can have a dozen in force). */
function InForce({ targets }: { targets: TargetRef[] }) {
  const { t } = useT();
  const sorted = [...targets].sort((a, b) => b.level - a.level || b.dueOn.localeCompare(a.dueOn));
  const rest = sorted.slice(2);
  return (
    <>
      {sorted.slice(0, 2).map((tg) => (
        <Clause key={`${tg.key}${tg.dueOn}`} target={tg} />
      ))}
      {rest.length ? (
        <details>
          <summary>{t('province.moreTargets', { count: rest.length })}</summary>
          {rest.map((tg) => (
            <Clause key={`${tg.key}${tg.dueOn}`} target={tg} />
          ))}
        </details>
      ) : null}
    </>
  );
}

export function Clause({ target }: { target: TargetRef }) {
  const { t, lang } = useT();
  return (
    <div className="clause">
      <p className="clause-head">
        ≥ {formatPct(target.level, lang)} · {formatDate(target.dueOn, lang)} ·{' '}
        {target.source.document} {target.source.clauseRef}
        {target.soft ? <span className="soft-tag">{t('plan.soft')}</span> : null}
      </p>
      <blockquote lang="zh-CN">{target.source.quote}</blockquote>
      {target.soft && target.interpretation ? (
        <p className="interpretation">
          {t('plan.interpretation')}
          {punct(lang).colon}
          {lang === 'zh-CN'
            ? (target.interpretationZh ?? target.interpretation)
            : target.interpretation}
        </p>
      ) : null}
    </div>
  );
}
