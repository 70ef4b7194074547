/**
 * Per-grid scorecards: the analysis results summed inside each unit grid, and a score with its formula.
 * Every sample, cell, facility and compound is placed in its grid once; each metric is then one pass.
 */
import type { CategoryId } from '../domain/categories';
import { RULES } from '../domain/rules';
import type { GridProperties } from '../domain/city_bundle';
import type { CityModel } from './city_model';
import type { PlanarPolygon } from './geometry';
import { indexRegions, placeSamplesCellsCompounds, pointsInRegions } from './placement';

const COMPOUND_M = RULES.scoreCompoundWeightM.value;

export const SCORE_FORMULA = `score = 100 × (street metres within the toilet service distance + ${COMPOUND_M} × compounds with parking) / (street metres + ${COMPOUND_M} × compounds): the share of checks passed, each compound weighing as much as ${COMPOUND_M} m of street; an area with neither uses its toilet area coverage`;

/** What a score is made of; sums of grids for a street, community or district. */
export interface ScoreParts { streetMetres: number; gapStreetMetres: number; compounds: number; unserved: number; areaShare: number }

/** The score before rounding, 0–100 (see SCORE_FORMULA); rankings order by this, the report shows it rounded. */
export function exactScore(p: ScoreParts): number {
  const checks = p.streetMetres + COMPOUND_M * p.compounds;
  if (checks <= 0) return 100 * p.areaShare;
  return (100 * (p.streetMetres - p.gapStreetMetres + COMPOUND_M * (p.compounds - p.unserved))) / checks;
}

export interface GridScore {
  code: string;
  name: string;
  district: string;
  street: string;
  community: string;
  areaM2: number;
  toilets: { streetMetres: number; gapStreetMetres: number; streetShareWithin: number; areaShareWithin: number };
  parking: { compounds: number; unserved: number };
  zones: { alleys: number; compounds: number };
  facilities: Partial<Record<CategoryId, number>>;
  score: number;
}

export interface GridPlacement {
  gridOfSample: Int32Array;
  gridOfCell: Int32Array;
  gridOfFacility: Int32Array;
  gridOfCompound: Int32Array;
  /** each (grid, street) pair the street's samples are placed in, once: a grid's zone alleys are counted from these */
  gridStreets: GridStreets;
}

export interface GridStreets { grid: Int32Array; street: Int32Array }

/**
 * The distinct (grid, street) pairs of the samples, by grid then street; samples in no grid are left out. Once per
 * placement, as one sort of grid × streets + street (exact in a double): a Set of pairs on every slider move was
 * ~200 MB of garbage a minute on the 30 km city.
 */
export function distinctGridStreets(gridOfSample: Int32Array, sampleStreet: ArrayLike<number>, streetCount: number): GridStreets {
  let placed = 0;
  for (let i = 0; i < gridOfSample.length; i++) if (gridOfSample[i] >= 0) placed++;
  const keys = new Float64Array(placed);
  for (let i = 0, k = 0; i < gridOfSample.length; i++) if (gridOfSample[i] >= 0) keys[k++] = gridOfSample[i] * streetCount + sampleStreet[i];
  keys.sort();
  let distinct = 0;
  for (let k = 0; k < keys.length; k++) if (k === 0 || keys[k] !== keys[k - 1]) distinct++;
  const grid = new Int32Array(distinct);
  const street = new Int32Array(distinct);
  for (let k = 0, d = 0; k < keys.length; k++) {
    if (k > 0 && keys[k] === keys[k - 1]) continue;
    let g = Math.floor(keys[k] / streetCount);
    // the division may round up to the next grid near a multiple of streetCount
    if (g * streetCount > keys[k]) g--;
    grid[d] = g;
    street[d] = keys[k] - g * streetCount;
    d++;
  }
  return { grid, street };
}

/**
 * Which grid each sample, cell centre and facility lies in, and which grid each compound shares the most area
 * with; -1 for none.
 */
/** `previous`: the placement on the same streets, lattice and compounds, whose grids are kept (new facilities only). */
export function placeInGrids(model: CityModel, grids: readonly PlanarPolygon[][], previous?: GridPlacement): GridPlacement {
  const regions = indexRegions(grids);
  const gridOfFacility = pointsInRegions(regions, model.facilities.x, model.facilities.y);
  if (previous) return { ...previous, gridOfFacility };
  const { sample: gridOfSample, cell: gridOfCell, compound: gridOfCompound } = placeSamplesCellsCompounds(model, regions);
  const gridStreets = distinctGridStreets(gridOfSample, model.samples.street, model.streets.length);
  return { gridOfSample, gridOfCell, gridOfFacility, gridOfCompound, gridStreets };
}

/** What the grid figures are computed from (one toilet distance or by land use; parking; the zones). */
export interface GridInputs {
  /** 1 where a sample / cell is within the toilet service distance (one distance, or by land use) */
  sampleWithin: Uint8Array;
  cellWithin: Uint8Array;
  compoundServed: (c: number) => boolean;
  /** per street, nonzero where a six-surroundings zone reaches it (alleys only) */
  alleyInZone: Uint8Array;
  /** per compound, nonzero where a zone reaches it */
  compoundInZone: Uint8Array;
}

/** Per-grid figures as columns in grid order: no object per grid (a 30 km city has 89 k grids, every slider move). */
export interface GridColumns {
  streetMetres: Float64Array;
  gapStreetMetres: Float64Array;
  streetShareWithin: Float64Array;
  areaShareWithin: Float64Array;
  compounds: Float64Array;
  unserved: Float64Array;
  /** distinct alleys inside a zone with a sample in the grid */
  zoneAlleys: Float64Array;
  zoneCompounds: Float64Array;
  /** rounded, as shown */
  score: Float64Array;
}

export function gridColumns(model: CityModel, gridCount: number, placement: GridPlacement, inputs: GridInputs): GridColumns {
  const n = gridCount;
  const streetMetres = new Float64Array(n);
  const within = new Float64Array(n);
  const cells = new Float64Array(n);
  const cellsWithin = new Float64Array(n);
  const zoneAlleys = new Float64Array(n);
  const { samples } = model;
  for (let i = 0; i < samples.x.length; i++) {
    const g = placement.gridOfSample[i];
    if (g < 0) continue;
    streetMetres[g] += samples.weight[i];
    if (inputs.sampleWithin[i]) within[g] += samples.weight[i];
  }
  const { grid: pairGrid, street: pairStreet } = placement.gridStreets;
  for (let k = 0; k < pairGrid.length; k++) if (inputs.alleyInZone[pairStreet[k]]) zoneAlleys[pairGrid[k]]++;
  for (let i = 0; i < placement.gridOfCell.length; i++) {
    const g = placement.gridOfCell[i];
    if (g < 0) continue;
    cells[g]++;
    if (inputs.cellWithin[i]) cellsWithin[g]++;
  }
  const compounds = new Float64Array(n);
  const unserved = new Float64Array(n);
  const zoneCompounds = new Float64Array(n);
  placement.gridOfCompound.forEach((g, c) => {
    if (g < 0) return;
    compounds[g]++;
    if (!inputs.compoundServed(c)) unserved[g]++;
    if (inputs.compoundInZone[c]) zoneCompounds[g]++;
  });
  const gapStreetMetres = new Float64Array(n);
  const streetShareWithin = new Float64Array(n);
  const areaShareWithin = new Float64Array(n);
  const score = new Float64Array(n);
  for (let g = 0; g < n; g++) {
    const areaShare = cells[g] > 0 ? cellsWithin[g] / cells[g] : 0;
    areaShareWithin[g] = areaShare;
    gapStreetMetres[g] = streetMetres[g] - within[g];
    streetShareWithin[g] = streetMetres[g] > 0 ? within[g] / streetMetres[g] : areaShare;
    score[g] = Math.round(exactScore({ streetMetres: streetMetres[g], gapStreetMetres: gapStreetMetres[g], compounds: compounds[g], unserved: unserved[g], areaShare }));
  }
  return { streetMetres, gapStreetMetres, streetShareWithin, areaShareWithin, compounds, unserved, zoneAlleys, zoneCompounds, score };
}

/** The scorecards of the report and the CLI: the columns with each grid's names and facility counts. */
export function gridScores(model: CityModel, grids: readonly GridProperties[], placement: GridPlacement, inputs: GridInputs): GridScore[] {
  const c = gridColumns(model, grids.length, placement, inputs);
  const facilities: Partial<Record<CategoryId, number>>[] = Array.from({ length: grids.length }, () => ({}));
  placement.gridOfFacility.forEach((g, i) => {
    if (g < 0) return;
    const category = model.facilities.category[i];
    facilities[g][category] = (facilities[g][category] ?? 0) + 1;
  });
  return grids.map((p, g) => scorecard(p, g, c, facilities[g]));
}

/** One grid's scorecard from the columns (the page asks for one at a time). */
export function gridScoreAt(model: CityModel, grid: GridProperties, g: number, placement: GridPlacement, c: GridColumns): GridScore {
  const facilities: Partial<Record<CategoryId, number>> = {};
  placement.gridOfFacility.forEach((at, i) => {
    if (at !== g) return;
    const category = model.facilities.category[i];
    facilities[category] = (facilities[category] ?? 0) + 1;
  });
  return scorecard(grid, g, c, facilities);
}

function scorecard(p: GridProperties, g: number, c: GridColumns, facilities: Partial<Record<CategoryId, number>>): GridScore {
  return {
    code: p.code,
    name: p.name,
    district: p.district,
    street: p.street,
    community: p.community,
    areaM2: p.areaM2,
    toilets: { streetMetres: c.streetMetres[g], gapStreetMetres: c.gapStreetMetres[g], streetShareWithin: c.streetShareWithin[g], areaShareWithin: c.areaShareWithin[g] },
    parking: { compounds: c.compounds[g], unserved: c.unserved[g] },
    zones: { alleys: c.zoneAlleys[g], compounds: c.zoneCompounds[g] },
    facilities,
    score: c.score[g],
  };
}
