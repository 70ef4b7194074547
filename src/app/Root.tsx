/**
 * The page a link opens: the printable weekly bulletin (#bulletin=…) and the phone's "my cases" (#my) run without
 * the map, the worker and the city's analysis; everything else is the atlas.
 */
import { useApp } from '../state/app_store';
import { App } from './App';
import { BulletinPage } from './bulletin/BulletinPage';
import { PhoneApp } from './cases/PhoneApp';

export function Root() {
  const page = useApp((s) => (s.hash.bulletin !== null ? 'bulletin' : s.hash.my ? 'phone' : 'atlas'));
  return page === 'bulletin' ? <BulletinPage /> : page === 'phone' ? <PhoneApp /> : <App />;
}
