/**
 * Software GL (SwiftShader, llvmpipe: the only GL on many office and intranet machines) draws every pixel on the
 * CPU, and the page answers no input while a frame is being drawn. Measured on the 30 km city (1100×855 map):
 * the basemap takes 120 ms at full resolution and 85 ms at half, each full-map image 25 ms and 7 ms.
 * So while the user moves the map or a slider it is drawn at a lower resolution, and sharp again once they pause.
 * Hardware GL is left alone.
 */

import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Runs `change` (a setPixelRatio) so that it does not end the user's move. Map.setPixelRatio resizes, and
 * Map.resize() stops every handler and fires movestart/moveend unless a camera animation is under way (its
 * `_moving`; maplibre-gl 5.24, ui/map.ts): lowering the resolution as a drag began ended that drag (the map moved
 * 50 px of a 300 px drag), and the fake moveend sharpened it again mid-drag. So while the map moves by a handler,
 * it is marked as animating for the call.
 */
export function withoutStoppingMoves(map: MapLibreMap, change: () => void): void {
  const camera = map as unknown as { _moving: boolean };
  const animating = camera._moving;
  if (map.isMoving()) camera._moving = true;
  try {
    change();
  } finally {
    camera._moving = animating;
  }
}

/** Whether the canvas's WebGL context renders in software. */
export function isSoftwareGl(canvas: HTMLCanvasElement): boolean {
  // the context MapLibre made (getContext hands back the existing one; the other kind answers null)
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  return /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
}

/**
 * Pixels drawn per frame while the user moves, at most. Below about this many a SwiftShader frame is mostly its
 * fixed cost. Measured on the 30 km city (a 1100×855 map), city zoom / two zooms in: pixel ratio 0.5 (235 k px)
 * 82 / 100 ms a frame, 0.35 (115 k px) 53 / 74 ms, 0.25 (59 k px) 43 / 67 ms.
 */
export const MOVING_PIXELS = 120_000;
/** While moving, the pixel ratio stays within these shares of the resting one: at most half, never below a quarter. */
export const MOVING_RESOLUTION = { most: 0.5, least: 0.25 };

/** The pixel ratio to draw a map of this size (CSS pixels) at while the user moves it. */
export function movingPixelRatio(resting: number, cssWidth: number, cssHeight: number): number {
  const withinBudget = Math.sqrt(MOVING_PIXELS / Math.max(1, cssWidth * cssHeight));
  return Math.min(resting * MOVING_RESOLUTION.most, Math.max(resting * MOVING_RESOLUTION.least, withinBudget));
}

/**
 * Quiet time after the last input before the sharp frame, a frame the next input would wait behind (~200 ms at
 * 1440×900 on the 30 km city, twice the low one). Long enough that a slider's analysis answer (~0.1–0.5 s on the
 * 30 km city) is drawn low too, and that a pause between two drags does not pay for a sharp frame.
 */
export const SHARP_AFTER_MS = 600;

/** Lowers the pixel ratio while the user moves the map or a slider, and restores it once they pause. */
export class MovingResolution {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lowered = false;
  /** a move by the user is under way: nothing sharpens before it ends */
  private moving = false;

  constructor(
    private readonly apply: (ratio: number) => void,
    private readonly restingRatio: () => number,
    private readonly movingRatio: () => number,
  ) {}

  /** Whether the map is drawn below its resting resolution now, or is about to be made sharp. */
  get lowResolution(): boolean {
    return this.lowered;
  }

  /** A move began; only the user's own moves (drag, wheel, keys, pinch) lower the resolution. */
  moveStarted(byUser: boolean): void {
    this.cancelSharpen();
    if (!byUser) return;
    this.moving = true;
    this.lower();
  }

  /**
   * One step of a move. A drag begun while an earlier move still eases out (a wheel zoom's animation) fires no
   * movestart of its own: MapLibre reports one move from the animation's start to the drag's end, begun by no user
   * input. So the user's first step counts as the start of their move; else a slider's pending sharp frame came in
   * the middle of the drag (in the browser bench, 1 drag in 4 ran at full resolution: 150–230 ms a step).
   */
  moved(byUser: boolean): void {
    if (byUser && !this.moving) this.moveStarted(true);
  }

  moveEnded(): void {
    this.moving = false;
    if (this.lowered) this.sharpenLater();
  }

  /**
   * The user moved a slider: what it changes on the map (new gaps, zones, images) is drawn low as well, and a
   * slider dragged along is a stream of such changes.
   */
  adjusted(): void {
    this.cancelSharpen();
    this.lower();
    if (!this.moving) this.sharpenLater();
  }

  /** Back to the resting resolution at once (a resize, a snapshot). */
  sharpen(): void {
    this.cancelSharpen();
    if (!this.lowered) return;
    this.lowered = false;
    this.apply(this.restingRatio());
  }

  private lower(): void {
    if (this.lowered) return;
    this.lowered = true;
    this.apply(this.movingRatio());
  }

  private sharpenLater(): void {
    this.cancelSharpen();
    this.timer = setTimeout(() => this.sharpen(), SHARP_AFTER_MS);
  }

  private cancelSharpen(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
