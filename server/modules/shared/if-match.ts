/** Optimistic concurrency: the version a client edited comes back in `If-Match`. */
import { Problem } from '../../plugins/problem.ts';

/** `If-Match: "3"` (or W/"3", or 3) → 3; absent → null */
export function parseIfMatch(header: string | undefined): number | null {
  if (!header) return null;
  const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (!m)
    throw new Problem(
      400,
      'badIfMatch',
      'If-Match 头格式错误，应为所编辑的版本号',
      'If-Match must carry the version you edited',
      [{ path: '/headers/if-match', code: 'pattern', zh: '格式错误', en: 'malformed' }],
    );
  return Number(m[1]);
}
