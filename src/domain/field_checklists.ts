/**
 * Mock-inspection checklists and their scoring, one place for both: the items per place type and their weights
 * are data (field_checklists.json); the inspectors' app shows them, the server scores submitted records with them.
 * Score of any set of records = 100 × Σ weight of passed items / Σ weight of applicable (passed + failed) items.
 */
import data from './field_checklists.json';

export type ItemResult = 'pass' | 'fail' | 'na';
export const ITEM_RESULTS: readonly ItemResult[] = ['pass', 'fail', 'na'];

export type PlaceType = keyof typeof data.placeTypes;
export type ItemId = keyof typeof data.items;
export type ScoreGroup = keyof typeof data.groups;

export interface ChecklistItem { id: ItemId; zh: string; en: string; group: ScoreGroup; weight: number; caseCategory: string }
export interface Named { zh: string; en: string }

export const PLACE_TYPES = Object.keys(data.placeTypes) as PlaceType[];
export const SCORE_GROUPS = Object.keys(data.groups) as ScoreGroup[];
export const GROUP_NAMES: Record<ScoreGroup, Named> = data.groups;
export const PLACE_TYPE_NAMES: Record<PlaceType, Named> = data.placeTypes;

export const isPlaceType = (value: string): value is PlaceType => Object.hasOwn(data.placeTypes, value);

export function checklistItem(id: ItemId): ChecklistItem {
  const item = data.items[id];
  return { id, zh: item.zh, en: item.en, group: item.group as ScoreGroup, weight: item.weight, caseCategory: item.caseCategory };
}

/** The items an inspector records at a place of this type, in the data file's order. */
export function checklistFor(type: PlaceType): ChecklistItem[] {
  return (data.placeTypes[type].items as ItemId[]).map(checklistItem);
}

export interface Tally { passedWeight: number; applicableWeight: number; passed: number; failed: number; notApplicable: number }

export const emptyTally = (): Tally => ({ passedWeight: 0, applicableWeight: 0, passed: 0, failed: 0, notApplicable: 0 });

export function addResult(tally: Tally, weight: number, result: ItemResult): void {
  if (result === 'na') tally.notApplicable++;
  else {
    tally.applicableWeight += weight;
    if (result === 'pass') {
      tally.passed++;
      tally.passedWeight += weight;
    } else tally.failed++;
  }
}

/** 0–100, one decimal; null when nothing applicable was recorded */
export const tallyScore = (tally: Tally): number | null => (tally.applicableWeight > 0 ? Math.round((1000 * tally.passedWeight) / tally.applicableWeight) / 10 : null);

/** how many points of each six-surroundings category a day's draw sends an inspector to (each with its alleys and compounds) */
export const DAILY_POINTS_PER_CATEGORY: number = data.dailyPointsPerCategory;

/** A place of a day's draw: a six-surroundings point itself, or an alley or compound drawn around it. */
export interface DrawPlace {
  /** unique within the draw: `${type}:${id}` */
  key: string;
  type: PlaceType;
  name: string;
  /** the six-surroundings point it was drawn around */
  pointName: string;
  lon: number;
  lat: number;
  /** metres from the point it was drawn around (0 for the point itself): finds an unnamed alley on foot */
  distanceM?: number;
  gridCode: string | null;
  gridUnitId: string | null;
  district: string | null;
}
