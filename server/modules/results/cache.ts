/**
 * The engine's answers, kept per instance under a key that names the data versions they were
 * computed at (versions.ts): a read costs one small query and a lookup; a write makes every
 * key that depended on it unreachable, and the least recently used answers leave when the
 * cache is full. Concurrent misses of one key share one computation.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';

const etags = new Map<string, string>();

/** The ETag of the answer kept under `key` (weak: the same answer goes as identity, gzip or br bytes). */
export function etagOf(key: string): string {
  // every read asks for it; the keys in use are few, and change only with the data versions
  let etag = etags.get(key);
  if (etag === undefined) {
    if (etags.size >= 1000) etags.clear();
    etag = `W/"${createHash('sha1').update(key).digest('base64url').slice(0, 22)}"`;
    etags.set(key, etag);
  }
  return etag;
}

/** One answer: the value (for exports that reshape it) and its JSON, compressed on first demand. */
export class CachedAnswer<T = unknown> {
  readonly json: string;
  readonly etag: string;
  private encoded = new Map<'br' | 'gzip', Buffer>();

  constructor(
    readonly value: T,
    key: string,
  ) {
    this.json = JSON.stringify(value);
    this.etag = etagOf(key);
  }

  encoding(kind: 'br' | 'gzip'): Buffer {
    let bytes = this.encoded.get(kind);
    if (!bytes) {
      bytes =
        kind === 'br'
          ? brotliCompressSync(this.json, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 5,
                [constants.BROTLI_PARAM_SIZE_HINT]: this.json.length,
              },
            })
          : gzipSync(this.json, { level: 6 });
      this.encoded.set(kind, bytes);
    }
    return bytes;
  }

  /** bytes held: the JSON text and its compressed forms */
  get size(): number {
    let n = this.json.length;
    for (const b of this.encoded.values()) n += b.length;
    return n;
  }
}

export class ResultCache {
  private readonly answers: LRUCache<string, CachedAnswer>;
  private readonly values: LRUCache<string, { v: unknown; size: number }>;
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(maxBytes: number) {
    this.answers = new LRUCache({ maxSize: maxBytes, sizeCalculation: (a) => a.size || 1 });
    this.values = new LRUCache({ maxSize: maxBytes, sizeCalculation: (x) => x.size || 1 });
  }

  /** An answer sent as JSON: computed once per key, its bytes kept. */
  async answer<T>(key: string, compute: () => Promise<T>): Promise<CachedAnswer<T>> {
    const hit = this.answers.get(key);
    if (hit) return hit as CachedAnswer<T>;
    return this.once(`a|${key}`, async () => {
      const made = new CachedAnswer(await compute(), key);
      this.answers.set(key, made);
      return made;
    });
  }

  /** An intermediate value (a province's rows of the comparison); `size` estimates its bytes. */
  async value<T>(key: string, compute: () => Promise<T>, size = 10_000): Promise<T> {
    const hit = this.values.get(key);
    if (hit) return hit.v as T;
    return this.once(`v|${key}`, async () => {
      const v = await compute();
      this.values.set(key, { v, size });
      return v;
    });
  }

  clear() {
    this.answers.clear();
    this.values.clear();
  }

  private once<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const running = this.pending.get(key);
    if (running) return running as Promise<T>;
    const p = compute().finally(() => this.pending.delete(key));
    this.pending.set(key, p);
    return p;
  }
}
