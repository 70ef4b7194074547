/**
 * Facility dots for a city of any size. MapLibre draws them (overlay_lines.ts): a circle layer draws the dots its
 * source holds in the tiles in view. On software GL that costs ~2–3 µs a dot; deck.gl's instanced points cost
 * ~30 µs (the 14 km city's 3,763 dots took 51–65 ms of a 135 ms half-resolution frame). Past the view budget one
 * image stands in for them, drawn as one quad:
 *
 *   all dots ≤ whole budget ─────▶ the source holds every dot of the categories shown, never handed again on moves
 *   dots in view ≤ view budget ──▶ the source holds the view's dots (the view grown by a quarter on each side)
 *   otherwise ───────────────────▶ the source holds none; one image of every dot, rasterised once on the CPU
 *
 * Why not every dot past the whole budget: MapLibre's worker keeps each GeoJSON tile it ever cut, with every
 * ancestor down from zoom 0, and a 30 km city fits one tile up to zoom 9. Its 18 k dots held ~70 MB there (JSON
 * characters of the cut tiles, after 40 s of the browser bench), more than all the other overlays together.
 */
import type { Layer } from '@deck.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { ringsBBox } from '../analysis/geometry';
import type { CategoryId } from '../domain/categories';
import type { FacilityFeature } from '../domain/city_bundle';
import type { Box } from './feature_box';
import { facilityFill, facilityOutline } from './layers/facilities_layer';
import { DETAIL_BUDGET, pointsInView, ViewSubset } from './view_detail';
import { dotImage, type DotImage } from './dot_image';

/** The image's longer side in pixels: sharp up to ~zoom 12 for a 30 km city (the dots take over near 12.5). */
const IMAGE_SIDE = 2048;
/** Dot radius in image pixels, outline included; the circles' smallest radius is 4 screen pixels. */
const DOT_RADIUS = 4;

interface Source {
  facilities: readonly FacilityFeature[];
  hiddenKey: string;
  /** the facilities of the categories shown */
  visible: FacilityFeature[];
  positions: Float64Array;
  /** the indices (in `visible`) of the view's dots; null when every visible dot fits the whole budget */
  inView: ViewSubset<Uint32Array> | null;
  /** the dots of the last view answer, the same list while the answer is */
  viewDots: { indices: Uint32Array; dots: FacilityFeature[] } | null;
  images: Map<string, DotImage>;
}

export interface FacilityDraw {
  /** what MapLibre's dot source holds: the same array while the answer is the same (source only handed changes) */
  dots: readonly FacilityFeature[];
  /** whether MapLibre's dot layer is shown for this view */
  dotsShown: boolean;
  /** the image standing in for every dot past the view budget, else null */
  image: Layer | null;
}

const NO_DOTS: readonly FacilityFeature[] = [];

/** Keeps what a city's facilities need between frames: the visible list, the view check, the image per theme. */
export class FacilityDrawing {
  private source: Source | null = null;

  /** Whether the last answer depends on the view (the city has more dots than the whole budget). */
  get followsView(): boolean {
    return Boolean(this.source?.inView);
  }

  /** What MapLibre's dot source holds before any view: every dot shown, or none past the whole budget. */
  dots(facilities: readonly FacilityFeature[], hidden: readonly CategoryId[]): readonly FacilityFeature[] {
    const source = this.sourceFor(facilities, hidden);
    return source.inView ? NO_DOTS : source.visible;
  }

  /** How the facilities of the categories shown are drawn in this view (nothing when no category is). */
  draw(facilities: readonly FacilityFeature[], hidden: readonly CategoryId[], dark: boolean, view: Box, zoom: number): FacilityDraw {
    const source = this.sourceFor(facilities, hidden);
    const { visible } = source;
    if (!visible.length) return { dots: visible, dotsShown: false, image: null };
    if (!source.inView) return { dots: visible, dotsShown: true, image: null };
    const indices = source.inView.at(view, zoom);
    if (indices) {
      if (source.viewDots?.indices !== indices) source.viewDots = { indices, dots: Array.from(indices, (i) => visible[i]) };
      return { dots: source.viewDots.dots, dotsShown: true, image: null };
    }
    const key = dark ? 'dark' : 'light';
    let image = source.images.get(key);
    if (!image) {
      image = dotImage(source.positions, dotColours(visible), ringsBBox([[source.positions]]), IMAGE_SIDE, DOT_RADIUS, facilityOutline(dark));
      source.images.set(key, image);
    }
    return { dots: NO_DOTS, dotsShown: false, image: new BitmapLayer({ id: 'facilities-overview', image: image.image, bounds: image.bounds, pickable: false }) };
  }

  private sourceFor(facilities: readonly FacilityFeature[], hidden: readonly CategoryId[]): Source {
    const hiddenKey = [...hidden].sort().join(',');
    if (this.source && this.source.facilities === facilities && this.source.hiddenKey === hiddenKey) return this.source;
    const off = new Set(hidden);
    const visible = facilities.filter((f) => !off.has(f.properties.category));
    const positions = new Float64Array(visible.length * 2);
    visible.forEach((f, i) => positions.set(f.geometry.coordinates.slice(0, 2), 2 * i));
    const inView = visible.length > DETAIL_BUDGET.whole.facilityDots ? new ViewSubset((region) => pointsInView(positions, region, DETAIL_BUDGET.view.facilityDots)) : null;
    this.source = { facilities, hiddenKey, visible, positions, inView, viewDots: null, images: new Map() };
    return this.source;
  }
}

/** The dots' fill colours, RGBA per facility. */
function dotColours(visible: readonly FacilityFeature[]): Uint8Array {
  const colours = new Uint8Array(visible.length * 4);
  visible.forEach((f, i) => colours.set(facilityFill(f.properties.category), 4 * i));
  return colours;
}
