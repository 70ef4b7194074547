/**
 * Chinese coordinate systems. Ledgers are usually picked on Amap (GCJ-02) or Baidu (BD-09); the analysis works
 * in WGS-84, so coordinates are converted once, on import (gcoord does the conversion).
 */
import gcoord from 'gcoord';

export const CRS_IDS = ['wgs84', 'gcj02', 'bd09'] as const;
export type CrsId = (typeof CRS_IDS)[number];

const GCOORD = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

export function toWgs84(lon: number, lat: number, crs: CrsId): [number, number] {
  if (crs === 'wgs84') return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], GCOORD[crs], gcoord.WGS84);
  return [x, y];
}

export function fromWgs84(lon: number, lat: number, crs: CrsId): [number, number] {
  if (crs === 'wgs84') return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, GCOORD[crs]);
  return [x, y];
}

/** A CRS named in a header or file name: 高德/amap/gcj → GCJ-02, 百度/baidu/bd09 → BD-09, wgs/gps → WGS-84. */
export function crsHint(text: string): CrsId | null {
  const t = text.toLowerCase();
  if (/bd-?09|baidu|百度/.test(t)) return 'bd09';
  if (/gcj-?02|amap|gaode|高德|腾讯|tencent|火星/.test(t)) return 'gcj02';
  if (/wgs-?84|gps|osm/.test(t)) return 'wgs84';
  return null;
}

/**
 * Which CRS puts the ledger's points where facilities are: on the streets. For each candidate CRS the median
 * distance from the converted points to the nearest street is measured; the offsets between the systems
 * (300–700 m in Chinese cities) dwarf how far a toilet or car park stands from its street.
 */
export function detectCrs(points: readonly [number, number][], distanceToStreet: (lon: number, lat: number) => number): { crs: CrsId; medianM: Record<CrsId, number> } {
  const sample = points.length > 300 ? points.filter((_, i) => i % Math.ceil(points.length / 300) === 0) : points;
  const medianM = {} as Record<CrsId, number>;
  for (const crs of CRS_IDS) {
    const d = sample.map(([lon, lat]) => distanceToStreet(...toWgs84(lon, lat, crs))).sort((a, b) => a - b);
    medianM[crs] = d.length ? d[Math.floor(d.length / 2)] : Infinity;
  }
  const crs = [...CRS_IDS].sort((a, b) => medianM[a] - medianM[b])[0];
  return { crs, medianM };
}
