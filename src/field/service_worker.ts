/**
 * The field app's service worker (built to /field-sw.js, scope /field, so the desk atlas is never controlled).
 *
 *   install  ─► the shell: field.html and every script, style and icon it names
 *   fetch    ─► page        network first, the cached shell when offline
 *               /assets/   cache first (names carry a hash)
 *               /data/     network first, cached copy offline (the city bundle)
 *               /tiles/    Range requests cached per range: the tiles of the area the user has looked at
 *               /api/      never cached here (the app keeps what it needs in IndexedDB; POSTs go to the outbox)
 * Only same-origin requests are handled; there are no others (intranet deployments).
 */

import { cacheNames, keepsAsShell, staleCaches } from './sw_rules';

interface ExtendableEventLike extends Event { waitUntil(work: Promise<unknown>): void }
interface FetchEventLike extends ExtendableEventLike { request: Request; respondWith(response: Promise<Response>): void }
interface WorkerScope {
  location: Location;
  registration: { scope: string };
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
}

/** the build's version, written in by vite.config.ts: a new build is a new worker with a new shell cache */
declare const __FIELD_BUILD__: string | undefined;

const scope = self as unknown as WorkerScope;
const { shell: SHELL, data: DATA, tiles: TILES } = cacheNames(typeof __FIELD_BUILD__ === 'string' ? __FIELD_BUILD__ : 'dev');
const SHELL_PAGE = new URL('field.html', scope.location.href).href;

/** the same-origin URLs field.html loads: scripts, module preloads, styles, the manifest, icons */
function shellUrls(html: string): string[] {
  const urls = new Set([SHELL_PAGE]);
  for (const match of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
    const url = new URL(match[1], SHELL_PAGE);
    if (url.origin === scope.location.origin) urls.add(url.href);
  }
  return [...urls];
}

scope.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      const page = await fetch(SHELL_PAGE, { cache: 'no-cache' });
      // an error or a captive portal's page is no shell: the install fails and is tried again later
      if (!keepsAsShell(page, SHELL_PAGE, SHELL_PAGE)) throw new Error(`field.html answered ${page.status}${page.redirected ? ' (redirected)' : ''}`);
      const html = await page.clone().text();
      await cache.put(SHELL_PAGE, page);
      await cache.addAll(shellUrls(html).filter((u) => u !== SHELL_PAGE));
      await scope.skipWaiting();
    })(),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // the shells of earlier builds, with their hashed /assets/
      for (const name of staleCaches(await caches.keys(), SHELL.slice('cc-field-shell-'.length))) await caches.delete(name);
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') event.respondWith(navigation(request));
  else if (url.pathname.includes('/assets/')) event.respondWith(cacheFirst(request, SHELL));
  else if (url.pathname.includes('/tiles/') && request.headers.has('range')) event.respondWith(rangeCached(request));
  else event.respondWith(networkFirst(request, url.pathname.includes('/data/') ? DATA : SHELL));
});

async function cacheFirst(request: Request, cacheName: string): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** a page: the network's answer (kept as the shell only when it is field.html's own 200), or the shell offline */
async function navigation(request: Request): Promise<Response> {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (keepsAsShell(response, request.url, SHELL_PAGE)) await cache.put(SHELL_PAGE, response.clone());
    return response;
  } catch (reason) {
    const hit = await cache.match(SHELL_PAGE);
    if (hit) return hit;
    throw reason;
  }
}

/** the network's answer (kept when a plain 200), or without a network the kept one */
async function networkFirst(request: Request, cacheName: string): Promise<Response> {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok && response.status === 200 && !response.redirected) await cache.put(request, response.clone());
    return response;
  } catch (reason) {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    throw reason;
  }
}

/**
 * PMTiles reads its archive by byte ranges. The Cache API refuses partial (206) answers, so each range is kept
 * as a whole answer under a key naming the range, and served back as the 206 it was.
 */
async function rangeCached(request: Request): Promise<Response> {
  const cache = await caches.open(TILES);
  const url = new URL(request.url);
  url.searchParams.set('cc-range', request.headers.get('range') ?? '');
  const key = url.href;
  const restore = async (kept: Response) => {
    const headers = new Headers(kept.headers);
    return new Response(await kept.arrayBuffer(), { status: Number(headers.get('x-cc-status') ?? 206), statusText: 'Partial Content', headers });
  };
  try {
    const response = await fetch(request);
    if (response.status === 206 || response.status === 200) {
      const headers = new Headers(response.headers);
      headers.set('x-cc-status', String(response.status));
      await cache.put(key, new Response(await response.clone().arrayBuffer(), { status: 200, headers }));
    }
    return response;
  } catch (reason) {
    const kept = await cache.match(key);
    if (kept) return restore(kept);
    throw reason;
  }
}
