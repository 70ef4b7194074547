/** Small pure rules of the field app's pages, kept apart so they are tested without a browser. */
import type { StringKey } from '../i18n/strings';

/** The sentence for a GeolocationPositionError code (1 denied, 2 unavailable, 3 timeout) — never the browser's own text. */
export function gpsErrorKey(code: number): StringKey {
  if (code === 1) return 'fieldGpsDenied';
  if (code === 3) return 'fieldGpsTimeout';
  return 'fieldGpsUnavailable';
}

/** The queued records a user saved on this phone and has not sent: what signing out would leave behind. */
export const unsentOf = <S extends { kind: string; userId?: number }>(queue: readonly S[], userId: number): S[] => queue.filter((s) => s.kind === 'inspection' && s.userId === userId);
