/**
 * Rankings by level with drill-down (district → street → community → grid), search, and the grid choropleth.
 * Every step is in the link (district, area, level), so the map fits and outlines the area drilled into.
 */
import { useMemo, useState } from 'react';
import { keyAt, rankLevel, RANK_LEVELS, searchGrids, type GridTable, type RankLevel } from '../analysis/rankings';
import type { GridFeature } from '../domain/city_bundle';
import { RankingPanel } from '../components/RankingPanel';
import { t, type Lang, type StringKey } from '../i18n/strings';
import { actions, useApp } from '../state/app_store';
import { CHOROPLETH_METRICS, type ChoroplethMetric } from '../state/url_hash';
import { LEVEL_LABEL } from './AreaScorecardSection';
import { areaName } from './area_name';
import { levelOfCode, levelPatch, pathPatch, rankPath } from './ranking_path';

const METRIC_LABEL: Record<ChoroplethMetric, StringKey> = { score: 'metricScore', streetShare: 'metricStreetShare', gapStreet: 'metricGapStreet', unserved: 'metricUnserved' };
const RED_ROWS = 5;
const BLACK_ROWS = 10;

export function RankingSection({ lang, grids, table }: { lang: Lang; grids: readonly GridFeature[]; table: GridTable }) {
  const district = useApp((s) => s.hash.district);
  const area = useApp((s) => s.hash.area);
  const chosenLevel = useApp((s) => s.hash.level);
  const metric = useApp((s) => s.hash.metric);
  const overlays = useApp((s) => s.hash.overlays);
  const path = useMemo(() => rankPath({ district, area, level: chosenLevel }), [district, area, chosenLevel]);
  const properties = useMemo(() => grids.map((g) => g.properties), [grids]);
  const [query, setQuery] = useState('');

  const rows = useMemo(() => rankLevel(properties, table, path.level, path.parent), [properties, table, path]);

  // with few rows the lists split them, worst half black and best half red, never listing a row twice
  const black = rows.slice(0, Math.min(BLACK_ROWS, Math.ceil(rows.length / 2)));
  const red = rows.slice(Math.max(black.length, rows.length - RED_ROWS)).reverse();
  const view = (r: (typeof rows)[number]) => ({ key: r.key, name: areaName(lang, r.name), score: r.score, streetShare: r.streetShare, gapM: r.gapStreetMetres, detail: `${(r.streetShare * 100).toFixed(0)}% · ${(r.gapStreetMetres / 1000).toFixed(1)} km` });
  const onRow = (key: string) => {
    if (key.length === 14) actions.navigate({ grid: key });
    else actions.navigate(pathPatch(key, null));
  };
  // the crumbs name the area drilled into and those above it, never a grid's own community below it
  const crumbs = [{ label: t(lang, 'wholeCity'), onClick: () => actions.navigate(pathPatch(null, null)) }];
  const sample = path.parent ? properties.find((p) => p.code.startsWith(path.parent!)) : undefined;
  if (sample && path.parent) {
    for (const level of RANK_LEVELS.slice(0, RANK_LEVELS.indexOf(levelOfCode(path.parent)) + 1)) {
      const key = keyAt(sample, level);
      crumbs.push({ label: areaName(lang, level === 'district' ? sample.district : level === 'street' ? sample.street : sample.community), onClick: () => actions.navigate(pathPatch(key, null)) });
    }
  }
  return (
    <RankingPanel
      title={t(lang, 'ranking')}
      levels={RANK_LEVELS.map((id) => ({ id, label: t(lang, LEVEL_LABEL[id]) }))}
      level={path.level}
      onLevel={(id) => actions.navigate(levelPatch(path, id as RankLevel))}
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
      // a colouring nobody can see is no choice: choosing one shows the grid layer
      onMetric={(id) => actions.navigate({ metric: id as ChoroplethMetric, overlays: overlays.includes('grids') ? overlays : [...overlays, 'grids'] })}
    />
  );
}
