/**
 * A subscriber that acts when the values it depends on change (compared one by one with Object.is), like an
 * effect but outside React. `run` may return a cleanup; an asynchronous run checks `isCurrent()` before it
 * writes, so a slow answer for an old setting never overwrites a newer one.
 */
import type { StoreApi } from 'zustand/vanilla';

export type Deps = readonly unknown[] | null;

export function follow<S>(store: StoreApi<S>, deps: (s: S) => Deps, run: (deps: readonly unknown[], isCurrent: () => boolean) => void | (() => void)): () => void {
  let last: Deps = null;
  let generation = 0;
  let cleanup: void | (() => void);
  const check = (state: S) => {
    const next = deps(state);
    if (last === next || (last && next && last.length === next.length && last.every((v, i) => Object.is(v, next[i])))) return;
    last = next;
    cleanup?.();
    cleanup = undefined;
    const mine = ++generation;
    if (next) cleanup = run(next, () => mine === generation);
  };
  check(store.getState());
  const unsubscribe = store.subscribe(check);
  return () => {
    unsubscribe();
    generation++;
    cleanup?.();
  };
}

/**
 * Runs `work` in a task of its own, soon; the returned function cancels it. Returned as a follow's cleanup, a
 * change before the task runs replaces the pending work: a stream of changes (a dragged slider) does it once per
 * task, and the input that made the change is answered before it.
 */
export function inNextTask(work: () => void): () => void {
  const timer = setTimeout(work, 0);
  return () => clearTimeout(timer);
}
