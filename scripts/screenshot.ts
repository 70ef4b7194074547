/**
 * npm run screenshot -- <url> <out.png> [--width 1440 --height 900]
 * Opens the app, waits until the map is idle, saves a PNG. For looking at what users see.
 */
import { parseArgs } from 'node:util';
import { launchChromium } from './browser';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { width: { type: 'string', default: '1440' }, height: { type: 'string', default: '900' }, wait: { type: 'string', default: '800' } } });
const [url, out] = positionals;
if (!url || !out) throw new Error('usage: npm run screenshot -- <url> <out.png>');
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: Number(values.width), height: Number(values.height) } });
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.error(`[browser ${m.type()}] ${m.text()}`); });
await page.goto(url);
await page.waitForSelector('#map[data-map-state="idle"]', { timeout: 60_000 });
await page.waitForTimeout(Number(values.wait));
await page.screenshot({ path: out });
await browser.close();
console.log(`saved ${out}`);
