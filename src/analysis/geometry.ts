/**
 * Planar geometry in the local metric frame (metres). Rings are flat arrays [x0, y0, x1, y1, …], closed
 * (last point = first point), as produced by `projectRing`.
 */

/** Distance from (px, py) to the segment (ax, ay)–(bx, by), and where along it (0..1) the nearest point lies. */
export function pointSegmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): { distance: number; t: number } {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  let t = lengthSquared === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lengthSquared;
  t = Math.max(0, Math.min(1, t));
  return { distance: Math.hypot(px - (ax + t * dx), py - (ay + t * dy)), t };
}

/** Squared distance from (px, py) to a segment; allocation-free for hot loops. */
export function segmentDistanceSquared(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  let t = lengthSquared === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lengthSquared;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = px - (ax + t * dx);
  const ey = py - (ay + t * dy);
  return ex * ex + ey * ey;
}

/** Even-odd ray casting. */
export function pointInRing(px: number, py: number, ring: ArrayLike<number>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
    const xi = ring[i];
    const yi = ring[i + 1];
    const xj = ring[j];
    const yj = ring[j + 1];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A polygon part: outer ring then holes. */
export type PlanarPolygon = Float64Array[];

export function pointInPolygon(px: number, py: number, polygon: PlanarPolygon): boolean {
  if (!pointInRing(px, py, polygon[0])) return false;
  for (let h = 1; h < polygon.length; h++) if (pointInRing(px, py, polygon[h])) return false;
  return true;
}

/** 0 inside any part (holes excluded), else the distance to the nearest edge of any ring. */
export function pointPolygonsDistance(px: number, py: number, parts: readonly PlanarPolygon[]): number {
  let best = Infinity;
  for (const polygon of parts) {
    if (pointInPolygon(px, py, polygon)) return 0;
    for (const ring of polygon) {
      for (let i = 0; i + 3 < ring.length; i += 2) {
        const d = segmentDistanceSquared(px, py, ring[i], ring[i + 1], ring[i + 2], ring[i + 3]);
        if (d < best) best = d;
      }
    }
  }
  return Math.sqrt(best);
}

/** Planar area of a polygon part (outer minus holes), square metres. */
export function polygonArea(polygon: PlanarPolygon): number {
  const ringArea = (ring: Float64Array): number => {
    let sum = 0;
    for (let i = 0; i + 3 < ring.length; i += 2) sum += ring[i] * ring[i + 3] - ring[i + 2] * ring[i + 1];
    return Math.abs(sum) / 2;
  };
  return polygon.reduce((sum, ring, i) => sum + (i === 0 ? ringArea(ring) : -ringArea(ring)), 0);
}

export function ringsBBox(parts: readonly PlanarPolygon[]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of parts) {
    const ring = polygon[0];
    for (let i = 0; i < ring.length; i += 2) {
      box[0] = Math.min(box[0], ring[i]);
      box[1] = Math.min(box[1], ring[i + 1]);
      box[2] = Math.max(box[2], ring[i]);
      box[3] = Math.max(box[3], ring[i + 1]);
    }
  }
  return box;
}

/**
 * A point strictly inside the polygon parts, for placing a shape in a district or grid (the box centre of a U-
 * or L-shaped compound lies outside it). JTS's interior-point idea: a horizontal line through the middle of the
 * largest part, moved off every vertex, is cut by the part's rings; the midpoint of the widest inside stretch.
 *
 *      ┌──┐  ┌──┐
 *   ───┼──┼──┼──┼───  scan line: stretches inside are [a, b] and [c, d]; the wider one's midpoint wins
 *      │  └──┘  │
 *      └────────┘
 */
export function interiorPoint(parts: readonly PlanarPolygon[]): [number, number] {
  if (parts.length === 0 || parts[0][0].length < 2) return [NaN, NaN];
  let part = parts[0];
  for (const p of parts) if (polygonArea(p) > polygonArea(part)) part = p;
  const outer = part[0];
  const [, y0, , y1] = ringsBBox([part]);
  const middle = (y0 + y1) / 2;
  // the scan line lies halfway between the vertex heights nearest the middle, so it passes through no vertex
  let below = -Infinity;
  let above = Infinity;
  for (const ring of part) {
    for (let i = 1; i < ring.length; i += 2) {
      const y = ring[i];
      if (y <= middle && y > below) below = y;
      if (y > middle && y < above) above = y;
    }
  }
  const scanY = Number.isFinite(above) ? (below + above) / 2 : middle;
  const crossings: number[] = [];
  for (const ring of part) {
    for (let i = 0; i + 3 < ring.length; i += 2) {
      const ya = ring[i + 1];
      const yb = ring[i + 3];
      if (ya > scanY !== yb > scanY) crossings.push(ring[i] + ((scanY - ya) / (yb - ya)) * (ring[i + 2] - ring[i]));
    }
  }
  crossings.sort((a, b) => a - b);
  let best: [number, number] = [outer[0], outer[1]];
  let widest = -1;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    if (crossings[i + 1] - crossings[i] > widest) {
      widest = crossings[i + 1] - crossings[i];
      best = [(crossings[i] + crossings[i + 1]) / 2, scanY];
    }
  }
  return best;
}
