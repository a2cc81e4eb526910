/** A request owned by one component (not shared, not cached): reports change while they are reviewed. */
import { useCallback, useEffect, useState } from 'react';
import type { Loaded } from '../../api/useApi.ts';

export function useLoad<T>(
  loader: () => Promise<T>,
  deps: unknown[],
): Loaded<T> & { set: (data: T) => void } {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the loader depends on
  useEffect(() => {
    let live = true;
    setState({});
    loader().then(
      (data) => {
        if (live) setState({ data });
      },
      (error: unknown) => {
        if (live) setState({ error });
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, attempt]);
  const set = useCallback((data: T) => setState({ data }), []);
  return {
    data: state.data,
    error: state.error,
    loading: !state.data && !state.error,
    retry: () => setAttempt((n) => n + 1),
    set,
  };
}
