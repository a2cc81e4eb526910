/**
 * Refuses, with a 400 and the field's path, what PostgreSQL cannot store or a handler should
 * never have to walk: a NUL character (\u0000), a lone UTF-16 surrogate (\ud800 without its
 * pair: the jsonb audit trail refuses it), and JSON nested deeper than any request of this API
 * needs. Without this each fails deep in a write as a 500. The walk is iterative, so no nesting
 * can overflow the stack.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Problem } from './problem.ts';

/** A plan (the deepest body: targets → scope → regions) is 5 levels deep; 32 leaves room. */
export const MAX_JSON_DEPTH = 32;

type Hit = { path: string; kind: 'nul' | 'surrogate' | 'depth' };

/** In a `u` regex a pair is one code point: only a surrogate without its partner matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;

function badText(s: string): Hit['kind'] | null {
  if (s.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'surrogate';
  return null;
}

export function findBadInput(root: unknown, rootPath: string): Hit | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: root, path: rootPath, depth: 0 },
  ];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const kind = badText(value);
      if (kind) return { path, kind };
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { path, kind: 'depth' };
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    // pushed in reverse, so the first bad field in reading order is the one reported
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, v] = entries[i]!;
      const kind = Array.isArray(value) ? null : badText(k);
      if (kind) return { path: `${path}/${k.replace(/\p{Surrogate}|\0/gu, '?')}`, kind };
      stack.push({ value: v, path: `${path}/${k}`, depth: depth + 1 });
    }
  }
  return null;
}

const PROBLEMS: Record<
  Hit['kind'],
  { code: string; zh: string; en: string; field: [string, string] }
> = {
  nul: {
    code: 'nulCharacter',
    zh: '内容包含无法保存的空字符（\\u0000）',
    en: 'The text contains a NUL character (\\u0000), which cannot be stored',
    field: ['包含空字符', 'contains a NUL character'],
  },
  surrogate: {
    code: 'invalidUnicode',
    zh: '内容包含无效的 Unicode 字符（不成对的代理项，如 \\ud800），无法保存',
    en: 'The text contains an invalid Unicode character (a lone surrogate such as \\ud800), which cannot be stored',
    field: ['包含无效字符', 'contains a lone surrogate'],
  },
  depth: {
    code: 'tooDeep',
    zh: `JSON 嵌套超过 ${MAX_JSON_DEPTH} 层`,
    en: `The JSON is nested more than ${MAX_JSON_DEPTH} levels deep`,
    field: ['嵌套过深', 'nested too deep'],
  },
};

export default fp(async function inputGuards(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const hit = findBadInput(request.body, '/body') ?? findBadInput(request.query, '/querystring');
    if (!hit) return;
    const p = PROBLEMS[hit.kind];
    throw new Problem(400, p.code, p.zh, p.en, [
      { path: hit.path, code: p.code, zh: p.field[0], en: p.field[1] },
    ]);
  });
});
