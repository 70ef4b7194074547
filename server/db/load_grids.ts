/**
 * A city bundle's unit grids into the database, with the org units they imply (city → district → street →
 * community). Responsibility follows the grid (谁主管谁负责): each grid's unit is its community, whose name and
 * contact come from the grid's `responsibleUnit`, `responsiblePerson` and `phone`. Re-loading upserts by code.
 */
import type { CityLayers, CityManifest } from '../../src/domain/city_bundle';
import type { Database } from './database';

export const unitIds = {
  city: (cityId: string) => `city:${cityId}`,
  district: (code: string) => `district:${code}`,
  street: (code: string) => `street:${code}`,
  community: (code: string) => `community:${code}`,
};

export async function loadGrids(db: Database, manifest: Pick<CityManifest, 'id' | 'name'>, layers: Pick<CityLayers, 'grids'>): Promise<{ grids: number; units: number }> {
  const grids = layers.grids?.features ?? [];
  if (grids.length === 0) throw new Error(`城市“${manifest.id}”没有网格图层 / city "${manifest.id}" has no grid layer: build it with npm run city`);
  return db.transaction(async (tx) => {
    const units = new Map<string, [string, string, string, string | null, string | null]>();
    const cityUnit = unitIds.city(manifest.id);
    units.set(cityUnit, [cityUnit, manifest.name.zh, 'city', null, null]);
    for (const { properties: p } of grids) {
      const district = unitIds.district(p.districtCode);
      const street = unitIds.street(p.districtCode + p.streetCode);
      const community = unitIds.community(p.districtCode + p.streetCode + p.communityCode);
      units.set(district, [district, p.district, 'district', cityUnit, p.districtCode]);
      units.set(street, [street, p.street, 'street', district, p.districtCode + p.streetCode]);
      units.set(community, [community, p.responsibleUnit || p.community, 'community', street, p.districtCode + p.streetCode + p.communityCode]);
    }
    // parents before children: the order they were first met is city, district, street, community
    for (const [id, name, kind, parent, code] of units.values()) {
      await tx.query('INSERT INTO org_units (id, name, kind, parent_id, code) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, parent_id = EXCLUDED.parent_id, code = EXCLUDED.code', [id, name, kind, parent, code]);
    }
    for (const { properties: p, geometry } of grids) {
      await tx.query(
        `INSERT INTO grids (code, city_id, name, district, street, community, unit_id, responsible_person, phone, geom)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($10), 4326)))
         ON CONFLICT (code) DO UPDATE SET city_id = EXCLUDED.city_id, name = EXCLUDED.name, district = EXCLUDED.district, street = EXCLUDED.street,
           community = EXCLUDED.community, unit_id = EXCLUDED.unit_id, responsible_person = EXCLUDED.responsible_person, phone = EXCLUDED.phone, geom = EXCLUDED.geom`,
        [p.code, manifest.id, p.name, p.district, p.street, p.community, unitIds.community(p.districtCode + p.streetCode + p.communityCode), p.responsiblePerson, p.phone, JSON.stringify(geometry)],
      );
    }
    return { grids: grids.length, units: units.size };
  });
}
