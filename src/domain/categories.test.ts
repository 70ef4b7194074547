import { describe, expect, it } from 'vitest';
import { categoriesOfTags, toiletAccess } from './categories';
import { isAlleyClass, streetClassOfTags } from './street_classes';

describe('categories from OSM tags', () => {
  it('maps the six surroundings', () => {
    expect(categoriesOfTags({ amenity: 'marketplace' })).toEqual(['market']);
    expect(categoriesOfTags({ shop: 'department_store' })).toEqual(['supermarket_mall']);
    expect(categoriesOfTags({ amenity: 'kindergarten' })).toEqual(['school']);
    expect(categoriesOfTags({ healthcare: 'clinic' })).toEqual(['hospital']);
    expect(categoriesOfTags({ railway: 'halt' })).toEqual(['transport_station']);
    expect(categoriesOfTags({ amenity: 'community_centre' })).toEqual(['community']);
  });

  it('ignores things that are not facilities of the campaign', () => {
    expect(categoriesOfTags({ amenity: 'bench' })).toEqual([]);
    expect(categoriesOfTags({ highway: 'bus_stop' })).toEqual([]);
    expect(categoriesOfTags({ shop: 'convenience' })).toEqual([]);
  });

  it('counts a charging station as e-bike charging only with a two-wheeler tag', () => {
    expect(categoriesOfTags({ amenity: 'charging_station', motorcar: 'yes' })).toEqual([]);
    expect(categoriesOfTags({ amenity: 'charging_station', bicycle: 'yes' })).toEqual(['ebike_charging']);
  });

  it('reads toilet access, preferring toilets:access over access', () => {
    expect(toiletAccess({ amenity: 'toilets' })).toBe('public');
    expect(toiletAccess({ amenity: 'toilets', access: 'customers' })).toBe('institution_open');
    expect(toiletAccess({ amenity: 'toilets', access: 'private' })).toBe('private');
    expect(toiletAccess({ 'toilets:access': 'yes', access: 'private' })).toBe('public');
  });
});

describe('street classes', () => {
  it('makes residential, living and service streets the back-alley candidates', () => {
    for (const highway of ['residential', 'living_street', 'unclassified', 'service']) expect(isAlleyClass(streetClassOfTags({ highway })!)).toBe(true);
    for (const highway of ['primary', 'trunk', 'tertiary', 'footway']) expect(isAlleyClass(streetClassOfTags({ highway })!)).toBe(false);
  });

  it('leaves out areas and non-streets', () => {
    expect(streetClassOfTags({ highway: 'pedestrian', area: 'yes' })).toBeNull();
    expect(streetClassOfTags({ highway: 'bus_stop' })).toBeNull();
    expect(streetClassOfTags({ building: 'yes' })).toBeNull();
  });
});
