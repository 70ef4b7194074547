import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { initialState } from './app_store';
import { formatHash } from './url_hash';

describe('the app state', () => {
  it('opens on what the link says, and the link it writes opens the same view', () => {
    const state = initialState('#city=demo&district=990101&area=990101001&level=grid&tab=ranking');
    expect(state.hash).toMatchObject({ city: 'demo', district: '990101', area: '990101001', level: 'grid', tab: 'ranking' });
    expect(initialState(formatHash(state.hash)).hash).toEqual(state.hash);
  });

  it('shows the defaults and remembers the version of a link from a newer app', () => {
    const store = createStore(() => initialState('#v=7&city=demo'));
    expect(store.getState().hashTooNew).toBe(7);
    expect(store.getState().hash.city).toBeNull();
  });
});
