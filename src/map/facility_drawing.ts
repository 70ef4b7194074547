/**
 * Facility dots for a city of any size. MapLibre draws them (overlay_lines.ts): its source holds every dot of the
 * categories shown, and a circle layer draws those in the tiles in view. On software GL that costs ~2–3 µs a dot;
 * deck.gl's instanced points cost ~30 µs (the 14 km city's 3,763 dots took 51–65 ms of a 135 ms half-resolution
 * frame). Past the view budget one image stands in for them, drawn as one quad:
 *
 *   dots in view ≤ view budget (or all dots ≤ whole) ─▶ MapLibre's circles, pickable by queryRenderedFeatures
 *   otherwise ──────────────────────────────────────▶ one image of every dot, rasterised once on the CPU
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
  /** null when every visible dot fits the whole budget */
  inView: ViewSubset<true> | null;
  images: Map<string, DotImage>;
}

export interface FacilityDraw {
  /** what MapLibre's dot source holds: the same array while the facilities and the hidden categories are the same */
  dots: readonly FacilityFeature[];
  /** whether MapLibre's dot layer is shown for this view */
  dotsShown: boolean;
  /** the image standing in for every dot past the view budget, else null */
  image: Layer | null;
}

/** Keeps what a city's facilities need between frames: the visible list, the view check, the image per theme. */
export class FacilityDrawing {
  private source: Source | null = null;

  /** Whether the last answer depends on the view (the city has more dots than the whole budget). */
  get followsView(): boolean {
    return Boolean(this.source?.inView);
  }

  /** The facilities of the categories shown, as MapLibre's dot source holds them (`draw`'s `dots`). */
  dots(facilities: readonly FacilityFeature[], hidden: readonly CategoryId[]): readonly FacilityFeature[] {
    return this.sourceFor(facilities, hidden).visible;
  }

  /** How the facilities of the categories shown are drawn in this view (nothing when no category is). */
  draw(facilities: readonly FacilityFeature[], hidden: readonly CategoryId[], dark: boolean, view: Box, zoom: number): FacilityDraw {
    const source = this.sourceFor(facilities, hidden);
    const dots = source.visible;
    if (!dots.length) return { dots, dotsShown: false, image: null };
    if (!source.inView || source.inView.at(view, zoom)) return { dots, dotsShown: true, image: null };
    const key = dark ? 'dark' : 'light';
    let image = source.images.get(key);
    if (!image) {
      image = dotImage(source.positions, dotColours(dots), ringsBBox([[source.positions]]), IMAGE_SIDE, DOT_RADIUS, facilityOutline(dark));
      source.images.set(key, image);
    }
    return { dots, dotsShown: false, image: new BitmapLayer({ id: 'facilities-overview', image: image.image, bounds: image.bounds, pickable: false }) };
  }

  private sourceFor(facilities: readonly FacilityFeature[], hidden: readonly CategoryId[]): Source {
    const hiddenKey = [...hidden].sort().join(',');
    if (this.source && this.source.facilities === facilities && this.source.hiddenKey === hiddenKey) return this.source;
    const off = new Set(hidden);
    const visible = facilities.filter((f) => !off.has(f.properties.category));
    const positions = new Float64Array(visible.length * 2);
    visible.forEach((f, i) => positions.set(f.geometry.coordinates.slice(0, 2), 2 * i));
    // only the count matters: MapLibre draws the dots of the tiles in view itself
    const inView = visible.length > DETAIL_BUDGET.whole.facilityDots ? new ViewSubset((region) => (pointsInView(positions, region, DETAIL_BUDGET.view.facilityDots) ? true : null)) : null;
    this.source = { facilities, hiddenKey, visible, positions, inView, images: new Map() };
    return this.source;
  }
}

/** The dots' fill colours, RGBA per facility. */
function dotColours(visible: readonly FacilityFeature[]): Uint8Array {
  const colours = new Uint8Array(visible.length * 4);
  visible.forEach((f, i) => colours.set(facilityFill(f.properties.category), 4 * i));
  return colours;
}
