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

/** The image's longer side in pixels: sharp up to ~zoom 12 for a 30 km city (the vectors take over near 12.5). */
const IMAGE_SIDE = 2048;
/** Dot radius in image pixels, outline included; the vector dots' minimum radius is 4 screen pixels. */
const DOT_RADIUS = 4;

/** Web Mercator y of a latitude (unitless); a BitmapLayer's image is linear in it, not in latitude. */
function mercatorY(lat: number): number {
  return Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
}

function latitudeOf(y: number): number {
  return (Math.atan(Math.sinh(y)) * 180) / Math.PI;
}

export interface DotImage {
  image: ImageData;
  /** [west, south, east, north] the image covers */
  bounds: [number, number, number, number];
}

/**
 * Round dots of `radius` pixels (the outer pixel ring in `outline`) for points (lon/lat interleaved) with an RGBA
 * colour each, later points on top, rows in Web Mercator from the north. `bounds` is grown by the radius so edge
 * dots are whole.
 */
export function dotImage(positions: Float64Array, colours: Uint8Array, box: Box, longSide: number, radius: number, outline: readonly [number, number, number, number]): DotImage {
  const [w0, s0, e0, n0] = box;
  const top0 = mercatorY(n0);
  const spanX = Math.max(1e-12, e0 - w0);
  const spanY = Math.max(1e-12, top0 - mercatorY(s0));
  // pixels per degree of longitude (x) and per unit of Mercator y, equal in a Mercator map
  const scale = (longSide - 2 * radius) / Math.max(spanX, (spanY * 180) / Math.PI);
  const perY = (scale * 180) / Math.PI;
  const width = Math.ceil(spanX * scale) + 2 * radius;
  const height = Math.ceil(spanY * perY) + 2 * radius;
  const north = top0 + radius / perY;
  const bounds: [number, number, number, number] = [w0 - radius / scale, latitudeOf(north - height / perY), w0 + (width - radius) / scale, latitudeOf(north)];
  const image = new ImageData(width, height);
  const data = image.data;
  const inner = (radius - 1) ** 2;
  const outer = radius ** 2;
  for (let i = 0; i < positions.length / 2; i++) {
    const cx = (positions[2 * i] - w0) * scale + radius;
    const cy = (top0 - mercatorY(positions[2 * i + 1])) * perY + radius;
    for (let y = Math.floor(cy - radius); y <= Math.ceil(cy + radius); y++) {
      if (y < 0 || y >= height) continue;
      for (let x = Math.floor(cx - radius); x <= Math.ceil(cx + radius); x++) {
        if (x < 0 || x >= width) continue;
        // pixel centres at +0.5
        const d = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2;
        if (d > outer) continue;
        const at = 4 * (y * width + x);
        if (d > inner) data.set(outline, at);
        else data.set(colours.subarray(4 * i, 4 * i + 4), at);
      }
    }
  }
  return { image, bounds };
}

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
