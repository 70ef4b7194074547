import { beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '../analysis/prng';
import type { Box } from './feature_box';
import { alleyCellImage, boxTable, featuresInView, gridAtImagePixel, gridCellImage, pointsInView, ViewSubset, type OverviewRasters } from './view_detail';

beforeAll(() => {
  // Node has no ImageData: the page's is width, height and RGBA bytes, north row first
  globalThis.ImageData ??= class {
    readonly data: Uint8ClampedArray;
    constructor(readonly width: number, readonly height: number) {
      this.data = new Uint8ClampedArray(width * height * 4);
    }
  } as unknown as typeof ImageData;
});

const meets = (b: Box, v: Box) => !(b[0] > v[2] || b[2] < v[0] || b[1] > v[3] || b[3] < v[1]);

describe('features in view', () => {
  const prng = new Prng(7);
  const random = () => prng.next();
  const paths = Array.from({ length: 2000 }, () => {
    const x = random() * 10;
    const y = random() * 10;
    return Array.from({ length: 2 + Math.floor(random() * 6) }, () => [x + random() * 0.3, y + random() * 0.3]);
  });
  const table = boxTable(paths, (p) => p);

  it('finds exactly the features whose boxes meet the view (brute force over every vertex)', () => {
    for (const view of [[2, 2, 4, 3], [0, 0, 10, 10], [9.9, 9.9, 12, 12], [-5, -5, -1, -1]] as Box[]) {
      const expected = paths.flatMap((p, i) => {
        const xs = p.map((q) => q[0]);
        const ys = p.map((q) => q[1]);
        return meets([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], view) ? [i] : [];
      });
      expect(Array.from(featuresInView(table, view, Infinity)!)).toEqual(expected);
    }
    expect(table.totalVertices).toBe(paths.reduce((sum, p) => sum + p.length, 0));
  });

  it('answers null (draw the aggregate) when the view holds more vertices than the budget', () => {
    const inView = featuresInView(table, [0, 0, 10, 10], Infinity)!;
    const vertices = Array.from(inView).reduce((sum, i) => sum + paths[i].length, 0);
    expect(featuresInView(table, [0, 0, 10, 10], vertices)).not.toBeNull();
    expect(featuresInView(table, [0, 0, 10, 10], vertices - 1)).toBeNull();
  });

  it('finds the points in view, or null past the budget', () => {
    const positions = Float64Array.from({ length: 2000 }, () => random() * 10);
    const expected = Array.from({ length: 1000 }, (_, i) => i).filter((i) => positions[2 * i] >= 3 && positions[2 * i] <= 6 && positions[2 * i + 1] >= 1 && positions[2 * i + 1] <= 2);
    expect(Array.from(pointsInView(positions, [3, 1, 6, 2], 1000)!)).toEqual(expected);
    expect(pointsInView(positions, [3, 1, 6, 2], expected.length - 1)).toBeNull();
  });
});

describe('a view subset', () => {
  it('keeps its answer while the view stays in the region it was built for, and rebuilds past it or on zoom', () => {
    const asked: Box[] = [];
    const subset = new ViewSubset((region) => {
      asked.push(region);
      return { region };
    });
    const first = subset.at([0, 0, 4, 4], 12);
    expect(asked).toEqual([[-1, -1, 5, 5]]);
    expect(subset.at([0.5, 0.5, 4.5, 4.5], 12.2)).toBe(first);
    expect(subset.at([2, 2, 6, 6], 12)).not.toBe(first);
    const second = subset.at([2, 2, 6, 6], 12);
    expect(subset.at([2.5, 2.5, 5.5, 5.5], 12.6)).not.toBe(second);
  });

  it('falls back to the exact view when the grown one is too much, and to null (the aggregate) past that', () => {
    const subset = new ViewSubset((region) => (region[2] - region[0] <= 4 ? region : null));
    expect(subset.at([0, 0, 4, 4], 12)).toEqual([0, 0, 4, 4]);
    expect(subset.at([0, 0, 8, 8], 10)).toBeNull();
  });
});

describe('city-zoom images', () => {
  // 4 × 3 cells: grid 0 on the west half, grid 1 on the east half, no grid in the top-right cell
  const overview: OverviewRasters = {
    cols: 4,
    rows: 3,
    bounds: [0, 0, 4, 3],
    alleyCells: Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
    gridOfCell: Int32Array.from([0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, -1]),
  };
  const pixel = (image: ImageData, col: number, rowFromNorth: number) => Array.from(image.data.slice(4 * (rowFromNorth * image.width + col), 4 * (rowFromNorth * image.width + col) + 4));

  it('tints the alley cells, north row first', () => {
    const image = alleyCellImage(overview, [9, 8, 7, 6]);
    expect(pixel(image, 0, 2)).toEqual([9, 8, 7, 6]);
    expect(pixel(image, 3, 0)).toEqual([9, 8, 7, 6]);
    expect(pixel(image, 1, 1)).toEqual([0, 0, 0, 0]);
  });

  it('fills each cell with its grid colour and outlines where the grid changes', () => {
    const colours = Uint8Array.from([10, 20, 30, 255, 40, 50, 60, 255]);
    const image = gridCellImage(overview, colours, [1, 2, 3, 4])!;
    // cell (0, south row): grid 0, east neighbour grid 0, north neighbour grid 0 → filled
    expect(pixel(image, 0, 2)).toEqual([10, 20, 30, 255]);
    // cell (1, south row): east neighbour is grid 1 → outline
    expect(pixel(image, 1, 2)).toEqual([1, 2, 3, 4]);
    // cell (3, south row): grid 1, east edge of the lattice, north neighbour grid 1 → filled with grid 1
    expect(pixel(image, 3, 2)).toEqual([40, 50, 60, 255]);
    // cell (2, middle row): grid 1 whose east neighbour is grid 1 and north neighbour grid 1 → filled
    expect(pixel(image, 2, 1)).toEqual([40, 50, 60, 255]);
    // cell (3, middle row): north neighbour has no grid → outline; the top-right cell has none → empty
    expect(pixel(image, 3, 1)).toEqual([1, 2, 3, 4]);
    expect(pixel(image, 3, 0)).toEqual([0, 0, 0, 0]);
    // outlines alone without a choropleth
    expect(pixel(gridCellImage(overview, null, [1, 2, 3, 4])!, 0, 2)).toEqual([0, 0, 0, 0]);
  });

  it('names the grid of any pixel of that image (a click at city zoom), and none off the lattice', () => {
    const colours = Uint8Array.from([10, 20, 30, 255, 40, 50, 60, 255]);
    const image = gridCellImage(overview, colours, [1, 2, 3, 4])!;
    let filled = 0;
    for (let y = 0; y < overview.rows; y++) {
      for (let x = 0; x < overview.cols; x++) {
        const g = gridAtImagePixel(overview, x, y);
        const shown = pixel(image, x, y);
        // a filled pixel wears its grid's colour; an outline says nothing about which side; an empty one has none
        if (shown[3] === 255) {
          expect(shown).toEqual(Array.from(colours.subarray(4 * g, 4 * g + 4)));
          filled++;
        }
        if (shown[3] === 0) expect(g).toBe(-1);
      }
    }
    expect(filled).toBeGreaterThan(2);
    for (const [x, y] of [[-1, 0], [0, -1], [overview.cols, 0], [0, overview.rows]]) expect(gridAtImagePixel(overview, x, y)).toBe(-1);
  });
});
