/** Cases for a quarterly report: saving its rows, the workflow actions and comments. */
import {
  clone,
  DRAFT,
  type Fixtures,
  type FuzzCase,
  ifMatch,
  LN,
  long,
  prng,
  SUBMITTED,
  shapeless,
} from './harness.ts';
import { type Row, rowMutations } from './row-mutations.ts';

export function reportCases(fx: Fixtures): FuzzCase[] {
  const rng = prng(20240930);
  const url = `/api/provinces/${LN}/reports/${DRAFT}`;
  const put = (label: string, body: unknown, path: string, u = url): FuzzCase => ({
    label,
    method: 'PUT',
    url: u,
    agent: fx.editor,
    body,
    path,
    headers: ifMatch(fx, DRAFT),
  });
  const cases: FuzzCase[] = [];
  for (let k = 0; k < 3 * rowMutations.length; k++) {
    const [label, apply] = rowMutations[k % rowMutations.length]!;
    const rows = clone(fx.baseRows) as Row[];
    const i = rng.int(rows.length);
    cases.push(put(`row ${i}: ${label}`, { rows }, `/body/rows/${apply(rows, i, rng, fx)}`));
  }
  cases.push(
    put('no rows', { rows: [] }, '/body/rows'),
    put('rows missing', {}, '/body/rows'),
    put('rows as an object', { rows: fx.baseRows[0] }, '/body/rows'),
    put('rows as text', { rows: 'all regions' }, '/body/rows'),
    put('501 rows', { rows: Array.from({ length: 501 }, () => fx.baseRows[0]) }, '/body/rows'),
    put('a field next to rows', { rows: fx.baseRows, period: '2024Q4' }, '/body/period'),
    put(
      'a row that is null',
      { rows: [...fx.baseRows.slice(1), null] },
      `/body/rows/${fx.baseRows.length - 1}`,
    ),
    put('a row that is a list', { rows: [Object.values(fx.baseRows[0]!)] }, '/body/rows/0'),
    put(
      'a body over 2 MB',
      { rows: fx.baseRows.map((r) => ({ ...r, note: long(400_000, 'x') })) },
      '/body',
    ),
    put(
      'a quarter 5',
      { rows: fx.baseRows },
      '/params/period',
      `/api/provinces/${LN}/reports/2023Q5`,
    ),
    put(
      'a quarter 0',
      { rows: fx.baseRows },
      '/params/period',
      `/api/provinces/${LN}/reports/2024Q0`,
    ),
    put(
      '1999Q1, outside every plan',
      { rows: fx.baseRows },
      '/params/period',
      `/api/provinces/${LN}/reports/1999Q1`,
    ),
    put(
      '2031Q1, outside every plan',
      { rows: fx.baseRows },
      '/params/period',
      `/api/provinces/${LN}/reports/2031Q1`,
    ),
    ...shapeless(url, 'PUT', fx.editor, { headers: ifMatch(fx, DRAFT) }),
  );
  return cases;
}

// ------------------------------------------------------------------ workflow and comments

export function transitionCases(fx: Fixtures): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const [action, agent, period] of [
    ['submit', fx.editor, DRAFT],
    ['return', fx.reviewer, SUBMITTED],
    ['accept', fx.reviewer, SUBMITTED],
  ] as const) {
    const url = `/api/provinces/${LN}/reports/${period}/${action}`;
    const c = (label: string, body: unknown, path: string): FuzzCase => ({
      label: `${action}: ${label}`,
      method: 'POST',
      url,
      agent,
      body,
      path,
      headers: ifMatch(fx, period),
    });
    cases.push(
      c('a 10k-character comment', { comment: long(10_000) }, '/body/comment'),
      c('a comment as an object', { comment: { text: '好' } }, '/body/comment'),
      c('a comment as a list', { comment: ['a', 'b'] }, '/body/comment'),
      c('a comment with a NUL character', { comment: '请核对\u0000' }, '/body/comment'),
      c('an extra field', { comment: '好', status: 'accepted' }, '/body/status'),
      // a null body is the same as no body for these actions (only the optional comment)
      ...shapeless(url, 'POST', agent, { headers: ifMatch(fx, period) }, { nullAllowed: true }).map(
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

export function commentCases(fx: Fixtures): FuzzCase[] {
  const url = `/api/provinces/${LN}/reports/${DRAFT}/comments`;
  const c = (label: string, body: unknown, path: string): FuzzCase => ({
    label,
    method: 'POST',
    url,
    agent: fx.reviewer,
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
    ...shapeless(url, 'POST', fx.reviewer),
  ];
}
