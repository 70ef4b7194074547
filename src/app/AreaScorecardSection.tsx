/** The scorecard of a district, subdistrict or community of the link: its grids summed, scored by the grids' formula. */
import { useMemo } from 'react';
import { rankLevel, type GridTable, type RankLevel } from '../analysis/rankings';
import { GridScorecard } from '../components/GridScorecard';
import type { GridFeature } from '../domain/city_bundle';
import { t, type Lang, type StringKey } from '../i18n/strings';
import { parkingWords } from './parking_words';
import { areaName } from './area_name';
import { levelOfCode } from './ranking_path';

export const LEVEL_LABEL: Record<RankLevel, StringKey> = { district: 'levelDistrict', street: 'levelStreet', community: 'levelCommunity', grid: 'layerGrids' };

export function AreaScorecardSection({ lang, code, grids, table }: { lang: Lang; code: string; grids: readonly GridFeature[]; table: GridTable }) {
  const area = useMemo(() => rankLevel(grids.map((g) => g.properties), table, levelOfCode(code), code).find((r) => r.key === code), [grids, table, code]);
  if (!area) return null;
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  return (
    <GridScorecard
      title={`${t(lang, LEVEL_LABEL[area.level])} · ${areaName(lang, area.name)}`}
      code={area.key}
      lines={[`${area.grids.length} ${t(lang, 'layerGrids')} · ${(area.areaM2 / 1e6).toFixed(2)} km²`]}
      score={area.score}
      scoreLabel={t(lang, 'gridScore')}
      formula={t(lang, 'scoreFormula')}
      rows={[
        { id: 'toiletStreet', label: t(lang, 'rowToiletStreet'), value: pct(area.streetShare), raw: area.streetShare },
        { id: 'toiletArea', label: t(lang, 'rowToiletArea'), value: pct(area.areaShare), raw: area.areaShare },
        { id: 'gapStreet', label: t(lang, 'rowGapStreet'), value: `${(area.gapStreetMetres / 1000).toFixed(1)} km`, raw: area.gapStreetMetres },
        { id: 'unservedCompounds', label: t(lang, 'rowParking'), value: parkingWords(lang, area.unserved, area.compounds), raw: area.unserved },
        { id: 'zoneAlleys', label: t(lang, 'rowZoneAlleys'), value: String(area.zoneAlleys), raw: area.zoneAlleys },
      ]}
      loading={null}
    />
  );
}
