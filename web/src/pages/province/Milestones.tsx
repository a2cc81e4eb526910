/**
 * The province's stage milestones (阶段节点) at the period viewed: every region's deadline to
 * launch, simulate or pay for real, under its own and the national plan, judged met / met late
 * / missed / not yet due — missed first, so a region behind on a deadline is never hidden.
 */
import { useQuery } from '@tanstack/react-query';
import type { TrajectoryResponse } from '../../api/client.ts';
import { queries } from '../../api/queries.ts';
import { ChartFrame } from '../../charts/ChartFrame.tsx';
import { milestoneColumns } from '../../charts/columns.ts';
import { MILESTONE_META } from '../../charts/config.ts';
import { DataTable } from '../../charts/DataTable.tsx';
import { safeFilename } from '../../charts/export.ts';
import { milestoneCounts, milestoneRows } from '../../charts/milestones.ts';
import { formatNumber, formatPeriod } from '../../i18n/format.ts';
import { useT } from '../../i18n/useT.ts';
import { LoadState } from '../controls.tsx';

export function Milestones({
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
  const loaded = useQuery(queries.trajectory(code, 'regions', asOf));
  return (
    <LoadState loaded={loaded} testId="milestones-load">
      {(tr) => <MilestonesOf tr={tr} name={name} updatedAt={updatedAt} />}
    </LoadState>
  );
}

function MilestonesOf({
  tr,
  name,
  updatedAt,
}: {
  tr: TrajectoryResponse;
  name: string;
  updatedAt: string | null;
}) {
  const { t, lang } = useT();
  const rows = milestoneRows(tr.series);
  const columns = milestoneColumns(t, lang);
  const counts = milestoneCounts(rows);
  return (
    <ChartFrame
      testId="chart-milestones"
      title={t('province.milestonesTitle')}
      subtitle={t('province.milestonesSubtitle', { name, period: formatPeriod(tr.asOf, lang) })}
      source={{
        provinces: [tr.province],
        period: tr.asOf,
        isDemo: tr.isDemo,
        documents: tr.plan ? [tr.plan.documentNumber] : [],
        national: tr.national.documentNumber,
        updatedAt,
      }}
      drawing="table"
      filename={safeFilename(tr.province.nameEn, 'milestones', tr.asOf)}
      table={{ columns, rows, rowKey: (r) => r.key }}
    >
      {rows.length === 0 ? (
        <p>{t('province.milestonesNone')}</p>
      ) : (
        <>
          <p className="milestone-counts" data-testid="milestone-counts">
            {counts.map((c) => (
              <span
                key={c.state}
                className="badge"
                data-state={c.state}
                style={{
                  background: MILESTONE_META[c.state].colour,
                  color: MILESTONE_META[c.state].ink,
                }}
              >
                <span aria-hidden="true" className="badge-icon">
                  {MILESTONE_META[c.state].icon}
                </span>
                {t(`milestone.${c.state}`)} {formatNumber(c.count, lang)}
              </span>
            ))}
          </p>
          <DataTable
            caption={t('province.milestonesTitle')}
            captionHidden
            columns={columns}
            rows={rows}
            rowKey={(r) => r.key}
            testId="milestones-table"
          />
        </>
      )}
    </ChartFrame>
  );
}
