/**
 * Per-grid scorecards: the analysis results summed inside each unit grid, and a score with its formula.
 * Every sample, cell, facility and compound is placed in its grid once; each metric is then one pass.
 */
import Flatbush from 'flatbush';
import type { CategoryId } from '../domain/categories';
import type { GridProperties } from '../domain/city_bundle';
import type { CityModel } from './city_model';
import { pointInPolygon, ringsBBox, type PlanarPolygon } from './geometry';
import { forEachCellCentre } from './network_field';

export const SCORE_FORMULA = 'score = 100 × (0.5 × toilet street coverage + 0.3 × toilet area coverage + 0.2 × share of compounds with parking); a grid without streets uses its area coverage for streets, one without compounds counts parking as met';

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

/** Which grid each sample, cell centre, facility and compound (by its box centre) lies in; -1 for none. */
export function placeInGrids(model: CityModel, grids: readonly PlanarPolygon[][]): GridPlacement {
  const index = new Flatbush(Math.max(1, grids.length));
  for (const g of grids) index.add(...ringsBBox(g));
  if (grids.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const gridAt = (x: number, y: number): number => {
    for (const g of index.search(x, y, x, y)) if (g < grids.length && grids[g].some((p) => pointInPolygon(x, y, p))) return g;
    return -1;
  };
  const { samples, facilities, compounds, lattice } = model;
  const gridOfSample = Int32Array.from(samples.x, (x, i) => gridAt(x, samples.y[i]));
  const gridOfCell = new Int32Array(lattice.count);
  forEachCellCentre(lattice, (i, x, y) => (gridOfCell[i] = gridAt(x, y)));
  const gridOfFacility = Int32Array.from(facilities.x, (x, i) => gridAt(x, facilities.y[i]));
  const gridOfCompound = Int32Array.from(compounds, (c) => gridAt((c.bbox[0] + c.bbox[2]) / 2, (c.bbox[1] + c.bbox[3]) / 2));
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
    const parkingShare = compounds[g] > 0 ? 1 - unserved[g] / compounds[g] : 1;
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
      score: Math.round(100 * (0.5 * streetShare + 0.3 * areaShare + 0.2 * parkingShare)),
    };
  });
}
