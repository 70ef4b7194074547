import { describe, expect, it } from 'vitest';
import { scaleBar } from './map_png';

describe('scale bar', () => {
  it('picks a round length near a fifth of the map and sizes it in pixels', () => {
    expect(scaleBar(2, 1000)).toEqual({ metres: 200, pixels: 100, label: '200 m' });
    expect(scaleBar(12, 1400)).toEqual({ metres: 2000, pixels: 2000 / 12, label: '2 km' });
    expect(scaleBar(0.7, 800).metres).toBe(100);
  });
});
