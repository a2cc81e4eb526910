/** Compare provinces: small multiples on one dimension, each province against its own targets (and the national minimum). */
import { useQueries, useQuery } from '@tanstack/react-query';
import type { ProvinceSummary, TrajectoryResponse } from '../api/client.ts';
import { combineAll, queries } from '../api/queries.ts';
import { ChartFrame } from '../charts/ChartFrame.tsx';
import { compareColumns } from '../charts/columns.ts';
import { safeFilename } from '../charts/export.ts';
import { StatusBadge } from '../charts/StatusBadge.tsx';
import { notYetDueSpan, trajectoryMarkers, trajectoryRows } from '../charts/shape.ts';
import { TrajectoryChart, trajectoryLegend } from '../charts/TrajectoryChart.tsx';
import { formatPeriod } from '../i18n/format.ts';
import { useT } from '../i18n/useT.ts';
import {
  effectivePeriod,
  lastFullQuarter,
  latestReported,
  periodOptions,
} from '../state/periods.ts';
import type { UpdateView } from '../state/useViewState.ts';
import type { ViewState } from '../state/viewState.ts';
import { DimensionPicker, LoadState, PeriodPicker } from './controls.tsx';

export default function ComparePage({ view, update }: { view: ViewState; update: UpdateView }) {
  const { t } = useT();
  const provinces = useQuery(queries.provinces());
  return (
    <section aria-labelledby="compare-heading" data-testid="page-compare">
      <h2 id="compare-heading">{t('compare.heading')}</h2>
      <LoadState loaded={provinces} testId="provinces">
        {(list) => <Compare provinces={list} view={view} update={update} />}
      </LoadState>
    </section>
  );
}

/** With nothing picked yet, the provinces that have a plan of their own. */
export function defaultCompareSet(
  provinces: Pick<ProvinceSummary, 'code' | 'hasPlan'>[],
): string[] {
  return provinces
    .filter((p) => p.hasPlan)
    .map((p) => p.code)
    .slice(0, 6);
}

function Compare({
  provinces,
  view,
  update,
}: {
  provinces: ProvinceSummary[];
  view: ViewState;
  update: UpdateView;
}) {
  const { t, lang } = useT();
  const known = new Set(provinces.map((p) => p.code));
  const chosen = (view.compare.length ? view.compare : defaultCompareSet(provinces)).filter((c) =>
    known.has(c),
  );
  const latest = latestReported(provinces) ?? lastFullQuarter(new Date());
  const asOf = view.period ? effectivePeriod(view.period, latest) : null;
  const toggle = (code: string) =>
    update({
      compare: chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code],
    });

  return (
    <>
      <div className="controls">
        <DimensionPicker
          value={view.dimension}
          onChange={(dimension) => update({ dimension })}
          testId="compare-dimension"
        />
        <PeriodPicker
          value={view.period}
          options={periodOptions(latest)}
          latest={latest}
          onChange={(p) => update({ period: p })}
        />
      </div>
      <fieldset className="province-picker" data-testid="compare-picker">
        <legend>{t('compare.pick')}</legend>
        <button type="button" onClick={() => update({ compare: defaultCompareSet(provinces) })}>
          {t('compare.selectAll')}
        </button>{' '}
        <button type="button" onClick={() => update({ compare: [] })} data-testid="compare-clear">
          {t('compare.clear')}
        </button>
        {[true, false].map((withPlan) => (
          // biome-ignore lint/a11y/useSemanticElements: a labelled group of checkboxes laid out as a grid; fieldset's legend layout is not wanted
          <div key={String(withPlan)} role="group" aria-labelledby={`compare-group-${withPlan}`}>
            <p className="checkbox-group-title" id={`compare-group-${withPlan}`}>
              {withPlan ? t('compare.withPlan') : t('plan.noPlan')}
            </p>
            <div className="checkbox-grid">
              {provinces
                .filter((p) => p.hasPlan === withPlan)
                .map((p) => (
                  <label key={p.code}>
                    <input
                      type="checkbox"
                      checked={chosen.includes(p.code)}
                      onChange={() => toggle(p.code)}
                      data-testid={`compare-${p.code}`}
                    />
                    {lang === 'en' ? p.nameEn : p.nameZh}
                  </label>
                ))}
            </div>
          </div>
        ))}
      </fieldset>
      {chosen.length === 0 ? (
        <p>{t('compare.empty')}</p>
      ) : (
        <SmallMultiples codes={chosen} view={view} asOf={asOf} />
      )}
    </>
  );
}

function SmallMultiples({
  codes,
  view,
  asOf,
}: {
  codes: string[];
  view: ViewState;
  asOf: string | null;
}) {
  const loaded = useQueries({
    queries: codes.map((c) => queries.trajectory(c, view.dimension, asOf)),
    combine: combineAll,
  });
  return (
    <LoadState loaded={loaded} testId="compare">
      {(trs) => <CompareFrame trs={trs} view={view} />}
    </LoadState>
  );
}

function CompareFrame({ trs, view }: { trs: TrajectoryResponse[]; view: ViewState }) {
  const { t, lang } = useT();
  const d = view.dimension;
  const from =
    trs
      .map((x) => x.periods[0])
      .filter((p): p is string => !!p)
      .sort()[0] ?? trs[0]!.asOf;
  const to = trs
    .map((x) => x.asOf)
    .sort()
    .at(-1)!;
  const rows = trs.flatMap((tr) => {
    const s = tr.series.find((x) => x.scope === 'province');
    return s
      ? trajectoryRows(s, tr.asOf).map((r) => ({
          ...r,
          province: lang === 'en' ? tr.province.nameEn : tr.province.nameZh,
          document: tr.plan?.documentNumber ?? null,
        }))
      : [];
  });
  return (
    <ChartFrame
      testId="chart-compare"
      title={t('compare.chartTitle', { dimension: t(`dimensionLong.${d}`) })}
      subtitle={t('compare.chartSubtitle', {
        from: formatPeriod(from, lang),
        to: formatPeriod(to, lang),
      })}
      legend={trajectoryLegend(t)}
      source={{
        provinces: trs.map((x) => x.province),
        period: [from, to],
        isDemo: trs.some((x) => x.isDemo),
        documents: trs.flatMap((x) => (x.plan ? [x.plan.documentNumber] : [])),
        national: trs[0]!.national.documentNumber,
      }}
      filename={safeFilename('compare', d, trs.map((x) => x.province.code).join('-'), to)}
      table={{ columns: compareColumns(t, lang), rows, rowKey: (r) => `${r.province}|${r.period}` }}
    >
      <div className="small-multiples">
        {trs.map((tr) => {
          const s = tr.series.find((x) => x.scope === 'province');
          const name = lang === 'en' ? tr.province.nameEn : tr.province.nameZh;
          if (!s) return null;
          const r = trajectoryRows(s, tr.asOf);
          return (
            <div key={tr.province.code} className="small-multiple" data-province={tr.province.code}>
              <h4 data-svg-text="">{name}</h4>
              <p className="small-multiple-meta" data-svg-text="">
                {tr.plan ? tr.plan.documentNumber : t('plan.noPlan')}
              </p>
              <StatusBadge status={s.status.status} />
              <TrajectoryChart
                rows={r}
                markers={trajectoryMarkers(r)}
                notYetDue={notYetDueSpan(r)}
                series={tr.plan ? undefined : ['nationalOwed', 'actual']}
                compact
                height={190}
                testId={`compare-${tr.province.code}`}
                ariaLabel={`${name}: ${t(`dimensionLong.${d}`)}`}
              />
            </div>
          );
        })}
      </div>
    </ChartFrame>
  );
}
