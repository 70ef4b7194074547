import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OsmReadError, readOsmFile } from './read_osm';

const NANJING = '../shared/data/nanjing-xuanwu-osm/nanjing_xuanwu_2021-06-12';
const work = mkdtempSync(join(tmpdir(), 'atlas-osm-'));
const write = (name: string, content: string | Buffer): string => {
  const file = join(work, name);
  writeFileSync(file, content);
  return file;
};

describe('reading OSM extracts', () => {
  it('reads XML and PBF of the same extract into the same objects and tags', () => {
    const xml = readOsmFile(`${NANJING}.osm`);
    const pbf = readOsmFile(`${NANJING}.osm.pbf`);
    expect(pbf.elements.length).toBe(xml.elements.length);
    const key = (e: { type: string; id: number; tags?: Record<string, string> }) => `${e.type}/${e.id} ${JSON.stringify(e.tags ?? {})}`;
    expect(new Set(pbf.elements.map(key))).toEqual(new Set(xml.elements.map(key)));
    expect(xml.baseDate).toBe('2021-06-12');
  });

  it('names the file and the line of truncated XML', () => {
    const text = readFileSync('test/in/compound-with-hole-and-two-outers.osm.xml', 'utf8');
    const file = write('cut.osm', text.slice(0, Math.floor(text.length * 0.7)));
    expect(() => readOsmFile(file)).toThrow(OsmReadError);
    expect(() => readOsmFile(file)).toThrow(/^cut\.osm: line \d+: .*truncated/);
  });

  it('names the file of a truncated PBF', () => {
    const bytes = readFileSync(`${NANJING}.osm.pbf`);
    const file = write('cut.osm.pbf', bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(() => readOsmFile(file)).toThrow(/^cut\.osm\.pbf: not a readable OSM PBF file/);
  });

  it('rejects an empty file and XML that is not OSM', () => {
    expect(() => readOsmFile(write('empty.osm', ''))).toThrow('empty.osm: the file is empty.');
    expect(() => readOsmFile(write('other.osm', '<?xml version="1.0"?><gpx></gpx>'))).toThrow(/other\.osm: .*not OSM XML/);
  });

  it('reports a coordinate that is not a number with its line', () => {
    const file = write('bad.osm', '<osm version="0.6">\n<node id="1" lat="north" lon="118.7"/>\n</osm>');
    expect(() => readOsmFile(file)).toThrow('bad.osm: line 2: attribute lat="north" is not a number.');
  });
});
