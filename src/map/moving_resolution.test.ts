import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MOVING_PIXELS, MOVING_RESOLUTION, MovingResolution, movingPixelRatio, SHARP_AFTER_MS } from './moving_resolution';

describe('moving resolution', () => {
  let applied: number[];
  let resting: number;
  let moving: MovingResolution;
  beforeEach(() => {
    vi.useFakeTimers();
    applied = [];
    resting = 2;
    moving = new MovingResolution((ratio) => applied.push(ratio), () => resting, () => resting / 2);
  });
  afterEach(() => vi.useRealTimers());

  it('draws the user\'s moves at the lower resolution and is sharp again once they pause', () => {
    moving.moveStarted(true);
    expect(applied).toEqual([resting / 2]);
    expect(moving.lowResolution).toBe(true);
    moving.moveEnded();
    vi.advanceTimersByTime(SHARP_AFTER_MS - 1);
    expect(applied).toEqual([1]);
    // the next move inside the pause keeps the low resolution: no sharp frame between inputs
    moving.moveStarted(true);
    moving.moveEnded();
    vi.advanceTimersByTime(SHARP_AFTER_MS - 1);
    expect(applied).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual([1, 2]);
    expect(moving.lowResolution).toBe(false);
  });

  it('leaves programmatic moves (fits, jumps, the wall\'s tour) sharp', () => {
    moving.moveStarted(false);
    moving.moveEnded();
    vi.runAllTimers();
    expect(applied).toEqual([]);
  });

  it('sharpens at once on demand, to the resting ratio of that moment', () => {
    moving.moveStarted(true);
    resting = 1.5;
    moving.sharpen();
    expect(applied).toEqual([1, 1.5]);
    vi.runAllTimers();
    expect(applied).toEqual([1, 1.5]);
  });

  it('draws a slider\'s changes at the lower resolution too, sharp once the slider rests', () => {
    moving.adjusted();
    expect(applied).toEqual([1]);
    // a slider dragged along: each input pushes the sharp frame back
    vi.advanceTimersByTime(SHARP_AFTER_MS - 1);
    moving.adjusted();
    vi.advanceTimersByTime(SHARP_AFTER_MS - 1);
    expect(applied).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual([1, 2]);
  });

  it('does not sharpen in the middle of a drag when a slider moves during it', () => {
    moving.moveStarted(true);
    moving.adjusted();
    vi.advanceTimersByTime(10 * SHARP_AFTER_MS);
    expect(applied).toEqual([1]);
    moving.moveEnded();
    vi.advanceTimersByTime(SHARP_AFTER_MS);
    expect(applied).toEqual([1, 2]);
  });

  it("keeps a drag begun inside another move low: the drag's own steps count as the user's move", () => {
    // a wheel zoom's animation: a move begun by no user input
    moving.moveStarted(false);
    // a slider moves: its changes are drawn low, sharp after the quiet time unless the user is moving
    moving.adjusted();
    expect(applied).toEqual([1]);
    // the user drags before the animation's move has ended: MapLibre fires no new movestart, only moves
    for (let step = 0; step < 10; step++) {
      moving.moved(true);
      vi.advanceTimersByTime(SHARP_AFTER_MS / 4);
    }
    expect(applied).toEqual([1]);
    moving.moveEnded();
    vi.advanceTimersByTime(SHARP_AFTER_MS);
    expect(applied).toEqual([1, 2]);
  });

  it("leaves a programmatic move's steps alone", () => {
    moving.moveStarted(false);
    moving.moved(false);
    moving.moveEnded();
    vi.runAllTimers();
    expect(applied).toEqual([]);
  });
});

describe('movingPixelRatio', () => {
  it('draws about MOVING_PIXELS while moving, between a quarter and half of the resting ratio', () => {
    for (const [resting, width, height] of [
      [1, 1100, 855],
      [1, 1920, 1080],
      [2, 1100, 855],
      [1, 400, 300],
      [3, 390, 700],
      [1, 3840, 2160],
      [1, 0, 0],
    ]) {
      const ratio = movingPixelRatio(resting, width, height);
      expect(ratio).toBeLessThanOrEqual(resting * MOVING_RESOLUTION.most);
      expect(ratio).toBeGreaterThanOrEqual(resting * MOVING_RESOLUTION.least);
      const pixels = width * height * ratio ** 2;
      // within the budget, unless the quarter floor holds it above; at the budget, unless half is already below it
      if (ratio > resting * MOVING_RESOLUTION.least) expect(pixels).toBeLessThanOrEqual(MOVING_PIXELS * 1.000001);
      if (ratio < resting * MOVING_RESOLUTION.most) expect(pixels).toBeGreaterThanOrEqual(Math.min(MOVING_PIXELS, width * height * (resting * MOVING_RESOLUTION.least) ** 2) * 0.999999);
    }
    // the measured case: the bench's map drops to ~0.36, a small map stays at half
    expect(movingPixelRatio(1, 1100, 855)).toBeCloseTo(Math.sqrt(MOVING_PIXELS / (1100 * 855)), 10);
    expect(movingPixelRatio(1, 400, 300)).toBe(0.5);
    expect(movingPixelRatio(1, 3840, 2160)).toBe(0.25);
  });
});
