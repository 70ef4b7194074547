import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { follow, inNextTask } from './follow';

describe('follow', () => {
  it('runs once per change of its dependencies, not per store change', () => {
    const store = createStore(() => ({ a: 1, b: 1 }));
    const seen: number[] = [];
    follow(store, (s) => [s.a], ([a]) => void seen.push(a as number));
    store.setState({ b: 2 });
    store.setState({ a: 2 });
    store.setState({ a: 2 });
    expect(seen).toEqual([1, 2]);
  });

  it('tells an older run it is no longer current', () => {
    const store = createStore(() => ({ a: 1 }));
    const checks: (() => boolean)[] = [];
    follow(store, (s) => [s.a], (_, isCurrent) => void checks.push(isCurrent));
    store.setState({ a: 2 });
    expect(checks.map((c) => c())).toEqual([false, true]);
  });

  it('does nothing while its dependencies are null', () => {
    const store = createStore(() => ({ a: null as number | null }));
    let runs = 0;
    follow(store, (s) => (s.a === null ? null : [s.a]), () => void runs++);
    expect(runs).toBe(0);
    store.setState({ a: 3 });
    expect(runs).toBe(1);
  });

  it('in a task of its own: a run of changes before the task does the work once, at the last value, and stopping cancels it', async () => {
    const store = createStore(() => ({ a: 1 }));
    const done: number[] = [];
    const stop = follow(store, (s) => [s.a], ([a]) => inNextTask(() => void done.push(a as number)));
    for (const a of [2, 3, 4]) store.setState({ a });
    // nothing yet: the change's own task is still running
    expect(done).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toEqual([4]);
    store.setState({ a: 5 });
    stop();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toEqual([4]);
  });
});
