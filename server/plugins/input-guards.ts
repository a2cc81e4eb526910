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

/** A value met on the walk; its path is spelled out only for the one reported. */
interface Step {
  value: unknown;
  parent: Step | null;
  key: string | number;
  depth: number;
}

const pathOf = (step: Step): string =>
  step.parent ? `${pathOf(step.parent)}/${step.key}` : String(step.key);

export function findBadInput(root: unknown, rootPath: string): Hit | null {
  const stack: Step[] = [{ value: root, parent: null, key: rootPath, depth: 0 }];
  while (stack.length) {
    const step = stack.pop()!;
    const { value, depth } = step;
    if (typeof value === 'string') {
      const kind = badText(value);
      if (kind) return { path: pathOf(step), kind };
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { path: pathOf(step), kind: 'depth' };
    const array = Array.isArray(value);
    const keys = array ? null : Object.keys(value);
    const n = array ? value.length : keys!.length;
    // pushed in reverse, so the first bad field in reading order is the one reported
    for (let i = n - 1; i >= 0; i--) {
      if (array) {
        stack.push({ value: value[i], parent: step, key: i, depth: depth + 1 });
        continue;
      }
      const k = keys![i]!;
      const kind = badText(k);
      if (kind) return { path: `${pathOf(step)}/${k.replace(/\p{Surrogate}|\0/gu, '?')}`, kind };
      stack.push({
        value: (value as Record<string, unknown>)[k],
        parent: step,
        key: k,
        depth: depth + 1,
      });
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
