/**
 * The web's server state, through TanStack Query. `keys` is the one factory of query keys
 * (a key is a tuple that starts with its area, so a prefix names a whole area); `queries`
 * binds each key to its loader and answer type, so `useQuery(queries.trajectory(…))` and
 * `queryClient.getQueryData(keys.trajectory(…))` are typed alike. Every write is a mutation
 * (see mutations.ts) that names the areas it changes; the mutation cache invalidates them,
 * so every view showing a changed figure loads it again.
 */
import { MutationCache, QueryClient, type QueryKey, queryOptions } from '@tanstack/react-query';
import type { Dimension, Subset } from '../../../server/domain/types.ts';
import { ApiError, adminApi, api, type ReportFilter, reportsApi } from './client.ts';

export const keys = {
  provinces: () => ['provinces'] as const,
  regions: (code: string) => ['regions', code] as const,
  plans: () => ['plans'] as const,
  plan: (code: string) => ['plans', 'province', code] as const,
  nationalPlan: () => ['plans', 'national'] as const,
  trajectories: () => ['trajectory'] as const,
  trajectory: (code: string, dimension: Dimension, asOf: string | null, subset?: Subset | null) =>
    ['trajectory', code, dimension, asOf ?? 'latest', subset ?? 'all'] as const,
  comparisons: () => ['comparison'] as const,
  comparison: (period: string, dimension: Dimension | 'all') =>
    ['comparison', period, dimension] as const,
  nationalAll: () => ['national'] as const,
  national: (dimension: Dimension) => ['national', dimension] as const,
  completenessAll: () => ['completeness'] as const,
  completeness: (period: string) => ['completeness', period] as const,
  reports: () => ['reports'] as const,
  reportList: (f: ReportFilter) =>
    ['reports', 'list', f.status ?? 'all', f.province ?? 'all', f.overdue ?? 'any'] as const,
  report: (code: string, period: string) => ['reports', 'one', code, period] as const,
  reportHistory: (code: string, period: string) => ['reports', 'history', code, period] as const,
  users: () => ['users'] as const,
  planVersions: (slug: string) => ['plans', 'versions', slug] as const,
  planContent: (slug: string) => ['plans', 'content', slug] as const,
  planCompare: (slug: string) => ['plans', 'compare', slug] as const,
  timelines: () => ['timeline'] as const,
  timeline: (code: string) => ['timeline', code] as const,
};

/** Reports change under a reader's eyes (another editor saves, a reviewer decides): never served from memory on a new view. */
const LIVE = { staleTime: 0 } as const;

export const queries = {
  provinces: () =>
    queryOptions({ queryKey: keys.provinces(), queryFn: ({ signal }) => api.provinces(signal) }),
  regions: (code: string) =>
    queryOptions({
      queryKey: keys.regions(code),
      queryFn: ({ signal }) => api.regions(code, signal),
    }),
  plan: (code: string) =>
    queryOptions({ queryKey: keys.plan(code), queryFn: ({ signal }) => api.plan(code, signal) }),
  nationalPlan: () =>
    queryOptions({
      queryKey: keys.nationalPlan(),
      queryFn: ({ signal }) => api.nationalPlan(signal),
    }),
  trajectory: (code: string, dimension: Dimension, asOf: string | null, subset?: Subset | null) =>
    queryOptions({
      queryKey: keys.trajectory(code, dimension, asOf, subset),
      queryFn: ({ signal }) => api.trajectory(code, dimension, asOf, signal, subset),
    }),
  comparison: (period: string, dimension: Dimension | 'all' = 'all') =>
    queryOptions({
      queryKey: keys.comparison(period, dimension),
      queryFn: ({ signal }) => api.comparison(period, dimension, signal),
    }),
  national: (dimension: Dimension) =>
    queryOptions({
      queryKey: keys.national(dimension),
      queryFn: ({ signal }) => api.national(dimension, signal),
    }),
  completeness: (period: string) =>
    queryOptions({
      queryKey: keys.completeness(period),
      queryFn: ({ signal }) => api.completeness(period, signal),
    }),
  reportList: (filter: ReportFilter) =>
    queryOptions({
      queryKey: keys.reportList(filter),
      queryFn: () => reportsApi.list(filter),
      ...LIVE,
    }),
  /** null: the quarter has no report yet */
  report: (code: string, period: string) =>
    queryOptions({
      queryKey: keys.report(code, period),
      queryFn: () => reportsApi.find(code, period),
      ...LIVE,
    }),
  reportHistory: (code: string, period: string) =>
    queryOptions({
      queryKey: keys.reportHistory(code, period),
      queryFn: () => reportsApi.history(code, period),
      ...LIVE,
    }),
  // what an admin edits is read afresh on each view: another admin may have changed it
  users: () => queryOptions({ queryKey: keys.users(), queryFn: () => adminApi.users(), ...LIVE }),
  planVersions: (slug: string) =>
    queryOptions({
      queryKey: keys.planVersions(slug),
      queryFn: () => adminApi.planVersions(slug),
      ...LIVE,
    }),
  planContent: (slug: string) =>
    queryOptions({
      queryKey: keys.planContent(slug),
      queryFn: () => adminApi.planContent(slug),
      ...LIVE,
    }),
  planCompare: (slug: string) =>
    queryOptions({
      queryKey: keys.planCompare(slug),
      queryFn: () => adminApi.compare(slug),
      ...LIVE,
    }),
  timeline: (code: string) =>
    queryOptions({
      queryKey: keys.timeline(code),
      queryFn: () => adminApi.timeline(code),
      ...LIVE,
    }),
};

/** What a kind of write changes; `'all'` for a change of who is reading (sign-in, sign-out). */
export type Changes = readonly QueryKey[] | 'all';

export const changes = {
  /** a report's figures or state: dashboards, completeness, queues and the report itself */
  report: [
    keys.provinces(),
    keys.reports(),
    keys.trajectories(),
    keys.comparisons(),
    keys.nationalAll(),
    keys.completenessAll(),
  ],
  users: [keys.users()],
  /** a draft: only the plan's own views (versions, content, comparison) */
  planDraft: [keys.plans()],
  /** a published plan moves targets on every chart */
  planPublished: [
    keys.plans(),
    keys.provinces(),
    keys.trajectories(),
    keys.comparisons(),
    keys.completenessAll(),
  ],
  /** a region's clock moves its deadlines on every chart */
  timeline: [keys.timelines(), keys.provinces(), keys.trajectories(), keys.comparisons()],
} satisfies Record<string, Changes>;

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { changes?: Changes };
  }
}

/** Invalidates what a write changed: active views load again (showing the old figures meanwhile), others on their next use. */
export function invalidate(client: QueryClient, what: Changes) {
  if (what === 'all') return client.invalidateQueries();
  return Promise.all(what.map((queryKey) => client.invalidateQueries({ queryKey })));
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    // a mutation that does not say what it changed invalidates everything
    mutationCache: new MutationCache({
      onSuccess: (_data, _vars, _result, mutation, { client }) =>
        invalidate(client, mutation.meta?.changes ?? 'all'),
    }),
    defaultOptions: {
      queries: {
        // reference data and dashboards change only through writes, which invalidate them
        staleTime: 5 * 60_000,
        refetchOnWindowFocus: false,
        // a problem answer (4xx/5xx) is shown at once, with a retry button; a lost connection is tried once more
        retry: (count, error) => !(error instanceof ApiError) && count < 1,
      },
    },
  });
}

/** The page's one client (session changes and the first request reach it outside React). */
export const queryClient = createQueryClient();

/** The part of a query's answer the pages show: data, error and a retry. */
export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  refetch: () => unknown;
}

/** Several queries as one answer (the region table, small multiples): data once all are in, the first error. */
export function combineAll<T>(
  results: { data?: T; error: unknown; refetch: () => unknown }[],
): Loaded<T[]> {
  const error = results.find((r) => r.error)?.error ?? null;
  const done = results.every((r) => r.data !== undefined);
  return {
    data: done ? results.map((r) => r.data as T) : undefined,
    error,
    refetch: () => {
      for (const r of results) if (r.error || r.data === undefined) r.refetch();
    },
  };
}
