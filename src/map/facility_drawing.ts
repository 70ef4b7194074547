/**
 * Facility dots for a city of any size. Software GL pays for every point it draws, on or off screen (18 k dots
 * cost 0.5 s a frame on SwiftShader here, the basemap 0.12 s), so a large city's dots follow view_detail.ts's rule:
 *
 *   all visible dots ≤ whole ─────▶ every dot, as vectors (small cities: unchanged)
 *   dots in view ≤ view budget ──▶ the dots in (a grown) view, as vectors, pickable
 *   otherwise ───────────────────▶ one image of every dot, rasterised once on the CPU, drawn as one quad
 */
import type { Layer } from '@deck.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { ringsBBox } from '../analysis/geometry';
import type { CategoryId } from '../domain/categories';
import type { FacilityFeature } from '../domain/city_bundle';
import type { Box } from './feature_box';
import { facilitiesLayer, facilityFill, facilityOutline } from './layers/facilities_layer';
import { DETAIL_BUDGET, pointsInView, ViewSubset } from './view_detail';
import { dotImage, type DotImage } from './dot_image';

/** The image's longer side in pixels: sharp up to ~zoom 12 for a 30 km city (the vectors take over near 12.5). */
const IMAGE_SIDE = 2048;
/** Dot radius in image pixels, outline included; the vector dots' minimum radius is 4 screen pixels. */
const DOT_RADIUS = 4;

interface Source {
  facilities: readonly FacilityFeature[];
  hiddenKey: string;
  /** the facilities of the categories shown */
  visible: FacilityFeature[];
  positions: Float64Array;
  /** null when every visible dot fits the budget */
  subset: ViewSubset<FacilityFeature[]> | null;
  images: Map<string, DotImage>;
}

/** Keeps what a city's facilities need between frames: the visible list, the view subset, the image per theme. */
export class FacilityDrawing {
  private source: Source | null = null;

  /** Whether the last layer depends on the view (the city has more dots than the budget). */
  get followsView(): boolean {
    return Boolean(this.source?.subset);
  }

  /** The deck layer for the facilities in this view, or null when no category is shown. */
  layer(facilities: readonly FacilityFeature[], hidden: readonly CategoryId[], dark: boolean, view: Box, zoom: number): Layer | null {
    const source = this.sourceFor(facilities, hidden);
    if (!source.visible.length) return null;
    if (!source.subset) return facilitiesLayer(source.visible, dark);
    const inView = source.subset.at(view, zoom);
    if (inView) return facilitiesLayer(inView, dark);
    const key = dark ? 'dark' : 'light';
    let dots = source.images.get(key);
    if (!dots) {
      dots = dotImage(source.positions, dotColours(source.visible), ringsBBox([[source.positions]]), IMAGE_SIDE, DOT_RADIUS, facilityOutline(dark));
      source.images.set(key, dots);
    }
    return new BitmapLayer({ id: 'facilities-overview', image: dots.image, bounds: dots.bounds, pickable: false });
  }

  private sourceFor(facilities: readonly FacilityFeature[], hidden: readonly CategoryId[]): Source {
    const hiddenKey = [...hidden].sort().join(',');
    if (this.source && this.source.facilities === facilities && this.source.hiddenKey === hiddenKey) return this.source;
    const off = new Set(hidden);
    const visible = facilities.filter((f) => !off.has(f.properties.category));
    const positions = new Float64Array(visible.length * 2);
    visible.forEach((f, i) => positions.set(f.geometry.coordinates.slice(0, 2), 2 * i));
    const subset = visible.length > DETAIL_BUDGET.whole.facilityDots
      ? new ViewSubset((region) => {
          const indices = pointsInView(positions, region, DETAIL_BUDGET.view.facilityDots);
          return indices && Array.from(indices, (i) => visible[i]);
        })
      : null;
    this.source = { facilities, hiddenKey, visible, positions, subset, images: new Map() };
    return this.source;
  }
}

/** The vector dots' fill colours, RGBA per facility. */
function dotColours(visible: readonly FacilityFeature[]): Uint8Array {
  const colours = new Uint8Array(visible.length * 4);
  visible.forEach((f, i) => colours.set(facilityFill(f.properties.category), 4 * i));
  return colours;
}
