/**
 * Toilet-gap street samples for a city of any size, by view_detail.ts's rule, as the facility dots are drawn:
 *
 *   all samples ≤ view budget ─────▶ every sample, as vectors
 *   samples in view ≤ view budget ─▶ the samples in (a grown) view, as vectors
 *   all samples ≤ IMAGE_MAX ───────▶ one image of every sample (made again when the gaps change: a slider move)
 *   otherwise ─────────────────────▶ nothing: the gap cells below say where the gaps are
 *
 * Why not every sample as vectors: each is an instanced point, and SwiftShader pays ~30 µs a frame for one. The
 * 8 km demo city's ~20 k samples cost ~580 ms a frame at 1440×900 (measured), the rest of its map ~300 ms.
 */
import type { Layer } from '@deck.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { ringsBBox } from '../analysis/geometry';
import { dotImage, type DotImage } from './dot_image';
import { toiletGapSamplesLayer, type GapOverlay } from './layers/toilet_gap_layers';
import type { Box } from './feature_box';
import { DETAIL_BUDGET, pointsInView, ViewSubset } from './view_detail';

/** Past this many samples the image is not made: rasterising would hold the main thread over ~50 ms per change. */
export const GAP_IMAGE_MAX_SAMPLES = 120_000;
/** The image's longer side: ~8 m a pixel for the 8 km demo city, about its city zoom (~10 m a screen pixel). */
const IMAGE_SIDE = 1024;
/** Sample radius in image pixels: ~16 m, the vectors' minimum of 1.6 screen pixels at city zoom. */
const DOT_RADIUS = 2;

interface Source {
  gaps: GapOverlay;
  /** null when every sample fits the view budget */
  subset: ViewSubset<GapOverlay> | null;
  image: DotImage | null;
}

/** Keeps what one set of gaps needs between frames: the view subset and the image. */
export class GapSampleDrawing {
  private source: Source | null = null;

  /** Whether the last layer depends on the view. */
  get followsView(): boolean {
    return Boolean(this.source?.subset);
  }

  /** The deck layer for the samples in this view; null past every budget. */
  layer(gaps: GapOverlay, view: Box, zoom: number): Layer | null {
    const source = this.sourceFor(gaps);
    if (!source.subset) return toiletGapSamplesLayer(gaps);
    const inView = source.subset.at(view, zoom);
    if (inView) return toiletGapSamplesLayer(inView);
    if (gaps.positions.length / 2 > GAP_IMAGE_MAX_SAMPLES) return null;
    source.image ??= dotImage(gaps.positions, gaps.colours, ringsBBox([[gaps.positions]]), IMAGE_SIDE, DOT_RADIUS, null);
    // nearest: a linear filter blends the dots' edges with the transparent black around them into a dark fringe
    return new BitmapLayer({ id: 'toilet-gap-samples-overview', image: source.image.image, bounds: source.image.bounds, pickable: false, textureParameters: { minFilter: 'nearest', magFilter: 'nearest' } });
  }

  private sourceFor(gaps: GapOverlay): Source {
    if (this.source?.gaps === gaps) return this.source;
    const subset = gaps.positions.length / 2 > DETAIL_BUDGET.view.gapSamples ? gapSubset(gaps) : null;
    this.source = { gaps, subset, image: null };
    return this.source;
  }
}

/** The gap samples inside a region, with their colours, or null past the budget. */
function gapSubset(gaps: GapOverlay): ViewSubset<GapOverlay> {
  return new ViewSubset((region) => {
    const indices = pointsInView(gaps.positions, region, DETAIL_BUDGET.view.gapSamples);
    if (!indices) return null;
    const positions = new Float64Array(indices.length * 2);
    const colours = new Uint8Array(indices.length * 4);
    indices.forEach((i, k) => {
      positions[2 * k] = gaps.positions[2 * i];
      positions[2 * k + 1] = gaps.positions[2 * i + 1];
      colours.set(gaps.colours.subarray(4 * i, 4 * i + 4), 4 * k);
    });
    return { ...gaps, positions, colours };
  });
}
