import { describe, expect, it } from 'vitest';
import { OVERSCAN, ROW_PX, visibleRows } from './visible_rows';

describe('the windowed case list', () => {
  it('draws every row a box shows, and at most the overscan more on each side, wherever it is scrolled', () => {
    const count = 5000;
    for (const heightPx of [0, 100, 464, 700]) {
      for (let scrollTop = 0; scrollTop <= count * ROW_PX; scrollTop += 997) {
        const [first, end] = visibleRows(count, scrollTop, heightPx);
        // a row is on screen when its box [i·ROW_PX, (i+1)·ROW_PX) meets [scrollTop, scrollTop + height); rows
        // further than a screen away cannot
        const near = Math.floor(scrollTop / ROW_PX);
        for (let i = Math.max(0, near - 20); i < Math.min(count, near + 40); i++) {
          const shown = i * ROW_PX < scrollTop + heightPx && (i + 1) * ROW_PX > scrollTop;
          if (shown) expect(i >= first && i < end, `row ${i} at ${scrollTop}/${heightPx}`).toBe(true);
        }
        expect(end - first).toBeLessThanOrEqual(Math.ceil(heightPx / ROW_PX) + 1 + 2 * OVERSCAN);
        expect(first).toBeGreaterThanOrEqual(0);
        expect(end).toBeLessThanOrEqual(count);
      }
    }
  });

  it('draws nothing for an empty list, and stays inside a list shorter than the box', () => {
    expect(visibleRows(0, 0, 464)).toEqual([0, 0]);
    expect(visibleRows(3, 0, 464)).toEqual([0, 3]);
    // scrolled past the end after a filter shortened the list
    expect(visibleRows(3, 10_000, 464)).toEqual([0, 3]);
  });
});
