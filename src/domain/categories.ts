/**
 * The one table of facility categories: ids, names, colours and the OSM tags that map to them.
 * Everything else (builder, legend, analysis, tests) reads this table.
 */
export type OsmTags = Readonly<Record<string, string>>;

export const CATEGORY_IDS = [
  'market',
  'supermarket_mall',
  'school',
  'hospital',
  'transport_station',
  'community',
  'toilet',
  'parking',
  'ebike_shed',
  'ebike_charging',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/** The six surroundings (六个周边) assessors draw zones around. */
export const SIX_SURROUNDINGS: readonly CategoryId[] = [
  'market',
  'supermarket_mall',
  'school',
  'hospital',
  'transport_station',
  'community',
];

export interface Category {
  id: CategoryId;
  zh: string;
  en: string;
  /** RGB, chosen to stay distinct on both the light and the dark basemap */
  colour: readonly [number, number, number];
  /** Human-readable tag rule, shown in docs and tooltips. */
  osmRule: string;
  matches: (tags: OsmTags) => boolean;
}

const is = (tags: OsmTags, key: string, ...values: string[]): boolean =>
  tags[key] !== undefined && values.includes(tags[key]);

const TWO_WHEELER_KEYS = ['bicycle', 'motorcycle', 'scooter', 'electric_bicycle'];

export const CATEGORIES: readonly Category[] = [
  {
    id: 'market',
    zh: '农贸市场',
    en: "Farmers' market",
    colour: [230, 126, 34],
    osmRule: 'amenity=marketplace',
    matches: (t) => is(t, 'amenity', 'marketplace'),
  },
  {
    id: 'supermarket_mall',
    zh: '商场超市',
    en: 'Mall / supermarket',
    colour: [155, 89, 182],
    osmRule: 'shop=supermarket|mall|department_store',
    matches: (t) => is(t, 'shop', 'supermarket', 'mall', 'department_store'),
  },
  {
    id: 'school',
    zh: '学校',
    en: 'School',
    colour: [241, 196, 15],
    osmRule: 'amenity=school|kindergarten|college|university',
    matches: (t) => is(t, 'amenity', 'school', 'kindergarten', 'college', 'university'),
  },
  {
    id: 'hospital',
    zh: '医院',
    en: 'Hospital / clinic',
    colour: [231, 76, 60],
    osmRule: 'amenity=hospital|clinic or healthcare=hospital|clinic',
    matches: (t) => is(t, 'amenity', 'hospital', 'clinic') || is(t, 'healthcare', 'hospital', 'clinic'),
  },
  {
    id: 'transport_station',
    zh: '交通场站',
    en: 'Transport station',
    colour: [52, 152, 219],
    osmRule: 'amenity=bus_station|ferry_terminal, public_transport=station, railway=station|halt',
    matches: (t) =>
      is(t, 'amenity', 'bus_station', 'ferry_terminal') ||
      is(t, 'public_transport', 'station') ||
      is(t, 'railway', 'station', 'halt'),
  },
  {
    id: 'community',
    zh: '城市社区',
    en: 'Urban community',
    colour: [26, 188, 156],
    osmRule: 'amenity=community_centre, place=neighbourhood|quarter (point)',
    matches: (t) => is(t, 'amenity', 'community_centre') || is(t, 'place', 'neighbourhood', 'quarter'),
  },
  {
    id: 'toilet',
    zh: '公共厕所',
    en: 'Public toilet',
    colour: [0, 150, 255],
    osmRule: 'amenity=toilets',
    matches: (t) => is(t, 'amenity', 'toilets'),
  },
  {
    id: 'parking',
    zh: '停车场',
    en: 'Parking',
    colour: [93, 109, 126],
    osmRule: 'amenity=parking',
    matches: (t) => is(t, 'amenity', 'parking'),
  },
  {
    id: 'ebike_shed',
    zh: '非机动车棚',
    en: 'E-bike shed',
    colour: [39, 174, 96],
    osmRule: 'amenity=bicycle_parking|motorcycle_parking',
    matches: (t) => is(t, 'amenity', 'bicycle_parking', 'motorcycle_parking'),
  },
  {
    id: 'ebike_charging',
    zh: '电动车充电',
    en: 'E-bike charging',
    colour: [211, 84, 0],
    osmRule: 'amenity=charging_station with a two-wheeler tag (bicycle|motorcycle|scooter=yes)',
    matches: (t) => is(t, 'amenity', 'charging_station') && TWO_WHEELER_KEYS.some((k) => is(t, k, 'yes', 'designated')),
  },
];

const CATEGORY_BY_ID = new Map(CATEGORIES.map((c) => [c.id, c]));

export function categoryById(id: CategoryId): Category {
  const category = CATEGORY_BY_ID.get(id);
  if (!category) throw new Error(`unknown category ${id}`);
  return category;
}

export function isCategoryId(value: string): value is CategoryId {
  return CATEGORY_BY_ID.has(value as CategoryId);
}

/** Every category an OSM object belongs to (a hospital can also be a bus station, rarely). */
export function categoriesOfTags(tags: OsmTags): CategoryId[] {
  return CATEGORIES.filter((c) => c.matches(tags)).map((c) => c.id);
}

export type ToiletAccess = 'public' | 'institution_open' | 'private';

/**
 * Public toilets serve everyone; toilets of institutions (malls, offices, hospitals) that let passers-by in
 * count as `institution_open` (the campaign counts them when the switch is on); the rest are private.
 */
export function toiletAccess(tags: OsmTags): ToiletAccess {
  const access = tags['toilets:access'] ?? tags.access;
  if (access === 'private' || access === 'no') return 'private';
  if (access === 'customers' || access === 'permissive' || tags.operator_type === 'institution') {
    return 'institution_open';
  }
  return 'public';
}

/** Attributes kept per facility, by category; all optional because OSM rarely has them. */
export interface FacilityProperties {
  id: string;
  category: CategoryId;
  name: string;
  /** where the record came from, e.g. `osm:node/123` or `demo` */
  source: string;
  access?: ToiletAccess;
  capacity?: number;
  parkingType?: string;
  openingHours?: string;
  /** opening window of an institutional lot to residents, e.g. `Mo-Fr 19:00-07:00; Sa,Su 00:00-24:00` */
  publicWindow?: string;
}

/** Category-specific attributes from OSM tags. */
export function facilityAttributes(category: CategoryId, tags: OsmTags): Partial<FacilityProperties> {
  const attrs: Partial<FacilityProperties> = {};
  if (tags.opening_hours) attrs.openingHours = tags.opening_hours;
  if (category === 'toilet') attrs.access = toiletAccess(tags);
  if (category === 'parking' || category === 'ebike_shed') {
    const capacity = Number.parseInt(tags.capacity ?? '', 10);
    if (Number.isFinite(capacity) && capacity >= 0) attrs.capacity = capacity;
    if (tags.parking) attrs.parkingType = tags.parking;
    if (tags['access:conditional']) attrs.publicWindow = tags['access:conditional'];
  }
  return attrs;
}

/** Best display name: Chinese first, then any name, then nothing (the UI shows the category). */
export function nameOfTags(tags: OsmTags): string {
  return tags['name:zh'] ?? tags['name:zh-Hans'] ?? tags.name ?? tags['name:en'] ?? '';
}
