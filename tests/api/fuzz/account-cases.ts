/** Cases for accounts (creating, editing, signing in) and for an admin's timeline corrections. */
import { type Fixtures, type FuzzCase, LN, long, shapeless } from './harness.ts';

export function userCases(fx: Fixtures): FuzzCase[] {
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
    return { label, method: 'POST', url: '/api/users', agent: fx.admin, body, path };
  };
  return [
    ...['ab', 'has space', '中文名', 'x'.repeat(65), '', 'a/b'].map((u) =>
      c(`username ${JSON.stringify(u.slice(0, 12))}`, { username: u }, '/body/username'),
    ),
    c('a username already taken', { username: fx.editor.username }, '/body/username'),
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
    ...shapeless('/api/users', 'POST', fx.admin),
  ];
}

export function userPatchCases(fx: Fixtures): FuzzCase[] {
  const url = `/api/users/${fx.patchedUserId}`;
  const c = (label: string, body: unknown, path: string): FuzzCase => ({
    label,
    method: 'PATCH',
    url,
    agent: fx.admin,
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
    ...shapeless(url, 'PATCH', fx.admin),
  ];
}

export function signInCases(fx: Fixtures): FuzzCase[] {
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
    c('no password', { username: fx.editor.username }, '/body/password'),
    c('no username', { password: 'a-long-password-1' }, '/body/username'),
    c('an empty username', { username: '', password: 'x' }, '/body/username'),
    c('an empty password', { username: fx.editor.username, password: '' }, '/body/password'),
    c('a 10k-character username', { username: long(10_000, 'u'), password: 'x' }, '/body/username'),
    c(
      'a 10k-character password',
      { username: fx.editor.username, password: long(10_000, 'p') },
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
      { username: fx.editor.username, password: 'x', remember: true },
      '/body/remember',
    ),
    ...shapeless('/api/auth/sign-in', 'POST', null).map((s) => ({
      ...s,
      remoteAddress: `198.51.100.${++n}`,
    })),
  ];
}

export function eventCases(fx: Fixtures): FuzzCase[] {
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
    return { label, method: 'POST', url, agent: fx.admin, body, path };
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
    ...shapeless(url, 'POST', fx.admin),
  ];
}
