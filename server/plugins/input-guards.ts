/**
 * Refuses text PostgreSQL cannot store: a NUL character (\u0000) anywhere in a JSON body
 * would otherwise fail deep in a write as a 500. Answered as a 400 with the field's path.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Problem } from './problem.ts';

function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = findNul(v, `${path}/${i}`);
      if (hit) return hit;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNul(k, `${path}/${k}`) ?? findNul(v, `${path}/${k}`);
      if (hit) return hit;
    }
  }
  return null;
}

export default fp(async function inputGuards(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const hit = findNul(request.body, '/body') ?? findNul(request.query, '/querystring');
    if (hit)
      throw new Problem(
        400,
        'nulCharacter',
        '内容包含无法保存的空字符（\\u0000）',
        'The text contains a NUL character (\\u0000), which cannot be stored',
        [{ path: hit, code: 'nulCharacter', zh: '包含空字符', en: 'contains a NUL character' }],
      );
  });
});
