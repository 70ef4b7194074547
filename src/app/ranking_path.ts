/**
 * Where the ranking stands, read from the link: the area drilled into (`area` ?? `district`) and the level
 * listed. Every step of a drill-down is a link.
 */
import { RANK_LEVELS, type RankLevel } from '../analysis/rankings';
import type { HashState } from '../state/url_hash';

/** The level of an area code: 6 digits a district, 9 a subdistrict, 12 a community. */
export function levelOfCode(code: string): RankLevel {
  return code.length === 6 ? 'district' : code.length === 9 ? 'street' : code.length === 12 ? 'community' : 'grid';
}

export interface RankPath { level: RankLevel; parent: string | null }

export function rankPath(hash: Pick<HashState, 'district' | 'area' | 'level'>): RankPath {
  const parent = hash.area ?? hash.district;
  const below = parent ? RANK_LEVELS[RANK_LEVELS.indexOf(levelOfCode(parent)) + 1] : 'district';
  // a level at or above the area would list one row: the level below it instead
  const valid = hash.level && (!parent || RANK_LEVELS.indexOf(hash.level) > RANK_LEVELS.indexOf(levelOfCode(parent)));
  return { level: valid ? hash.level! : below, parent };
}

/** The link for listing `level` under `parent`. */
export function pathPatch(parent: string | null, level: RankLevel | null): Pick<HashState, 'district' | 'area' | 'level' | 'grid'> {
  const district = parent ? parent.slice(0, 6) : null;
  const area = parent && parent.length > 6 ? parent : null;
  const below = parent ? RANK_LEVELS[RANK_LEVELS.indexOf(levelOfCode(parent)) + 1] : 'district';
  return { district, area, level: level && level !== below ? level : null, grid: null };
}

/** Choosing a level: the area shrinks to the level above it when it is not above already. */
export function levelPatch(path: RankPath, level: RankLevel): ReturnType<typeof pathPatch> {
  if (level === 'district' || !path.parent) return pathPatch(null, level);
  const aboveLength = { district: 0, street: 6, community: 9, grid: 12 }[level];
  const parent = path.parent.length > aboveLength ? path.parent.slice(0, Math.max(aboveLength, 6)) : path.parent;
  return pathPatch(parent, level);
}
