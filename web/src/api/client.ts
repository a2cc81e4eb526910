/**
 * Typed client of the tracker's API. Response types are the server's own (TypeBox Static
 * types, imported type-only), never redeclared here.
 */

import type { Static } from 'typebox';
import type { FieldProblem } from '../../../server/domain/problem.ts';
import type { Dimension, Subset } from '../../../server/domain/types.ts';
import type {
  ComparisonResponse,
  CompletenessResponse,
} from '../../../server/modules/comparison/schemas.ts';
import type { SavedInstitutionsDto } from '../../../server/modules/institutions/schemas.ts';
import type {
  NationalPoint,
  NationalResponse,
  PublishedPoint,
} from '../../../server/modules/national/schemas.ts';
import type { PlanContentBody } from '../../../server/modules/plans/plan-file.ts';
import type {
  PlanCompareDto,
  PlanResponse,
  PlanVersionDto,
} from '../../../server/modules/plans/schemas.ts';
import type { ProvinceSummary, RegionDto } from '../../../server/modules/provinces/schemas.ts';
import type {
  HistorySchema,
  ReportDto,
  ReportListItemDto,
  ReportRowBody,
} from '../../../server/modules/reports/schemas.ts';
import type {
  RegionTimelineDto,
  TimelineCorrection,
} from '../../../server/modules/timeline/schemas.ts';
import { expandTrajectory } from '../../../server/modules/trajectory/compact.ts';
import type {
  TrajectoryResponse,
  TrajectoryWire,
} from '../../../server/modules/trajectory/schemas.ts';
import type {
  NewUser,
  SessionDto,
  UserDto,
  UserPatch,
} from '../../../server/modules/users/schemas.ts';

export type {
  ComparisonResponse,
  CompletenessResponse,
  NationalPoint,
  NationalResponse,
  NewUser,
  PlanCompareDto,
  PlanContentBody,
  PlanResponse,
  PlanVersionDto,
  ProvinceSummary,
  PublishedPoint,
  RegionDto,
  RegionTimelineDto,
  ReportDto,
  ReportListItemDto,
  ReportRowBody,
  SessionDto,
  TimelineCorrection,
  TrajectoryResponse,
  UserDto,
  UserPatch,
};
export type HistoryEntry = Static<typeof HistorySchema>[number];
/** One field at fault (or warned about): the server's one declaration (server/domain/problem.ts). */
export type { FieldProblem };

/** An `application/problem+json` answer, with the server's Chinese and English messages and the fields at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly fields: FieldProblem[] = [],
    /** the whole answer, e.g. a 409's `current` report */
    readonly body: unknown = null,
  ) {
    super(en);
    this.name = 'ApiError';
  }
}

export type Fetcher = (path: string, signal?: AbortSignal) => Promise<unknown>;

async function parseAnswer(res: Response): Promise<unknown> {
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const p = (body ?? {}) as {
      code?: string;
      zh?: string;
      en?: string;
      title?: string;
      detail?: string;
      errors?: FieldProblem[];
    };
    const fallback = `HTTP ${res.status}`;
    throw new ApiError(
      res.status,
      p.code ?? 'http',
      p.zh ?? p.detail ?? fallback,
      p.en ?? p.title ?? fallback,
      Array.isArray(p.errors) ? p.errors : [],
      body,
    );
  }
  return body;
}

async function httpGet(path: string, signal?: AbortSignal): Promise<unknown> {
  return parseAnswer(await fetch(path, { signal, headers: { accept: 'application/json' } }));
}

// The session's CSRF token, echoed in `x-csrf-token` on every write (kept in memory only; see session.ts).
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

interface SendOptions {
  json?: unknown;
  form?: FormData;
  /** the report version the user edited; sent as `If-Match: "<version>"` */
  ifMatch?: number | null;
}

/** A write (or a read that must not come from a cache): same problem handling as reads, plus CSRF and If-Match. */
async function send<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  { json, form, ifMatch }: SendOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (ifMatch != null) headers['if-match'] = `"${ifMatch}"`;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const body = form ?? (json !== undefined ? JSON.stringify(json) : undefined);
  return (await parseAnswer(
    await fetch(path, { method, headers, body, cache: 'no-store', credentials: 'same-origin' }),
  )) as T;
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
  trajectory: (code: string, dimension: Dimension, asOf?: string | null, subset?: Subset | null) =>
    `/api/provinces/${code}/trajectory?dimension=${dimension}${asOf ? `&asOf=${asOf}` : ''}${subset ? `&subset=${subset}` : ''}`,
  comparison: (period: string, dimension: Dimension | 'all' = 'all') =>
    `/api/comparison?period=${period}&dimension=${dimension}`,
  completeness: (period: string) => `/api/completeness?period=${period}`,
  national: (dimension: Dimension) => `/api/national?dimension=${dimension}`,
  report: (code: string, period: string) => `/api/provinces/${code}/reports/${period}`,
};

export const api = {
  provinces: (signal?: AbortSignal) => get<ProvinceSummary[]>(paths.provinces(), signal),
  regions: (code: string, signal?: AbortSignal) => get<RegionDto[]>(paths.regions(code), signal),
  plan: (code: string, signal?: AbortSignal) => get<PlanResponse>(paths.plan(code), signal),
  nationalPlan: (signal?: AbortSignal) => get<PlanResponse>(paths.nationalPlan(), signal),
  /** sent with each target once (points refer to it); expanded here so points carry their targets */
  trajectory: async (
    code: string,
    dimension: Dimension,
    asOf?: string | null,
    signal?: AbortSignal,
    subset?: Subset | null,
  ): Promise<TrajectoryResponse> =>
    expandTrajectory(
      await get<TrajectoryWire>(paths.trajectory(code, dimension, asOf, subset), signal),
    ),
  comparison: (period: string, dimension: Dimension | 'all' = 'all', signal?: AbortSignal) =>
    get<ComparisonResponse>(paths.comparison(period, dimension), signal),
  completeness: (period: string, signal?: AbortSignal) =>
    get<CompletenessResponse>(paths.completeness(period), signal),
  national: (dimension: Dimension, signal?: AbortSignal) =>
    get<NationalResponse>(paths.national(dimension), signal),
};

/** Sign-in and the session (the cookie is HttpOnly; the CSRF token comes back in the answer). */
export const authApi = {
  session: () => send<SessionDto>('GET', '/api/auth/session'),
  signIn: (username: string, password: string) =>
    send<SessionDto>('POST', '/api/auth/sign-in', { json: { username, password } }),
  signOut: () => send<null>('POST', '/api/auth/sign-out'),
  /** sign-in step two: the authenticator's code */
  secondFactor: (code: string) =>
    send<SessionDto>('POST', '/api/auth/second-factor', { json: { code } }),
  startEnrollment: () =>
    send<{ secret: string; uri: string }>('POST', '/api/auth/second-factor/enrollment'),
  confirmEnrollment: (code: string) =>
    send<SessionDto>('POST', '/api/auth/second-factor/enrollment/confirm', { json: { code } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    send<SessionDto>('POST', '/api/auth/password', { json: { currentPassword, newPassword } }),
};

type ReviewAction = 'submit' | 'accept' | 'return';

/** The review queue's filters (GET /api/reports): each left out means "any". */
export interface ReportFilter {
  status?: ReportDto['status'];
  province?: string;
  overdue?: boolean;
}

/** The quarterly report workflow. Reads bypass the shared cache: a report changes under the reader's eyes. */
export const reportsApi = {
  list: (f: ReportFilter) => {
    const q = new URLSearchParams();
    if (f.status) q.set('status', f.status);
    if (f.province) q.set('province', f.province);
    if (f.overdue !== undefined) q.set('overdue', String(f.overdue));
    return send<ReportListItemDto[]>('GET', `/api/reports?${q}`);
  },
  get: (code: string, period: string) => send<ReportDto>('GET', paths.report(code, period)),
  /** null when the quarter has no report yet */
  find: (code: string, period: string) =>
    reportsApi
      .get(code, period)
      .catch((e: unknown) =>
        e instanceof ApiError && e.status === 404 ? null : Promise.reject(e),
      ),
  history: (code: string, period: string) =>
    send<HistoryEntry[]>('GET', `${paths.report(code, period)}/history`),
  save: (code: string, period: string, rows: ReportRowBody[], version: number | null) =>
    send<ReportDto>('PUT', paths.report(code, period), { json: { rows }, ifMatch: version }),
  transition: (
    code: string,
    period: string,
    action: ReviewAction,
    version: number,
    comment?: string,
  ) =>
    send<ReportDto>('POST', `${paths.report(code, period)}/${action}`, {
      json: comment ? { comment } : {},
      ifMatch: version,
    }),
  comment: (code: string, period: string, body: string) =>
    send<ReportDto>('POST', `${paths.report(code, period)}/comments`, { json: { body } }),
  import: (code: string, period: string, file: File, version: number | null) => {
    const form = new FormData();
    form.append('file', file);
    return send<ReportDto>('POST', `${paths.report(code, period)}/import`, {
      form,
      ifMatch: version,
    });
  },
  templateHref: (code: string, period: string, format: 'xlsx' | 'csv') =>
    `${paths.report(code, period)}/template?format=${format}`,
};

/** Institution figures of a quarter (机构明细): the sheet in and out. */
export const institutionsApi = {
  import: (code: string, period: string, file: File, version: number) => {
    const form = new FormData();
    form.append('file', file);
    return send<SavedInstitutionsDto>('POST', `${paths.report(code, period)}/institutions/import`, {
      form,
      ifMatch: version,
    });
  },
  templateHref: (code: string, period: string, format: 'xlsx' | 'csv') =>
    `${paths.report(code, period)}/institutions/template?format=${format}`,
  exportHref: (code: string, period: string) =>
    `${paths.report(code, period)}/institutions?format=csv`,
};

/** A plan version as revision content (`GET /api/plans/:slug/content`). */
export interface VersionContent {
  versionId: number;
  version: number;
  content: PlanContentBody;
}
/** What an admin manages: accounts, plan revisions, region timelines (the same API and permissions). */
export const adminApi = {
  users: () => send<UserDto[]>('GET', '/api/users'),
  createUser: (user: NewUser) => send<UserDto>('POST', '/api/users', { json: user }),
  updateUser: (id: number, patch: UserPatch) =>
    send<UserDto>('PATCH', `/api/users/${id}`, { json: patch }),
  planVersions: (slug: string) => send<PlanVersionDto[]>('GET', `/api/plans/${slug}/versions`),
  planContent: (slug: string) =>
    send<{ published: VersionContent | null; draft: VersionContent | null }>(
      'GET',
      `/api/plans/${slug}/content`,
    ),
  /** `draftId`: the draft's versionId as read (its ETag); null to start a draft */
  saveDraft: (slug: string, content: PlanContentBody, draftId: number | null) =>
    send<{ version: number; etag?: string }>('PUT', `/api/plans/${slug}/draft`, {
      json: content,
      ifMatch: draftId,
    }),
  compare: (slug: string) => send<PlanCompareDto>('GET', `/api/plans/${slug}/compare`),
  publish: (slug: string, draftId: number) =>
    send<{ version: number }>('POST', `/api/plans/${slug}/publish`, { ifMatch: draftId }),
  timeline: (code: string) => send<RegionTimelineDto[]>('GET', `/api/provinces/${code}/timeline`),
  correct: (regionCode: string, correction: TimelineCorrection) =>
    send<{ id: number }>('POST', `/api/regions/${regionCode}/events`, { json: correction }),
  retract: (regionCode: string, id: number) =>
    send<null>('DELETE', `/api/regions/${regionCode}/events/${id}`),
};

/** Server-side downloads of the same figures (`format=csv|xlsx`), for a "download all data" link. */
export function downloadHref(path: string, format: 'csv' | 'xlsx', lang: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}format=${format}&lang=${lang}`;
}
