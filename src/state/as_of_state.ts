/** The history view's slice of the app state (filled by as_of_driver.ts): the revisions in force on the link's day. */
import type { LedgerLayer } from '../ledger/project';

export interface AsOfState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** `${cityId}/${day}` the ledgers belong to */
  key: string | null;
  /** the revisions effective by the day, as ledger layers in the order they apply */
  ledgers: LedgerLayer[];
  error: { zh: string; en: string } | null;
}

export const NO_AS_OF: AsOfState = { status: 'idle', key: null, ledgers: [], error: null };
