/**
 * Cases grouped for the map at low zoom: points falling in the same square of CELL_PX screen pixels (Web
 * Mercator, 512 px tiles as MapLibre draws them) at a whole zoom become one cluster at their mean position.
 * From CLUSTER_MAX_ZOOM up every case is drawn on its own. 5,000 cases take about a millisecond, so a zoom step
 * re-groups on the main thread without a worker.
 *
 *   zoom 11:  ┌─────┬─────┐      zoom 16:  ▲  ●
 *             │ (7) │  ●  │                 ■   ▲ ◆
 *             └─────┴─────┘
 */
const TILE_PX = 512;
export const CELL_PX = 60;
/** at and above this zoom nothing is grouped */
export const CLUSTER_MAX_ZOOM = 15;

export interface PointOnMap { id: number; lon: number; lat: number }

export interface PointCluster<P extends PointOnMap> {
  /** the cell's key at this zoom, stable while the zoom stays */
  key: string;
  lon: number;
  lat: number;
  members: P[];
  /** [west, south, east, north] of the members, for zooming into the cluster */
  bbox: [number, number, number, number];
}

/** Pixel position at `zoom` (whole world = TILE_PX · 2^zoom). */
export function mercatorPixel(lon: number, lat: number, zoom: number): [number, number] {
  const size = TILE_PX * 2 ** zoom;
  const sin = Math.min(Math.max(Math.sin((lat * Math.PI) / 180), -0.9999), 0.9999);
  return [((lon + 180) / 360) * size, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size];
}

/** Groups points at a (whole) zoom; a group of one is still returned, as a cluster with one member. */
export function clusterPoints<P extends PointOnMap>(points: readonly P[], zoom: number): PointCluster<P>[] {
  const z = Math.floor(zoom);
  if (z >= CLUSTER_MAX_ZOOM) return points.map((p) => ({ key: `p${p.id}`, lon: p.lon, lat: p.lat, members: [p], bbox: [p.lon, p.lat, p.lon, p.lat] }));
  const cells = new Map<string, PointCluster<P>>();
  for (const p of points) {
    const [x, y] = mercatorPixel(p.lon, p.lat, z);
    const key = `${Math.floor(x / CELL_PX)}:${Math.floor(y / CELL_PX)}`;
    const cell = cells.get(key);
    if (!cell) {
      cells.set(key, { key, lon: p.lon, lat: p.lat, members: [p], bbox: [p.lon, p.lat, p.lon, p.lat] });
      continue;
    }
    cell.members.push(p);
    const box = cell.bbox;
    box[0] = Math.min(box[0], p.lon);
    box[1] = Math.min(box[1], p.lat);
    box[2] = Math.max(box[2], p.lon);
    box[3] = Math.max(box[3], p.lat);
  }
  const clusters = [...cells.values()];
  for (const c of clusters) {
    if (c.members.length === 1) continue;
    let lon = 0;
    let lat = 0;
    for (const m of c.members) {
      lon += m.lon;
      lat += m.lat;
    }
    c.lon = lon / c.members.length;
    c.lat = lat / c.members.length;
  }
  return clusters;
}
