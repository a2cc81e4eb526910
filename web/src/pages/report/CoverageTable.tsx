/**
 * A quarter's coverage by region and for the province — institutions, 入组率, fund — with the
 * previous quarter's share and the change beside each when given. Used live under the entry
 * form and on the review page; shares come from report/coverage.ts (the domain's maths).
 */
import { formatGap, formatPct } from '../../i18n/format.ts';
import { useT } from '../../i18n/useT.ts';
import { MEASURES, type Measure, type RowCoverage, totalCoverage } from './coverage.ts';

interface Props {
  caption: string;
  testId: string;
  regions: { code: string; name: string }[];
  now: Map<string, RowCoverage>;
  /** the previous quarter's shares by region (null: none to compare with) */
  previous?: Map<string, RowCoverage> | null;
}

export function CoverageTable({ caption, testId, regions, now, previous }: Props) {
  const { t } = useT();
  const rows = regions.map((r) => ({ ...r, now: now.get(r.code), before: previous?.get(r.code) }));
  const total = totalCoverage(rows.flatMap((r) => (r.now ? [r.now] : [])));
  const totalBefore = previous
    ? totalCoverage(rows.flatMap((r) => (r.before ? [r.before] : [])))
    : undefined;
  return (
    <div className="table-scroll">
      <table className="data-table coverage-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('review.coverageRegion')}</th>
            {MEASURES.map((m) => (
              <th key={m} scope="col" className="num">
                {t(`dimensionLong.${m}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} data-testid={`${testId}-${r.code}`}>
              <th scope="row">{r.name}</th>
              {MEASURES.map((m) => (
                <Share key={m} measure={m} now={r.now} before={r.before} compare={!!previous} />
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row" data-testid={`${testId}-total`}>
            <th scope="row">{t('review.coverageTotal')}</th>
            {MEASURES.map((m) => (
              <Share key={m} measure={m} now={total} before={totalBefore} compare={!!previous} />
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Share({
  measure,
  now,
  before,
  compare,
}: {
  measure: Measure;
  now: RowCoverage | undefined;
  before: RowCoverage | undefined;
  compare: boolean;
}) {
  const { t, lang } = useT();
  const pct = now?.[measure]?.pct ?? null;
  const was = before?.[measure]?.pct ?? null;
  return (
    <td className="num">
      {formatPct(pct, lang)}
      {compare && was !== null ? (
        <span className="prev-value">
          {pct !== null
            ? t('review.previousChange', {
                value: formatPct(was, lang),
                change: t('review.changePp', { value: formatGap(pct - was, lang) }),
              })
            : t('review.previousQuarter', { value: formatPct(was, lang) })}
        </span>
      ) : null}
    </td>
  );
}
