import { describe, expect, it } from 'vitest';
import { splitTasks, type TraceEvent } from './task_attribution';

const MAIN = { pid: 10, tid: 10 };
const WORKER = { pid: 10, tid: 42 };
const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0 });

/** A profile of one thread: samples every 1 ms from `start` µs, each in the given function. */
function profile(thread: { pid: number; tid: number }, id: string, start: number, functions: string[]): TraceEvent[] {
  const nodes = [...new Set(functions)].map((f, i) => ({ id: i + 1, callFrame: frame(f) }));
  const idOf = new Map(nodes.map((n) => [n.callFrame.functionName, n.id]));
  return [
    { name: 'Profile', ph: 'P', ...thread, ts: start, id, args: { data: { startTime: start } } },
    { name: 'ProfileChunk', ph: 'P', ...thread, ts: start, id, args: { data: { cpuProfile: { nodes, samples: functions.map((f) => idOf.get(f)!) }, timeDeltas: functions.map((_, i) => (i === 0 ? 0 : 1000)) } } },
  ];
}

describe('task attribution', () => {
  it("splits the page's main-thread tasks by the main thread's samples, whatever profile the trace lists first", () => {
    const events: TraceEvent[] = [
      { name: 'thread_name', ph: 'M', ...MAIN, ts: 0, args: { name: 'CrRendererMain' } },
      { name: 'thread_name', ph: 'M', ...WORKER, ts: 0, args: { name: 'DedicatedWorker thread' } },
      // the worker's profile first: it runs GC through the same stretch
      ...profile(WORKER, 'w', 1000, Array(20).fill('(garbage collector)')),
      ...profile(MAIN, 'm', 1000, [...Array(6).fill('(garbage collector)'), ...Array(4).fill('(idle)')]),
      // one 10 ms task on each thread
      { name: 'RunTask', ph: 'X', ...MAIN, ts: 1000, dur: 10_000 },
      { name: 'RunTask', ph: 'X', ...WORKER, ts: 1000, dur: 10_000 },
    ];
    const tasks = splitTasks(events, (f) => (f.functionName === '(idle)' ? 'idle' : f.functionName === '(garbage collector)' ? 'gc' : 'browser'));
    expect(tasks).toHaveLength(1);
    // six samples of GC on the main thread; the idle ones inside the task are the browser's (waiting)
    expect(tasks[0].gc).toBeCloseTo(6, 6);
    expect(tasks[0].browser).toBeCloseTo(4, 6);
    expect(tasks[0].totalMs).toBe(10);
  });

  it('says so when the main thread was not profiled', () => {
    const events: TraceEvent[] = [{ name: 'thread_name', ph: 'M', ...WORKER, ts: 0, args: { name: 'DedicatedWorker thread' } }, ...profile(WORKER, 'w', 0, ['(idle)'])];
    expect(() => splitTasks(events, () => 'browser')).toThrow(/main thread/);
  });
});
