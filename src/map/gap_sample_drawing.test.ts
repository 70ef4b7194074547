import { describe, expect, it } from 'vitest';
import { Prng } from '../analysis/prng';
import type { Box } from './feature_box';
import { GAP_IMAGE_MAX_SAMPLES, GapSampleDrawing } from './gap_sample_drawing';
import type { GapOverlay } from './layers/toilet_gap_layers';
import { DETAIL_BUDGET } from './view_detail';

// Node has no ImageData: the page's is width, height and RGBA bytes, north row first
globalThis.ImageData ??= class {
  readonly data: Uint8ClampedArray;
  constructor(readonly width: number, readonly height: number) {
    this.data = new Uint8ClampedArray(width * height * 4);
  }
} as unknown as typeof ImageData;

const city: Box = [118.7, 32.0, 118.8, 32.1];

function gapsOf(count: number, seed = 3): GapOverlay {
  const prng = new Prng(seed);
  const positions = new Float64Array(count * 2);
  const colours = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) {
    positions[2 * i] = city[0] + prng.next() * (city[2] - city[0]);
    positions[2 * i + 1] = city[1] + prng.next() * (city[3] - city[1]);
    colours.set([200, (i * 13) % 256, 40, 230], 4 * i);
  }
  return { positions, colours, cells: new ImageData(1, 1), bounds: city };
}

const count = (dots: GapOverlay | null) => (dots ? dots.positions.length / 2 : 0);

describe('toilet-gap samples for a city of any size', () => {
  it('draws every sample as dots while they all fit the budget, at any zoom', () => {
    const gaps = gapsOf(DETAIL_BUDGET.view.gapSamples);
    const drawing = new GapSampleDrawing();
    const drawn = drawing.draw(gaps, city, 11);
    expect(drawn.dots).toBe(gaps);
    expect(drawn.image).toBeNull();
    expect(drawing.followsView).toBe(false);
  });

  it('past the budget: the samples of a grown view as dots when few enough, else one image of them all', () => {
    const gaps = gapsOf(DETAIL_BUDGET.view.gapSamples * 8);
    const drawing = new GapSampleDrawing();
    const overview = drawing.draw(gaps, city, 11);
    expect(overview.dots).toBeNull();
    expect(overview.image?.id).toBe('toilet-gap-samples-overview');
    expect(drawing.followsView).toBe(true);
    // the image holds a dot for the samples: some pixel wears a sample's colour
    const image = (overview.image!.props as unknown as { image: ImageData }).image;
    let painted = 0;
    for (let i = 3; i < image.data.length; i += 4) if (image.data[i] === 230) painted++;
    expect(painted).toBeGreaterThan(gaps.positions.length / 2);
    // the same image while the gaps are the same (no rasterising per frame)
    expect((drawing.draw(gaps, city, 11).image!.props as unknown as { image: ImageData }).image).toBe(image);

    const view: Box = [118.74, 32.04, 118.75, 32.05];
    const near = drawing.draw(gaps, view, 15);
    expect(near.image).toBeNull();
    // every sample inside the view is drawn, in its own colour (brute force over all samples)
    const drawn = near.dots!;
    const key = (x: number, y: number) => `${x},${y}`;
    const colourAt = new Map(Array.from({ length: count(drawn) }, (_, i) => [key(drawn.positions[2 * i], drawn.positions[2 * i + 1]), Array.from(drawn.colours.subarray(4 * i, 4 * i + 4))]));
    let inside = 0;
    for (let i = 0; i < gaps.positions.length / 2; i++) {
      const [x, y] = [gaps.positions[2 * i], gaps.positions[2 * i + 1]];
      if (x < view[0] || x > view[2] || y < view[1] || y > view[3]) continue;
      inside++;
      expect(colourAt.get(key(x, y))).toEqual(Array.from(gaps.colours.subarray(4 * i, 4 * i + 4)));
    }
    expect(inside).toBeGreaterThan(0);
    expect(count(drawn)).toBeLessThanOrEqual(DETAIL_BUDGET.view.gapSamples);
    // a short pan keeps the same samples (MapLibre's source is not handed them again)
    expect(drawing.draw(gaps, [118.7401, 32.0401, 118.7501, 32.0501], 15).dots).toBe(drawn);
  });

  it('past the image budget the gap cells stand alone; new gaps are drawn anew', () => {
    const drawing = new GapSampleDrawing();
    expect(drawing.draw(gapsOf(GAP_IMAGE_MAX_SAMPLES + 1), city, 11)).toEqual({ dots: null, image: null });
    const few = gapsOf(10);
    expect(drawing.draw(few, city, 11).dots).toBe(few);
  });
});
