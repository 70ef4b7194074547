/**
 * 督办 from the atlas: what a gap street, an unserved compound, a mock-inspection item or a grid's scorecard
 * hands the case form — a category, a title, a point inside the city's grids, and the figures that raised it
 * (case.analysis: rule, data date, distance, threshold), so the unit sees why it got the case.
 */
import pointOnFeature from '@turf/point-on-feature';
import type { CompoundGap, StreetGap } from '../analysis/gap_lists';
import type { AlleyPick, CompoundPick, InspectionPoint } from '../analysis/mock_inspection';
import type { CategoryId } from '../domain/categories';
import type { GridFeature } from '../domain/city_bundle';
import { t, type Lang } from '../i18n/strings';
import type { CaseDraft } from '../state/cases_state';

/** the case category for a problem around a facility of the six surroundings */
const SURROUNDINGS_CATEGORY: Partial<Record<CategoryId, string>> = {
  market: 'surroundings_market',
  supermarket_mall: 'surroundings_mall',
  school: 'surroundings_school',
  hospital: 'surroundings_hospital',
  transport_station: 'surroundings_station',
  community: 'surroundings_community',
};

const round = (m: number) => (Number.isFinite(m) ? Math.round(m) : null);
const centre = (box: readonly number[]): [number, number] => [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];

export function gapStreetDraft(lang: Lang, street: StreetGap, thresholdM: number, dataDate: string): CaseDraft {
  const [lon, lat] = centre(street.bbox);
  const name = street.name || t(lang, 'caseUnnamedPlace');
  return {
    categoryId: 'toilet_gap',
    source: 'atlas_gap_street',
    title: t(lang, 'draftGapStreetTitle', { name }),
    description: t(lang, 'draftGapStreetText', { name, gap: Math.round(street.gapM), threshold: thresholdM }),
    lon,
    lat,
    analysis: { rule: `toilet within ${thresholdM} m`, dataDate, distanceM: round(street.worstDistanceM), thresholdM, figures: { streetId: street.id, gapM: Math.round(street.gapM), lengthM: Math.round(street.lengthM) } },
  };
}

export function unservedCompoundDraft(lang: Lang, compound: CompoundGap, radiusM: number, dataDate: string): CaseDraft {
  const [lon, lat] = centre(compound.bbox);
  const name = compound.name || t(lang, 'caseUnnamedPlace');
  return {
    categoryId: 'parking_missing',
    source: 'atlas_compound',
    title: t(lang, 'draftCompoundTitle', { name }),
    description: t(lang, 'draftCompoundText', { name, radius: radiusM }),
    lon,
    lat,
    analysis: { rule: `parking within ${radiusM} m walk`, dataDate, distanceM: round(compound.distanceM), thresholdM: radiusM, figures: { compoundId: compound.id, areaM2: Math.round(compound.areaM2) } },
  };
}

/** an alley or compound drawn in the mock inspection around `point`: its problem decides the category */
export function mockItemDraft(lang: Lang, point: InspectionPoint, item: { kind: 'alley'; pick: AlleyPick } | { kind: 'compound'; pick: CompoundPick }, limits: { toiletM: number; parkingM: number }, dataDate: string): CaseDraft {
  const name = item.pick.name || t(lang, 'caseUnnamedPlace');
  const around = SURROUNDINGS_CATEGORY[point.category] ?? 'alley_sanitation';
  let categoryId = around;
  let rule = `mock inspection around ${point.category}`;
  let distanceM: number | null = round(item.pick.distanceM);
  let thresholdM: number | undefined;
  if (item.kind === 'alley' && item.pick.toiletShareWithin < 1) {
    categoryId = 'toilet_gap';
    rule = `toilet within ${limits.toiletM} m`;
    distanceM = round(item.pick.toiletWorstM);
    thresholdM = limits.toiletM;
  } else if (item.kind === 'compound' && !item.pick.parkingServed) {
    categoryId = 'parking_missing';
    rule = `parking within ${limits.parkingM} m walk`;
    distanceM = round(item.pick.parkingDistanceM);
    thresholdM = limits.parkingM;
  } else if (item.kind === 'alley') {
    categoryId = 'alley_sanitation';
  }
  return {
    categoryId,
    source: 'atlas_mock_item',
    title: t(lang, 'draftMockTitle', { name, point: point.name || t(lang, 'caseUnnamedPlace') }),
    description: t(lang, 'draftMockText', { name, distance: Math.round(item.pick.distanceM) }),
    lon: point.lon,
    lat: point.lat,
    analysis: { rule, dataDate, distanceM, ...(thresholdM === undefined ? {} : { thresholdM }), figures: { facilityId: point.facilityId, itemId: item.pick.id, kind: item.kind } },
  };
}

/** a grid's scorecard: the toilet gap when it has one, else the parking gap */
export function gridDraft(lang: Lang, grid: GridFeature, figures: { gapStreetMetres: number; unservedCompounds: number; score: number | null; thresholdM: number }, dataDate: string): CaseDraft {
  const [lon, lat] = pointOnFeature(grid).geometry.coordinates;
  const p = grid.properties;
  const toilet = figures.gapStreetMetres > 0 || figures.unservedCompounds === 0;
  return {
    categoryId: toilet ? 'toilet_gap' : 'parking_missing',
    source: 'atlas_grid',
    title: t(lang, 'draftGridTitle', { grid: p.name || p.code }),
    description: t(lang, 'draftGridText', { gap: Math.round(figures.gapStreetMetres), unserved: figures.unservedCompounds }),
    lon,
    lat,
    analysis: { rule: toilet ? `toilet within ${figures.thresholdM} m` : 'parking for every compound', dataDate, figures: { gridCode: p.code, gapStreetM: Math.round(figures.gapStreetMetres), unservedCompounds: figures.unservedCompounds, score: figures.score } },
  };
}
