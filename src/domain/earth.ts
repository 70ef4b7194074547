/**
 * The one figure of the Earth the atlas uses: a sphere of the mean radius (IUGG), as Turf does. Every
 * metres↔degrees conversion in the app, the worker and the scripts goes through these.
 */
export const EARTH_RADIUS_M = 6_371_008.8;

/** metres along a meridian per degree of latitude (and along the equator per degree of longitude) */
export const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

/** metres per degree of longitude at a latitude */
export const metresPerDegreeLon = (lat: number): number => METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
