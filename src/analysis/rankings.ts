/**
 * Rankings per level (district → street → community → grid) from per-grid figures: the campaign's red list
 * (best) and black list (worst). Figures of a level are sums over its grids, and its score uses the grids'
 * formula on those sums, so a district's score is what its grids add up to. Rows order by the exact score (the
 * shown one is rounded), then by gap metres.
 */
import type { GridProperties } from '../domain/city_bundle';
import { exactScore, type GridColumns, type GridScore } from './grid_scores';
import type { GridTableColumn } from './grid_table_changes';

export const RANK_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export type RankLevel = (typeof RANK_LEVELS)[number];

/** Per-grid figures in grid order, as columns (they travel from the worker as transferred typed arrays). */
export interface GridTable {
  cityId: string;
  score: Float32Array;
  streetMetres: Float32Array;
  gapStreetMetres: Float32Array;
  areaShare: Float32Array;
  compounds: Float32Array;
  unserved: Float32Array;
  zoneAlleys: Float32Array;
  zoneCompounds: Float32Array;
}

export function gridTableFromScores(cityId: string, grids: readonly GridScore[]): GridTable {
  const column = (f: (g: GridScore) => number) => Float32Array.from(grids, f);
  return {
    cityId,
    score: column((g) => g.score),
    streetMetres: column((g) => g.toilets.streetMetres),
    gapStreetMetres: column((g) => g.toilets.gapStreetMetres),
    areaShare: column((g) => g.toilets.areaShareWithin),
    compounds: column((g) => g.parking.compounds),
    unserved: column((g) => g.parking.unserved),
    zoneAlleys: column((g) => g.zones.alleys),
    zoneCompounds: column((g) => g.zones.compounds),
  };
}

/** The table's columns as the worker's grid figures hold them (one naming, for the whole table and its changes). */
export function gridTableFigures(c: GridColumns): Record<GridTableColumn, ArrayLike<number>> {
  return { score: c.score, streetMetres: c.streetMetres, gapStreetMetres: c.gapStreetMetres, areaShare: c.areaShareWithin, compounds: c.compounds, unserved: c.unserved, zoneAlleys: c.zoneAlleys, zoneCompounds: c.zoneCompounds };
}

export interface RankRow {
  /** district code, district+street code, … or the grid code */
  key: string;
  level: RankLevel;
  name: string;
  grids: number[];
  areaM2: number;
  streetShare: number;
  gapStreetMetres: number;
  areaShare: number;
  unserved: number;
  compounds: number;
  zoneAlleys: number;
  score: number;
}

export function keyAt(p: GridProperties, level: RankLevel): string {
  switch (level) {
    case 'district': return p.districtCode;
    case 'street': return p.districtCode + p.streetCode;
    case 'community': return p.districtCode + p.streetCode + p.communityCode;
    case 'grid': return p.code;
  }
}

function nameAt(p: GridProperties, level: RankLevel): string {
  switch (level) {
    case 'district': return p.district;
    case 'street': return p.street;
    case 'community': return p.community;
    case 'grid': return p.name;
  }
}

/** Rows of a level, only those under `parentKey` when given, worst score first. */
export function rankLevel(grids: readonly GridProperties[], table: GridTable, level: RankLevel, parentKey: string | null): RankRow[] {
  const rows = new Map<string, RankRow>();
  const areaWithin = new Map<string, number>();
  grids.forEach((p, g) => {
    if (parentKey && !p.code.startsWith(parentKey)) return;
    const key = keyAt(p, level);
    let row = rows.get(key);
    if (!row) {
      row = { key, level, name: nameAt(p, level), grids: [], areaM2: 0, streetShare: 0, gapStreetMetres: 0, areaShare: 0, unserved: 0, compounds: 0, zoneAlleys: 0, score: 0 };
      rows.set(key, row);
      areaWithin.set(key, 0);
    }
    row.grids.push(g);
    row.areaM2 += p.areaM2;
    row.streetShare += table.streetMetres[g];
    row.gapStreetMetres += table.gapStreetMetres[g];
    areaWithin.set(key, areaWithin.get(key)! + table.areaShare[g] * p.areaM2);
    row.unserved += table.unserved[g];
    row.compounds += table.compounds[g];
    row.zoneAlleys += table.zoneAlleys[g];
  });
  const exact = new Map<string, number>();
  for (const row of rows.values()) {
    const streetMetres = row.streetShare;
    row.areaShare = row.areaM2 > 0 ? areaWithin.get(row.key)! / row.areaM2 : 0;
    row.streetShare = streetMetres > 0 ? 1 - row.gapStreetMetres / streetMetres : row.areaShare;
    exact.set(row.key, exactScore({ streetMetres, gapStreetMetres: row.gapStreetMetres, compounds: row.compounds, unserved: row.unserved, areaShare: row.areaShare }));
    row.score = Math.round(exact.get(row.key)!);
  }
  // by the exact score: two districts shown as 87 still rank by what separates them
  return [...rows.values()].sort((a, b) => exact.get(a.key)! - exact.get(b.key)! || b.gapStreetMetres - a.gapStreetMetres || a.key.localeCompare(b.key));
}

/** Grids whose code starts with, or whose name contains, the query; at most `limit`. */
export function searchGrids(grids: readonly GridProperties[], query: string, limit = 10): number[] {
  const q = query.trim();
  if (!q) return [];
  const hits: number[] = [];
  for (let g = 0; g < grids.length && hits.length < limit; g++) if (grids[g].code.startsWith(q) || grids[g].name.includes(q)) hits.push(g);
  return hits;
}

/** The `count` lowest-scoring grids (under `parentKey` when given), worst first, without building every row. */
export function worstGrids(grids: readonly GridProperties[], table: GridTable, count: number, parentKey: string | null): number[] {
  const chosen: number[] = [];
  const exact = (g: number) => exactScore({ streetMetres: table.streetMetres[g], gapStreetMetres: table.gapStreetMetres[g], compounds: table.compounds[g], unserved: table.unserved[g], areaShare: table.areaShare[g] });
  const worse = (a: number, b: number) => exact(a) - exact(b) || table.gapStreetMetres[b] - table.gapStreetMetres[a] || grids[a].code.localeCompare(grids[b].code);
  for (let g = 0; g < grids.length; g++) {
    if (parentKey && !grids[g].code.startsWith(parentKey)) continue;
    if (chosen.length === count && worse(g, chosen[count - 1]) >= 0) continue;
    // insert in order; count is small
    let i = Math.min(chosen.length, count - 1);
    chosen[i] = g;
    while (i > 0 && worse(chosen[i], chosen[i - 1]) < 0) {
      [chosen[i], chosen[i - 1]] = [chosen[i - 1], chosen[i]];
      i--;
    }
  }
  return chosen;
}
