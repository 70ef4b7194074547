/**
 * Per-grid scorecards: the analysis results summed inside each unit grid, and a score with its formula.
 * Every sample, cell, facility and compound is placed in its grid once; each metric is then one pass.
 */
import type { CategoryId } from '../domain/categories';
import { RULES } from '../domain/rules';
import type { GridProperties } from '../domain/city_bundle';
import type { CityModel } from './city_model';
import type { PlanarPolygon } from './geometry';
import { indexRegions, regionAt, regionOfArea } from './placement';
import { forEachCellCentre } from './network_field';

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

export interface GridPlacement { gridOfSample: Int32Array; gridOfCell: Int32Array; gridOfFacility: Int32Array; gridOfCompound: Int32Array }

/**
 * Which grid each sample, cell centre and facility lies in, and which grid each compound shares the most area
 * with; -1 for none.
 */
/** `previous`: the placement on the same streets, lattice and compounds, whose grids are kept (new facilities only). */
export function placeInGrids(model: CityModel, grids: readonly PlanarPolygon[][], previous?: GridPlacement): GridPlacement {
  const regions = indexRegions(grids);
  const { samples, facilities, compounds, lattice } = model;
  const gridOfFacility = Int32Array.from(facilities.x, (x, i) => regionAt(regions, x, facilities.y[i]));
  if (previous) return { ...previous, gridOfFacility };
  const gridOfSample = Int32Array.from(samples.x, (x, i) => regionAt(regions, x, samples.y[i]));
  const gridOfCell = new Int32Array(lattice.count);
  forEachCellCentre(lattice, (i, x, y) => (gridOfCell[i] = regionAt(regions, x, y)));
  const gridOfCompound = Int32Array.from(compounds, (c) => regionOfArea(regions, c));
  return { gridOfSample, gridOfCell, gridOfFacility, gridOfCompound };
}

export function gridScores(
  model: CityModel,
  grids: readonly GridProperties[],
  placement: GridPlacement,
  inputs: {
    /** 1 where a sample / cell is within the toilet service distance (one distance, or by land use) */
    sampleWithin: Uint8Array;
    cellWithin: Uint8Array;
    compoundServed: (c: number) => boolean;
    alleysInZones: ReadonlySet<number>;
    compoundsInZones: ReadonlySet<number>;
  },
): GridScore[] {
  const n = grids.length;
  const streetMetres = new Float64Array(n);
  const within = new Float64Array(n);
  const cells = new Float64Array(n);
  const cellsWithin = new Float64Array(n);
  const alleys: Set<number>[] = Array.from({ length: n }, () => new Set());
  const { samples } = model;
  for (let i = 0; i < samples.x.length; i++) {
    const g = placement.gridOfSample[i];
    if (g < 0) continue;
    streetMetres[g] += samples.weight[i];
    if (inputs.sampleWithin[i]) within[g] += samples.weight[i];
    if (inputs.alleysInZones.has(samples.street[i])) alleys[g].add(samples.street[i]);
  }
  for (let i = 0; i < placement.gridOfCell.length; i++) {
    const g = placement.gridOfCell[i];
    if (g < 0) continue;
    cells[g]++;
    if (inputs.cellWithin[i]) cellsWithin[g]++;
  }
  const facilities: Partial<Record<CategoryId, number>>[] = Array.from({ length: n }, () => ({}));
  placement.gridOfFacility.forEach((g, i) => {
    if (g < 0) return;
    const category = model.facilities.category[i];
    facilities[g][category] = (facilities[g][category] ?? 0) + 1;
  });
  const compounds = new Float64Array(n);
  const unserved = new Float64Array(n);
  const zoneCompounds = new Float64Array(n);
  placement.gridOfCompound.forEach((g, c) => {
    if (g < 0) return;
    compounds[g]++;
    if (!inputs.compoundServed(c)) unserved[g]++;
    if (inputs.compoundsInZones.has(c)) zoneCompounds[g]++;
  });
  return grids.map((p, g) => {
    const areaShare = cells[g] > 0 ? cellsWithin[g] / cells[g] : 0;
    const streetShare = streetMetres[g] > 0 ? within[g] / streetMetres[g] : areaShare;
    return {
      code: p.code,
      name: p.name,
      district: p.district,
      street: p.street,
      community: p.community,
      areaM2: p.areaM2,
      toilets: { streetMetres: streetMetres[g], gapStreetMetres: streetMetres[g] - within[g], streetShareWithin: streetShare, areaShareWithin: areaShare },
      parking: { compounds: compounds[g], unserved: unserved[g] },
      zones: { alleys: alleys[g].size, compounds: zoneCompounds[g] },
      facilities: facilities[g],
      score: Math.round(exactScore({ streetMetres: streetMetres[g], gapStreetMetres: streetMetres[g] - within[g], compounds: compounds[g], unserved: unserved[g], areaShare })),
    };
  });
}
