/** Web Mercator as MapLibre draws it: the world is 512·2^zoom CSS pixels wide. */

/** The equator's length in metres (the Web Mercator sphere). */
export const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

/** Ground metres one CSS pixel spans at a latitude (degrees) and zoom. */
export function metresPerCssPixel(lat: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}
