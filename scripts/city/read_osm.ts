/**
 * Reads an OSM extract (XML or PBF) into Overpass-JSON style elements, the input osmtogeojson expects.
 * A broken or truncated file ends in an OsmReadError naming the file and, for XML, the line.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { PbfReader } from 'pbf';
import { SaxesParser } from 'saxes';
import tinyOsmPbf from 'tiny-osmpbf';
import type { BBox } from '../../src/domain/city_bundle';

export interface OsmNode { type: 'node'; id: number; lat: number; lon: number; tags?: Record<string, string> }
export interface OsmWay { type: 'way'; id: number; nodes: number[]; tags?: Record<string, string> }
export interface OsmMember { type: 'node' | 'way' | 'relation'; ref: number; role: string }
export interface OsmRelation { type: 'relation'; id: number; members: OsmMember[]; tags?: Record<string, string> }
export type OsmElement = OsmNode | OsmWay | OsmRelation;

export interface OsmExtract {
  file: string;
  elements: OsmElement[];
  /** from <bounds> when the file has one */
  declaredBounds: BBox | null;
  /** ISO date of the OSM base (Overpass `osm_base`, or the newest element timestamp), if known */
  baseDate: string | null;
}

export class OsmReadError extends Error {
  constructor(file: string, reason: string) {
    super(`${basename(file)}: ${reason}`);
    this.name = 'OsmReadError';
  }
}

export function readOsmFile(file: string): OsmExtract {
  let bytes: Buffer;
  try {
    if (statSync(file).size === 0) throw new OsmReadError(file, 'the file is empty.');
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof OsmReadError) throw error;
    throw new OsmReadError(file, `cannot read the file (${(error as Error).message}).`);
  }
  const extract = isPbf(bytes) ? parsePbf(file, bytes) : parseXml(file, bytes.toString('utf8'));
  if (!extract.elements.some((e) => e.type === 'node')) {
    throw new OsmReadError(file, 'the extract holds no nodes, so there is nothing to build a city from.');
  }
  return extract;
}

/** A PBF file starts with a 4-byte header length followed by a BlobHeader whose type is "OSMHeader". */
function isPbf(bytes: Buffer): boolean {
  return bytes.length > 16 && bytes.subarray(4, 64).includes(Buffer.from('OSMHeader'));
}

function parsePbf(file: string, bytes: Buffer): OsmExtract {
  checkPbfFraming(file, bytes);
  let result: { elements: (OsmElement & { timestamp?: string })[] };
  try {
    result = tinyOsmPbf(bytes) as typeof result;
  } catch (error) {
    throw new OsmReadError(file, `not a readable OSM PBF file, probably truncated or corrupt (${(error as Error).message}).`);
  }
  const elements = result.elements.map(stripMetadata);
  return { file, elements, declaredBounds: null, baseDate: null };
}

/**
 * Walks the blob framing: [4-byte big-endian BlobHeader length][BlobHeader {1: type, 3: datasize}][Blob].
 * tiny-osmpbf loops forever on a file cut inside a blob, so a cut file must be caught here first.
 */
function checkPbfFraming(file: string, bytes: Buffer): void {
  let offset = 0;
  for (let blob = 1; offset < bytes.length; blob++) {
    const headerLength = offset + 4 <= bytes.length ? bytes.readUInt32BE(offset) : Infinity;
    if (offset + 4 + headerLength > bytes.length) throw new OsmReadError(file, `truncated in the header of blob ${blob} (byte ${offset} of ${bytes.length}).`);
    const header = new PbfReader(bytes.subarray(offset + 4, offset + 4 + headerLength)).readFields(
      (tag, h: { type: string; dataSize: number }, pbf) => {
        if (tag === 1) h.type = pbf.readString();
        else if (tag === 3) h.dataSize = pbf.readVarint();
      },
      { type: '', dataSize: -1 },
    );
    if (header.type !== 'OSMHeader' && header.type !== 'OSMData') throw new OsmReadError(file, `blob ${blob} has type "${header.type}", not OSMHeader or OSMData: not an OSM PBF file.`);
    offset += 4 + headerLength + header.dataSize;
    if (header.dataSize < 0 || offset > bytes.length) throw new OsmReadError(file, `not a readable OSM PBF file: truncated inside blob ${blob} (needs ${offset} bytes, has ${bytes.length}).`);
  }
}

function stripMetadata(element: OsmElement): OsmElement {
  if (element.type === 'node') return { type: 'node', id: element.id, lat: element.lat, lon: element.lon, tags: element.tags };
  if (element.type === 'way') return { type: 'way', id: element.id, nodes: element.nodes, tags: element.tags };
  return { type: 'relation', id: element.id, members: element.members, tags: element.tags };
}

function parseXml(file: string, text: string): OsmExtract {
  const parser = new SaxesParser({ position: true });
  const elements: OsmElement[] = [];
  let current: OsmElement | null = null;
  let declaredBounds: BBox | null = null;
  let baseDate: string | null = null;
  let sawOsmRoot = false;
  const fail = (reason: string): never => {
    throw new OsmReadError(file, `line ${parser.line}: ${reason}`);
  };
  const num = (attrs: Record<string, string>, key: string): number => {
    const value = Number(attrs[key]);
    if (attrs[key] === undefined || !Number.isFinite(value)) fail(`attribute ${key}="${attrs[key] ?? ''}" is not a number.`);
    return value;
  };

  parser.on('error', (error) => fail(error.message.replace(/^.*?:\d+:\d+: /, '')));
  parser.on('opentag', (tag) => {
    const attrs = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'osm':
        sawOsmRoot = true;
        break;
      case 'bounds':
        declaredBounds = [num(attrs, 'minlon'), num(attrs, 'minlat'), num(attrs, 'maxlon'), num(attrs, 'maxlat')];
        break;
      case 'meta':
        if (attrs.osm_base) baseDate = attrs.osm_base.slice(0, 10);
        break;
      case 'node':
        current = { type: 'node', id: num(attrs, 'id'), lat: num(attrs, 'lat'), lon: num(attrs, 'lon') };
        break;
      case 'way':
        current = { type: 'way', id: num(attrs, 'id'), nodes: [] };
        break;
      case 'relation':
        current = { type: 'relation', id: num(attrs, 'id'), members: [] };
        break;
      case 'tag':
        if (!current) fail('<tag> outside a node, way or relation.');
        else (current.tags ??= {})[attrs.k] = attrs.v;
        break;
      case 'nd':
        if (current?.type !== 'way') fail('<nd> outside a way.');
        else current.nodes.push(num(attrs, 'ref'));
        break;
      case 'member':
        if (current?.type !== 'relation') fail('<member> outside a relation.');
        else current.members.push({ type: attrs.type as OsmMember['type'], ref: num(attrs, 'ref'), role: attrs.role ?? '' });
        break;
    }
  });
  parser.on('closetag', (tag) => {
    if ((tag.name === 'node' || tag.name === 'way' || tag.name === 'relation') && current) {
      elements.push(current);
      current = null;
    }
  });
  parser.write(text);
  try {
    parser.close();
  } catch (error) {
    if (error instanceof OsmReadError) throw new OsmReadError(file, `${error.message.split(': ').slice(1).join(': ')} The file looks truncated.`);
    throw error;
  }
  if (!sawOsmRoot) fail('this is not OSM XML (no <osm> root element).');
  return { file, elements, declaredBounds, baseDate };
}
