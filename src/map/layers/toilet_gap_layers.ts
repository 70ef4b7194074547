import { BitmapLayer } from '@deck.gl/layers';

export interface GapOverlay {
  /** street samples beyond the service distance, lon/lat interleaved */
  positions: Float64Array;
  /** RGBA per gap sample */
  colours: Uint8Array;
  cells: ImageData;
  /** [west, south, east, north] of the lattice */
  bounds: [number, number, number, number];
}

/** Lattice cells beyond the service distance, as one image: cheap to redraw when the threshold moves. */
export function toiletGapCellsLayer(overlay: GapOverlay) {
  return new BitmapLayer({ id: 'toilet-gap-cells', image: overlay.cells, bounds: overlay.bounds, opacity: 1, textureParameters: { minFilter: 'nearest', magFilter: 'nearest' } });
}

/** A per-cell aggregate drawn at city zoom (alleys, grids), one texture whatever the city's size; `pickable` answers the pixel picked. */
export function cellsImageLayer(id: string, image: ImageData, bounds: [number, number, number, number], pickable = false) {
  return new BitmapLayer({ id, image, bounds, pickable, textureParameters: { minFilter: 'nearest', magFilter: 'nearest' } });
}
