import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '../../../src/domain/categories';
import { countsOf } from '../write_bundle';
import { generateDemoCity } from './demo_city';

const fingerprint = (value: unknown): string => createHash('sha1').update(JSON.stringify(value)).digest('hex');

describe('demo city', () => {
  const city = generateDemoCity({ seed: 7, sizeKm: 4 });

  it('is the same city for the same seed, and another for another seed', () => {
    expect(fingerprint(generateDemoCity({ seed: 7, sizeKm: 4 }))).toBe(fingerprint(city));
    expect(fingerprint(generateDemoCity({ seed: 8, sizeKm: 4 }).layers)).not.toBe(fingerprint(city.layers));
  });

  it('places every category, and every facility inside the city', () => {
    const [w, s, e, n] = city.bbox;
    for (const id of CATEGORY_IDS) expect(city.layers.facilities.features.some((f) => f.properties.category === id), id).toBe(true);
    for (const f of city.layers.facilities.features) {
      const [lon, lat] = f.geometry.coordinates;
      expect(lon >= w && lon <= e && lat >= s && lat <= n, f.properties.id).toBe(true);
    }
  });

  it('has three districts with streets and communities, coded 6+3+3 outside the real code ranges', () => {
    const byLevel = (level: string) => city.layers.boundaries.features.filter((f) => f.properties.level === level);
    expect(byLevel('district')).toHaveLength(3);
    expect(byLevel('street').length).toBeGreaterThanOrEqual(3);
    // 4 × 4 lattice cells, two communities each
    expect(byLevel('community').length).toBe(32);
    for (const f of byLevel('district')) expect(f.properties.code).toMatch(/^99\d{4}$/);
    for (const f of byLevel('street')) expect(f.properties.code).toMatch(/^99\d{7}$/);
    for (const f of byLevel('community')) expect(f.properties.code).toMatch(/^99\d{10}$/);
    const codes = city.layers.boundaries.features.map((f) => f.properties.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('has real toilet gaps: more toilets per km² in the core than at the edge', () => {
    // 8 km: the core (r < 0.22 of the size) must hold enough blocks for a density to mean something
    const wide = generateDemoCity({ seed: 7, sizeKm: 8 });
    const [w, s, e, n] = wide.bbox;
    const cx = (w + e) / 2;
    const cy = (s + n) / 2;
    const toilets = wide.layers.facilities.features.filter((f) => f.properties.category === 'toilet');
    const r = (f: (typeof toilets)[number]) => Math.hypot((f.geometry.coordinates[0] - cx) / (e - w), (f.geometry.coordinates[1] - cy) / (n - s));
    const core = toilets.filter((f) => r(f) < 0.22).length / (Math.PI * 0.22 ** 2);
    const edge = toilets.filter((f) => r(f) >= 0.4).length / (1 - Math.PI * 0.4 ** 2);
    expect(core).toBeGreaterThan(3 * edge);
  });

  it('yields at least 100,000 street segments at 14 km (the benchmark size)', () => {
    const big = generateDemoCity({ seed: 1, sizeKm: 14 });
    expect(countsOf(big).streetSegments).toBeGreaterThanOrEqual(100_000);
  });
});
