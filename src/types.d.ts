declare module 'tiny-osmpbf' {
  const parse: (bytes: Uint8Array) => { elements: unknown[] };
  export default parse;
}
declare module 'osmtogeojson' {
  import type { FeatureCollection } from 'geojson';
  const osmtogeojson: (data: unknown, options?: { flatProperties?: boolean }) => FeatureCollection;
  export default osmtogeojson;
}
declare module 'vt-pbf' {
  export function fromGeojsonVt(layers: Record<string, unknown>, options?: { version?: number; extent?: number }): Uint8Array;
}
