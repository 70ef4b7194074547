/**
 * Command-centre wall (大屏): the map full screen at native resolution with big figures, charts, a clock and
 * the data date on top. It cycles whole city → each district → … on a timer and needs no mouse.
 */
import { useEffect, useMemo, useState, type RefObject } from 'react';
import { BarList } from '../components/charts/BarList';
import { KpiCards } from '../components/GapPanel';
import type { BoundaryFeature, GridFeature } from '../domain/city_bundle';
import { t, type Lang } from '../i18n/strings';
import type { LoadedCity } from '../io/city_loader';
import { featuresBox } from '../map/feature_box';
import type { MapController } from '../map/map_controller';
import type { WallSettings } from '../state/url_hash';
import { districtBars, DistanceChart } from './ChartsSection';
import { analysisKpis } from './GapAnalysisSection';
import type { GapAnalysis } from './use_gap_analysis';
import type { ToiletCoverage } from './use_toilet_coverage';

export interface WallProps {
  lang: Lang;
  city: LoadedCity;
  gaps: GapAnalysis;
  coverage: ToiletCoverage | null;
  threshold: number;
  settings: WallSettings;
  /** when the data was last checked for changes */
  checkedAt: Date | null;
  controller: RefObject<MapController | null>;
}

/** A district's outline: its boundary when the bundle has one, else its grids. */
function districtFeatures(city: LoadedCity, key: string): readonly (BoundaryFeature | GridFeature)[] {
  const boundary = city.layers.boundaries.features.filter((b) => b.properties.level === 'district' && (b.properties.code === key || b.properties.id === key));
  return boundary.length ? boundary : (city.layers.grids?.features.filter((g) => g.properties.districtCode === key) ?? []);
}

export function WallView({ lang, city, gaps, coverage, threshold, settings, checkedAt, controller }: WallProps) {
  const [now, setNow] = useState(() => new Date());
  const [step, setStep] = useState(0);
  const districts = useMemo(() => districtBars(gaps.report, city.layers.grids?.features ?? null, gaps.gridTable), [gaps.report, gaps.gridTable, city]);
  // stop 0 is the whole city, then every district in turn
  const stops = districts.length + 1;
  const current = step % stops === 0 ? null : districts[(step % stops) - 1];

  useEffect(() => {
    const clock = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(clock);
  }, []);

  useEffect(() => {
    const cycle = setInterval(() => setStep((s) => s + 1), settings.cycleS * 1000);
    return () => clearInterval(cycle);
  }, [settings.cycleS]);

  const currentKey = current?.key ?? null;
  useEffect(() => {
    const map = controller.current;
    const features = currentKey ? districtFeatures(city, currentKey) : null;
    map?.setFocusArea(features);
    const box = features ? featuresBox(features) : city.manifest.bbox;
    if (box) map?.fitBox(box, 1500);
    return () => map?.setFocusArea(null);
  }, [currentKey, city, controller]);

  const kpis = analysisKpis(lang, coverage, gaps.report);
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  const cityName = lang === 'zh' ? city.manifest.name.zh : city.manifest.name.en;
  return (
    <div className="wall-layer" data-wall-district={currentKey ?? 'city'} data-wall-step={step}>
      <header className="wall-header">
        <h1>{t(lang, 'appTitle')} · {cityName}</h1>
        <div className="wall-clock" data-wall="clock">
          <time dateTime={now.toISOString()}>{now.toLocaleTimeString(locale, { hour12: false })}</time>
          <span>{now.toLocaleDateString(locale)}</span>
        </div>
      </header>
      <KpiCards kpis={kpis} className="wall-kpis" cardClass="wall-kpi" />
      <aside className="wall-charts">
        <DistanceChart lang={lang} coverage={coverage} threshold={threshold} />
        {districts.length > 0 && <BarList id="wall-districts" title={t(lang, 'wallDistrictChart')} bars={districts} max={1} selected={currentKey} onSelect={() => {}} />}
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
