/**
 * Splits the page's main-thread tasks by whose code ran in them, from one Chrome trace recorded with the CPU
 * profiler's category: the trace gives each task's exact bounds (RunTask), the profiler's samples (same clock)
 * say which function ran, and the bundle's source map says which source file that function came from.
 *
 *   task ├──────────────── 180 ms ────────────────┤
 *        │ ours 12 │ React 9 │ deck 8 │ MapLibre 20 │ browser 131 (layout, paint, waiting on software GL)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceLookup, type SourceLookup } from './source_map_lookup';

export const GROUPS = ['ours', 'react', 'deck', 'maplibre', 'otherJs', 'gc', 'browser'] as const;
export type Group = (typeof GROUPS)[number];
/** a task's time per group (ms), its length, and its bounds on the trace's clock (µs) */
export type TaskSplit = Record<Group, number> & { totalMs: number; startUs: number; endUs: number };

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
export interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; id?: string; args?: Record<string, unknown> }

function groupOfSource(path: string | null): Group {
  if (!path) return 'otherJs';
  if (/(^|\/)src\//.test(path) && !path.includes('node_modules')) return 'ours';
  if (/node_modules\/(react|react-dom|scheduler|zustand|use-sync-external-store)\//.test(path)) return 'react';
  if (/node_modules\/@(deck\.gl|luma\.gl|math\.gl|probe\.gl|loaders\.gl)\//.test(path)) return 'deck';
  if (path.includes('node_modules/maplibre-gl/')) return 'maplibre';
  return 'otherJs';
}

/** groups a profiled function by the source file of its position in the built bundle (dist/assets/*.js.map) */
export function frameGrouper(dist: string): (frame: CallFrame) => Group | 'idle' {
  const maps = new Map<string, SourceLookup | null>();
  return (frame) => {
    if (frame.functionName === '(idle)') return 'idle';
    if (frame.functionName === '(garbage collector)') return 'gc';
    if (!frame.url) return 'browser';
    const file = frame.url.match(/\/assets\/([^/?#]+\.js)/)?.[1];
    if (!file) return 'otherJs';
    if (!maps.has(file)) {
      const mapFile = join(dist, 'assets', `${file}.map`);
      maps.set(file, existsSync(mapFile) ? sourceLookup(JSON.parse(readFileSync(mapFile, 'utf8'))) : null);
    }
    return groupOfSource(maps.get(file)?.sourceAt(frame.lineNumber, frame.columnNumber) ?? null);
  };
}

interface Sample { at: number; frame: CallFrame }

/**
 * The profiler's samples of the page's main thread, on the trace's clock (µs). The profiler records every thread
 * that runs JavaScript (the analysis worker, MapLibre's workers) with a profile each, in no set order: the main
 * thread's is the one on a thread named CrRendererMain (the one with the most samples, if several pages ran).
 */
function samplesOf(events: TraceEvent[]): { pid: number; tid: number; samples: Sample[] } | null {
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const candidates = events.filter((e) => e.name === 'Profile' && mainThreads.has(`${e.pid}:${e.tid}`)).map((profile) => profileSamples(events, profile));
  return candidates.sort((a, b) => b.samples.length - a.samples.length)[0] ?? null;
}

function profileSamples(events: TraceEvent[], profile: TraceEvent): { pid: number; tid: number; samples: Sample[] } {
  const nodes = new Map<number, CallFrame>();
  const samples: Sample[] = [];
  let at = (profile.args as { data: { startTime: number } }).data.startTime;
  for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.id === profile.id)) {
    const data = (chunk.args as { data: { cpuProfile?: { nodes?: { id: number; callFrame: CallFrame }[]; samples?: number[] }; timeDeltas?: number[] } }).data;
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node.callFrame);
    const ids = data.cpuProfile?.samples ?? [];
    ids.forEach((id, i) => {
      at += data.timeDeltas?.[i] ?? 0;
      samples.push({ at, frame: nodes.get(id) ?? { functionName: '(unknown)', url: '', lineNumber: 0, columnNumber: 0 } });
    });
  }
  samples.sort((a, b) => a.at - b.at);
  return { pid: profile.pid, tid: profile.tid, samples };
}

/** Every top-level task of the profiled thread in the trace, longest first, each split by group (ms). */
export function splitTasks(events: TraceEvent[], group: (frame: CallFrame) => Group | 'idle'): TaskSplit[] {
  const profiled = samplesOf(events);
  if (!profiled) throw new Error("the trace holds no CPU profile of the page's main thread (CrRendererMain): was disabled-by-default-v8.cpu_profiler recorded?");
  const { pid, tid, samples } = profiled;
  const tasks = events
    .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const splits: TaskSplit[] = [];
  let end = -Infinity;
  let s = 0;
  for (const task of tasks) {
    // nested run loops report tasks inside tasks: the outer one counts
    if (task.ts < end) continue;
    end = task.ts + task.dur!;
    const split = { totalMs: task.dur! / 1000, startUs: task.ts, endUs: end, ours: 0, react: 0, deck: 0, maplibre: 0, otherJs: 0, gc: 0, browser: 0 };
    while (s < samples.length && samples[s].at < task.ts) s++;
    let accounted = 0;
    for (let i = s; i < samples.length && samples[i].at < end; i++) {
      const g = group(samples[i].frame);
      // a sample stands for the time until the next one, within the task
      const ms = (Math.min(samples[i + 1]?.at ?? end, end) - samples[i].at) / 1000;
      // inside a task an idle sample is the thread waiting in the browser (e.g. on the GPU process)
      split[g === 'idle' ? 'browser' : g] += ms;
      accounted += ms;
    }
    // time before the first sample is the browser's own too (the profiler sees only JS and "program")
    split.browser += Math.max(0, split.totalMs - accounted);
    splits.push(split);
  }
  return splits.sort((a, b) => b.totalMs - a.totalMs);
}

/** the trace time (µs) of each performance.mark() the page made, by name */
export function marksOf(events: TraceEvent[]): Map<string, number> {
  return new Map(events.filter((e) => e.name.startsWith('bench:') && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n')).map((e) => [e.name, e.ts]));
}

/** our bundle's own JavaScript in a task: our code, React and deck.gl (MapLibre's JS draws the basemap) */
export const ownScriptMs = (t: TaskSplit): number => t.ours + t.react + t.deck;
