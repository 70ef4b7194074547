/**
 * Rankings by level with drill-down (district → street → community → grid), search, and the grid choropleth.
 * A `#district=` link opens on that district's streets with the map fitted to its grids.
 */
import { useMemo, useState } from 'react';
import { keyAt, rankLevel, RANK_LEVELS, searchGrids, type GridTable, type RankLevel } from '../analysis/rankings';
import type { GridFeature } from '../domain/city_bundle';
import { GridScorecard } from '../components/GridScorecard';
import { RankingPanel } from '../components/RankingPanel';
import { t, type Lang, type StringKey } from '../i18n/strings';
import { CHOROPLETH_METRICS, type ChoroplethMetric } from '../state/url_hash';

const LEVEL_LABEL: Record<RankLevel, StringKey> = { district: 'levelDistrict', street: 'levelStreet', community: 'levelCommunity', grid: 'layerGrids' };
const METRIC_LABEL: Record<ChoroplethMetric, StringKey> = { score: 'metricScore', streetShare: 'metricStreetShare', gapStreet: 'metricGapStreet', unserved: 'metricUnserved' };
const RED_ROWS = 5;
const BLACK_ROWS = 10;

export function RankingSection(props: {
  lang: Lang;
  grids: readonly GridFeature[];
  table: GridTable;
  district: string | null;
  onGrid: (code: string) => void;
  metric: ChoroplethMetric;
  onMetric: (metric: ChoroplethMetric) => void;
}) {
  const { lang, grids, table, district, onGrid, metric, onMetric } = props;
  const properties = useMemo(() => grids.map((g) => g.properties), [grids]);
  const [path, setPath] = useState<{ level: RankLevel; parent: string | null }>(() => (district ? { level: 'street', parent: district } : { level: 'district', parent: null }));
  const [query, setQuery] = useState('');

  const rows = useMemo(() => rankLevel(properties, table, path.level, path.parent), [properties, table, path]);

  // with few rows the lists split them, worst half black and best half red, never listing a row twice
  const black = rows.slice(0, Math.min(BLACK_ROWS, Math.ceil(rows.length / 2)));
  const red = rows.slice(Math.max(black.length, rows.length - RED_ROWS)).reverse();
  const view = (r: (typeof rows)[number]) => ({ key: r.key, name: r.name, score: r.score, detail: `${(r.streetShare * 100).toFixed(0)}% · ${(r.gapStreetMetres / 1000).toFixed(1)} km` });
  const next = RANK_LEVELS[RANK_LEVELS.indexOf(path.level) + 1];
  const onRow = (key: string) => {
    if (path.level === 'grid' || key.length === 14) onGrid(key);
    else if (next) setPath({ level: next, parent: key });
  };
  const crumbs = [{ label: t(lang, 'wholeCity'), onClick: () => setPath({ level: 'district', parent: null }) }];
  if (path.parent) {
    const sample = properties.find((p) => p.code.startsWith(path.parent!));
    if (sample) {
      for (const level of RANK_LEVELS.slice(0, RANK_LEVELS.indexOf(path.level))) {
        const key = keyAt(sample, level);
        crumbs.push({ label: level === 'district' ? sample.district : level === 'street' ? sample.street : sample.community, onClick: () => setPath({ level: RANK_LEVELS[RANK_LEVELS.indexOf(level) + 1], parent: key }) });
      }
    }
  }
  // the scorecard of the area being drilled into: its grids summed, scored by the grids' formula
  const parentLevel = RANK_LEVELS[RANK_LEVELS.indexOf(path.level) - 1];
  const area = path.parent && parentLevel ? rankLevel(properties, table, parentLevel, path.parent).find((r) => r.key === path.parent) : undefined;
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  return (
    <>
      {area && (
        <GridScorecard
          title={`${t(lang, LEVEL_LABEL[area.level])} · ${area.name}`}
          code={area.key}
          lines={[`${area.grids.length} ${t(lang, 'layerGrids')} · ${(area.areaM2 / 1e6).toFixed(2)} km²`]}
          score={area.score}
          scoreLabel={t(lang, 'gridScore')}
          formula={t(lang, 'scoreFormula')}
          rows={[
            { id: 'toiletStreet', label: t(lang, 'rowToiletStreet'), value: pct(area.streetShare), raw: area.streetShare },
            { id: 'toiletArea', label: t(lang, 'rowToiletArea'), value: pct(area.areaShare), raw: area.areaShare },
            { id: 'gapStreet', label: t(lang, 'rowGapStreet'), value: `${(area.gapStreetMetres / 1000).toFixed(1)} km`, raw: area.gapStreetMetres },
            { id: 'unservedCompounds', label: t(lang, 'rowUnservedCompounds'), value: `${area.unserved}/${area.compounds}`, raw: area.unserved },
            { id: 'zoneAlleys', label: t(lang, 'rowZoneAlleys'), value: String(area.zoneAlleys), raw: area.zoneAlleys },
          ]}
          loading={null}
        />
      )}
      <RankingPanel
      title={t(lang, 'ranking')}
      levels={RANK_LEVELS.map((id) => ({ id, label: t(lang, LEVEL_LABEL[id]) }))}
      level={path.level}
      onLevel={(id) => setPath({ level: id as RankLevel, parent: path.parent && (id as RankLevel) !== 'district' ? path.parent : null })}
      crumbs={crumbs}
      redTitle={t(lang, 'redList')}
      blackTitle={t(lang, 'blackList')}
      black={black.map(view)}
      red={red.map(view)}
      onRow={onRow}
      searchLabel={t(lang, 'searchGrid')}
      query={query}
      onQuery={setQuery}
      results={searchGrids(properties, query).map((g) => ({ key: properties[g].code, name: properties[g].name }))}
      metricLabel={t(lang, 'choroplethMetric')}
      metrics={CHOROPLETH_METRICS.map((id) => ({ id, label: t(lang, METRIC_LABEL[id]) }))}
      metric={metric}
      onMetric={(id) => onMetric(id as ChoroplethMetric)}
      />
    </>
  );
}
