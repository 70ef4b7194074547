/** Bounding boxes of GeoJSON features in degrees, for fitting the view. */
export type Box = [number, number, number, number];

/** Grows a box by every position of nested coordinate arrays (any GeoJSON geometry but a collection). */
function extend(box: Box, coordinates: unknown): void {
  if (!Array.isArray(coordinates)) return;
  if (typeof coordinates[0] === 'number') {
    box[0] = Math.min(box[0], coordinates[0]);
    box[1] = Math.min(box[1], coordinates[1] as number);
    box[2] = Math.max(box[2], coordinates[0]);
    box[3] = Math.max(box[3], coordinates[1] as number);
    return;
  }
  for (const c of coordinates) extend(box, c);
}

/** [west, south, east, north] of the features, or null when they have no positions. */
export function featuresBox(features: readonly { geometry: { coordinates: unknown } }[]): Box | null {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) extend(box, f.geometry.coordinates);
  return Number.isFinite(box[0]) ? box : null;
}
