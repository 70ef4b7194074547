/**
 * Software GL (SwiftShader, llvmpipe: the only GL on many office and intranet machines) draws every pixel on the
 * CPU, and the page answers no input while a frame is being drawn. Measured on the 30 km city (1100×855 map):
 * the basemap takes 120 ms at full resolution and 85 ms at half, each full-map image 25 ms and 7 ms.
 * So while the user moves the map it is drawn at half resolution, and sharp again once the moves have paused.
 * Hardware GL is left alone.
 */

/** Whether the canvas's WebGL context renders in software. */
export function isSoftwareGl(canvas: HTMLCanvasElement): boolean {
  // the context MapLibre made (getContext hands back the existing one; the other kind answers null)
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  return /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
}

/** Share of the resting pixel ratio used while the user moves the map. */
export const MOVING_RESOLUTION = 0.5;
/** Quiet time after the last move before the sharp frame (a frame the next input would wait behind). */
export const SHARP_AFTER_MS = 250;

/** Lowers the pixel ratio while the user moves the map and restores it once moves pause. */
export class MovingResolution {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lowered = false;

  constructor(
    private readonly apply: (ratio: number) => void,
    private readonly restingRatio: () => number,
  ) {}

  /** Whether the map is drawn below its resting resolution now, or is about to be made sharp. */
  get lowResolution(): boolean {
    return this.lowered;
  }

  /** A move began; only the user's own moves (drag, wheel, keys, pinch) lower the resolution. */
  moveStarted(byUser: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!byUser || this.lowered) return;
    this.lowered = true;
    this.apply(this.restingRatio() * MOVING_RESOLUTION);
  }

  moveEnded(): void {
    if (!this.lowered) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.sharpen(), SHARP_AFTER_MS);
  }

  /** Back to the resting resolution at once (a resize, a snapshot). */
  sharpen(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.lowered) return;
    this.lowered = false;
    this.apply(this.restingRatio());
  }
}
