/**
 * Toilet-gap street samples for a city of any size, by view_detail.ts's rule:
 *
 *   all samples ≤ view budget ─────▶ every sample, as MapLibre dots (overlay_lines.ts)
 *   samples in view ≤ view budget ─▶ the samples in (a grown) view, as MapLibre dots
 *   all samples ≤ IMAGE_MAX ───────▶ one image of every sample (made again when the gaps change: a slider move)
 *   otherwise ─────────────────────▶ nothing: the gap cells below say where the gaps are
 *
 * Why not every sample as dots: the 8 km demo city's ~20 k samples cost ~580 ms a frame at 1440×900 as deck.gl
 * instances (~30 µs each on SwiftShader). MapLibre's circles cost ~2–3 µs a dot (747 samples at street zoom on the
 * 30 km city: 34 ms of a 138 ms half-resolution frame as deck.gl instances), but the source is tiled again in
 * MapLibre's worker whenever the samples change, so only a view's worth goes in.
 */
import type { Layer } from '@deck.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { ringsBBox } from '../analysis/geometry';
import { dotImage, type DotImage } from './dot_image';
import type { GapOverlay } from './layers/toilet_gap_layers';
import type { Box } from './feature_box';
import { DETAIL_BUDGET, pointsInView, ViewSubset } from './view_detail';

/** Past this many samples the image is not made: rasterising would hold the main thread over ~50 ms per change. */
export const GAP_IMAGE_MAX_SAMPLES = 120_000;
/** The image's longer side: ~8 m a pixel for the 8 km demo city, about its city zoom (~10 m a screen pixel). */
const IMAGE_SIDE = 1024;
/** Sample radius in image pixels: ~16 m, the dots' minimum of 1.6 screen pixels at city zoom. */
const DOT_RADIUS = 2;

interface Source {
  gaps: GapOverlay;
  /** null when every sample fits the view budget */
  subset: ViewSubset<GapOverlay> | null;
  image: DotImage | null;
}

export interface GapSampleDraw {
  /** the samples MapLibre draws as dots (all, or a grown view's): the same object while they are the same */
  dots: GapOverlay | null;
  /** one image of every sample, past the view budget */
  image: Layer | null;
}

/** Keeps what one set of gaps needs between frames: the view subset and the image. */
export class GapSampleDrawing {
  private source: Source | null = null;

  /** Whether the last layer depends on the view. */
  get followsView(): boolean {
    return Boolean(this.source?.subset);
  }

  /** The samples of this view: as dots, as one image, or neither past every budget. */
  draw(gaps: GapOverlay, view: Box, zoom: number): GapSampleDraw {
    const source = this.sourceFor(gaps);
    if (!source.subset) return { dots: gaps, image: null };
    const inView = source.subset.at(view, zoom);
    if (inView) return { dots: inView, image: null };
    if (gaps.positions.length / 2 > GAP_IMAGE_MAX_SAMPLES) return { dots: null, image: null };
    source.image ??= dotImage(gaps.positions, gaps.colours, ringsBBox([[gaps.positions]]), IMAGE_SIDE, DOT_RADIUS, null);
    // nearest: a linear filter blends the dots' edges with the transparent black around them into a dark fringe
    const image = new BitmapLayer({ id: 'toilet-gap-samples-overview', image: source.image.image, bounds: source.image.bounds, pickable: false, textureParameters: { minFilter: 'nearest', magFilter: 'nearest' } });
    return { dots: null, image };
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
