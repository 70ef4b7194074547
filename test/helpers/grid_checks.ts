/** Checks on a grid layer shared by the demo and Nanjing tests. */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { pointInPolygon, segmentDistanceSquared, type PlanarPolygon } from '../../src/analysis/geometry';
import { LocalProjection } from '../../src/analysis/projection';
import type { BBox, GridFeature, StreetFeature } from '../../src/domain/city_bundle';
import { isArterialClass } from '../../src/domain/street_classes';

export interface PlanarGrids { projection: LocalProjection; parts: PlanarPolygon[][]; index: Flatbush }

export function planarGrids(grids: readonly GridFeature[], bbox: BBox): PlanarGrids {
  const projection = new LocalProjection((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2);
  const parts = grids.map((g) => projection.polygons(g.geometry));
  const index = new Flatbush(grids.length);
  for (const polygons of parts) {
    const xs = polygons.flatMap((p) => Array.from(p[0].filter((_, i) => i % 2 === 0)));
    const ys = polygons.flatMap((p) => Array.from(p[0].filter((_, i) => i % 2 === 1)));
    index.add(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
  }
  index.finish();
  return { projection, parts, index };
}

const containing = (grids: PlanarGrids, x: number, y: number): number[] => grids.index.search(x, y, x, y).filter((g) => grids.parts[g].some((p) => pointInPolygon(x, y, p)));

/** How many of n seeded random points in the managed area lie in no grid, and in more than one. */
export function partitionErrors(grids: PlanarGrids, bbox: BBox, n: number): { uncovered: number; overlapped: number } {
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
  let uncovered = 0;
  let overlapped = 0;
  for (let i = 0; i < n; i++) {
    const x = grids.projection.x(bbox[0] + (bbox[2] - bbox[0]) * random());
    const y = grids.projection.y(bbox[1] + (bbox[3] - bbox[1]) * random());
    const hits = containing(grids, x, y).length;
    if (hits === 0) uncovered++;
    if (hits > 1) overlapped++;
  }
  return { uncovered, overlapped };
}

/**
 * The deepest an arterial goes inside any grid, metres: the largest distance from an arterial vertex to the
 * edge of a grid it lies in. Grid edges follow arterials within one 5 m raster pixel.
 */
export function deepestArterialIntrusion(grids: PlanarGrids, streets: readonly StreetFeature[]): { deepest: number; checked: number } {
  let deepest = 0;
  let checked = 0;
  for (const s of streets) {
    if (!isArterialClass(s.properties.class)) continue;
    const parts: Position[][] = s.geometry.type === 'LineString' ? [s.geometry.coordinates] : s.geometry.coordinates;
    for (const p of parts.flat()) {
      const x = grids.projection.x(p[0]);
      const y = grids.projection.y(p[1]);
      for (const g of containing(grids, x, y)) {
        deepest = Math.max(deepest, edgeDistance(x, y, grids.parts[g]));
        checked++;
      }
    }
  }
  return { deepest, checked };
}

function edgeDistance(x: number, y: number, polygons: PlanarPolygon[]): number {
  let best = Infinity;
  for (const ring of polygons.flat()) {
    for (let i = 0; i + 3 < ring.length; i += 2) best = Math.min(best, segmentDistanceSquared(x, y, ring[i], ring[i + 1], ring[i + 2], ring[i + 3]));
  }
  return Math.sqrt(best);
}
