import { describe, expect, it } from 'vitest';
import type { FacilityFeature } from '../domain/city_bundle';
import type { LoadedCity } from '../io/city_loader';
import { applyProject, emptyProject } from '../ledger/project';
import { initialState, type AppState } from '../state/app_store';
import { selectFacilities } from './app_selectors';

const school = (id: string, lon: number): FacilityFeature =>
  ({ type: 'Feature', properties: { id, category: 'school', name: id }, geometry: { type: 'Point', coordinates: [lon, 33.2] } }) as FacilityFeature;

function withProject(project: AppState['project']): AppState {
  const city = { manifest: { id: 'demo' }, layers: { facilities: { type: 'FeatureCollection', features: [school('a', 115.1), school('b', 115.2)] } } } as unknown as LoadedCity;
  return { ...initialState('#city=demo'), city, project };
}

describe('the facilities the map and the worker use', () => {
  it('are the bundle’s own (null) without a project and for an empty one; a proposal makes them the project’s', () => {
    expect(selectFacilities(withProject(null))).toBeNull();
    // the planner's project before any import or placed site: nothing to apply, no copy of the list
    expect(selectFacilities(withProject(emptyProject('demo')))).toBeNull();

    const project = { ...emptyProject('demo'), proposals: [{ id: 'p1', category: 'toilet' as const, lon: 115.15, lat: 33.2, origin: 'placed' as const, name: '公厕 1' }] };
    const state = withProject(project);
    const features = selectFacilities(state)!;
    expect(features.map((f) => f.properties.id)).toEqual(applyProject(state.city!.layers, project).facilities.features.map((f) => f.properties.id));
    expect(features).toHaveLength(3);
    // memoised: the same list while the city and project stay
    expect(selectFacilities({ ...state, hash: { ...state.hash, grid: '99010100100101' } })).toBe(features);
  });
});
