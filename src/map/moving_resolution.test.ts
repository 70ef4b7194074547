import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MOVING_RESOLUTION, MovingResolution, SHARP_AFTER_MS } from './moving_resolution';

describe('moving resolution', () => {
  let applied: number[];
  let resting: number;
  let moving: MovingResolution;
  beforeEach(() => {
    vi.useFakeTimers();
    applied = [];
    resting = 2;
    moving = new MovingResolution((ratio) => applied.push(ratio), () => resting);
  });
  afterEach(() => vi.useRealTimers());

  it('draws the user\'s moves at the lower resolution and is sharp again once they pause', () => {
    moving.moveStarted(true);
    expect(applied).toEqual([2 * MOVING_RESOLUTION]);
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
});
