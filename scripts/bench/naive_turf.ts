/**
 * The naive Turf way, as a planner would write it: buffer every facility with a circle, union them, and take
 * the difference with the managed area for coverage; test points against every zone circle for membership.
 */
import area from '@turf/area';
import bboxPolygon from '@turf/bbox-polygon';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import circle from '@turf/circle';
import difference from '@turf/difference';
import { featureCollection } from '@turf/helpers';
import union from '@turf/union';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { BBox } from '../../src/domain/city_bundle';

/** 64 vertices a circle: the polygon's area is within 0.2 % of the circle's */
const CIRCLE_STEPS = 64;

/** Share of the managed area farther than `radiusM` from every point. */
export function naiveGapAreaShare(points: readonly Position[], bbox: BBox, radiusM: number): number {
  const managed = bboxPolygon(bbox);
  if (points.length === 0) return 1;
  const circles = points.map((p) => circle(p, radiusM / 1000, { steps: CIRCLE_STEPS }));
  const covered = circles.length === 1 ? circles[0] : union(featureCollection(circles));
  if (!covered) return 1;
  const gap = difference(featureCollection([managed, covered as Feature<Polygon | MultiPolygon>]));
  return gap ? area(gap) / area(managed) : 0;
}

/** Distinct alleys with a sample point inside any zone circle. */
export function naiveAlleyMembership(points: readonly Position[], alleys: readonly Position[][], radiusM: number): number {
  const inside = new Set<number>();
  for (const p of points) {
    const zone = circle(p, radiusM / 1000, { steps: CIRCLE_STEPS });
    alleys.forEach((samples, i) => {
      if (!inside.has(i) && samples.some((q) => booleanPointInPolygon(q, zone))) inside.add(i);
    });
  }
  return inside.size;
}

/** Distinct compounds with a vertex inside any zone circle, or containing the zone's centre. */
export function naiveCompoundMembership(points: readonly Position[], compounds: readonly Feature<Polygon | MultiPolygon>[], radiusM: number): number {
  const inside = new Set<number>();
  for (const p of points) {
    const zone = circle(p, radiusM / 1000, { steps: CIRCLE_STEPS });
    compounds.forEach((compound, i) => {
      if (inside.has(i)) return;
      const vertices = compound.geometry.type === 'Polygon' ? compound.geometry.coordinates.flat() : compound.geometry.coordinates.flat(2);
      if (booleanPointInPolygon(p, compound) || vertices.some((q) => booleanPointInPolygon(q, zone))) inside.add(i);
    });
  }
  return inside.size;
}
