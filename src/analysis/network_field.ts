/** Walking-network distance fields for street samples and lattice cells, from the street graph. */
import type { CityModel, Lattice } from './city_model';
import type { PointSet } from './distance_field';
import { distanceAt, nearestSegment, networkNodeDistances, type Snap, type StreetGraph } from './street_graph';

/** Where each lattice cell centre meets the network (segment -1: no street within reach). */
export interface CellSnaps { segment: Int32Array; along: Float64Array; access: Float32Array }

export function snapCells(model: CityModel): CellSnaps {
  const { lattice } = model;
  const segment = new Int32Array(lattice.count).fill(-1);
  const along = new Float64Array(lattice.count);
  const access = new Float32Array(lattice.count).fill(Infinity);
  forEachCellCentre(lattice, (i, x, y) => {
    const snap = nearestSegment(model.segments, x, y);
    if (!snap) return;
    segment[i] = snap.segment;
    along[i] = snap.along;
    access[i] = snap.access;
  });
  return { segment, along, access };
}

export function forEachCellCentre(lattice: Lattice, visit: (index: number, x: number, y: number) => void): void {
  for (let r = 0; r < lattice.rows; r++) {
    const y = lattice.y0 + (r + 0.5) * lattice.cellSize;
    for (let c = 0; c < lattice.cols; c++) visit(r * lattice.cols + c, lattice.x0 + (c + 0.5) * lattice.cellSize, y);
  }
}

/**
 * `offNetwork`: the points (positions in `points`) farther than MAX_ACCESS_M from every street; they serve no one
 * along the network, and callers list them rather than let them vanish.
 */
export function networkDistanceFields(model: CityModel, graph: StreetGraph, cells: CellSnaps, points: PointSet): { samples: Float32Array; cells: Float32Array; offNetwork: number[] } {
  const sources: Snap[] = [];
  const bySegment = new Map<number, Snap[]>();
  const offNetwork: number[] = [];
  for (let p = 0; p < points.count; p++) {
    const snap = nearestSegment(model.segments, points.x[p], points.y[p]);
    if (!snap) {
      offNetwork.push(p);
      continue;
    }
    sources.push(snap);
    const list = bySegment.get(snap.segment) ?? [];
    list.push(snap);
    bySegment.set(snap.segment, list);
  }
  const nodeDist = networkNodeDistances(graph, sources);
  const { samples } = model;
  const sampleField = new Float32Array(samples.x.length);
  for (let i = 0; i < sampleField.length; i++) sampleField[i] = distanceAt(graph, nodeDist, samples.segment[i], samples.along[i], bySegment.get(samples.segment[i]));
  const cellField = new Float32Array(model.lattice.count).fill(Infinity);
  for (let i = 0; i < cellField.length; i++) {
    const s = cells.segment[i];
    if (s >= 0) cellField[i] = cells.access[i] + distanceAt(graph, nodeDist, s, cells.along[i], bySegment.get(s));
  }
  return { samples: sampleField, cells: cellField, offNetwork };
}
