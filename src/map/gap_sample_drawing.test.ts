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

const sampleCount = (layer: { props: { data: unknown } }) => (layer.props.data as { length: number }).length;

describe('toilet-gap samples for a city of any size', () => {
  it('draws every sample as vectors while they all fit the budget, at any zoom', () => {
    const gaps = gapsOf(DETAIL_BUDGET.view.gapSamples);
    const drawing = new GapSampleDrawing();
    const layer = drawing.layer(gaps, city, 11)!;
    expect(layer.id).toBe('toilet-gap-samples');
    expect(sampleCount(layer)).toBe(DETAIL_BUDGET.view.gapSamples);
    expect(drawing.followsView).toBe(false);
  });

  it('past the budget: the samples of a grown view as vectors when few enough, else one image of them all', () => {
    const gaps = gapsOf(DETAIL_BUDGET.view.gapSamples * 8);
    const drawing = new GapSampleDrawing();
    const overview = drawing.layer(gaps, city, 11)!;
    expect(overview.id).toBe('toilet-gap-samples-overview');
    expect(drawing.followsView).toBe(true);
    // the image holds a dot for the samples: some pixel wears a sample's colour
    const image = (overview.props as unknown as { image: ImageData }).image;
    let painted = 0;
    for (let i = 3; i < image.data.length; i += 4) if (image.data[i] === 230) painted++;
    expect(painted).toBeGreaterThan(gaps.positions.length / 2);
    // the same image while the gaps are the same (no rasterising per frame)
    expect((drawing.layer(gaps, city, 11)!.props as unknown as { image: ImageData }).image).toBe(image);

    const view: Box = [118.74, 32.04, 118.75, 32.05];
    const near = drawing.layer(gaps, view, 15)!;
    expect(near.id).toBe('toilet-gap-samples');
    // every sample inside the view is drawn (brute force over all samples)
    const drawn = (near.props.data as { attributes: { getPosition: { value: Float64Array } } }).attributes.getPosition.value;
    const key = (x: number, y: number) => `${x},${y}`;
    const drawnKeys = new Set(Array.from({ length: drawn.length / 2 }, (_, i) => key(drawn[2 * i], drawn[2 * i + 1])));
    for (let i = 0; i < gaps.positions.length / 2; i++) {
      const [x, y] = [gaps.positions[2 * i], gaps.positions[2 * i + 1]];
      if (x >= view[0] && x <= view[2] && y >= view[1] && y <= view[3]) expect(drawnKeys.has(key(x, y))).toBe(true);
    }
    expect(sampleCount(near)).toBeLessThanOrEqual(DETAIL_BUDGET.view.gapSamples);
  });

  it('past the image budget the gap cells stand alone; new gaps are drawn anew', () => {
    const drawing = new GapSampleDrawing();
    expect(drawing.layer(gapsOf(GAP_IMAGE_MAX_SAMPLES + 1), city, 11)).toBeNull();
    expect(drawing.layer(gapsOf(10), city, 11)!.id).toBe('toilet-gap-samples');
  });
});
