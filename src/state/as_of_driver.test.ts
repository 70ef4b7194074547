import { describe, expect, it } from 'vitest';
import { emptyProject, type LedgerLayer } from '../ledger/project';
import { initialState, type AppState } from './app_store';
import { selectAnalysisScope, wantedScope } from './as_of_driver';

const project = { ...emptyProject('demo'), proposals: [{ id: 'p1', category: 'toilet' as const, lon: 1, lat: 2, origin: 'placed' as const, name: '拟建' }] };
const revision: LedgerLayer = { id: 'revision:1', fileName: 'r.csv', crs: 'wgs84', importedAt: '2026-10-01', mode: 'merge', rowsRead: 0, accepted: [], rejected: [] };
const state = (hash: string, patch: Partial<AppState> = {}): AppState => ({ ...initialState(hash), project, ...patch });
const signedIn = { session: { status: 'signed-in' as const, user: null } };

describe('what the worker puts on the bundle', () => {
  it('is the planner’s project today', () => {
    expect(selectAnalysisScope(state('#city=demo'))).toEqual({ scope: 'today', ledgers: [], proposals: project.proposals });
  });

  it('waits, rather than showing today, while a history link’s session or revisions are not in yet', () => {
    expect(selectAnalysisScope(state('#city=demo&asof=2026-10-01'))).toBeNull();
    expect(selectAnalysisScope(state('#city=demo&asof=2026-10-01', { ...signedIn, asOf: { status: 'loading', key: 'demo/2026-10-01', ledgers: [], error: null } }))).toBeNull();
    expect(wantedScope(state('#city=demo&asof=2026-10-01', signedIn))).toBe('2026-10-01');
  });

  it('is the day’s revisions without the project once they arrived for this city and day', () => {
    const ready = { ...signedIn, asOf: { status: 'ready' as const, key: 'demo/2026-10-01', ledgers: [revision], error: null } };
    expect(selectAnalysisScope(state('#city=demo&asof=2026-10-01', ready))).toEqual({ scope: '2026-10-01', ledgers: [revision], proposals: [] });
    // another day's answer is not this day's
    expect(selectAnalysisScope(state('#city=demo&asof=2026-10-02', ready))).toBeNull();
  });

  it('is today on the wall, and on a static host where the history view cannot be had', () => {
    const ready = { ...signedIn, asOf: { status: 'ready' as const, key: 'demo/2026-10-01', ledgers: [revision], error: null } };
    expect(selectAnalysisScope(state('#city=demo&asof=2026-10-01&wall', ready))?.scope).toBe('today');
    expect(selectAnalysisScope(state('#city=demo&asof=2026-10-01', { session: { status: 'no-server', user: null } }))?.scope).toBe('today');
    expect(wantedScope(state('#city=demo&asof=2026-10-01', { session: { status: 'no-server', user: null } }))).toBe('today');
  });
});
