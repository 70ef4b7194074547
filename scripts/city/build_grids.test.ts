import { describe, expect, it } from 'vitest';
import { deepestArterialIntrusion, partitionErrors, planarGrids } from '../../test/helpers/grid_checks';
import { buildGrids } from './build_grids';
import { generateDemoCity } from './demo/demo_city';

describe('unit grids of the demo city', () => {
  const city = generateDemoCity({ seed: 5, sizeKm: 4 });
  const { grids, info } = buildGrids(city, { cityName: '示例城市' });
  const planar = planarGrids(grids, city.bbox);

  it('gives every grid a unique 14-digit code under its district, street and community codes', () => {
    const codes = grids.map((g) => g.properties.code);
    expect(codes.every((c) => /^\d{14}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    for (const g of grids) {
      const p = g.properties;
      expect(p.code).toBe(`${p.districtCode}${p.streetCode}${p.communityCode}${String(p.seq).padStart(2, '0')}`);
      expect(p.districtCode).toMatch(/^99/);
      expect(p.derived).toEqual({ district: false, street: false, community: false });
    }
  });

  it('tiles the managed area: every point in exactly one grid', () => {
    expect(partitionErrors(planar, city.bbox, 5000)).toEqual({ uncovered: 0, overlapped: 0 });
  });

  it('aims at about 10,000 m²: median between 5,000 and 20,000 m²', () => {
    const areas = grids.map((g) => g.properties.areaM2).sort((a, b) => a - b);
    const median = areas[Math.floor(areas.length / 2)];
    expect(median).toBeGreaterThan(5000);
    expect(median).toBeLessThan(20_000);
    expect(info.count).toBe(grids.length);
  });

  it('never lets an arterial run through a grid’s interior (within one 5 m raster pixel of an edge)', () => {
    const { deepest, checked } = deepestArterialIntrusion(planar, city.layers.streets.features);
    expect(checked).toBeGreaterThan(500);
    expect(deepest).toBeLessThanOrEqual(5 * Math.SQRT2);
  });

  it('makes no thin frame between a compound and its streets (regression: frames of ~10,000 m², 12 m wide)', () => {
    // compactness = area / (perimeter / 4)²: 1 for a square, about 0.15 for a 12 m wide frame around a block
    for (const polygons of planar.parts) {
      const perimeter = polygons.flat().reduce((sum, ring) => {
        let length = 0;
        for (let i = 0; i + 3 < ring.length; i += 2) length += Math.hypot(ring[i + 2] - ring[i], ring[i + 3] - ring[i + 1]);
        return sum + length;
      }, 0);
      const area = grids[planar.parts.indexOf(polygons)].properties.areaM2;
      expect(area / (perimeter / 4) ** 2).toBeGreaterThan(0.25);
    }
  });

  it('numbers grids west→east in rows north→south inside each community', () => {
    const community = grids.filter((g) => g.properties.communityCode === grids[0].properties.communityCode && g.properties.streetCode === grids[0].properties.streetCode && g.properties.districtCode === grids[0].properties.districtCode);
    const first = community.find((g) => g.properties.seq === 1)!;
    const centreY = (g: (typeof grids)[number]) => planar.parts[grids.indexOf(g)][0][0][1];
    // the first grid lies in the northernmost row band
    expect(Math.max(...community.map(centreY)) - centreY(first)).toBeLessThan(400);
    expect(community.map((g) => g.properties.seq).sort((a, b) => a - b)).toEqual(community.map((_, i) => i + 1));
  });
});
