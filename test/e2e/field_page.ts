/** The field apps in a phone-sized Chromium context, with the campaign server's API at hand for checking. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { E2E_PASSWORD } from './campaign_accounts';
import type { CampaignServer } from './campaign_server';

/** a common phone: 390 × 844 CSS pixels */
export const PHONE = { width: 390, height: 844 };

export interface FieldPage { context: BrowserContext; page: Page; foreignRequests: string[] }

/** A fresh context (its own IndexedDB, caches and service workers) with one page at `path`. */
export async function openFieldApp(browser: Browser, server: CampaignServer, path: string): Promise<FieldPage> {
  const context = await browser.newContext({ viewport: PHONE, serviceWorkers: 'allow' });
  const origin = new URL(server.url).origin;
  const foreignRequests: string[] = [];
  // context-wide: the service worker's own fetches are seen too
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin) foreignRequests.push(request.url());
  });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  return { context, page, foreignRequests };
}

let shade = 0;
/** A JPEG photo, different each call; with `gps` it carries EXIF GPS the way a phone camera writes it. */
export async function photo(gps?: { lon: number; lat: number }): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  // a street corner with rubbish bags, a little different each call (photos are stored by content hash)
  const bags = [0, 1, 2].map((i) => `<circle cx="${150 + i * 34 + (shade % 7) * 3}" cy="${200 - (i % 2) * 10}" r="${20 + ((shade + i) % 3) * 4}" fill="#2d3436"/>`).join('');
  shade++;
  const scene = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="320" height="240" fill="#a9cce3"/><rect y="60" width="320" height="120" fill="#d5c4a1"/><rect x="30" y="90" width="50" height="70" fill="#7b5e42"/><rect y="170" width="320" height="70" fill="#8e8e8e"/>${bags}</svg>`;
  const image = sharp(Buffer.from(scene)).jpeg({ quality: 70 });
  const dms = (v: number) => {
    const d = Math.floor(v);
    const m = Math.floor((v - d) * 60);
    const s = Math.round((v - d - m / 60) * 3600 * 1000);
    return `${d}/1 ${m}/1 ${s}/1000`;
  };
  const withGps = gps ? image.withExif({ IFD3: { GPSLatitudeRef: gps.lat >= 0 ? 'N' : 'S', GPSLatitude: dms(Math.abs(gps.lat)), GPSLongitudeRef: gps.lon >= 0 ? 'E' : 'W', GPSLongitude: dms(Math.abs(gps.lon)) } }) : image;
  return { name: `IMG_${shade}.jpg`, mimeType: 'image/jpeg', buffer: await withGps.toBuffer() };
}

/** A signed-in fetch against the campaign server, for checking what the apps did. */
export async function apiAs(server: CampaignServer, role: Parameters<CampaignServer['account']>[0]): Promise<<T>(path: string, body?: unknown) => Promise<T>> {
  const login = await fetch(`${server.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: server.account(role).username, password: E2E_PASSWORD }) });
  if (!login.ok) throw new Error(`sign-in as ${role}: HTTP ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  return async <T>(path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path.replace(/^\//, '')}`, { method: body === undefined ? 'GET' : 'POST', headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}
