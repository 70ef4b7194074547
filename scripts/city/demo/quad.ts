/**
 * Geometry in a local metric frame (x east, y north, metres) inside quadrilaterals.
 *
 *   p01 ──── p11     A point (u, v) in the unit square maps into the quad bilinearly,
 *    │        │      so lines of constant u or v run from side to side, neighbouring
 *   p00 ──── p10     quads share their edges exactly, and nothing needs intersecting.
 */
export type XY = [number, number];
export type Quad = [XY, XY, XY, XY]; // p00, p10, p11, p01

export function bilinear(q: Quad, u: number, v: number): XY {
  const [a, b, c, d] = q;
  return [
    (1 - u) * (1 - v) * a[0] + u * (1 - v) * b[0] + u * v * c[0] + (1 - u) * v * d[0],
    (1 - u) * (1 - v) * a[1] + u * (1 - v) * b[1] + u * v * c[1] + (1 - u) * v * d[1],
  ];
}

/** The part of q between u0..u1 and v0..v1, as a quad. */
export function subQuad(q: Quad, u0: number, v0: number, u1: number, v1: number): Quad {
  return [bilinear(q, u0, v0), bilinear(q, u1, v0), bilinear(q, u1, v1), bilinear(q, u0, v1)];
}

/** A line from (u0,v0) to (u1,v1) inside q, with a vertex at least every `stepM` metres. */
export function lineInQuad(q: Quad, u0: number, v0: number, u1: number, v1: number, stepM: number): XY[] {
  const a = bilinear(q, u0, v0);
  const b = bilinear(q, u1, v1);
  const steps = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / stepM));
  const line: XY[] = [];
  for (let i = 0; i <= steps; i++) line.push(bilinear(q, u0 + ((u1 - u0) * i) / steps, v0 + ((v1 - v0) * i) / steps));
  return line;
}

/** A straight line a→b with a vertex at least every stepM metres. */
export function densify(a: XY, b: XY, stepM: number): XY[] {
  const steps = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / stepM));
  const line: XY[] = [];
  for (let i = 0; i <= steps; i++) line.push([a[0] + ((b[0] - a[0]) * i) / steps, a[1] + ((b[1] - a[1]) * i) / steps]);
  return line;
}

export function quadRing(q: Quad): XY[] {
  return [q[0], q[1], q[2], q[3], q[0]];
}

export function quadCentre(q: Quad): XY {
  return bilinear(q, 0.5, 0.5);
}

/** Counter-clockwise outer rings of the union of edge-sharing quads: shared edges cancel, the rest chain up. */
export function outlineOfQuads(quads: readonly Quad[]): XY[][] {
  const key = (p: XY): string => `${p[0].toFixed(3)},${p[1].toFixed(3)}`;
  const edges = new Map<string, { from: XY; to: XY }>();
  for (const q of quads) {
    const ring = quadRing(q);
    for (let i = 0; i < 4; i++) {
      const reverse = `${key(ring[i + 1])}>${key(ring[i])}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.set(`${key(ring[i])}>${key(ring[i + 1])}`, { from: ring[i], to: ring[i + 1] });
    }
  }
  const byStart = new Map<string, { from: XY; to: XY }[]>();
  for (const e of edges.values()) {
    const list = byStart.get(key(e.from)) ?? [];
    list.push(e);
    byStart.set(key(e.from), list);
  }
  const rings: XY[][] = [];
  for (;;) {
    const start = [...byStart.values()].find((list) => list.length > 0)?.[0];
    if (!start) break;
    const ring: XY[] = [start.from];
    let edge = start;
    for (;;) {
      const list = byStart.get(key(edge.from));
      list?.splice(list.indexOf(edge), 1);
      ring.push(edge.to);
      const next = byStart.get(key(edge.to))?.[0];
      if (!next || key(edge.to) === key(start.from)) break;
      edge = next;
    }
    rings.push(ring);
  }
  return rings;
}
