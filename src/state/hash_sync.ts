/** The URL hash is one projection of the app state: written on every change, read back when the user edits it. */
import type { StoreApi } from 'zustand/vanilla';
import { actions, type AppState } from './app_store';
import { follow } from './follow';
import { formatHash } from './url_hash';
import { t } from '../i18n/strings';

export function connectHash(store: StoreApi<AppState>): () => void {
  const stop = follow(store, (s) => [s.hash], ([hash]) => {
    const next = formatHash(hash as AppState['hash']);
    if (window.location.hash !== next) window.history.replaceState(null, '', next);
  });
  const stopDocument = follow(store, (s) => [s.hash.lang, s.city, s.hash.wall !== null, s.hash.theme], ([lang, city, wall, theme]) => {
    const l = lang as AppState['hash']['lang'];
    const c = city as AppState['city'];
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t(l, 'appTitle')}${c ? ` · ${l === 'zh' ? c.manifest.name.zh : c.manifest.name.en}` : ''}`;
    document.documentElement.dataset.theme = wall ? 'dark' : (theme as string);
  });
  // the link as navigated to, from the event: a state write (a map move's view) between the navigation and this event
  // replaces location.hash with the app's own link, and a v99 link read from there was lost (a browser test flake)
  const onHashChange = (event: HashChangeEvent) => actions.followLink(new URL(event.newURL).hash);
  window.addEventListener('hashchange', onHashChange);
  return () => {
    stop();
    stopDocument();
    window.removeEventListener('hashchange', onHashChange);
  };
}
