import { describe, expect, it } from 'vitest';
import { LocalProjection } from '../analysis/projection';
import { crsHint, detectCrs, fromWgs84, toWgs84 } from './crs';

const metresBetween = (a: [number, number], b: [number, number]) => {
  const p = new LocalProjection(a[0], a[1]);
  return Math.hypot(p.x(b[0]) - p.x(a[0]), p.y(b[1]) - p.y(a[1]));
};

describe('coordinate systems', () => {
  // a grid of points across China's cities, Urumqi to Harbin to Sanya
  const points: [number, number][] = [];
  for (let lon = 80; lon <= 130; lon += 5) for (let lat = 19; lat <= 47; lat += 4) points.push([lon + 0.123, lat + 0.456]);

  for (const crs of ['gcj02', 'bd09'] as const) {
    it(`round-trips ${crs} within 0.5 m, after a shift of hundreds of metres`, () => {
      let worst = 0;
      for (const p of points) {
        const shifted = fromWgs84(p[0], p[1], crs);
        expect(metresBetween(p, shifted)).toBeGreaterThan(50);
        worst = Math.max(worst, metresBetween(p, toWgs84(shifted[0], shifted[1], crs)));
      }
      expect(worst).toBeLessThan(0.5);
    });
  }

  it('reads a CRS named in a header or file name', () => {
    expect(crsHint('公厕台账_高德坐标.xlsx')).toBe('gcj02');
    expect(crsHint('lng_baidu')).toBe('bd09');
    expect(crsHint('WGS84 经度')).toBe('wgs84');
    expect(crsHint('经度')).toBeNull();
  });

  it('detects the CRS that puts points on the streets', () => {
    // one street along latitude 32.04; facilities on it, written down in BD-09
    const onStreet = (lon: number, lat: number) => Math.abs(lat - 32.04) * 111_000 + (lon < 118.7 || lon > 118.9 ? 1e4 : 0);
    const recorded = Array.from({ length: 40 }, (_, i) => fromWgs84(118.72 + i * 0.004, 32.04, 'bd09'));
    expect(detectCrs(recorded, onStreet).crs).toBe('bd09');
  });
});
