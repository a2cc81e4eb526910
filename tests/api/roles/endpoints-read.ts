/** The matrix rows that only read: the dashboards (open to all), the session, and drafts. */
import { DRAFT, draftReaders, type Endpoint, everyone, HN, LN, SUBMITTED } from './matrix.ts';

/** What the public dashboards read: open to everyone unless PUBLIC_DASHBOARD=false. */
export const dashboards: Endpoint[] = [
  {
    name: 'GET /health',
    route: 'GET /api/health',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/health' }),
  },
  {
    name: 'GET /provinces',
    route: 'GET /api/provinces',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/provinces' }),
  },
  {
    name: 'GET /provinces/:code/regions',
    route: 'GET /api/provinces/{code}/regions',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/regions` }),
  },
  {
    name: 'GET /provinces/:code/plan',
    route: 'GET /api/provinces/{code}/plan',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/plan` }),
  },
  {
    name: 'GET /plans/national',
    route: 'GET /api/plans/national',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/plans/national' }),
  },
  {
    name: 'GET /plans/:slug/versions',
    route: 'GET /api/plans/{slug}/versions',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/plans/liaoning-2022-1/versions' }),
  },
  {
    name: 'GET /plans/:slug/history',
    route: 'GET /api/plans/{slug}/history',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/plans/liaoning-2022-1/history' }),
  },
  {
    name: 'GET /plans/:slug/ambition',
    route: 'GET /api/plans/{slug}/ambition',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/plans/liaoning-2022-1/ambition' }),
  },
  {
    name: 'GET /provinces/:code/progress',
    route: 'GET /api/provinces/{code}/progress',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/progress` }),
  },
  {
    name: 'GET /provinces/:code/progress?format=csv',
    route: 'GET /api/provinces/{code}/progress',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/progress?format=csv` }),
  },
  {
    name: 'GET /provinces/:code/trajectory',
    route: 'GET /api/provinces/{code}/trajectory',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/trajectory?dimension=institutions` }),
  },
  {
    name: 'GET /comparison',
    route: 'GET /api/comparison',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/comparison?period=${SUBMITTED}` }),
  },
  {
    name: 'GET /comparison?format=csv',
    route: 'GET /api/comparison',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/comparison?period=${SUBMITTED}&format=csv` }),
  },
  {
    name: 'GET /national',
    route: 'GET /api/national',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/national?dimension=regions' }),
  },
  {
    name: 'GET /completeness',
    route: 'GET /api/completeness',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/completeness?period=${SUBMITTED}` }),
  },
  {
    name: 'GET /provinces/:code/timeline',
    route: 'GET /api/provinces/{code}/timeline',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/timeline` }),
  },
  {
    name: 'GET /reports',
    route: 'GET /api/reports',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/reports' }),
  },
  {
    name: 'GET a submitted report',
    route: 'GET /api/provinces/{code}/reports/{period}',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/reports/${SUBMITTED}` }),
  },
  {
    name: 'GET the history of a submitted report',
    route: 'GET /api/provinces/{code}/reports/{period}/history',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/reports/${SUBMITTED}/history` }),
  },
  {
    name: 'GET the institutions of a submitted report',
    route: 'GET /api/provinces/{code}/reports/{period}/institutions',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/reports/${SUBMITTED}/institutions` }),
  },
  {
    name: 'GET the institution template',
    route: 'GET /api/provinces/{code}/reports/{period}/institutions/template',
    expect: everyone(200),
    call: () => ({
      method: 'GET',
      url: `/api/provinces/${LN}/reports/${DRAFT}/institutions/template?format=csv`,
    }),
  },
  {
    name: 'GET the quarterly template',
    route: 'GET /api/provinces/{code}/reports/{period}/template',
    expect: everyone(200),
    call: () => ({
      method: 'GET',
      url: `/api/provinces/${LN}/reports/${DRAFT}/template?format=csv`,
    }),
  },
];

/** The session, and drafts: readable by the province's editors, reviewers and admins only. */
export const readEndpoints: Endpoint[] = [
  {
    name: 'GET /auth/session',
    route: 'GET /api/auth/session',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/auth/session' }),
  },

  {
    name: "GET 辽宁's draft report",
    route: 'GET /api/provinces/{code}/reports/{period}',
    expect: draftReaders('editorLN'),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/reports/${DRAFT}` }),
  },
  {
    name: "GET the history of 辽宁's draft",
    route: 'GET /api/provinces/{code}/reports/{period}/history',
    expect: draftReaders('editorLN'),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/reports/${DRAFT}/history` }),
  },
  {
    name: "GET the institutions of 辽宁's draft",
    route: 'GET /api/provinces/{code}/reports/{period}/institutions',
    expect: draftReaders('editorLN'),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/reports/${DRAFT}/institutions` }),
  },
  {
    name: "GET 湖南's draft report",
    route: 'GET /api/provinces/{code}/reports/{period}',
    expect: draftReaders('editorHN'),
    call: () => ({ method: 'GET', url: `/api/provinces/${HN}/reports/${DRAFT}` }),
  },
];
