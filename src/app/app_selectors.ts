/** Values derived from the app state that several views and the map share, memoised on their inputs. */
import { applyProject } from '../ledger/project';
import type { FacilityFeature, GridFeature } from '../domain/city_bundle';
import { currentAnalysis } from '../state/analysis_driver';
import type { AppState } from '../state/app_store';
import { selectAnalysisScope } from '../state/as_of_driver';
import { districtBars, districtFigures, type DistrictFigures } from './district_bars';
import type { Bar } from '../components/charts/BarList';

let facilitiesMemo: { key: readonly unknown[]; features: FacilityFeature[] | null } | null = null;

/**
 * The facilities the worker analyses: the project's ledgers and proposals applied today, the revisions in force in
 * the history view (as_of_driver.ts); null for the bundle's own (no project yet, or the day's revisions loading).
 */
export function selectFacilities(s: AppState): FacilityFeature[] | null {
  const scope = selectAnalysisScope(s);
  const key = [s.city, scope?.ledgers, scope?.proposals] as const;
  if (facilitiesMemo && facilitiesMemo.key.every((v, i) => v === key[i])) return facilitiesMemo.features;
  // an empty project (the planner's before any import, a day with no revisions) is the bundle's own facilities: no
  // copy of the list, which the map would draw anew (~40 ms on the 30 km city, in the load's longest task)
  const changes = Boolean(scope?.ledgers?.length || scope?.proposals?.length);
  const features = s.city && changes ? applyProject(s.city.layers, { ledgers: scope?.ledgers ?? [], proposals: scope?.proposals ?? [] }).facilities.features : null;
  facilitiesMemo = { key, features };
  return features;
}

export function selectGridFeature(s: AppState): GridFeature | null {
  const code = s.hash.grid;
  return (code && s.city?.layers.grids?.features.find((g) => g.properties.code === code)) || null;
}

/** The wall's districts, in tour order after the whole city. */
export function selectWallDistricts(s: AppState): Bar[] {
  const a = currentAnalysis(s);
  return districtBars(a.report, s.city?.layers.grids?.features ?? null, a.gridTable);
}

/** The district the wall shows now, or null for the whole city. */
export function selectWallDistrict(s: AppState): Bar | null {
  const districts = selectWallDistricts(s);
  const stop = s.wallStep % (districts.length + 1);
  return stop === 0 ? null : districts[stop - 1];
}

/** The figures of the district the wall shows now, from the same source as its bars; null for the whole city. */
export function selectWallDistrictFigures(s: AppState): DistrictFigures | null {
  const current = selectWallDistrict(s);
  if (!current) return null;
  const a = currentAnalysis(s);
  return districtFigures(a.report, s.city?.layers.grids?.features ?? null, a.gridTable).find((f) => f.key === current.key) ?? null;
}
