/** Starts the analysis worker and wraps it in its typed API. */
import * as Comlink from 'comlink';
import type { AnalysisWorkerApi, ProgressStage } from './analysis_api';

export type AnalysisClient = Comlink.Remote<AnalysisWorkerApi>;

export function startAnalysisWorker(): { client: AnalysisClient; terminate: () => void } {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
  return { client: Comlink.wrap<AnalysisWorkerApi>(worker), terminate: () => worker.terminate() };
}

/** A progress callback the worker can call across the thread boundary. */
export function progressProxy(onProgress: (stage: ProgressStage) => void): (stage: ProgressStage) => void {
  return Comlink.proxy(onProgress);
}
