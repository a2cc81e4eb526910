/** The national (全国) answer → the rows its chart, table view and CSV draw (one per quarter). */
import type { NationalResponse, PublishedPoint } from '../../../server/modules/national/schemas.ts';

export interface NationalRow {
  period: string;
  /** the country's actual coverage, % (null: no province reported) */
  actual: number | null;
  numerator: string | null;
  denominator: string | null;
  nationalPlanned: number | null;
  nationalOwed: number | null;
  provincesReported: number;
  regionsReported: number;
  demoProvinces: number;
  /** NHSA's published figures drawn at this quarter */
  published: PublishedPoint[];
  /** the value drawn for them (the first, when two fall in one quarter) */
  publishedValue: number | null;
}

export function nationalRows(res: NationalResponse): NationalRow[] {
  const byPeriod = new Map<string, PublishedPoint[]>();
  for (const f of res.published) byPeriod.set(f.period, [...(byPeriod.get(f.period) ?? []), f]);
  // a figure published for a quarter outside the points still shows: the range is widened to it
  const periods = [...new Set([...res.points.map((p) => p.period), ...byPeriod.keys()])].sort();
  const pointOf = new Map(res.points.map((p) => [p.period, p]));
  return periods.map((period) => {
    const p = pointOf.get(period);
    const published = byPeriod.get(period) ?? [];
    return {
      period,
      actual: p?.actual?.pct ?? null,
      numerator: p?.actual?.numerator ?? null,
      denominator: p?.actual?.denominator ?? null,
      nationalPlanned: p?.nationalPlanned ?? null,
      nationalOwed: p?.nationalOwed ?? null,
      provincesReported: p?.provincesReported ?? 0,
      regionsReported: p?.regionsReported ?? 0,
      demoProvinces: p?.demoProvinces ?? 0,
      published,
      publishedValue: published[0]?.value ?? null,
    };
  });
}

/** "> 90 %", "≥ 95 %", "80 %": a published value with its bound. */
export function publishedValueText(
  f: Pick<PublishedPoint, 'value' | 'bound'>,
  t: (k: string) => string,
): string {
  const bound =
    f.bound === 'above'
      ? `${t('national.boundAbove')} `
      : f.bound === 'atLeast'
        ? `${t('national.boundAtLeast')} `
        : '';
  return `${bound}${f.value}%`;
}

export const definitionKey = (d: PublishedPoint['definition']) =>
  d === 'same'
    ? 'national.definitionSame'
    : d === 'different'
      ? 'national.definitionDifferent'
      : 'national.definitionUnclear';
