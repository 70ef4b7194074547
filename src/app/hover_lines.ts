/** The lines of text a hover tooltip shows. Plain strings: the tooltip renders them as text, never as HTML. */
import { categoryById } from '../domain/categories';
import type { BoundaryLevel } from '../domain/city_bundle';
import { t, type Lang, type StringKey } from '../i18n/strings';
import type { HoverTarget } from '../map/map_controller';

const LEVEL_KEY: Record<BoundaryLevel, StringKey> = { district: 'levelDistrict', street: 'levelStreet', community: 'levelCommunity' };

export function hoverLines(target: HoverTarget, lang: Lang): string[] {
  const name = (value: string): string => value || t(lang, 'unnamed');
  switch (target.kind) {
    case 'facility': {
      const p = target.feature.properties;
      const category = categoryById(p.category);
      const lines = [name(p.name), lang === 'zh' ? category.zh : category.en];
      if (p.access) lines.push(`${t(lang, 'access')}: ${t(lang, p.access === 'public' ? 'accessPublic' : p.access === 'institution_open' ? 'accessInstitution' : 'accessPrivate')}`);
      if (p.capacity !== undefined) lines.push(`${t(lang, 'capacity')}: ${p.capacity}`);
      if (p.openingHours) lines.push(`${t(lang, 'openingHours')}: ${p.openingHours}`);
      if (p.publicWindow) lines.push(`${t(lang, 'publicWindow')}: ${p.publicWindow}`);
      lines.push(`${t(lang, 'source')}: ${p.source}`);
      return lines;
    }
    case 'alley': {
      const p = target.feature.properties;
      return [name(p.name), t(lang, 'layerAlleys'), `${t(lang, 'length')}: ${Math.round(p.lengthM)} m`];
    }
    case 'compound': {
      const p = target.feature.properties;
      return [name(p.name), t(lang, 'compound'), `${t(lang, 'area')}: ${(p.areaM2 / 10_000).toFixed(2)} ha`];
    }
    case 'grid': {
      const p = target.feature.properties;
      return [p.name, p.code, `${p.district} · ${p.street} · ${p.community}`, `${t(lang, 'area')}: ${Math.round(p.areaM2).toLocaleString()} m²`];
    }
    case 'boundary': {
      const p = target.feature.properties;
      const lines = [name(p.name), t(lang, LEVEL_KEY[p.level])];
      if (p.code) lines.push(p.code);
      if (p.partial) lines.push(t(lang, 'partialBoundary'));
      return lines;
    }
  }
}
