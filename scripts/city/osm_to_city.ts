/**
 * OSM elements → city layers and basemap features.
 *
 * Geometry assembly (ways, multipolygon relations with holes and several outers) is osmtogeojson's; this
 * module decides what each feature is. A facility belongs to the city when its OSM object touches the
 * managed area (a node inside it, or a way or relation with a vertex inside it); its point is then placed
 * inside the area.
 */
import area from '@turf/area';
import bboxClip from '@turf/bbox-clip';
import length from '@turf/length';
import pointOnFeature from '@turf/point-on-feature';
import type { Feature, Geometry, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import osmtogeojson from 'osmtogeojson';
import {
  categoriesOfTags,
  facilityAttributes,
  nameOfTags,
  type OsmTags,
} from '../../src/domain/categories';
import type {
  BBox,
  BoundaryFeature,
  BoundaryLevel,
  CompoundFeature,
  FacilityFeature,
  StreetFeature,
} from '../../src/domain/city_bundle';
import { isAlleyClass, streetClassOfTags } from '../../src/domain/street_classes';
import { bboxContains, emptyBasemap, SkipLog, type BasemapFeature, type CityContent } from './city_content';
import type { OsmElement, OsmExtract } from './read_osm';

interface OsmFeatureProperties {
  type: 'node' | 'way' | 'relation';
  id: number;
  tags?: Record<string, string>;
  tainted?: boolean;
}
type OsmFeature = Feature<Geometry, OsmFeatureProperties>;

/** Overpass bbox queries return free-standing nodes only from inside their box; fewer than this is no evidence. */
const MIN_FREE_NODES_FOR_BOUNDS = 20;

export const ADMIN_LEVELS: Readonly<Record<string, BoundaryLevel>> = { '6': 'district', '8': 'street', '10': 'community' };

export function inferBounds(elements: readonly OsmElement[]): { bbox: BBox; method: string } {
  const memberNodes = new Set<number>();
  for (const e of elements) {
    if (e.type === 'way') for (const ref of e.nodes) memberNodes.add(ref);
    if (e.type === 'relation') for (const m of e.members) if (m.type === 'node') memberNodes.add(m.ref);
  }
  const nodes = elements.filter((e) => e.type === 'node');
  const free = nodes.filter((n) => !memberNodes.has(n.id));
  if (free.length >= MIN_FREE_NODES_FOR_BOUNDS) {
    return { bbox: bboxOfNodes(free), method: `extent of the ${free.length} free-standing nodes (an Overpass bbox query returns those only from inside its box)` };
  }
  return { bbox: bboxOfNodes(nodes), method: `extent of all ${nodes.length} nodes` };
}

function bboxOfNodes(nodes: readonly { lon: number; lat: number }[]): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const n of nodes) {
    box[0] = Math.min(box[0], n.lon);
    box[1] = Math.min(box[1], n.lat);
    box[2] = Math.max(box[2], n.lon);
    box[3] = Math.max(box[3], n.lat);
  }
  return box.map((v) => Math.round(v * 1e7) / 1e7) as BBox;
}

/** Which OSM objects have a vertex inside the box, following ways and relation members. */
export function objectsTouching(elements: readonly OsmElement[], bbox: BBox): Set<string> {
  const touching = new Set<string>();
  for (const e of elements) if (e.type === 'node' && bboxContains(bbox, e.lon, e.lat)) touching.add(`node/${e.id}`);
  for (const e of elements) if (e.type === 'way' && e.nodes.some((ref) => touching.has(`node/${ref}`))) touching.add(`way/${e.id}`);
  // relations may contain relations: repeat until nothing changes
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of elements) {
      const key = `relation/${e.id}`;
      if (e.type !== 'relation' || touching.has(key)) continue;
      if (e.members.some((m) => touching.has(`${m.type}/${m.ref}`))) {
        touching.add(key);
        changed = true;
      }
    }
  }
  return touching;
}

export function osmToCity(extract: OsmExtract, options: { bbox?: BBox; dataDate?: string }): CityContent {
  const bounds = options.bbox
    ? { bbox: options.bbox, method: 'given on the command line' }
    : extract.declaredBounds
      ? { bbox: extract.declaredBounds, method: '<bounds> of the OSM file' }
      : inferBounds(extract.elements);
  const bbox = bounds.bbox;
  const touching = objectsTouching(extract.elements, bbox);
  const skipped = new SkipLog();
  const geojson = osmtogeojson({ elements: extract.elements }, { flatProperties: false });
  const features = geojson.features as OsmFeature[];
  const wayLines = wayLineIndex(extract.elements);

  const facilities: FacilityFeature[] = [];
  const streets: StreetFeature[] = [];
  const compounds: CompoundFeature[] = [];
  const boundaries: BoundaryFeature[] = [];
  const approximateBoundaries: CityContent['approximateBoundaries'] = [];
  const basemap = emptyBasemap();

  for (const feature of features) {
    const props = feature.properties;
    const tags: OsmTags = props.tags ?? {};
    const osmId = `${props.type}/${props.id}`;
    const inside = touching.has(osmId);

    for (const category of categoriesOfTags(tags)) {
      if (!inside) {
        skipped.add(`${category}: OSM object outside the managed area`);
        continue;
      }
      const point = representativePoint(feature, bbox);
      facilities.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: point },
        properties: { id: `osm:${osmId}:${category}`, category, name: nameOfTags(tags), source: `osm:${osmId}`, ...facilityAttributes(category, tags) },
      });
    }

    const streetClass = streetClassOfTags(tags);
    if (streetClass && props.type === 'way') {
      const clipped = clipLines(feature.geometry, bbox);
      if (!clipped) skipped.add('street outside the managed area');
      else {
        const name = nameOfTags(tags);
        streets.push({
          type: 'Feature',
          geometry: clipped,
          properties: { id: `osm:${osmId}`, name, class: streetClass, alley: isAlleyClass(streetClass), lengthM: round1(length({ type: 'Feature', geometry: clipped, properties: {} }, { units: 'meters' })) },
        });
        basemap.road.push(basemapFeature(clipped, streetClass, name));
      }
    }

    if (isPolygonal(feature.geometry) && isCompound(tags)) {
      if (!inside) skipped.add('compound outside the managed area');
      else {
        compounds.push({
          type: 'Feature',
          geometry: feature.geometry,
          properties: { id: `osm:${osmId}`, name: nameOfTags(tags), areaM2: Math.round(area(feature)), source: `osm:${osmId}` },
        });
      }
    }

    const level = tags.boundary === 'administrative' ? ADMIN_LEVELS[tags.admin_level ?? ''] : undefined;
    if (level && props.type === 'relation') {
      const boundary = boundaryFeature(feature, level, wayLines, extract.elements, bbox);
      if (boundary?.properties.partial && isPolygonal(feature.geometry)) {
        // osmtogeojson leaves the broken rings open: close each across its gap
        const close = (ring: Position[]) => (ring.length > 2 ? [...ring, ring[0]] : ring);
        const geometry: Polygon | MultiPolygon = feature.geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: feature.geometry.coordinates.map(close) } : { type: 'MultiPolygon', coordinates: feature.geometry.coordinates.map((rings) => rings.map(close)) };
        approximateBoundaries.push({ level, name: boundary.properties.name, code: boundary.properties.code, geometry });
      }
      if (boundary) {
        boundaries.push(boundary);
        basemap.boundary.push(basemapFeature(boundary.geometry, level, boundary.properties.name));
      } else skipped.add(`${level} boundary without geometry in the extract`);
    }

    if (inside) addBasemapFeature(basemap, feature, tags);
  }

  return {
    bbox,
    bboxMethod: bounds.method,
    layers: {
      facilities: { type: 'FeatureCollection', features: facilities },
      streets: { type: 'FeatureCollection', features: streets },
      compounds: { type: 'FeatureCollection', features: compounds },
      boundaries: { type: 'FeatureCollection', features: boundaries },
    },
    basemap,
    skipped: skipped.list(),
    dataDate: options.dataDate ?? extract.baseDate ?? 'unknown',
    approximateBoundaries,
  };
}

function isCompound(tags: OsmTags): boolean {
  return tags.landuse === 'residential' || tags.residential !== undefined || (tags.place === 'neighbourhood' && !!tags.name);
}

function isPolygonal(geometry: Geometry): geometry is Polygon | MultiPolygon {
  return geometry.type === 'Polygon' || geometry.type === 'MultiPolygon';
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** A point inside the feature and inside the managed area. */
function representativePoint(feature: OsmFeature, bbox: BBox): Position {
  if (feature.geometry.type === 'Point') return feature.geometry.coordinates;
  const onFeature = pointOnFeature(feature).geometry.coordinates;
  if (bboxContains(bbox, onFeature[0], onFeature[1])) return onFeature;
  if (feature.geometry.type !== 'GeometryCollection') {
    const clipped = bboxClip(feature as Feature<Polygon | MultiPolygon | LineString | MultiLineString>, bbox);
    if (hasCoordinates(clipped.geometry)) {
      const onClipped = pointOnFeature(clipped).geometry.coordinates;
      if (bboxContains(bbox, onClipped[0], onClipped[1])) return onClipped;
    }
  }
  // the object touches the area, so one of its vertices is inside it
  const inside = allPositions(feature.geometry).find((p) => bboxContains(bbox, p[0], p[1]));
  if (!inside) throw new Error(`${feature.properties.type}/${feature.properties.id} has no vertex inside the managed area`);
  return inside;
}

function hasCoordinates(geometry: Geometry): boolean {
  return allPositions(geometry).length > 0;
}

function allPositions(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point': return [geometry.coordinates];
    case 'LineString': case 'MultiPoint': return geometry.coordinates;
    case 'Polygon': case 'MultiLineString': return geometry.coordinates.flat();
    case 'MultiPolygon': return geometry.coordinates.flat(2);
    case 'GeometryCollection': return geometry.geometries.flatMap(allPositions);
  }
}

/** Clip a street to the managed area; closed ways (roundabouts) become their ring as a line. */
function clipLines(geometry: Geometry, bbox: BBox): LineString | MultiLineString | null {
  let lines: LineString | MultiLineString;
  if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') lines = geometry;
  else if (geometry.type === 'Polygon') lines = { type: 'LineString', coordinates: geometry.coordinates[0] };
  else return null;
  const clipped = bboxClip({ type: 'Feature', geometry: lines, properties: {} }, bbox).geometry as LineString | MultiLineString;
  const parts: Position[][] = (clipped.type === 'LineString' ? [clipped.coordinates] : clipped.coordinates).filter((part) => part.length >= 2);
  if (parts.length === 0) return null;
  return parts.length === 1 ? { type: 'LineString', coordinates: parts[0] } : { type: 'MultiLineString', coordinates: parts };
}

function wayLineIndex(elements: readonly OsmElement[]): Map<number, Position[]> {
  const nodes = new Map<number, Position>();
  for (const e of elements) if (e.type === 'node') nodes.set(e.id, [e.lon, e.lat]);
  const ways = new Map<number, Position[]>();
  for (const e of elements) {
    if (e.type !== 'way') continue;
    const line = e.nodes.map((ref) => nodes.get(ref)).filter((p): p is Position => p !== undefined);
    if (line.length >= 2) ways.set(e.id, line);
  }
  return ways;
}

/**
 * A boundary relation whose rings are complete becomes a polygon; a partial one (osmtogeojson marks it
 * tainted) becomes the lines of its member ways inside the area, flagged partial so it is not filled.
 */
function boundaryFeature(
  feature: OsmFeature,
  level: BoundaryLevel,
  wayLines: Map<number, Position[]>,
  elements: readonly OsmElement[],
  bbox: BBox,
): BoundaryFeature | null {
  const tags = feature.properties.tags ?? {};
  const relationOf = elements.find((e) => e.type === 'relation' && e.id === feature.properties.id);
  const labelRef = relationOf?.type === 'relation' ? relationOf.members.find((m) => m.type === 'node' && (m.role === 'label' || m.role === 'admin_centre'))?.ref : undefined;
  const labelNode = labelRef === undefined ? undefined : elements.find((e) => e.type === 'node' && e.id === labelRef);
  const label: [number, number] | undefined = labelNode?.type === 'node' ? [labelNode.lon, labelNode.lat] : undefined;
  const base = { id: `osm:relation/${feature.properties.id}`, name: nameOfTags(tags), level, derived: false, ...(tags['ref:GB'] ? { code: tags['ref:GB'] } : {}), ...(label ? { label } : {}) };
  if (!feature.properties.tainted && isPolygonal(feature.geometry)) {
    return { type: 'Feature', geometry: feature.geometry, properties: { ...base, partial: false } };
  }
  if (relationOf?.type !== 'relation') return null;
  const parts: Position[][] = [];
  for (const member of relationOf.members) {
    const line = member.type === 'way' ? wayLines.get(member.ref) : undefined;
    const clipped = line ? clipLines({ type: 'LineString', coordinates: line }, bbox) : null;
    if (clipped) parts.push(...(clipped.type === 'LineString' ? [clipped.coordinates] : clipped.coordinates));
  }
  if (parts.length === 0) return null;
  return { type: 'Feature', geometry: { type: 'MultiLineString', coordinates: parts }, properties: { ...base, partial: true } };
}

function basemapFeature(geometry: Geometry, kind: string, name?: string, rank?: number): BasemapFeature {
  const properties: BasemapFeature['properties'] = { kind };
  if (name) properties.name = name;
  if (rank !== undefined) properties.rank = rank;
  return { type: 'Feature', geometry, properties };
}

const PLACE_RANK: Readonly<Record<string, number>> = { city: 1, district: 2, suburb: 3, town: 3, quarter: 4, neighbourhood: 5, village: 5, hamlet: 6 };
const WATER_LINES = new Set(['river', 'stream', 'canal', 'ditch', 'drain']);

function addBasemapFeature(basemap: CityContent['basemap'], feature: OsmFeature, tags: OsmTags): void {
  const g = feature.geometry;
  const name = nameOfTags(tags) || undefined;
  if (isPolygonal(g)) {
    if (tags.natural === 'water' || tags.waterway === 'riverbank' || tags.landuse === 'reservoir' || tags.landuse === 'basin') basemap.water.push(basemapFeature(g, 'water', name));
    else if (['park', 'garden', 'pitch', 'playground'].includes(tags.leisure ?? '') || ['grass', 'forest', 'park', 'recreation_ground', 'cemetery'].includes(tags.landuse ?? '') || ['wood', 'scrub', 'grassland'].includes(tags.natural ?? '')) basemap.park.push(basemapFeature(g, tags.leisure ?? tags.landuse ?? tags.natural ?? 'park', name));
    else if (tags.landuse) basemap.landuse.push(basemapFeature(g, tags.landuse));
    else if (['school', 'university', 'college', 'kindergarten', 'hospital'].includes(tags.amenity ?? '')) basemap.landuse.push(basemapFeature(g, tags.amenity === 'hospital' ? 'hospital' : 'education'));
    if (tags.building && tags.building !== 'no') basemap.building.push(basemapFeature(g, tags.building));
  }
  if ((g.type === 'LineString' || g.type === 'MultiLineString') && WATER_LINES.has(tags.waterway ?? '')) basemap.waterway.push(basemapFeature(g, tags.waterway ?? 'river', name));
  if (g.type === 'Point' && tags.place && name) basemap.place.push(basemapFeature(g, tags.place, name, PLACE_RANK[tags.place] ?? 6));
  const categories = categoriesOfTags(tags);
  if (name && (categories.length > 0 || tags.amenity || tags.shop || tags.tourism || tags.leisure)) {
    const point = g.type === 'Point' ? g : pointOnFeature(feature).geometry;
    basemap.poi.push(basemapFeature(point, categories[0] ?? tags.amenity ?? tags.shop ?? tags.tourism ?? tags.leisure ?? 'poi', name, categories.length > 0 ? 1 : 2));
  }
}
