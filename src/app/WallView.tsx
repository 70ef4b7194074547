/**
 * Command-centre wall (大屏): the map full screen at native resolution with big figures, charts, a clock and
 * the data date on top. It tours whole city → each district → … (the tour and the map's fit live in the store
 * and map_driver.ts); on a district the figures are that district's, and the map fits it clear of the panels.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/shallow';
import { BarList } from '../components/charts/BarList';
import { KpiCards, type Kpi } from '../components/GapPanel';
import { t, type Lang } from '../i18n/strings';
import { useApp } from '../state/app_store';
import { thresholdsInForce } from '../state/toilet_coverage';
import { selectWallDistrict, selectWallDistrictFigures, selectWallDistricts } from './app_selectors';
import type { DistrictFigures } from './district_bars';
import { DistanceChart } from './ChartsSection';
import { analysisKpis } from './GapAnalysisSection';
import { useGapAnalysis } from './gap_analysis';
import { WALL_PANELS } from './wall_panels';

/** A district's own figures, from the same source as the district bars beside them (the sums of its grids). */
function districtKpis(lang: Lang, d: DistrictFigures): Kpi[] {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const served = d.compounds - d.unserved;
  return [
    { id: 'streetShare', label: t(lang, 'kpiStreetShare'), value: pct(d.streetShare), raw: d.streetShare },
    { id: 'areaShare', label: t(lang, 'kpiAreaShare'), value: pct(d.areaShare), raw: d.areaShare },
    { id: 'gapStreet', label: t(lang, 'kpiGapStreet'), value: `${(d.gapStreetMetres / 1000).toFixed(1)} km`, raw: d.gapStreetMetres },
    { id: 'parking', label: t(lang, 'kpiParking'), value: `${served}/${d.compounds}`, raw: d.compounds > 0 ? served / d.compounds : 1 },
    { id: 'unserved', label: t(lang, 'kpiUnserved'), value: String(d.unserved), raw: d.unserved },
  ];
}

export function WallView() {
  const lang = useApp((s) => s.hash.lang);
  const city = useApp((s) => s.city!);
  const checkedAt = useApp((s) => s.checkedAt);
  const step = useApp((s) => s.wallStep);
  const districts = useApp(selectWallDistricts);
  const current = useApp(selectWallDistrict);
  const thresholds = useApp(useShallow(thresholdsInForce));
  const gaps = useGapAnalysis();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const clock = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(clock);
  }, []);

  const stops = districts.length + 1;
  const currentKey = current?.key ?? null;
  const summary = useApp(selectWallDistrictFigures);
  const kpis = summary ? districtKpis(lang, summary) : analysisKpis(lang, gaps.coverage, gaps.report);
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  const cityName = lang === 'zh' ? city.manifest.name.zh : city.manifest.name.en;
  return (
    <div className="wall-layer" data-wall-district={currentKey ?? 'city'} data-wall-step={step}>
      <header className="wall-header">
        <h1>{t(lang, 'appTitle')} · {cityName}{current && ` · ${current.label}`}</h1>
        <div className="wall-clock" data-wall="clock">
          <time dateTime={now.toISOString()}>{now.toLocaleTimeString(locale, { hour12: false })}</time>
          <span>{now.toLocaleDateString(locale)}</span>
        </div>
      </header>
      <div className="wall-kpis" data-wall-kpis={summary ? currentKey! : 'city'}>
        <KpiCards kpis={kpis} className="wall-kpi-list" cardClass="wall-kpi" />
      </div>
      <aside className="wall-charts">
        <DistanceChart lang={lang} coverage={gaps.coverage} thresholds={thresholds} />
        {districts.length > 0 && <BarList id="wall-districts" title={t(lang, 'wallDistrictChart')} bars={districts} max={1} selected={currentKey} onSelect={() => {}} />}
        {WALL_PANELS.map(({ id, Panel }) => <Panel key={id} />)}
      </aside>
      <footer className="wall-footer">
        <span className="wall-now">
          {t(lang, 'wallDistrict')}：<strong>{current ? current.label : t(lang, 'wallWholeCity')}</strong>
          {current && <span className="wall-now-value"> {t(lang, 'kpiStreetShare')} {current.display}</span>}
          <span className="wall-step"> ({(step % stops) + 1}/{stops})</span>
        </span>
        <span>
          {t(lang, 'wallDataDate')} {city.manifest.dataDate}
          {checkedAt && ` · ${t(lang, 'wallUpdated')} ${checkedAt.toLocaleTimeString(locale, { hour12: false })}`}
          {' · '}
          {city.manifest.synthetic ? t(lang, 'synthetic') : city.manifest.sources.map((s) => s.attribution).join(' · ')}
        </span>
      </footer>
    </div>
  );
}
