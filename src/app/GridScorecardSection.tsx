import { useMemo } from 'react';
import type { CompoundGap, StreetGap } from '../analysis/gap_lists';
import type { GridScore } from '../analysis/grid_scores';
import { categoryById, CATEGORY_IDS } from '../domain/categories';
import type { GridFeature } from '../domain/city_bundle';
import { gridDraft } from '../campaign/case_drafts';
import { useApp } from '../state/app_store';
import { RaiseCaseButton } from './cases/RaiseCaseButton';
import { GridScorecard, type ScorecardRow } from '../components/GridScorecard';
import { t, type Lang } from '../i18n/strings';
import { featuresBox, type Box } from '../map/feature_box';
import { areaName } from './area_name';
import { parkingWords } from './parking_words';

const overlaps = (a: Box, b: readonly number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/**
 * The scorecard of the grid named in the link, with the same numbers as the command line's report, and what
 * to fix there: the gap streets and the compounds without parking that reach into the grid, with distances.
 */
export function GridScorecardSection({ lang, code, grid, scorecard, streetGaps, compoundGaps }: { lang: Lang; code: string; grid: GridFeature | null; scorecard: GridScore | null; streetGaps: readonly StreetGap[] | null; compoundGaps: readonly CompoundGap[] | null }) {
  const box = useMemo(() => (grid ? featuresBox([grid]) : null), [grid]);
  const streets = useMemo(() => (box && streetGaps ? streetGaps.filter((s) => overlaps(box, s.bbox)).sort((a, b) => b.gapM - a.gapM) : null), [box, streetGaps]);
  const compounds = useMemo(() => (box && compoundGaps ? compoundGaps.filter((c) => overlaps(box, c.bbox)) : null), [box, compoundGaps]);
  if (!grid) return <GridScorecard title={t(lang, 'gridScorecard')} code={code} lines={[]} score={null} scoreLabel="" formula="" rows={[]} loading={t(lang, 'gridNotFound')} />;
  const p = grid.properties;
  const lines = [p.name, `${areaName(lang, p.district, p.derived.district)} · ${areaName(lang, p.street, p.derived.street)} · ${areaName(lang, p.community, p.derived.community)}`, `${t(lang, 'area')}: ${p.areaM2.toLocaleString()} m²${p.responsibleUnit ? ` · ${p.responsibleUnit}` : ''}`];
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const metres = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} m` : t(lang, 'beyondReach'));
  const rows: ScorecardRow[] = scorecard
    ? [
        { id: 'toiletStreet', label: t(lang, 'rowToiletStreet'), value: pct(scorecard.toilets.streetShareWithin), raw: scorecard.toilets.streetShareWithin },
        { id: 'toiletArea', label: t(lang, 'rowToiletArea'), value: pct(scorecard.toilets.areaShareWithin), raw: scorecard.toilets.areaShareWithin },
        { id: 'gapStreet', label: t(lang, 'rowGapStreet'), value: `${Math.round(scorecard.toilets.gapStreetMetres)} m`, raw: scorecard.toilets.gapStreetMetres },
        { id: 'unservedCompounds', label: t(lang, 'rowParking'), value: parkingWords(lang, scorecard.parking.unserved, scorecard.parking.compounds), raw: scorecard.parking.unserved },
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
  return (
    <>
      <GridScorecard title={t(lang, 'gridScorecard')} code={code} lines={lines} score={scorecard?.score ?? null} scoreLabel={t(lang, 'gridScore')} formula={t(lang, 'scoreFormula')} rows={rows} loading={scorecard ? null : t(lang, 'loading')} />
      {scorecard && <GridRaiseCase lang={lang} grid={grid} scorecard={scorecard} />}
      {scorecard && (
        <section className="panel-section fix-list" aria-label={t(lang, 'toFixTitle')} data-fix-grid={code}>
          <h3>{t(lang, 'toFixStreets')}</h3>
          {streets === null ? (
            <p className="status">{t(lang, 'loading')}</p>
          ) : streets.length === 0 ? (
            <p className="note" data-fix-none="streets">{t(lang, 'toFixNoStreets')}</p>
          ) : (
            <ul className="plain-list">
              {streets.map((s) => (
                <li key={s.id} data-fix-street={s.id} data-gap={s.gapM} data-worst={s.worstDistanceM}>
                  {t(lang, 'toFixStreetLine', { name: s.name || t(lang, 'unnamed'), gap: Math.round(s.gapM), worst: metres(s.worstDistanceM) })}
                </li>
              ))}
            </ul>
          )}
          <h3>{t(lang, 'toFixCompounds')}</h3>
          {compounds === null ? (
            <p className="status">{t(lang, 'loading')}</p>
          ) : compounds.length === 0 ? (
            <p className="note" data-fix-none="compounds">{t(lang, 'toFixNoCompounds')}</p>
          ) : (
            <ul className="plain-list">
              {compounds.map((c) => (
                <li key={c.id} data-fix-compound={c.id} data-distance={c.distanceM}>
                  {t(lang, 'toFixCompoundLine', { name: c.name || t(lang, 'unnamed'), distance: metres(c.distanceM) })}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

/** 督办 on the grid: its gap figures go with the case */
function GridRaiseCase({ lang, grid, scorecard }: { lang: Lang; grid: GridFeature; scorecard: GridScore }) {
  const dataDate = useApp((s) => s.city?.manifest.dataDate ?? '');
  const thresholdM = useApp((s) => s.hash.analysis.toiletDistanceM);
  return (
    <div className="raise-case-row">
      <RaiseCaseButton id={`grid:${grid.properties.code}`} draft={() => gridDraft(lang, grid, { gapStreetMetres: scorecard.toilets.gapStreetMetres, unservedCompounds: scorecard.parking.unserved, score: scorecard.score, thresholdM }, dataDate)} />
    </div>
  );
}
