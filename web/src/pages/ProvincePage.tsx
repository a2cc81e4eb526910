/**
 * One province: for each dimension, actual quarterly coverage against the planned path and
 * owed steps (with cohorts where the plan has them), status and projection, the clause in
 * force; then its coordinating regions and the plan's targets.
 */

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Dimension, SUBSETS, type Subset } from '../../../server/domain/types.ts';
import type { PlanResponse, ProvinceSummary, TrajectoryResponse } from '../api/client.ts';
import { queries } from '../api/queries.ts';
import { ChartFrame } from '../charts/ChartFrame.tsx';
import { trajectoryColumns } from '../charts/columns.ts';
import { safeFilename } from '../charts/export.ts';
import { StatusBadge } from '../charts/StatusBadge.tsx';
import { notYetDueSpan, rowAt, trajectoryMarkers, trajectoryRows } from '../charts/shape.ts';
import type { SourceInfo } from '../charts/source.ts';
import { TrajectoryChart, trajectoryLegend } from '../charts/TrajectoryChart.tsx';
import { formatPeriod, punct } from '../i18n/format.ts';
import { useT } from '../i18n/useT.ts';
import {
  effectivePeriod,
  lastFullQuarter,
  latestReported,
  periodOptions,
} from '../state/periods.ts';
import { linkProps, type UpdateView } from '../state/useViewState.ts';
import { DIMENSION_KEYS, type ViewState } from '../state/viewState.ts';
import { LoadState, PeriodPicker } from './controls.tsx';
import { Milestones } from './province/Milestones.tsx';
import { PlanTargets } from './province/PlanTargets.tsx';
import { RegionsTable } from './province/RegionsTable.tsx';
import { SeriesAside } from './province/SeriesAside.tsx';

export default function ProvincePage({ view, update }: { view: ViewState; update: UpdateView }) {
  const { t, lang } = useT();
  const provinces = useQuery(queries.provinces());
  return (
    <LoadState loaded={provinces} testId="provinces">
      {(list) => {
        const province = list.find((p) => p.code === view.province);
        if (!province) {
          return (
            <section data-testid="page-province">
              <h2>{t('nav.province')}</h2>
              <p>{t('province.choose')}</p>
              <ul className="province-list">
                {list.map((p) => (
                  <li key={p.code}>
                    <a {...linkProps({ ...view, page: 'province', province: p.code })}>
                      {lang === 'en' ? p.nameEn : p.nameZh}
                    </a>
                    {p.hasPlan ? null : (
                      <span className="no-plan-mark"> · {t('status.noPlan')}</span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          );
        }
        const latest = province.latestPeriod ?? latestReported(list) ?? lastFullQuarter(new Date());
        return <Province province={province} view={view} update={update} latest={latest} />;
      }}
    </LoadState>
  );
}

function Province({
  province,
  view,
  update,
  latest,
}: {
  province: ProvinceSummary;
  view: ViewState;
  update: UpdateView;
  latest: string;
}) {
  const { t, lang } = useT();
  const asOf = view.period ? effectivePeriod(view.period, latest) : null;
  const plan = useQuery(queries.plan(province.code));
  const name = lang === 'en' ? province.nameEn : province.nameZh;
  return (
    <section
      aria-labelledby="province-heading"
      data-testid="page-province"
      data-province={province.code}
    >
      <h2 id="province-heading">{name}</h2>
      <p className="print-only print-title" data-testid="print-title">
        {t('province.bulletin', { name, period: formatPeriod(asOf ?? latest, lang) })}
      </p>
      <div className="controls">
        <PeriodPicker
          value={view.period}
          options={periodOptions(latest)}
          latest={latest}
          onChange={(p) => update({ period: p })}
        />
        <LoadState loaded={plan}>
          {(p) => (
            <p className="plan-source" data-testid="plan-source">
              {p.reference
                ? t('plan.noPlan')
                : t('province.planFrom', {
                    document: p.document.number,
                    version: t('plan.version', { version: p.document.version }),
                  })}
            </p>
          )}
        </LoadState>
      </div>
      <LoadState loaded={plan} testId="plan">
        {(p) => (
          <>
            {DIMENSION_KEYS.map((d) => (
              <DimensionSection
                key={d}
                code={province.code}
                dimension={d}
                asOf={asOf}
                plan={p}
                updatedAt={province.updatedAt}
              />
            ))}
            {subsetsOf(p).map((subset) => (
              <DimensionSection
                key={subset}
                code={province.code}
                dimension="institutions"
                subset={subset}
                asOf={asOf}
                plan={p}
                updatedAt={province.updatedAt}
              />
            ))}
            <Milestones
              code={province.code}
              asOf={asOf}
              name={name}
              updatedAt={province.updatedAt}
            />
            <RegionsTable
              code={province.code}
              asOf={asOf}
              name={name}
              updatedAt={province.updatedAt}
            />
            <PlanTargets plan={p} />
          </>
        )}
      </LoadState>
    </section>
  );
}

function sourceOf(
  tr: TrajectoryResponse,
  plan: PlanResponse,
  updatedAt: string | null,
): SourceInfo {
  return {
    provinces: [tr.province],
    period: [tr.periods[0] ?? tr.asOf, tr.asOf],
    isDemo: tr.isDemo,
    reported: tr.series.some((s) => s.points.some((p) => p.actual != null)),
    documents: plan.reference ? [] : [tr.plan?.documentNumber ?? plan.document.number],
    national: tr.national.documentNumber,
    updatedAt,
  };
}

/** Subsets of institutions the plan sets targets on (Inner Mongolia's 二级及以上公立医院). */
function subsetsOf(plan: PlanResponse): Subset[] {
  if (plan.reference) return [];
  const named = new Set(plan.targets.map((t) => t.subset));
  return SUBSETS.filter((s) => named.has(s));
}

function DimensionSection({
  code,
  dimension,
  subset = null,
  asOf,
  plan,
  updatedAt,
}: {
  code: string;
  dimension: Dimension;
  subset?: Subset | null;
  asOf: string | null;
  plan: PlanResponse;
  updatedAt: string | null;
}) {
  const loaded = useQuery(queries.trajectory(code, dimension, asOf, subset));
  const id = subset ? `${dimension}-${subset}` : dimension;
  return (
    <section className="dimension-section" data-testid={`dimension-${id}`}>
      <LoadState loaded={loaded} testId={`trajectory-${id}`}>
        {(tr) => <DimensionCharts tr={tr} plan={plan} updatedAt={updatedAt} />}
      </LoadState>
    </section>
  );
}

function DimensionCharts({
  tr,
  plan,
  updatedAt,
}: {
  tr: TrajectoryResponse;
  plan: PlanResponse;
  updatedAt: string | null;
}) {
  const { t, lang } = useT();
  const [active, setActive] = useState<string | null>(null);
  const province = tr.series.find((s) => s.scope === 'province');
  const cohorts = tr.series.filter((s) => s.scope === 'cohort');
  if (!province) return <p>{t('province.noTrajectory')}</p>;
  const d = tr.subset ? `${tr.dimension}-${tr.subset}` : tr.dimension;
  const measure = tr.subset
    ? `${t(`dimensionLong.${tr.dimension}`)}（${t(`subset.${tr.subset}`)}）`
    : t(`dimensionLong.${tr.dimension}`);
  const rows = trajectoryRows(province, tr.asOf);
  const name = lang === 'en' ? tr.province.nameEn : tr.province.nameZh;
  const subtitle = t('province.chartSubtitle', {
    name,
    from: formatPeriod(tr.periods[0], lang),
    to: formatPeriod(tr.asOf, lang),
  });
  const source = sourceOf(tr, plan, updatedAt);
  const { colon, comma } = punct(lang);
  const notes = [
    `${t('province.statusVsPlan')}${colon}${t(`status.${province.status.status}`)}${comma}${t('province.statusVsNational')}${colon}${t(`status.${province.nationalStatus.status}`)}`,
  ];
  const series = tr.plan ? undefined : (['nationalOwed', 'actual'] as const).slice();
  return (
    <>
      <ChartFrame
        testId={`chart-trajectory-${d}`}
        title={t('province.chartTitle', { dimension: measure })}
        subtitle={subtitle}
        legend={trajectoryLegend(t, series)}
        source={source}
        filename={safeFilename(tr.province.nameEn, d, tr.asOf)}
        table={{ columns: trajectoryColumns(t, lang), rows, rowKey: (r) => r.period }}
        notes={notes}
        aside={
          <SeriesAside
            series={province}
            row={rowAt(rows, active ?? tr.asOf)}
            plan={tr.plan}
            testId={`aside-${d}`}
          />
        }
      >
        {source.reported ? null : <p className="no-data-note">{t('province.noTrajectory')}</p>}
        <ScopeNote tr={tr} />
        <TrajectoryChart
          rows={rows}
          markers={trajectoryMarkers(rows)}
          notYetDue={notYetDueSpan(rows)}
          series={series}
          onActivePeriod={setActive}
          highlight={tr.asOf}
          testId={`trajectory-${d}`}
          ariaLabel={`${measure} — ${subtitle}`}
        />
      </ChartFrame>
      {cohorts.length ? (
        <ChartFrame
          testId={`chart-cohorts-${d}`}
          title={t('province.cohortTitle', { dimension: measure })}
          subtitle={subtitle}
          legend={trajectoryLegend(t, series)}
          source={source}
          filename={safeFilename(tr.province.nameEn, d, 'cohorts', tr.asOf)}
          table={{
            columns: [
              { key: 'series', header: t('plan.cohort'), value: (r: CohortRow) => r.series },
              ...trajectoryColumns(t, lang),
            ],
            rows: cohorts.flatMap((c) =>
              trajectoryRows(c, tr.asOf).map(
                (r): CohortRow => ({ ...r, series: lang === 'en' ? c.nameEn : c.nameZh }),
              ),
            ),
            rowKey: (r) => `${r.series}|${r.period}`,
          }}
        >
          <div className="small-multiples">
            {cohorts.map((c) => {
              const cr = trajectoryRows(c, tr.asOf);
              return (
                <div key={c.key} className="small-multiple">
                  <h4 data-svg-text="">{lang === 'en' ? c.nameEn : c.nameZh}</h4>
                  <StatusBadge status={c.status.status} overdue={c.status.overdue} />
                  <TrajectoryChart
                    rows={cr}
                    markers={trajectoryMarkers(cr)}
                    notYetDue={notYetDueSpan(cr)}
                    series={series}
                    compact
                    height={180}
                    testId={`trajectory-${d}-${c.key}`}
                    ariaLabel={`${lang === 'en' ? c.nameEn : c.nameZh}: ${measure}`}
                  />
                </div>
              );
            })}
          </div>
        </ChartFrame>
      ) : null}
    </>
  );
}
type CohortRow = ReturnType<typeof trajectoryRows>[number] & { series: string };

/** The province figure rolls up only the regions the plan binds (Hunan's 省本级 is not a 市州): say so. */
function ScopeNote({ tr }: { tr: TrajectoryResponse }) {
  const { t, lang } = useT();
  if (!tr.plan || tr.provinceScope.leftOut.length === 0) return null;
  const names = tr.provinceScope.leftOut.map((code) => {
    const s = tr.series.find((x) => x.scope === 'region' && x.key === code);
    return s ? (lang === 'en' ? s.nameEn : s.nameZh) : code;
  });
  return (
    <p className="scope-note" data-testid="scope-note">
      {t('province.scopeNote', {
        count: tr.provinceScope.regions.length,
        leftOut: names.join(lang === 'en' ? ', ' : '、'),
      })}
    </p>
  );
}
