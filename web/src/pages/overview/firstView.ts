/**
 * What the overview's first view needs, asked for as soon as the province list is in rather
 * than after React has drawn the page that asks: the period's comparison and completeness, the
 * 全国 series on the chosen dimension, and the 全国 chart's code (Recharts), which loads while
 * the answers are on their way.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Dimension } from '../../../../server/domain/types.ts';
import type { ProvinceSummary } from '../../api/client.ts';
import { queries } from '../../api/queries.ts';
import { effectivePeriod, lastFullQuarter, latestReported } from '../../state/periods.ts';
import { DIMENSION_KEYS, type ViewState } from '../../state/viewState.ts';

/** The newest reported quarter (the picker's "latest"), and the period the view shows. */
export function overviewPeriod(provinces: ProvinceSummary[], asked: string | null) {
  const latest = latestReported(provinces) ?? lastFullQuarter(new Date());
  return { latest, period: effectivePeriod(asked, latest) };
}

export const loadNationalChart = () => import('../../charts/NationalChart.tsx');

export async function prefetchOverview(client: QueryClient, view: ViewState): Promise<void> {
  void loadNationalChart();
  // the 全国 series does not depend on the period: asked for without waiting for the provinces
  void client.prefetchQuery(queries.national(view.dimension));
  let provinces: ProvinceSummary[];
  try {
    provinces = await client.fetchQuery(queries.provinces());
  } catch {
    return; // the page shows the error and its retry
  }
  const { period } = overviewPeriod(provinces, view.period);
  void client.prefetchQuery(queries.comparison(period));
  void client.prefetchQuery(queries.completeness(period));
}

/**
 * Once the first view is drawn, the 全国 series of the other dimensions (a few KB each): a
 * dimension switch then redraws at once, instead of showing "loading" in the chart's place and
 * moving the page while the series is fetched. Fresh answers are not asked for again.
 */
export function prefetchOtherDimensions(client: QueryClient, shown: Dimension): void {
  for (const d of DIMENSION_KEYS) if (d !== shown) void client.prefetchQuery(queries.national(d));
}
