/** The before/after slice of the app state (filled by comparison_driver.ts). */
import type { ComparedRow } from '../history/snapshot_change';

export interface ComparisonState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** `${cityId}/${from}/${to}` the rows belong to */
  key: string | null;
  rows: readonly ComparedRow[];
  error: { zh: string; en: string } | null;
}

export const NO_COMPARISON: ComparisonState = { status: 'idle', key: null, rows: [], error: null };
