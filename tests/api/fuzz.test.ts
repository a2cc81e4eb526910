/**
 * Malformed bodies, generated deterministically (a seeded PRNG: the same cases on every run),
 * sent across the write endpoints by an actor who IS allowed to write, so that only the body
 * is at fault. Every answer must be a 4xx application/problem+json whose `errors` name the
 * field at fault; none a 5xx; and the database must be exactly as it was before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/modules/users/service.ts';
import { planContent } from './fixtures/requests.ts';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

/** mulberry32: a small seeded PRNG, so the generated cases are the same on every run */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}
type Rng = ReturnType<typeof prng>;

interface FuzzCase {
  label: string;
  method: 'POST' | 'PUT' | 'PATCH';
  url: string;
  agent: Agent | null;
  /** a JSON value, or raw text with its content type (invalid JSON, wrong media types) */
  body?: unknown;
  raw?: { payload: string; contentType: string };
  headers?: () => Promise<Record<string, string>>;
  /** the error path expected among `errors[].path` (a prefix) */
  path: string;
  remoteAddress?: string;
}

const LN = '210000';
const DRAFT = '2024Q3'; // complete draft of 辽宁: PUT, submit, comments
const SUBMITTED = '2024Q2'; // submitted report of 辽宁: return, accept
const clone = <T>(v: T): T => structuredClone(v);
const long = (n: number, ch = '长') => ch.repeat(n);

let ctx: TestContext;
let editor: Agent;
let reviewer: Agent;
let admin: Agent;
let patchedUserId: number;
let baseRows: Awaited<ReturnType<typeof validRows>>;
let hunanRegion: string;
let sent = 0;

const ifMatch = (period: string) => async () => {
  const rep = await ctx.db.report.findUniqueOrThrow({
    where: { provinceCode_period: { provinceCode: LN, period } },
  });
  return { 'if-match': `"${rep.version}"` };
};

/** Bodies that are wrong whatever the endpoint: not an object, not JSON, not a JSON media type. */
function shapeless(
  url: string,
  method: FuzzCase['method'],
  agent: Agent | null,
  extra: Partial<FuzzCase> = {},
  opts: { nullAllowed?: boolean } = {},
): FuzzCase[] {
  const c = (label: string, more: Partial<FuzzCase>): FuzzCase => ({
    label,
    method,
    url,
    agent,
    path: '/body',
    ...extra,
    ...more,
  });
  return [
    ...(opts.nullAllowed ? [] : [c('null body', { body: null })]),
    c('an array instead of an object', { body: [{}] }),
    c('a number instead of an object', { body: 42 }),
    c('truncated JSON', { raw: { payload: '{"a": [', contentType: 'application/json' } }),
    c('JSON with single quotes', { raw: { payload: "{'a': 1}", contentType: 'application/json' } }),
    c('an empty JSON body', { raw: { payload: '', contentType: 'application/json' } }),
    c('XML', { raw: { payload: '<report><rows/></report>', contentType: 'application/xml' } }),
    c('a form post', {
      raw: { payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    }),
    c('plain text', { raw: { payload: 'hello', contentType: 'text/plain' } }),
  ];
}

// ------------------------------------------------------------------ quarterly report rows

const COUNTS = [
  'eligibleInstitutions',
  'coveredInstitutions',
  'inpatientCases',
  'groupedCases',
] as const;
const MONEY = ['inpatientFund', 'drgDipFund'] as const;
const REQUIRED = ['regionCode', 'method', 'stage', ...COUNTS, ...MONEY] as const;
type Row = Record<string, unknown>;
/** Each mutation breaks row i and returns the path at fault, relative to /body/rows (`3/groupedCases`). */
type RowMutation = [label: string, apply: (rows: Row[], i: number, rng: Rng) => string];

const cents = (v: unknown) => Math.round(Number(v) * 100);
const rowMutations: RowMutation[] = [
  [
    'a negative count',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = -(1 + rng.int(1e6));
      return `${i}/${f}`;
    },
  ],
  [
    'a fractional count',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = Number(rows[i]![f]) + rng.pick([0.5, 0.25, 0.001]);
      return `${i}/${f}`;
    },
  ],
  [
    'a huge count',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = 100_000_001 + rng.int(1e12);
      return `${i}/${f}`;
    },
  ],
  [
    'a count in words',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = rng.pick(['many', '一百', '12abc', '1,234', '']);
      return `${i}/${f}`;
    },
  ],
  [
    'a count as an object',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = rng.pick([{}, { value: 3 }, [1, 2]]);
      return `${i}/${f}`;
    },
  ],
  [
    'a count as null',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = null;
      return `${i}/${f}`;
    },
  ],
  [
    'a count as true',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = true;
      return `${i}/${f}`;
    },
  ],
  [
    'a count as a one-item array',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = [rng.int(10)];
      return `${i}/${f}`;
    },
  ],
  [
    'a count as blank text',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = ' ';
      return `${i}/${f}`;
    },
  ],
  [
    'covered > eligible',
    (rows, i, rng) => {
      rows[i]!.coveredInstitutions = Number(rows[i]!.eligibleInstitutions) + 1 + rng.int(100);
      return `${i}/coveredInstitutions`;
    },
  ],
  [
    'grouped > cases',
    (rows, i, rng) => {
      rows[i]!.groupedCases = Number(rows[i]!.inpatientCases) + 1 + rng.int(1000);
      return `${i}/groupedCases`;
    },
  ],
  [
    'DRG/DIP fund > inpatient fund',
    (rows, i, rng) => {
      rows[i]!.drgDipFund = ((cents(rows[i]!.inpatientFund) + 1 + rng.int(10_000)) / 100).toFixed(
        2,
      );
      return `${i}/drgDipFund`;
    },
  ],
  [
    'a negative amount',
    (rows, i, rng) => {
      const f = rng.pick(MONEY);
      rows[i]![f] = rng.pick([-1, -0.01, '-12.50']);
      return `${i}/${f}`;
    },
  ],
  [
    'an amount with three decimals',
    (rows, i, rng) => {
      const f = rng.pick(MONEY);
      rows[i]![f] = rng.pick(['12.345', '0.001']);
      return `${i}/${f}`;
    },
  ],
  [
    'an amount that is not a number',
    (rows, i, rng) => {
      const f = rng.pick(MONEY);
      rows[i]![f] = rng.pick([
        'abc',
        '1,234.00',
        '1e5',
        '12.',
        '.5',
        '0x10',
        'NaN',
        'Infinity',
        '',
      ]);
      return `${i}/${f}`;
    },
  ],
  [
    'an amount too large',
    (rows, i, rng) => {
      const f = rng.pick(MONEY);
      rows[i]![f] = rng.pick(['1234567890123', 1e15, '1'.repeat(21)]);
      return `${i}/${f}`;
    },
  ],
  [
    'an amount padded with spaces',
    (rows, i, rng) => {
      const f = rng.pick(MONEY);
      rows[i]![f] = ` ${rows[i]![f]} `;
      return `${i}/${f}`;
    },
  ],
  [
    'an amount as an object',
    (rows, i, rng) => {
      const f = rng.pick(MONEY);
      rows[i]![f] = { yuan: 1 };
      return `${i}/${f}`;
    },
  ],
  [
    'an unknown region',
    (rows, i, rng) => {
      rows[i]!.regionCode = rng.pick(['219999', '000000', 'X', '210100-Z']);
      return `${i}/regionCode`;
    },
  ],
  [
    "another province's region",
    (rows, i) => {
      rows[i]!.regionCode = hunanRegion;
      return `${i}/regionCode`;
    },
  ],
  [
    'an empty region code',
    (rows, i) => {
      rows[i]!.regionCode = '';
      return `${i}/regionCode`;
    },
  ],
  [
    'a 10k-character region code',
    (rows, i) => {
      rows[i]!.regionCode = long(10_000, '2');
      return `${i}/regionCode`;
    },
  ],
  [
    'a region listed twice',
    (rows, i, rng) => {
      const j = (i + 1 + rng.int(rows.length - 1)) % rows.length;
      rows[i]!.regionCode = rows[j]!.regionCode;
      return `${Math.max(i, j)}/regionCode`;
    },
  ],
  [
    'an unknown payment method',
    (rows, i, rng) => {
      rows[i]!.method = rng.pick(['drg', 'PPS', 'DRG/DIP', 7]);
      return `${i}/method`;
    },
  ],
  [
    'an unknown stage',
    (rows, i, rng) => {
      rows[i]!.stage = rng.pick(['finished', '实际付费', 'ACTUAL', '', 3]);
      return `${i}/stage`;
    },
  ],
  [
    'a 10k-character note',
    (rows, i) => {
      rows[i]!.note = long(10_000);
      return `${i}/note`;
    },
  ],
  [
    'a note with a NUL character',
    (rows, i) => {
      rows[i]!.note = '已核对\u0000';
      return `${i}/note`;
    },
  ],
  [
    'an extra field',
    (rows, i, rng) => {
      const f = rng.pick(['period', 'provinceCode', 'coverage', '__proto__x']);
      rows[i]![f] = 1;
      return `${i}/${f}`;
    },
  ],
  [
    'a missing field',
    (rows, i, rng) => {
      const f = rng.pick(REQUIRED);
      delete rows[i]![f];
      return `${i}/${f}`;
    },
  ],
  [
    'one subset figure without the other',
    (rows, i, rng) => {
      const [given, missing] = rng.pick([
        ['subsetEligibleInstitutions', 'subsetCoveredInstitutions'],
        ['subsetCoveredInstitutions', 'subsetEligibleInstitutions'],
      ] as const);
      rows[i]![given] = 5;
      return `${i}/${missing}`;
    },
  ],
  [
    'subset covered > subset eligible',
    (rows, i) => {
      rows[i]!.subsetEligibleInstitutions = 5;
      rows[i]!.subsetCoveredInstitutions = 6;
      return `${i}/subsetCoveredInstitutions`;
    },
  ],
  [
    'subset > eligible',
    (rows, i) => {
      rows[i]!.subsetEligibleInstitutions = Number(rows[i]!.eligibleInstitutions) + 1;
      rows[i]!.subsetCoveredInstitutions = 1;
      return `${i}/subsetEligibleInstitutions`;
    },
  ],
];

function reportCases(): FuzzCase[] {
  const rng = prng(20240930);
  const url = `/api/provinces/${LN}/reports/${DRAFT}`;
  const put = (label: string, body: unknown, path: string, u = url): FuzzCase => ({
    label,
    method: 'PUT',
    url: u,
    agent: editor,
    body,
    path,
    headers: ifMatch(DRAFT),
  });
  const cases: FuzzCase[] = [];
  for (let k = 0; k < 3 * rowMutations.length; k++) {
    const [label, apply] = rowMutations[k % rowMutations.length]!;
    const rows = clone(baseRows) as Row[];
    const i = rng.int(rows.length);
    cases.push(put(`row ${i}: ${label}`, { rows }, `/body/rows/${apply(rows, i, rng)}`));
  }
  cases.push(
    put('no rows', { rows: [] }, '/body/rows'),
    put('rows missing', {}, '/body/rows'),
    put('rows as an object', { rows: baseRows[0] }, '/body/rows'),
    put('rows as text', { rows: 'all regions' }, '/body/rows'),
    put('501 rows', { rows: Array.from({ length: 501 }, () => baseRows[0]) }, '/body/rows'),
    put('a field next to rows', { rows: baseRows, period: '2024Q4' }, '/body/period'),
    put(
      'a row that is null',
      { rows: [...baseRows.slice(1), null] },
      `/body/rows/${baseRows.length - 1}`,
    ),
    put('a row that is a list', { rows: [Object.values(baseRows[0]!)] }, '/body/rows/0'),
    put(
      'a body over 2 MB',
      { rows: baseRows.map((r) => ({ ...r, note: long(400_000, 'x') })) },
      '/body',
    ),
    put('a quarter 5', { rows: baseRows }, '/params/period', `/api/provinces/${LN}/reports/2023Q5`),
    put('a quarter 0', { rows: baseRows }, '/params/period', `/api/provinces/${LN}/reports/2024Q0`),
    put(
      '1999Q1, outside every plan',
      { rows: baseRows },
      '/params/period',
      `/api/provinces/${LN}/reports/1999Q1`,
    ),
    put(
      '2031Q1, outside every plan',
      { rows: baseRows },
      '/params/period',
      `/api/provinces/${LN}/reports/2031Q1`,
    ),
    ...shapeless(url, 'PUT', editor, { headers: ifMatch(DRAFT) }),
  );
  return cases;
}

// ------------------------------------------------------------------ workflow and comments

function transitionCases(): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const [action, agent, period] of [
    ['submit', editor, DRAFT],
    ['return', reviewer, SUBMITTED],
    ['accept', reviewer, SUBMITTED],
  ] as const) {
    const url = `/api/provinces/${LN}/reports/${period}/${action}`;
    const c = (label: string, body: unknown, path: string): FuzzCase => ({
      label: `${action}: ${label}`,
      method: 'POST',
      url,
      agent,
      body,
      path,
      headers: ifMatch(period),
    });
    cases.push(
      c('a 10k-character comment', { comment: long(10_000) }, '/body/comment'),
      c('a comment as an object', { comment: { text: '好' } }, '/body/comment'),
      c('a comment as a list', { comment: ['a', 'b'] }, '/body/comment'),
      c('a comment with a NUL character', { comment: '请核对\u0000' }, '/body/comment'),
      c('an extra field', { comment: '好', status: 'accepted' }, '/body/status'),
      // a null body is the same as no body for these actions (only the optional comment)
      ...shapeless(url, 'POST', agent, { headers: ifMatch(period) }, { nullAllowed: true }).map(
        (s) => ({ ...s, label: `${action}: ${s.label}` }),
      ),
    );
    if (action === 'return')
      cases.push(
        c('no comment', {}, '/body/comment'),
        c('an empty comment', { comment: '' }, '/body/comment'),
        c('a blank comment', { comment: ' \n\t ' }, '/body/comment'),
      );
  }
  return cases;
}

function commentCases(): FuzzCase[] {
  const url = `/api/provinces/${LN}/reports/${DRAFT}/comments`;
  const c = (label: string, body: unknown, path: string): FuzzCase => ({
    label,
    method: 'POST',
    url,
    agent: reviewer,
    body,
    path,
  });
  return [
    c('no body field', {}, '/body/body'),
    c('an empty comment', { body: '' }, '/body/body'),
    c('a null comment', { body: null }, '/body/body'),
    c('a 10k-character comment', { body: long(10_000) }, '/body/body'),
    c('a comment as an object', { body: { zh: '好' } }, '/body/body'),
    c('a comment as a list', { body: ['a', 'b'] }, '/body/body'),
    c('a comment with a NUL character', { body: '请核对\u0000' }, '/body/body'),
    c('an extra field', { body: '好', kind: 'accept' }, '/body/kind'),
    ...shapeless(url, 'POST', reviewer),
  ];
}

// ------------------------------------------------------------------ accounts and sign-in

function userCases(): FuzzCase[] {
  const valid = {
    username: 'fuzz_new_user',
    displayName: '测试用户',
    password: 'a-long-password-1',
    role: 'reviewer',
  };
  const c = (
    label: string,
    patch: Record<string, unknown>,
    path: string,
    drop: string[] = [],
  ): FuzzCase => {
    const body: Record<string, unknown> = { ...valid, ...patch };
    for (const d of drop) delete body[d];
    return { label, method: 'POST', url: '/api/users', agent: admin, body, path };
  };
  return [
    ...['ab', 'has space', '中文名', 'x'.repeat(65), '', 'a/b'].map((u) =>
      c(`username ${JSON.stringify(u.slice(0, 12))}`, { username: u }, '/body/username'),
    ),
    c('a username already taken', { username: editor.username }, '/body/username'),
    c('an empty display name', { displayName: '' }, '/body/displayName'),
    c('a 10k-character display name', { displayName: long(10_000) }, '/body/displayName'),
    c('a display name with a NUL character', { displayName: '张\u0000三' }, '/body/displayName'),
    c('a display name as an object', { displayName: { zh: '张三' } }, '/body/displayName'),
    c('a 9-character password', { password: 'short-pw1' }, '/body/password'),
    c('a 10k-character password', { password: long(10_000, 'p') }, '/body/password'),
    c('an unknown role', { role: 'superuser' }, '/body/role'),
    c('a role in capitals', { role: 'Admin' }, '/body/role'),
    c('a five-digit province', { role: 'editor', provinceCode: '21000' }, '/body/provinceCode'),
    c('an editor without a province', { role: 'editor' }, '/body/provinceCode'),
    c(
      'an editor of an unknown province',
      { role: 'editor', provinceCode: '990000' },
      '/body/provinceCode',
    ),
    c('a reviewer with a province', { role: 'reviewer', provinceCode: LN }, '/body/provinceCode'),
    ...['username', 'displayName', 'password', 'role'].map((f) =>
      c(`no ${f}`, {}, `/body/${f}`, [f]),
    ),
    c('an extra field', { isSuperuser: true }, '/body/isSuperuser'),
    ...shapeless('/api/users', 'POST', admin),
  ];
}

function userPatchCases(): FuzzCase[] {
  const url = `/api/users/${patchedUserId}`;
  const c = (label: string, body: unknown, path: string): FuzzCase => ({
    label,
    method: 'PATCH',
    url,
    agent: admin,
    body,
    path,
  });
  return [
    c('an empty display name', { displayName: '' }, '/body/displayName'),
    c('a 10k-character display name', { displayName: long(10_000) }, '/body/displayName'),
    c('a display name with a NUL character', { displayName: '李\u0000四' }, '/body/displayName'),
    c('a short password', { password: 'short' }, '/body/password'),
    c('a 300-character password', { password: long(300, 'p') }, '/body/password'),
    c('an unknown role', { role: 'root' }, '/body/role'),
    c('a province code that is not six digits', { provinceCode: 'abc' }, '/body/provinceCode'),
    c('an unknown province', { provinceCode: '990000' }, '/body/provinceCode'),
    c('an editor losing their province', { provinceCode: null }, '/body/provinceCode'),
    c(
      'a reviewer keeping a province',
      { role: 'reviewer', provinceCode: LN },
      '/body/provinceCode',
    ),
    c('active as a word', { active: 'maybe' }, '/body/active'),
    c('active as null', { active: null }, '/body/active'),
    c('active as a list', { active: [true, false] }, '/body/active'),
    c('a username change', { username: 'renamed' }, '/body/username'),
    c('an id change', { id: 1 }, '/body/id'),
    ...shapeless(url, 'PATCH', admin),
  ];
}

function signInCases(): FuzzCase[] {
  let n = 0;
  const c = (label: string, body: unknown, path: string): FuzzCase => ({
    label,
    method: 'POST',
    url: '/api/auth/sign-in',
    agent: null,
    body,
    path,
    remoteAddress: `198.51.100.${++n}`,
  });
  return [
    c('no fields', {}, '/body/username'),
    c('no password', { username: editor.username }, '/body/password'),
    c('no username', { password: 'a-long-password-1' }, '/body/username'),
    c('an empty username', { username: '', password: 'x' }, '/body/username'),
    c('an empty password', { username: editor.username, password: '' }, '/body/password'),
    c('a 10k-character username', { username: long(10_000, 'u'), password: 'x' }, '/body/username'),
    c(
      'a 10k-character password',
      { username: editor.username, password: long(10_000, 'p') },
      '/body/password',
    ),
    c('a username as an object', { username: { $ne: '' }, password: 'x' }, '/body/username'),
    c('a username as a list', { username: ['a', 'b'], password: 'x' }, '/body/username'),
    c(
      'a username with a NUL character',
      { username: 'admin\u0000', password: 'x' },
      '/body/username',
    ),
    c(
      'an extra field',
      { username: editor.username, password: 'x', remember: true },
      '/body/remember',
    ),
    ...shapeless('/api/auth/sign-in', 'POST', null).map((s) => ({
      ...s,
      remoteAddress: `198.51.100.${++n}`,
    })),
  ];
}

// ------------------------------------------------------------------ timelines and plans

function eventCases(): FuzzCase[] {
  const url = '/api/regions/210100/events';
  const valid = {
    kind: 'launch',
    occurredOn: '2022-06-30',
    precision: 'day',
    source: '沈阳市医保局通知（2022年6月）',
  };
  const c = (
    label: string,
    patch: Record<string, unknown>,
    path: string,
    drop?: string,
  ): FuzzCase => {
    const body: Record<string, unknown> = { ...valid, ...patch };
    if (drop) delete body[drop];
    return { label, method: 'POST', url, agent: admin, body, path };
  };
  return [
    ...['start', '', 'Launch', 'actual'].map((k) =>
      c(`kind ${JSON.stringify(k)}`, { kind: k }, '/body/kind'),
    ),
    ...['2022-6-30', '30/06/2022', '2022-06-30T00:00:00Z', '', '二〇二二年六月'].map((d) =>
      c(`date ${JSON.stringify(d)}`, { occurredOn: d }, '/body/occurredOn'),
    ),
    c('month 13', { occurredOn: '2022-13-45' }, '/body/occurredOn'),
    c('30 February', { occurredOn: '2022-02-30' }, '/body/occurredOn'),
    c('year 0', { occurredOn: '0000-01-01' }, '/body/occurredOn'),
    ...['month', 'DAY', ''].map((p) =>
      c(`precision ${JSON.stringify(p)}`, { precision: p }, '/body/precision'),
    ),
    c('an empty source', { source: '' }, '/body/source'),
    c('a three-character source', { source: '通知书' }, '/body/source'),
    c('a 10k-character source', { source: long(10_000) }, '/body/source'),
    c('a source with a NUL character', { source: '沈阳市医保局\u0000通知' }, '/body/source'),
    ...Object.keys(valid).map((f) => c(`no ${f}`, {}, `/body/${f}`, f)),
    c('an extra field', { regionCode: '210200' }, '/body/regionCode'),
    ...shapeless(url, 'POST', admin),
  ];
}

type Plan = ReturnType<typeof planContent> & Record<string, unknown>;
/** Each mutation breaks a valid plan and returns the path at fault. */
const planMutations: [string, (p: Plan) => string][] = [
  [
    'no document',
    (p) => {
      delete (p as Record<string, unknown>).document;
      return '/body/document';
    },
  ],
  [
    'a three-character document number',
    (p) => {
      p.document.number = '48号';
      return '/body/document/number';
    },
  ],
  [
    'an issue date with slashes',
    (p) => {
      p.document.issuedOn = '2024/01/15';
      return '/body/document/issuedOn';
    },
  ],
  [
    'an issue date in month 13',
    (p) => {
      p.document.issuedOn = '2024-13-01';
      return '/body/document/issuedOn';
    },
  ],
  [
    'a start year of 1999',
    (p) => {
      p.document.startYear = 1999;
      return '/body/document/startYear';
    },
  ],
  [
    'an end year of 2036',
    (p) => {
      p.document.endYear = 2036;
      return '/body/document/endYear';
    },
  ],
  [
    'a fractional start year',
    (p) => {
      p.document.startYear = 2022.5;
      return '/body/document/startYear';
    },
  ],
  [
    'a start year in words',
    (p) => {
      p.document.startYear = 'twenty' as unknown as number;
      return '/body/document/startYear';
    },
  ],
  [
    'an end year before the start year',
    (p) => {
      p.document.startYear = 2024;
      p.document.endYear = 2022;
      return '/body/document/endYear';
    },
  ],
  [
    'a title with a NUL character',
    (p) => {
      p.document.title = '行动计划\u0000（修订）';
      return '/body/document/title';
    },
  ],
  [
    'an extra document field',
    (p) => {
      (p.document as Record<string, unknown>).pages = 12;
      return '/body/document/pages';
    },
  ],
  [
    'no targets',
    (p) => {
      p.targets = [];
      return '/body/targets';
    },
  ],
  [
    'targets missing',
    (p) => {
      delete (p as Record<string, unknown>).targets;
      return '/body/targets';
    },
  ],
  [
    'an unknown target kind',
    (p) => {
      (p.targets[0] as Record<string, unknown>).kind = 'weird';
      return '/body/targets/0/kind';
    },
  ],
  [
    'an unknown dimension',
    (p) => {
      (p.targets[0] as Record<string, unknown>).dimension = 'hospitals';
      return '/body/targets/0/dimension';
    },
  ],
  [
    'a 150 % target',
    (p) => {
      p.targets[0]!.minPct = 150;
      return '/body/targets/0/minPct';
    },
  ],
  [
    'a negative target',
    (p) => {
      p.targets[0]!.minPct = -1;
      return '/body/targets/0/minPct';
    },
  ],
  [
    'a calendar target without a date',
    (p) => {
      delete (p.targets[0] as Record<string, unknown>).dueOn;
      return '/body/targets/0';
    },
  ],
  [
    'a calendar target without a level',
    (p) => {
      delete (p.targets[0] as Record<string, unknown>).minPct;
      return '/body/targets/0';
    },
  ],
  [
    'a due date of 30 February',
    (p) => {
      p.targets[0]!.dueOn = '2024-02-30';
      return '/body/targets/0/dueOn';
    },
  ],
  [
    'a region of another province',
    (p) => {
      (p.targets[0] as Record<string, unknown>).scope = { regions: [hunanRegion] };
      return '/body/targets/0/scope/regions/0';
    },
  ],
  [
    'an unknown region',
    (p) => {
      (p.targets[0] as Record<string, unknown>).scope = { regions: ['999999'] };
      return '/body/targets/0/scope/regions/0';
    },
  ],
  [
    'a region named twice',
    (p) => {
      (p.targets[0] as Record<string, unknown>).scope = { regions: ['210100', '210100'] };
      return '/body/targets/0/scope/regions/1';
    },
  ],
  [
    'no regions',
    (p) => {
      (p.targets[0] as Record<string, unknown>).scope = { regions: [] };
      return '/body/targets/0/scope';
    },
  ],
  [
    'an unknown cohort',
    (p) => {
      (p.targets[0] as Record<string, unknown>).scope = { cohort: 'nope' };
      return '/body/targets/0/scope';
    },
  ],
  [
    'a scope in words',
    (p) => {
      (p.targets[0] as Record<string, unknown>).scope = 'everywhere';
      return '/body/targets/0/scope';
    },
  ],
  [
    'a soft target without an interpretation',
    (p) => {
      p.targets[0]!.soft = true;
      return '/body/targets/0/interpretation';
    },
  ],
  [
    'two targets with one key',
    (p) => {
      p.targets.push(clone(p.targets[0]!));
      return '/body/targets/1/key';
    },
  ],
  [
    'a conflict with an unknown target',
    (p) => {
      (p.targets[0] as Record<string, unknown>).conflictsWith = [{ key: 'nope', note: 'x' }];
      return '/body/targets/0/conflictsWith/0';
    },
  ],
  [
    'the same conflict twice',
    (p) => {
      (p.targets[0] as Record<string, unknown>).conflictsWith = [
        { key: 'test-regions-2024', note: 'a' },
        { key: 'test-regions-2024', note: 'b' },
      ];
      return '/body/targets/0/conflictsWith/1';
    },
  ],
  [
    'a cohort member of another province',
    (p) => {
      p.cohorts = [
        {
          key: 'pilot',
          nameZh: '试点',
          nameEn: 'pilot',
          members: [{ region: hunanRegion, inferred: true }],
        },
      ];
      return '/body/cohorts/0/members/0/region';
    },
  ],
  [
    'a cohort member listed twice',
    (p) => {
      p.cohorts = [
        {
          key: 'pilot',
          nameZh: '试点',
          nameEn: 'pilot',
          members: [
            { region: '210100', inferred: true },
            { region: '210100', inferred: true },
          ],
        },
      ];
      return '/body/cohorts/0/members/1';
    },
  ],
  [
    'a cohort member without a source',
    (p) => {
      p.cohorts = [
        { key: 'pilot', nameZh: '试点', nameEn: 'pilot', members: [{ region: '210100' }] },
      ];
      return '/body/cohorts/0/members/0';
    },
  ],
  [
    'a cohort key starting with a digit',
    (p) => {
      p.cohorts = [{ key: '1pilot', nameZh: '试点', nameEn: 'pilot', members: [] }];
      return '/body/cohorts/0/key';
    },
  ],
  [
    'no clause',
    (p) => {
      delete (p.targets[0] as Record<string, unknown>).clause;
      return '/body/targets/0/clause';
    },
  ],
  [
    'a three-character quote',
    (p) => {
      p.targets[0]!.clause.quote = '全覆盖';
      return '/body/targets/0/clause/quote';
    },
  ],
  [
    'a 2001-character note',
    (p) => {
      p.note = long(2001);
      return '/body/note';
    },
  ],
];

function planDraftCases(): FuzzCase[] {
  const url = '/api/plans/liaoning-2022-1/draft';
  return [
    ...planMutations.map(([label, apply]): FuzzCase => {
      const p = clone(planContent()) as Plan;
      return { label, method: 'PUT', url, agent: editor, body: p, path: apply(p) };
    }),
    {
      label: 'a slug in the body',
      method: 'PUT',
      url,
      agent: editor,
      body: { ...planContent(), slug: 'x' },
      path: '/body/slug',
    },
    ...shapeless(url, 'PUT', editor),
  ];
}

function newPlanCases(): FuzzCase[] {
  const url = '/api/provinces/110000/plans';
  const rng = prng(110000);
  const c = (label: string, body: unknown, path: string): FuzzCase => ({
    label,
    method: 'POST',
    url,
    agent: admin,
    body,
    path,
  });
  const picked = Array.from({ length: 12 }, () => rng.pick(planMutations));
  return [
    ...picked.map(([label, apply]) => {
      const p = { ...clone(planContent()), slug: 'beijing-2024-1' } as Plan;
      return c(label, p, apply(p));
    }),
    ...['Bad Slug', '', '-leading-dash', long(10_000, 'a')].map((s) =>
      c(`slug ${JSON.stringify(s.slice(0, 12))}`, { ...planContent(), slug: s }, '/body/slug'),
    ),
    c('no slug', planContent(), '/body/slug'),
    c('a slug already taken', { ...planContent(), slug: 'liaoning-2022-1' }, '/body/slug'),
    ...shapeless(url, 'POST', admin),
  ];
}

// ------------------------------------------------------------------ running and checking

async function snapshot() {
  const [row] = await ctx.db.$queryRaw<Record<string, unknown>[]>`
    SELECT
      (SELECT count(*) FROM report)::int AS reports,
      (SELECT count(*) FROM report_row)::int AS report_rows,
      (SELECT count(*) FROM report_comment)::int AS report_comments,
      (SELECT count(*) FROM app_user)::int AS users,
      (SELECT count(*) FROM session)::int AS sessions,
      (SELECT count(*) FROM region_event)::int AS region_events,
      (SELECT count(*) FROM plan)::int AS plans,
      (SELECT count(*) FROM plan_version)::int AS plan_versions,
      (SELECT count(*) FROM target)::int AS targets,
      (SELECT count(*) FROM audit_event)::int AS audit_events,
      (SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r.id), '')) FROM report_row r) AS report_row_sum,
      (SELECT md5(coalesce(string_agg(concat_ws(',', r.id, r.status, r.version, r.updated_at), '|' ORDER BY r.id), '')) FROM report r) AS report_sum,
      (SELECT md5(coalesce(string_agg(concat_ws(',', u.id, u.username, u.display_name, u.role, u.province_code, u.active, u.password_hash), '|' ORDER BY u.id), '')) FROM app_user u) AS user_sum,
      (SELECT md5(coalesce(string_agg(e::text, '|' ORDER BY e.id), '')) FROM region_event e) AS region_event_sum`;
  return row!;
}

async function send(c: FuzzCase) {
  sent++;
  const payload = c.raw ? c.raw.payload : JSON.stringify(c.body);
  const contentType = c.raw ? c.raw.contentType : 'application/json';
  return ctx.app.inject({
    method: c.method,
    url: c.url,
    payload,
    remoteAddress: c.remoteAddress,
    headers: {
      ...(c.agent?.headers() ?? {}),
      ...(c.headers ? await c.headers() : {}),
      'content-type': contentType,
    },
  });
}

/** What is wrong with the answer to a malformed body; null when it is a proper 4xx problem naming the field. */
async function judge(c: FuzzCase): Promise<string | null> {
  const res = await send(c);
  const errors = (() => {
    try {
      return (res.json() as { errors?: { path?: unknown }[] }).errors;
    } catch {
      return undefined;
    }
  })();
  const paths = Array.isArray(errors)
    ? errors.map((e) => e?.path).filter((p): p is string => typeof p === 'string' && p.length > 0)
    : [];
  const what = `${c.label} → ${res.statusCode} ${JSON.stringify(paths.slice(0, 3))}`;
  if (res.statusCode < 400 || res.statusCode >= 500) return what;
  if (!String(res.headers['content-type']).startsWith('application/problem+json'))
    return `${what} (content-type ${res.headers['content-type']})`;
  if (paths.length === 0) return `${what} (no field path)`;
  if (!paths.some((p) => p.startsWith(c.path))) return `${what} (expected ${c.path})`;
  return null;
}

let before: Record<string, unknown>;

beforeAll(async () => {
  ctx = await build();
  editor = await signIn(ctx, 'editor', LN);
  reviewer = await signIn(ctx, 'reviewer');
  admin = await signIn(ctx, 'admin');
  baseRows = await validRows(ctx, LN);
  hunanRegion = (
    await ctx.db.coordinatingRegion.findFirstOrThrow({ where: { provinceCode: '430000' } })
  ).code;
  patchedUserId = (
    await createUser(
      ctx.db,
      {
        username: 'fuzz_patched',
        displayName: '待修改',
        password: 'a-long-password-1',
        role: 'editor',
        provinceCode: LN,
      },
      'system',
    )
  ).id;
  for (const period of [DRAFT, SUBMITTED]) {
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/api/provinces/${LN}/reports/${period}`,
      headers: editor.headers(),
      payload: { rows: baseRows },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const submit = await ctx.app.inject({
    method: 'POST',
    url: `/api/provinces/${LN}/reports/${SUBMITTED}/submit`,
    headers: editor.headers({ 'if-match': '"1"' }),
  });
  expect(submit.statusCode, submit.body).toBe(200);
  before = await snapshot();
});
afterAll(async () => ctx?.close());

describe('malformed bodies get a 4xx problem naming the field, never a 5xx', () => {
  const groups: [string, () => FuzzCase[]][] = [
    ['PUT /provinces/:code/reports/:period', reportCases],
    ['POST …/submit | return | accept', transitionCases],
    ['POST …/comments', commentCases],
    ['POST /users', userCases],
    ['PATCH /users/:id', userPatchCases],
    ['POST /regions/:code/events', eventCases],
    ['PUT /plans/:slug/draft', planDraftCases],
    ['POST /provinces/:code/plans', newPlanCases],
    ['POST /auth/sign-in', signInCases],
  ];

  it.each(groups)('%s', async (_name, generate) => {
    const failures: string[] = [];
    for (const c of generate()) {
      const failure = await judge(c);
      if (failure) failures.push(failure);
    }
    expect(failures).toEqual([]);
  });

  it('the same seed gives the same cases (a failure can be replayed)', () => {
    const labels = () =>
      reportCases().map((c) => `${c.url} ${c.label} ${JSON.stringify(c.body ?? c.raw)}`);
    expect(labels()).toEqual(labels());
  });

  it('at least 200 malformed bodies were sent', () => {
    expect(sent).toBeGreaterThanOrEqual(200);
  });

  it('the database is unchanged: no row written, no audit entry for a rejected request', async () => {
    expect(await snapshot()).toEqual(before);
  });
});
