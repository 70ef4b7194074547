/** Data from the campaign server for a view: loaded per key, optionally refreshed, abandoned when the key changes. */
import { useEffect, useRef, useState } from 'react';
import { isoWeekOf } from '../../domain/iso_week';

export type Loaded<T> = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: Error };

/** `key` null: nothing to load (signed out, no city). The loader may change between renders; the key decides. */
export function useServerData<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, refreshMs = 0): Loaded<T> {
  const [result, setResult] = useState<{ key: string; value: Loaded<T> } | null>(null);
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });
  useEffect(() => {
    if (key === null) return;
    const abort = new AbortController();
    const run = () =>
      loader.current(abort.signal).then(
        (data) => setResult({ key, value: { status: 'ready', data } }),
        (error: Error) => error.name !== 'AbortError' && setResult({ key, value: { status: 'error', error } }),
      );
    void run();
    const timer = refreshMs > 0 ? setInterval(run, refreshMs) : null;
    return () => {
      abort.abort();
      if (timer) clearInterval(timer);
    };
  }, [key, refreshMs]);
  if (key === null) return { status: 'idle' };
  return result && result.key === key ? result.value : { status: 'loading' };
}

/** The current ISO week, read once when the view opens (the clock is not read while rendering). */
export function useThisWeek(): string {
  const [week] = useState(() => isoWeekOf(Date.now()));
  return week;
}
