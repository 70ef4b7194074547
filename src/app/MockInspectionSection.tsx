/**
 * Mock inspection (模拟测评): draw, redraw with a new number, show the draw on the map, and print the
 * checklist per point. The draw number lives in the link (#mock=…), so a checklist can be reproduced.
 */
import { categoryById } from '../domain/categories';
import type { InspectionPoint, MockInspection } from '../analysis/mock_inspection';
import { t, type Lang } from '../i18n/strings';
import { checklistCsv, downloadText } from '../io/csv_export';
import type { MockSettings } from '../state/url_hash';
import { mockItemDraft } from '../campaign/case_drafts';
import { useApp } from '../state/app_store';
import { RaiseCaseButton } from './cases/RaiseCaseButton';

export interface MockProps {
  lang: Lang;
  cityId: string;
  cityName: string;
  dataDate: string;
  settings: MockSettings | null;
  mock: MockInspection | null;
  /** the toilet service distance that applies to a compound (residential when spacing by land use) */
  compoundToiletLimitM: number;
  busy: boolean;
  onSettings: (mock: MockSettings | null) => void;
  onPoint: (point: InspectionPoint) => void;
  /** the point opened on the map, category:facilityId */
  focus: string | null;
}

const PICK_OPTIONS = [
  { value: '1-2', key: 'mockPicksRange' },
  { value: '1-1', key: 'mockPicksOne' },
  { value: '2-2', key: 'mockPicksTwo' },
] as const;

/** A fresh draw number from the browser's generator; the draw itself is seeded from it. */
const newSeed = () => crypto.getRandomValues(new Uint32Array(1))[0] % 1_000_000_000;

export function MockInspectionSection(props: MockProps) {
  const { lang, settings, mock, onSettings } = props;
  const seed = settings?.seed ?? 1;
  const picks = settings ? `${settings.min}-${settings.max}` : '1-2';
  const apply = (patch: Partial<MockSettings>) => {
    const [min, max] = picks.split('-').map(Number);
    onSettings({ seed, min, max, ...patch });
  };
  const print = () => {
    document.body.dataset.print = 'checklist';
    window.addEventListener('afterprint', () => delete document.body.dataset.print, { once: true });
    window.print();
  };
  const alleys = mock?.points.reduce((n, p) => n + p.alleys.length, 0) ?? 0;
  const compounds = mock?.points.reduce((n, p) => n + p.compounds.length, 0) ?? 0;
  return (
    <section className="panel-section mock-panel" aria-label={t(lang, 'tabMock')} aria-busy={props.busy}>
      <h2>{t(lang, 'tabMock')}</h2>
      <p className="note">{t(lang, 'mockIntro')}</p>
      <div className="mock-controls">
        <label>
          {t(lang, 'mockSeed')}
          <input type="number" min={0} max={999999999} value={seed} onChange={(e) => apply({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} data-mock="seed" />
        </label>
        <label>
          {t(lang, 'mockPicks')}
          <select value={picks} onChange={(e) => { const [min, max] = e.target.value.split('-').map(Number); onSettings({ seed, min, max }); }} data-mock="picks">
            {PICK_OPTIONS.map((o) => <option key={o.value} value={o.value}>{t(lang, o.key)}</option>)}
          </select>
        </label>
      </div>
      <div className="button-row">
        {!settings && <button type="button" onClick={() => apply({})} data-mock="start">{t(lang, 'mockStart')}</button>}
        <button type="button" onClick={() => apply({ seed: newSeed() })} data-mock="new">{t(lang, 'mockNew')}</button>
        {settings && <button type="button" onClick={() => onSettings(null)} data-mock="clear">{t(lang, 'mockClear')}</button>}
        {mock && <button type="button" onClick={print} data-mock="print">{t(lang, 'mockPrint')}</button>}
        {mock && <button type="button" onClick={() => downloadText(`${props.cityId}-mock-inspection-${mock.seed}.csv`, checklistCsv(mock, lang))} data-mock="csv">{t(lang, 'exportCsv')}</button>}
      </div>
      {mock && <Checklist {...props} mock={mock} summary={t(lang, 'mockSummary', { points: mock.points.length, alleys, compounds })} />}
    </section>
  );
}

function Checklist({ lang, mock, summary, cityName, dataDate, compoundToiletLimitM, onPoint, focus }: MockProps & { mock: MockInspection; summary: string }) {
  const metres = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} m` : t(lang, 'beyondReach'));
  const parkingRadiusM = useApp((s) => s.hash.analysis.parkingRadiusM);
  return (
    <div className="checklist" data-mock-seed={mock.seed} data-mock-radius={mock.zoneRadiusM}>
      <h3 className="print-only">{t(lang, 'mockChecklistTitle')} · {cityName}</h3>
      <p className="checklist-meta">
        {summary} · {t(lang, 'mockSeed')} {mock.seed} · {mock.zoneRadiusM} m · {t(lang, 'dataDate')} {dataDate}
      </p>
      <ol className="checklist-points">
        {mock.points.map((p) => (
          <li key={`${p.category}:${p.facilityId}`} data-mock-point={p.facilityId} className={focus === `${p.category}:${p.facilityId}` ? 'focused' : undefined}>
            <button type="button" className="point-name" onClick={() => onPoint(p)}>
              {p.name || t(lang, 'unnamed')} <span className="muted">· {lang === 'zh' ? categoryById(p.category).zh : categoryById(p.category).en}</span>
            </button>
            {p.alleys.length + p.compounds.length === 0 && <div className="muted">{t(lang, 'mockNoCandidates')}</div>}
            <ul>
              {p.alleys.map((a) => (
                <li key={a.id} data-pick="alley" data-pick-id={a.id} data-distance={a.distanceM}>
                  <span className="check-box" aria-hidden="true" />
                  {t(lang, 'mockAlley')} {a.name || `${t(lang, 'unnamed')} ${a.id}`} <span className="muted">{t(lang, 'mockFrom')} {Math.round(a.distanceM)} m</span>{' '}
                  <span className={a.toiletShareWithin >= 1 ? 'ok' : 'bad'}>{a.toiletShareWithin >= 1 ? t(lang, 'mockToiletOk') : `${t(lang, 'mockToiletGap')} ${Math.round((1 - a.toiletShareWithin) * 100)}%`}</span>{' '}
                  <RaiseCaseButton id={`mock:${p.facilityId}:alley:${a.id}`} draft={() => mockItemDraft(lang, p, { kind: 'alley', pick: a }, { toiletM: compoundToiletLimitM, parkingM: parkingRadiusM }, dataDate)} />
                </li>
              ))}
              {p.compounds.map((c) => (
                <li key={c.id} data-pick="compound" data-pick-id={c.id} data-distance={c.distanceM}>
                  <span className="check-box" aria-hidden="true" />
                  {t(lang, 'mockCompound')} {c.name || `${t(lang, 'unnamed')} ${c.id}`} <span className="muted">{t(lang, 'mockFrom')} {Math.round(c.distanceM)} m</span>{' '}
                  <span className={c.toiletDistanceM <= compoundToiletLimitM ? 'ok' : 'bad'}>{c.toiletDistanceM <= compoundToiletLimitM ? t(lang, 'mockToiletOk') : `${t(lang, 'mockToiletGap')} ${metres(c.toiletDistanceM)}`}</span>{' '}
                  <span className={c.parkingServed ? 'ok' : 'bad'}>{c.parkingServed ? t(lang, 'mockParkingOk') : `${t(lang, 'mockParkingGap')} ${metres(c.parkingDistanceM)}`}</span>{' '}
                  <RaiseCaseButton id={`mock:${p.facilityId}:compound:${c.id}`} draft={() => mockItemDraft(lang, p, { kind: 'compound', pick: c }, { toiletM: compoundToiletLimitM, parkingM: parkingRadiusM }, dataDate)} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
