/**
 * The Nanjing extract, built into a bundle, keeps every facility the raw file has: counted here straight from
 * the OSM XML with a reader of its own (regular expressions, not the builder's parser), and cross-checked with
 * the osmium counts that ../shared/data/nanjing-xuanwu-osm/SOURCE.md lists.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PbfReader } from 'pbf';
import { PMTiles } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { buildCity } from '../scripts/build-city';
import { readBundle } from '../scripts/read_bundle';
import { CATEGORIES, CATEGORY_IDS, type CategoryId } from '../src/domain/categories';
import type { CityManifest, FacilityFeature } from '../src/domain/city_bundle';
import { BytesSource } from './helpers/bytes_source';
import { partitionErrors, planarGrids } from './helpers/grid_checks';
import type { GridFeature } from '../src/domain/city_bundle';

const DIR = '../shared/data/nanjing-xuanwu-osm';
const OSM = `${DIR}/nanjing_xuanwu_2021-06-12.osm`;
const PBF = `${OSM}.pbf`;

interface RawObject { key: string; tags: Record<string, string>; lon?: number; lat?: number; refs: string[] }

const unescape = (s: string): string => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function readRaw(xml: string): RawObject[] {
  const objects: RawObject[] = [];
  const element = /<(node|way|relation)\s([^>]*?)(\/>|>([\s\S]*?)<\/\1>)/g;
  for (const m of xml.matchAll(element)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[2])?.[1];
    const body = m[4] ?? '';
    const tags = Object.fromEntries([...body.matchAll(/<tag k="([^"]*)" v="([^"]*)"/g)].map((t) => [unescape(t[1]), unescape(t[2])]));
    const refs = [...body.matchAll(/<nd ref="(\d+)"/g)].map((r) => `node/${r[1]}`).concat([...body.matchAll(/<member type="(\w+)" ref="(\d+)"/g)].map((r) => `${r[1]}/${r[2]}`));
    objects.push({ key: `${m[1]}/${attr('id')}`, tags, lon: Number(attr('lon')), lat: Number(attr('lat')), refs });
  }
  return objects;
}

describe.skipIf(!existsSync(OSM))('Nanjing bundle against the raw OSM file', () => {
  const out = mkdtempSync(join(tmpdir(), 'atlas-nanjing-'));
  const manifest: CityManifest = buildCity({ input: PBF, id: 'nanjing', dataDate: '2021-06-12', adminCity: '南京市' }, () => {}, { dataDir: join(out, 'data'), tilesDir: join(out, 'tiles') });
  const facilities = (JSON.parse(readFileSync(join(out, 'data/nanjing/facilities.geojson'), 'utf8')) as { features: FacilityFeature[] }).features;
  const raw = readRaw(readFileSync(OSM, 'utf8'));
  const [w, s, e, n] = manifest.bbox;
  const inBounds = (lon: number, lat: number) => lon >= w && lon <= e && lat >= s && lat <= n;

  // objects with a vertex in the managed area: nodes inside, ways with such a node, relations with such a member
  const touching = new Set(raw.filter((o) => o.key.startsWith('node/') && inBounds(o.lon!, o.lat!)).map((o) => o.key));
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of raw) {
      if (touching.has(o.key) || !o.refs.some((r) => touching.has(r))) continue;
      touching.add(o.key);
      grew = true;
    }
  }
  const rawCount = (id: CategoryId, inside: boolean) => raw.filter((o) => CATEGORIES.find((c) => c.id === id)!.matches(o.tags) && touching.has(o.key) === inside).length;

  it('has, per category, exactly the objects of the raw file that touch the managed area', () => {
    for (const id of CATEGORY_IDS) {
      expect({ id, count: facilities.filter((f) => f.properties.category === id).length }).toEqual({ id, count: rawCount(id, true) });
      expect(manifest.counts[id]).toBe(rawCount(id, true));
    }
  });

  it('lists the rest as skipped, so bundle + skipped = every tagged object in the file', () => {
    for (const id of CATEGORY_IDS) {
      const skipped = manifest.skipped.find((x) => x.reason === `${id}: OSM object outside the managed area`)?.count ?? 0;
      expect({ id, skipped }).toEqual({ id, skipped: rawCount(id, false) });
    }
  });

  it('agrees with the osmium counts of SOURCE.md', () => {
    // SOURCE.md "Feature counts (osmium tags-filter, objects of any type)"
    const osmium: Partial<Record<CategoryId, number>> = { market: 2, supermarket_mall: 13 + 9, school: 19, toilet: 10, parking: 13 };
    for (const [id, count] of Object.entries(osmium)) {
      const skipped = manifest.skipped.find((x) => x.reason === `${id}: OSM object outside the managed area`)?.count ?? 0;
      expect({ id, count: (manifest.counts[id] ?? 0) + skipped }).toEqual({ id, count });
    }
  });

  it('puts every facility inside the extract’s bounds', () => {
    expect(facilities.length).toBeGreaterThan(50);
    for (const f of facilities) expect(inBounds(f.geometry.coordinates[0], f.geometry.coordinates[1]), f.properties.id).toBe(true);
  });

  it('writes basemap tiles that the official pmtiles reader opens, with named roads and buildings', async () => {
    const archive = new PMTiles(new BytesSource(readFileSync(join(out, 'tiles/nanjing.pmtiles'))));
    const header = await archive.getHeader();
    expect([header.minZoom, header.maxZoom]).toEqual([10, 16]);
    // the z15 tile over Xinjiekou (118.784 E, 32.042 N)
    const z = 15;
    const x = Math.floor(((118.784 + 180) / 360) * 2 ** z);
    const rad = (32.042 * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
    const tile = await archive.getZxy(z, x, y);
    expect(tile).toBeDefined();
    // the reader gunzips for the browser; the bytes it returns are plain MVT
    const bytes = new Uint8Array(tile!.data);
    const vt = new VectorTile(new PbfReader(bytes[0] === 0x1f ? gunzipSync(bytes) : bytes));
    expect(Object.keys(vt.layers)).toEqual(expect.arrayContaining(['road', 'building', 'landuse']));
    const names = new Set(Array.from({ length: vt.layers.road.length }, (_, i) => vt.layers.road.feature(i).properties.name));
    expect(names).toContain('中山路');
  });

  it('has unit grids with unique 14-digit codes under Nanjing’s real county codes, tiling the managed area', () => {
    const grids = readBundle(join(out, 'data/nanjing')).layers.grids!.features as GridFeature[];
    expect(manifest.grids?.count).toBe(grids.length);
    const codes = grids.map((g) => g.properties.code);
    expect(codes.every((c) => /^\d{14}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    // 玄武区 320102, 秦淮区 320104, 鼓楼区 320106 (GB/T 2260), placed by the partial district outlines
    expect(new Set(grids.map((g) => `${g.properties.districtCode} ${g.properties.district}`))).toEqual(new Set(['320102 玄武区', '320104 秦淮区', '320106 鼓楼区']));
    expect(grids.every((g) => g.properties.derived.district && g.properties.derived.street && g.properties.derived.community)).toBe(true);
    expect(partitionErrors(planarGrids(grids, manifest.bbox), manifest.bbox, 4000)).toEqual({ uncovered: 0, overlapped: 0 });
  });
});
