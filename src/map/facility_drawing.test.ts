import { describe, expect, it } from 'vitest';
import { Prng } from '../analysis/prng';
import type { CategoryId } from '../domain/categories';
import type { FacilityFeature } from '../domain/city_bundle';
import type { Box } from './feature_box';
import { dotImage } from './dot_image';
import { FacilityDrawing } from './facility_drawing';
import { DETAIL_BUDGET } from './view_detail';

// Node has no ImageData: the page's is width, height and RGBA bytes, north row first (set before the describes run)
globalThis.ImageData ??= class {
  readonly data: Uint8ClampedArray;
  constructor(readonly width: number, readonly height: number) {
    this.data = new Uint8ClampedArray(width * height * 4);
  }
} as unknown as typeof ImageData;

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

describe('dot image', () => {
  const prng = new Prng(11);
  const box: Box = [118.6, 31.9, 118.9, 32.2];
  const count = 400;
  const positions = new Float64Array(count * 2);
  const colours = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) {
    positions[2 * i] = box[0] + prng.next() * (box[2] - box[0]);
    positions[2 * i + 1] = box[1] + prng.next() * (box[3] - box[1]);
    colours.set([i % 251, (i * 7) % 253, 100, 235], 4 * i);
  }
  const outline = [255, 255, 255, 255] as const;
  const radius = 3;
  const { image, bounds } = dotImage(positions, colours, box, 300, radius, outline);

  it("covers every dot whole and keeps the map's proportions (Mercator)", () => {
    expect(Math.max(image.width, image.height)).toBeLessThanOrEqual(300);
    expect(bounds[0]).toBeLessThan(box[0]);
    expect(bounds[1]).toBeLessThan(box[1]);
    expect(bounds[2]).toBeGreaterThan(box[2]);
    expect(bounds[3]).toBeGreaterThan(box[3]);
    // square pixels on a Mercator map: degrees of longitude per pixel = degrees of Mercator y per pixel
    const perX = (bounds[2] - bounds[0]) / image.width;
    const perY = ((mercatorY(bounds[3]) - mercatorY(bounds[1])) * 180) / Math.PI / image.height;
    expect(perY / perX).toBeCloseTo(1, 2);
  });

  it('paints each pixel as the last dot within the radius would (brute force through the bounds)', () => {
    const { width, height, data } = image;
    const top = mercatorY(bounds[3]);
    const bottom = mercatorY(bounds[1]);
    let mismatches = 0;
    let painted = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let expected: readonly number[] = [0, 0, 0, 0];
        for (let i = 0; i < count; i++) {
          // the dot's centre in this image's pixels, from the bounds alone
          const px = ((positions[2 * i] - bounds[0]) / (bounds[2] - bounds[0])) * width;
          const py = ((top - mercatorY(positions[2 * i + 1])) / (top - bottom)) * height;
          const d = (x + 0.5 - px) ** 2 + (y + 0.5 - py) ** 2;
          if (d <= radius ** 2) expected = d > (radius - 1) ** 2 ? outline : Array.from(colours.subarray(4 * i, 4 * i + 4));
        }
        const at = 4 * (y * width + x);
        if (expected[3]) painted++;
        if (expected.some((v, k) => data[at + k] !== v)) mismatches++;
      }
    }
    expect(painted).toBeGreaterThan(count * 10);
    // only pixels on a ring's very edge may round the other way
    expect(mismatches).toBeLessThan(painted * 0.002);
  });
});

describe('facility drawing', () => {
  const prng = new Prng(5);
  const categories: CategoryId[] = ['market', 'school', 'hospital'];
  const facilities = (n: number): FacilityFeature[] =>
    Array.from({ length: n }, (_, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [118.6 + prng.next() * 0.3, 31.9 + prng.next() * 0.3] },
      properties: { id: `f${i}`, category: categories[i % 3] } as FacilityFeature['properties'],
    }));
  const city: Box = [118.6, 31.9, 118.9, 32.2];

  it("draws a small city's dots whole by MapLibre, leaving the hidden categories out, and never follows the view", () => {
    const drawing = new FacilityDrawing();
    const all = facilities(300);
    const drawn = drawing.draw(all, ['school'], false, [118.7, 32, 118.71, 32.01], 16);
    expect(drawn.dots).toEqual(all.filter((f) => f.properties.category !== 'school'));
    expect([drawn.dotsShown, drawn.image]).toEqual([true, null]);
    expect(drawing.followsView).toBe(false);
    // the same list while nothing changed: MapLibre's source is not handed it again
    expect(drawing.draw(all, ['school'], true, city, 10).dots).toBe(drawn.dots);
    expect(drawing.dots(all, ['school'])).toBe(drawn.dots);
    expect(drawing.draw(all, ['market', 'school', 'hospital'], false, city, 10)).toEqual({ dots: [], dotsShown: false, image: null });
  });

  it('past the budget: the dots while the view holds few enough (counted by brute force), else one image of them all', () => {
    const drawing = new FacilityDrawing();
    const all = facilities(DETAIL_BUDGET.whole.facilityDots * 2);
    const inBox = ([w, s, e, n]: Box) => all.filter((f) => f.geometry.coordinates[0] >= w && f.geometry.coordinates[0] <= e && f.geometry.coordinates[1] >= s && f.geometry.coordinates[1] <= n).length;
    expect(inBox(city)).toBeGreaterThan(DETAIL_BUDGET.view.facilityDots);
    const whole = drawing.draw(all, [], false, city, 10);
    expect(whole.dotsShown).toBe(false);
    expect(whole.image?.id).toBe('facilities-overview');
    expect(drawing.followsView).toBe(true);
    const view: Box = [118.7, 32, 118.75, 32.05];
    expect(inBox(view)).toBeLessThan(DETAIL_BUDGET.view.facilityDots);
    // the image stands for them all, and MapLibre's source holds none
    expect(whole.dots).toEqual([]);
    expect(drawing.dots(all, [])).toEqual([]);
    const near = drawing.draw(all, [], false, view, 14);
    expect([near.dotsShown, near.image]).toEqual([true, null]);
    // the source holds the dots of the view grown by a quarter on each side: every one of them, and no other
    const [w, s, e, n] = view;
    const [dx, dy] = [(e - w) / 4, (n - s) / 4];
    const grown = all.filter((f) => f.geometry.coordinates[0] >= w - dx && f.geometry.coordinates[0] <= e + dx && f.geometry.coordinates[1] >= s - dy && f.geometry.coordinates[1] <= n + dy);
    expect(new Set(near.dots)).toEqual(new Set(grown));
    expect(near.dots).toHaveLength(grown.length);
    expect(near.dots.length).toBeGreaterThan(inBox(view));
    // a short pan inside that region: the same list, so the source is not handed it again
    expect(drawing.draw(all, [], false, [w + dx / 2, s, e + dx / 2, n], 14).dots).toBe(near.dots);
    // a pan out of it: the new view's dots
    const far: Box = [118.8, 32.1, 118.85, 32.15];
    const moved = drawing.draw(all, [], false, far, 14);
    expect(moved.dots).not.toBe(near.dots);
    expect(moved.dots.filter((f) => f.geometry.coordinates[0] >= far[0] && f.geometry.coordinates[0] <= far[2] && f.geometry.coordinates[1] >= far[1] && f.geometry.coordinates[1] <= far[3])).toHaveLength(inBox(far));
  });
});
