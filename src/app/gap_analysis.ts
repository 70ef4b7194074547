/** The analysis as the panels read it: the worker's current answers plus ways to ask it more. */
import { useMemo } from 'react';
import { useShallow } from 'zustand/shallow';
import type { StreetGap } from '../analysis/gap_lists';
import type { AnalysisClient } from '../worker/analysis_client';
import { currentAnalysis } from '../state/analysis_driver';
import type { AnalysisData } from '../state/analysis_state';
import { useApp } from '../state/app_store';
import { useServices } from './services';

export type GapAnalysis = AnalysisData & {
  /** every street with a gap under the current settings (the report lists the first 100) */
  allStreetGaps: () => Promise<StreetGap[]>;
  /** the worker, for one-off asks (ledger import, suggestions); null before it started */
  client: () => AnalysisClient | null;
};

export function useGapAnalysis(): GapAnalysis {
  const data = useApp(useShallow(currentAnalysis));
  const services = useServices();
  return useMemo(
    () => ({ ...data, allStreetGaps: () => services?.analysis.allStreetGaps() ?? Promise.resolve([]), client: () => services?.analysis.client ?? null }),
    [data, services],
  );
}
