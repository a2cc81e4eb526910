/** The province's coordinating regions at the period: method, stage, milestones and each dimension's figure and status. */
import { useQueries } from '@tanstack/react-query';
import { combineAll, queries } from '../../api/queries.ts';
import { ChartFrame } from '../../charts/ChartFrame.tsx';
import { regionColumns } from '../../charts/columns.ts';
import { DataTable } from '../../charts/DataTable.tsx';
import { safeFilename } from '../../charts/export.ts';
import { regionRows } from '../../charts/shape.ts';
import { formatPeriod } from '../../i18n/format.ts';
import { useT } from '../../i18n/useT.ts';
import { DIMENSION_KEYS } from '../../state/viewState.ts';
import { LoadState } from '../controls.tsx';

export function RegionsTable({
  code,
  asOf,
  name,
  updatedAt,
}: {
  code: string;
  asOf: string | null;
  name: string;
  updatedAt: string | null;
}) {
  const { t, lang } = useT();
  const loaded = useQueries({
    queries: DIMENSION_KEYS.map((d) => queries.trajectory(code, d, asOf)),
    combine: combineAll,
  });
  return (
    <LoadState loaded={loaded} testId="regions">
      {(trs) => {
        const first = trs[0]!;
        const rows = regionRows(trs, first.asOf);
        if (!rows.length) return null;
        const columns = regionColumns(t, lang, DIMENSION_KEYS);
        return (
          <ChartFrame
            testId="chart-regions"
            title={t('province.regionsTitle')}
            subtitle={t('province.regionsSubtitle', {
              name,
              period: formatPeriod(first.asOf, lang),
            })}
            source={{
              provinces: [first.province],
              period: first.asOf,
              isDemo: trs.some((x) => x.isDemo),
              documents: first.plan ? [first.plan.documentNumber] : [],
              national: first.national.documentNumber,
              updatedAt,
            }}
            drawing="table"
            filename={safeFilename(first.province.nameEn, 'region-table', first.asOf)}
            table={{ columns, rows, rowKey: (r) => r.code }}
          >
            <DataTable
              caption={t('province.regionsTitle')}
              captionHidden
              columns={columns}
              rows={rows}
              rowKey={(r) => r.code}
              testId="regions-table"
            />
          </ChartFrame>
        );
      }}
    </LoadState>
  );
}
