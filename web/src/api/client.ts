/**
 * Typed client of the tracker's API. Response types are the server's own (TypeBox Static
 * types, imported type-only), never redeclared here.
 */
import type { Dimension } from '../../../server/domain/types.ts';
import type { ComparisonResponse, CompletenessResponse } from '../../../server/modules/comparison/schemas.ts';
import type { PlanResponse } from '../../../server/modules/plans/schemas.ts';
import type { ProvinceSummary, RegionDto } from '../../../server/modules/provinces/schemas.ts';
import type { TrajectoryResponse } from '../../../server/modules/trajectory/schemas.ts';

export type { ComparisonResponse, CompletenessResponse, PlanResponse, ProvinceSummary, RegionDto, TrajectoryResponse };

/** An `application/problem+json` answer, with the server's Chinese and English messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'ApiError';
  }
}

export type Fetcher = (path: string, signal?: AbortSignal) => Promise<unknown>;

async function httpGet(path: string, signal?: AbortSignal): Promise<unknown> {
  const res = await fetch(path, { signal, headers: { accept: 'application/json' } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const p = (body ?? {}) as { code?: string; zh?: string; en?: string; title?: string; detail?: string };
    const fallback = `HTTP ${res.status}`;
    throw new ApiError(res.status, p.code ?? 'http', p.zh ?? p.detail ?? fallback, p.en ?? p.title ?? fallback);
  }
  return body;
}

let fetcher: Fetcher = httpGet;
/** Swaps the transport (fixtures in development, see `main.tsx`). */
export function setFetcher(f: Fetcher) {
  fetcher = f;
}

const get = <T>(path: string, signal?: AbortSignal) => fetcher(path, signal) as Promise<T>;

export const paths = {
  provinces: () => '/api/provinces',
  regions: (code: string) => `/api/provinces/${code}/regions`,
  plan: (code: string) => `/api/provinces/${code}/plan`,
  nationalPlan: () => '/api/plans/national',
  trajectory: (code: string, dimension: Dimension, asOf?: string | null) => `/api/provinces/${code}/trajectory?dimension=${dimension}${asOf ? `&asOf=${asOf}` : ''}`,
  comparison: (period: string, dimension: Dimension | 'all' = 'all') => `/api/comparison?period=${period}&dimension=${dimension}`,
  completeness: (period: string) => `/api/completeness?period=${period}`,
};

export const api = {
  provinces: (signal?: AbortSignal) => get<ProvinceSummary[]>(paths.provinces(), signal),
  regions: (code: string, signal?: AbortSignal) => get<RegionDto[]>(paths.regions(code), signal),
  plan: (code: string, signal?: AbortSignal) => get<PlanResponse>(paths.plan(code), signal),
  nationalPlan: (signal?: AbortSignal) => get<PlanResponse>(paths.nationalPlan(), signal),
  trajectory: (code: string, dimension: Dimension, asOf?: string | null, signal?: AbortSignal) => get<TrajectoryResponse>(paths.trajectory(code, dimension, asOf), signal),
  comparison: (period: string, dimension: Dimension | 'all' = 'all', signal?: AbortSignal) => get<ComparisonResponse>(paths.comparison(period, dimension), signal),
  completeness: (period: string, signal?: AbortSignal) => get<CompletenessResponse>(paths.completeness(period), signal),
};

/** Server-side downloads of the same figures (`format=csv|xlsx`), for a "download all data" link. */
export function downloadHref(path: string, format: 'csv' | 'xlsx', lang: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}format=${format}&lang=${lang}`;
}
