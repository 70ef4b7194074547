/** The page a link opens: the printable weekly bulletin (#bulletin=…), which needs no map, or the atlas. */
import { useApp } from '../state/app_store';
import { App } from './App';
import { BulletinPage } from './bulletin/BulletinPage';

export function Root() {
  const bulletin = useApp((s) => s.hash.bulletin !== null);
  return bulletin ? <BulletinPage /> : <App />;
}
