/**
 * Many points as one image, rasterised on the CPU and drawn as one textured quad. Software GL (SwiftShader, the
 * only GL these machines have) pays ~30–45 µs a frame for every instanced point it draws, on screen or not; a
 * full-map image costs ~25 ms whatever it holds. Used for facility dots and toilet-gap samples past their budgets.
 */
import type { Box } from './feature_box';

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
 * Round dots of `radius` pixels (the outer pixel ring in `outline`, or in the dot's own colour when null) for points
 * (lon/lat interleaved) with an RGBA colour each, later points on top, rows in Web Mercator from the north. `bounds`
 * is grown by the radius so edge dots are whole.
 */
export function dotImage(positions: Float64Array, colours: Uint8Array, box: Box, longSide: number, radius: number, outline: readonly [number, number, number, number] | null): DotImage {
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
        // byte by byte: a subarray per pixel was most of the time for 100 k samples
        const from = d > inner && outline ? outline : colours;
        const c = from === outline ? 0 : 4 * i;
        data[at] = from[c];
        data[at + 1] = from[c + 1];
        data[at + 2] = from[c + 2];
        data[at + 3] = from[c + 3];
      }
    }
  }
  return { image, bounds };
}
