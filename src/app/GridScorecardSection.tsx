import { categoryById, CATEGORY_IDS } from '../domain/categories';
import type { GridFeature } from '../domain/city_bundle';
import type { GridScore } from '../analysis/grid_scores';
import { GridScorecard, type ScorecardRow } from '../components/GridScorecard';
import { t, type Lang } from '../i18n/strings';

/** The scorecard of the grid named in the link, with the same numbers as the command line's report. */
export function GridScorecardSection({ lang, code, grid, scorecard }: { lang: Lang; code: string; grid: GridFeature | null; scorecard: GridScore | null }) {
  if (!grid) return <GridScorecard title={t(lang, 'gridScorecard')} code={code} lines={[]} score={null} scoreLabel="" formula="" rows={[]} loading={t(lang, 'gridNotFound')} />;
  const p = grid.properties;
  const derived = (flag: boolean) => (flag ? t(lang, 'derivedLevel') : '');
  const lines = [p.name, `${p.district}${derived(p.derived.district)} · ${p.street} · ${p.community}`, `${t(lang, 'area')}: ${p.areaM2.toLocaleString()} m²${p.responsibleUnit ? ` · ${p.responsibleUnit}` : ''}`];
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const rows: ScorecardRow[] = scorecard
    ? [
        { id: 'toiletStreet', label: t(lang, 'rowToiletStreet'), value: pct(scorecard.toilets.streetShareWithin), raw: scorecard.toilets.streetShareWithin },
        { id: 'toiletArea', label: t(lang, 'rowToiletArea'), value: pct(scorecard.toilets.areaShareWithin), raw: scorecard.toilets.areaShareWithin },
        { id: 'gapStreet', label: t(lang, 'rowGapStreet'), value: `${Math.round(scorecard.toilets.gapStreetMetres)} m`, raw: scorecard.toilets.gapStreetMetres },
        { id: 'unservedCompounds', label: t(lang, 'rowUnservedCompounds'), value: `${scorecard.parking.unserved}/${scorecard.parking.compounds}`, raw: scorecard.parking.unserved },
        { id: 'zoneAlleys', label: t(lang, 'rowZoneAlleys'), value: String(scorecard.zones.alleys), raw: scorecard.zones.alleys },
        { id: 'zoneCompounds', label: t(lang, 'rowZoneCompounds'), value: String(scorecard.zones.compounds), raw: scorecard.zones.compounds },
        {
          id: 'facilities',
          label: t(lang, 'rowFacilities'),
          value: CATEGORY_IDS.filter((c) => scorecard.facilities[c]).map((c) => `${lang === 'zh' ? categoryById(c).zh : categoryById(c).en} ${scorecard.facilities[c]}`).join('、') || '—',
          raw: Object.values(scorecard.facilities).reduce((a, b) => a + (b ?? 0), 0),
        },
      ]
    : [];
  return <GridScorecard title={t(lang, 'gridScorecard')} code={code} lines={lines} score={scorecard?.score ?? null} scoreLabel={t(lang, 'gridScore')} formula={t(lang, 'scoreFormula')} rows={rows} loading={scorecard ? null : t(lang, 'loading')} />;
}
