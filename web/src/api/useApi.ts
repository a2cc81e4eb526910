/**
 * Requests as React state: each key is loaded once per session and shared by every
 * component that asks for it (the province page's four charts and its region table read
 * the same trajectories). Answers are small and reused, so requests are not aborted.
 */
import { useEffect, useReducer, useState, useSyncExternalStore } from 'react';

const results = new Map<string, { data?: unknown; error?: unknown }>();
/** answers forgotten by `invalidate`, shown while they load again (no flash of "loading", no lost page state) */
const stale = new Map<string, unknown>();
const inflight = new Map<string, Promise<unknown>>();

/** The cached answer of `key`, or the one request already under way, or a new one. */
export function load<T>(key: string, loader: () => Promise<T>): Promise<T> {
  const done = results.get(key);
  if (done) return 'error' in done ? Promise.reject(done.error) : Promise.resolve(done.data as T);
  let pending = inflight.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = loader().then(
      (data) => {
        results.set(key, { data });
        stale.delete(key);
        inflight.delete(key);
        return data;
      },
      (error: unknown) => {
        results.set(key, { error });
        inflight.delete(key);
        throw error;
      },
    );
    inflight.set(key, pending);
  }
  return pending;
}

let generation = 0;
const watchers = new Set<() => void>();
const watch = (onChange: () => void) => {
  watchers.add(onChange);
  return () => watchers.delete(onChange);
};
const currentGeneration = () => generation;

/**
 * Forgets cached answers whose key starts with `prefix` (all when omitted), e.g. after a
 * report was saved or the reader signed in; the next render that asks loads them again.
 */
export function invalidate(prefix = '') {
  for (const [k, v] of [...results]) {
    if (!k.startsWith(prefix)) continue;
    if ('data' in v) stale.set(k, v.data);
    results.delete(k);
  }
  generation++;
  for (const w of watchers) w();
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  retry: () => void;
}

/** `key` null: nothing to load yet. */
export function useApi<T>(key: string | null, loader: () => Promise<T>): Loaded<T> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [attempt, setAttempt] = useState(0);
  // a forgotten answer is loaded again by the components that show it
  const gen = useSyncExternalStore(watch, currentGeneration, currentGeneration);
  // `loader` is a fresh closure every render; the key names what it loads.
  // biome-ignore lint/correctness/useExhaustiveDependencies: key, attempt and gen decide a reload
  useEffect(() => {
    if (!key) return;
    let live = true;
    const settle = () => live && rerender();
    load(key, loader).then(settle, settle);
    return () => {
      live = false;
    };
  }, [key, attempt, gen]);
  const r = key ? results.get(key) : undefined;
  return {
    data: (r ? r.data : key ? stale.get(key) : undefined) as T | undefined,
    error: r?.error,
    loading: !!key && !r,
    retry: () => {
      // forget every failure, so a combined request retries its failed parts too
      for (const [k, v] of results) if ('error' in v) results.delete(k);
      setAttempt((n) => n + 1);
    },
  };
}

/** Several requests as one value (small multiples, the region table); each part is cached under its own key. */
export function useApiAll<T>(
  keys: string[] | null,
  loader: (index: number) => Promise<T>,
): Loaded<T[]> {
  return useApi(keys ? `all:${keys.join('|')}` : null, () =>
    Promise.all(keys!.map((k, i) => load(k, () => loader(i)))),
  );
}
