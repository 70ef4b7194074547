/**
 * The printable bulletin runs without the map, the worker and IndexedDB: only the link, the session and the city
 * files (for the district outlines of its static map). Nothing here draws WebGL.
 */
import { appStore } from '../../state/app_store';
import { connectCities } from '../../state/city_driver';
import { connectHash } from '../../state/hash_sync';
import { connectSession } from '../../state/session_driver';

export function startBulletinPage(): () => void {
  const stops = [connectHash(appStore), connectSession(appStore), connectCities(appStore)];
  return () => stops.forEach((stop) => stop());
}
