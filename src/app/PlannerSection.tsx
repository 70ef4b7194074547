/**
 * Planner tools: import ledgers (preview, columns, CRS), proposed facilities with their effect, suggested
 * sites, the project file and exports. Parsing and analysis run in the worker; the project lives in
 * IndexedDB (use_project.ts).
 */
import { useEffect, useRef, useState } from 'react';
import type { SiteSuggestion } from '../analysis/suggest_sites';
import { CATEGORIES, type CategoryId } from '../domain/categories';
import { LEDGER_FIELDS, type ColumnMap, type LedgerField } from '../ledger/columns';
import { CRS_IDS, type CrsId } from '../ledger/crs';
import type { CrsDecision } from '../ledger/import_ledger';
import { REJECT_TEXT } from '../ledger/import_rows';
import { parseProject, projectJson, type LedgerLayer, type Project, type ProposalCategory } from '../ledger/project';
import { t, type Lang, type StringKey } from '../i18n/strings';
import { downloadText, suggestionsTable, tableCsv, toCsv } from '../io/csv_export';
import type { LedgerPreview } from '../worker/analysis_api';
import type { ProjectActions } from '../state/project_driver';
import { actions, useApp } from '../state/app_store';
import { KpiCards, type Kpi } from '../components/GapPanel';
import type { GapAnalysis } from './gap_analysis';
import type { AnalysisSettings } from '../state/url_hash';
import { DEFAULT_PARAMS } from '../analysis/city_analysis';
import { SaveRevisionButton } from './trends/SaveRevisionButton';

const FIELD_LABEL: Record<LedgerField, StringKey> = { lon: 'fieldLon', lat: 'fieldLat', name: 'fieldName', category: 'fieldCategory', capacity: 'fieldCapacity', openingHours: 'fieldOpeningHours', publicWindow: 'fieldPublicWindow' };
const CRS_LABEL: Record<CrsId, StringKey> = { wgs84: 'crsWgs84', gcj02: 'crsGcj02', bd09: 'crsBd09' };

export interface PlannerProps {
  lang: Lang;
  cityId: string;
  gaps: GapAnalysis;
  /** null until IndexedDB answered for this city */
  project: Project | null;
  /** null until the app started */
  projectActions: ProjectActions | null;
  settings: AnalysisSettings;
  onExportPng: () => Promise<void>;
  onExportXlsx: () => Promise<void>;
  onExportGeoJson: (layer: string) => Promise<void>;
  /** a project file's settings replace the current ones */
  onSettings: (settings: AnalysisSettings) => void;
  /** the key figures, so a placed or dragged site shows its effect here */
  kpis: readonly Kpi[];
}

interface Pending { file: string; preview: LedgerPreview; columns: ColumnMap; crs: CrsId | 'auto'; defaultCategory: CategoryId | ''; mode: LedgerLayer['mode'] }

export function PlannerSection(props: PlannerProps) {
  const { lang, gaps, project, cityId } = props;
  const placing = useApp((s) => s.placing);
  const suggestions = useApp((s) => s.suggestions);
  const droppedFile = useApp((s) => s.droppedFile);
  const crsName = (crs: CrsId) => t(lang, CRS_LABEL[crs]);
  /** runs an export; its failure is shown, not lost */
  const attempt = (task: () => Promise<void>) => {
    setError(null);
    task().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const update = (change: (p: Project) => Project) => props.projectActions?.update(change);
  const [pending, setPending] = useState<Pending | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<{ layer: LedgerLayer; crs: CrsDecision } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [count, setCount] = useState(5);
  const [suggestCategory, setSuggestCategory] = useState<ProposalCategory>('toilet');
  const [geoLayer, setGeoLayer] = useState('facilities');
  const params = { ...DEFAULT_PARAMS, ...props.settings };

  const read = async (file: File) => {
    const worker = gaps.client();
    if (!worker) return;
    setError(null);
    setResult(null);
    setProgress(0);
    // progress comes over its own channel and may land after the answer: none once the reading is over
    let reading = true;
    try {
      const { proxy } = await import('comlink');
      const preview = await worker.previewLedger(file.name, new Uint8Array(await file.arrayBuffer()), proxy((share: number) => reading && setProgress(share)));
      setPending({ file: file.name, preview, columns: preview.columns, crs: 'auto', defaultCategory: preview.columns.category ? '' : 'toilet', mode: 'merge' });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      reading = false;
      setProgress(null);
    }
  };
  // a file dropped anywhere on the app waits in the store until this panel reads it
  const latestRead = useRef(read);
  useEffect(() => {
    latestRead.current = read;
  });
  useEffect(() => {
    if (!droppedFile) return;
    const file = actions.takeDroppedFile();
    if (file) void latestRead.current(file);
  }, [droppedFile]);

  const runImport = async () => {
    const worker = gaps.client();
    if (!worker || !pending) return;
    try {
      const imported = await worker.importLedger({ crs: pending.crs, columns: pending.columns, defaultCategory: pending.defaultCategory || null, mode: pending.mode });
      update((p) => ({ ...p, ledgers: [...p.ledgers, imported.layer] }));
      setResult(imported);
      setPending(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const suggest = async () => {
    const worker = gaps.client();
    if (!worker) return;
    try {
      actions.setSuggestions({ category: suggestCategory, sites: await worker.suggestSites(params, suggestCategory, count), asked: count });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const accept = (sites: SiteSuggestion[], category: ProposalCategory) => {
    const stamp = Date.now().toString(36);
    update((p) => ({
      ...p,
      proposals: [...p.proposals, ...sites.map((s, i) => ({ id: `proposal:${stamp}-${i}`, category, lon: s.lon, lat: s.lat, origin: 'suggested' as const, name: `${t(lang, category === 'toilet' ? 'proposalToilet' : 'proposalParking')} ${s.streetName}`.trim() }))],
    }));
    const rest = suggestions?.sites.filter((s) => !sites.includes(s)) ?? [];
    actions.setSuggestions(rest.length && suggestions ? { ...suggestions, sites: rest } : null);
  };

  const importProject = async (file: File) => {
    try {
      const loaded = parseProject(await file.text(), file.name, cityId);
      props.projectActions?.replace(loaded);
      if (loaded.settings) props.onSettings({ ...props.settings, ...(loaded.settings as Partial<AnalysisSettings>) });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const effects = new Map(gaps.proposalEffects.map((e) => [e.id, e]));
  const categories = CATEGORIES.filter((c) => ['toilet', 'parking', 'ebike_shed', 'ebike_charging'].includes(c.id));
  return (
    <div className="planner">
      <KpiCards kpis={props.kpis} className="kpis planner-kpis" />
      <section className="panel-section" aria-label={t(lang, 'importTitle')} data-section="import">
        <h2>{t(lang, 'importTitle')}</h2>
        <div className="drop-zone">
          <span>{t(lang, 'importHint')}</span>
          <FileButton label={t(lang, 'chooseFile')} accept=".csv,.txt,.xlsx,.geojson,.json" onFile={(file) => void read(file)} input="ledger" />
        </div>
        {progress !== null && <progress value={progress} max={1} data-progress="ledger">{t(lang, 'importReading')}</progress>}
        {error && <p className="note error" data-error="ledger">{error}</p>}
        {pending && (
          <div className="ledger-preview" data-preview={pending.file}>
            <p className="checklist-meta">{pending.file} · {t(lang, 'importRows', { n: pending.preview.rows })}</p>
            <div className="table-scroll">
              <table className="gap-table">
                <thead><tr>{pending.preview.headers.map((h) => <th key={h}>{h}</th>)}</tr></thead>
                <tbody>{pending.preview.sample.map((r, i) => <tr key={i}>{pending.preview.headers.map((_, c) => <td key={c}>{r[c]}</td>)}</tr>)}</tbody>
              </table>
            </div>
            <h3>{t(lang, 'importColumns')}</h3>
            <div className="field-grid">
              {LEDGER_FIELDS.map((field) => (
                <label key={field}>
                  {t(lang, FIELD_LABEL[field])}
                  <select value={pending.columns[field] ?? ''} onChange={(e) => setPending({ ...pending, columns: { ...pending.columns, [field]: e.target.value || null } })} data-column={field}>
                    <option value="">{t(lang, 'noColumn')}</option>
                    {pending.preview.headers.map((h) => <option key={h} value={h}>{h}</option>)}
                  </select>
                </label>
              ))}
              <label>
                {t(lang, 'crsLabel')}
                <select value={pending.crs} onChange={(e) => setPending({ ...pending, crs: e.target.value as CrsId | 'auto' })} data-select="crs">
                  <option value="auto">{t(lang, 'crsAuto', { found: `${crsName(pending.preview.crs.crs)}${t(lang, 'listSeparator')}${t(lang, pending.preview.crs.how === 'named' ? 'crsNamed' : 'crsDetected')}` })}</option>
                  {CRS_IDS.map((c) => <option key={c} value={c}>{crsName(c)}</option>)}
                </select>
              </label>
              <label>
                {t(lang, 'defaultCategory')}
                <select value={pending.defaultCategory} onChange={(e) => setPending({ ...pending, defaultCategory: e.target.value as CategoryId | '' })} data-select="default-category">
                  <option value="">{t(lang, 'noColumn')}</option>
                  {categories.map((c) => <option key={c.id} value={c.id}>{lang === 'zh' ? c.zh : c.en}</option>)}
                </select>
              </label>
              <label>
                {t(lang, 'importMode')}
                <select value={pending.mode} onChange={(e) => setPending({ ...pending, mode: e.target.value as LedgerLayer['mode'] })} data-select="mode">
                  <option value="merge">{t(lang, 'modeMerge')}</option>
                  <option value="replace">{t(lang, 'modeReplace')}</option>
                </select>
              </label>
            </div>
            <div className="button-row">
              <button type="button" onClick={() => void runImport()} data-action="import">{t(lang, 'importButton')}</button>
              <button type="button" onClick={() => setPending(null)}>{t(lang, 'cancel')}</button>
            </div>
          </div>
        )}
        {result && <ImportResult lang={lang} layer={result.layer} />}
        {result && <SaveRevisionButton lang={lang} cityId={cityId} layer={result.layer} />}
      </section>

      {project && project.ledgers.length > 0 && (
        <section className="panel-section" aria-label={t(lang, 'ledgers')}>
          <h2>{t(lang, 'ledgers')}</h2>
          <ul className="plain-list">
            {project.ledgers.map((l) => (
              <li key={l.id} data-ledger={l.fileName}>
                <span>{l.fileName} · {crsName(l.crs)} · {t(lang, 'importResult', { rows: l.rowsRead, accepted: l.accepted.length, rejected: l.rejected.length })} · {t(lang, l.mode === 'merge' ? 'modeMerge' : 'modeReplace')}</span>
                <button type="button" onClick={() => update((p) => ({ ...p, ledgers: p.ledgers.filter((x) => x.id !== l.id) }))}>{t(lang, 'remove')}</button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="panel-section" aria-label={t(lang, 'proposals')} data-section="proposals">
        <h2>{t(lang, 'proposals')}</h2>
        <div className="button-row">
          {(['toilet', 'parking'] as const).map((c) => (
            <button key={c} type="button" aria-pressed={placing === c} onClick={() => actions.setPlacing(placing === c ? null : c)} data-place={c}>
              {t(lang, c === 'toilet' ? 'placeToilet' : 'placeParking')}
            </button>
          ))}
          {placing && <button type="button" onClick={() => actions.setPlacing(null)}>{t(lang, 'placeStop')}</button>}
        </div>
        <p className="checklist-meta">{t(lang, 'placeHint')}</p>
        <ul className="plain-list">
          {project?.proposals.map((p) => {
            const effect = effects.get(p.id);
            return (
              <li key={p.id} data-proposal={p.id}>
                <span>
                  {p.name || t(lang, p.category === 'toilet' ? 'proposalToilet' : 'proposalParking')}{' '}
                  <span className="muted" data-effect={p.category === 'toilet' ? effect?.closesM : effect?.serves}>
                    {effect ? (p.category === 'toilet' ? t(lang, 'effectCloses', { m: Math.round(effect.closesM) }) : t(lang, 'effectServes', { n: effect.serves })) : '…'}
                  </span>
                </span>
                <button type="button" onClick={() => update((x) => ({ ...x, proposals: x.proposals.filter((q) => q.id !== p.id) }))}>{t(lang, 'remove')}</button>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="panel-section" aria-label={t(lang, 'suggestTitle')} data-section="suggest">
        <h2>{t(lang, 'suggestTitle')}</h2>
        <p className="checklist-meta">{t(lang, 'suggestNote')}</p>
        <div className="mock-controls">
          <label>
            {t(lang, 'suggestCount')}
            <input type="number" min={1} max={50} value={count} onChange={(e) => setCount(Math.max(1, Math.min(50, Number(e.target.value) || 1)))} data-input="suggest-count" />
          </label>
          <label>
            {t(lang, 'fieldCategory')}
            <select value={suggestCategory} onChange={(e) => setSuggestCategory(e.target.value as ProposalCategory)} data-select="suggest-category">
              <option value="toilet">{t(lang, 'proposalToilet')}</option>
              <option value="parking">{t(lang, 'proposalParking')}</option>
            </select>
          </label>
        </div>
        <div className="button-row">
          <button type="button" onClick={() => void suggest()} data-action="suggest">{t(lang, 'suggestRun')}</button>
          {suggestions && <button type="button" onClick={() => accept(suggestions.sites, suggestions.category)} data-action="accept-all">{t(lang, 'suggestAcceptAll')}</button>}
          {suggestions && <button type="button" onClick={() => downloadText(`${cityId}-suggested-${suggestions.category}.csv`, tableCsv(suggestionsTable(suggestions.sites, suggestions.category, lang)))} data-export="suggestions-csv">{t(lang, 'exportCsv')}</button>}
          {suggestions && <button type="button" onClick={() => downloadText(`${cityId}-suggested-${suggestions.category}.geojson`, suggestionsGeoJson(suggestions.sites, suggestions.category), 'application/geo+json')} data-export="suggestions-geojson">{t(lang, 'exportGeoJson')}</button>}
        </div>
        {suggestions && suggestions.sites.length < suggestions.asked && (
          <p className="note" data-suggest-short={suggestions.sites.length}>
            {t(lang, suggestions.sites.length === 0 ? 'suggestNone' : 'suggestFewer', { asked: suggestions.asked, n: suggestions.sites.length })}
          </p>
        )}
        {suggestions && (
          <ol className="suggestions">
            {suggestions.sites.map((s, i) => (
              <li key={`${s.lon},${s.lat}`} data-suggestion={i} data-closes={s.closes}>
                <span>{s.streetName || s.streetId} <span className="muted">{t(lang, 'suggestGain')} {Math.round(s.gain)} · {suggestions.category === 'toilet' ? t(lang, 'effectCloses', { m: Math.round(s.closes) }) : t(lang, 'effectServes', { n: s.closes })}</span></span>
                <button type="button" onClick={() => accept([s], suggestions.category)}>{t(lang, 'suggestAccept')}</button>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="panel-section" aria-label={t(lang, 'projectTitle')} data-section="project">
        <h2>{t(lang, 'projectTitle')}</h2>
        <p className="checklist-meta">{t(lang, 'projectSaved')}</p>
        <div className="button-row">
          <button type="button" disabled={!project} onClick={() => project && downloadText(`${cityId}-project.json`, projectJson({ ...project, settings: { ...props.settings } as Project['settings'] }), 'application/json')} data-action="project-export">{t(lang, 'projectExport')}</button>
          <FileButton label={t(lang, 'projectImport')} accept=".json" onFile={(file) => void importProject(file)} input="project" />
          <button type="button" onClick={() => props.projectActions?.clear()} data-action="project-clear">{t(lang, 'projectClear')}</button>
        </div>
        <div className="button-row">
          <button type="button" onClick={() => attempt(props.onExportPng)} data-export="png">{t(lang, 'exportPng')}</button>
          <button type="button" onClick={() => attempt(props.onExportXlsx)} data-export="xlsx">{t(lang, 'exportXlsx')}</button>
        </div>
        <div className="button-row">
          <select value={geoLayer} onChange={(e) => setGeoLayer(e.target.value)} data-select="geojson-layer">
            {(['facilities', 'streets', 'compounds', 'boundaries', 'grids', 'gapStreets'] as const).map((id) => (
              <option key={id} value={id}>{t(lang, id === 'facilities' ? 'layerFacilities' : id === 'streets' ? 'layerStreets' : id === 'compounds' ? 'layerCompounds' : id === 'boundaries' ? 'layerBoundaries' : id === 'grids' ? 'layerGrids' : 'layerGapStreets')}</option>
            ))}
          </select>
          <button type="button" onClick={() => attempt(() => props.onExportGeoJson(geoLayer))} data-export="geojson">{t(lang, 'exportGeoJson')}</button>
        </div>
      </section>
    </div>
  );
}

/** A file picker in the page's language: the browser's own button would say "Choose File" whatever the UI speaks. */
function FileButton({ label, accept, onFile, input }: { label: string; accept: string; onFile: (file: File) => void; input: string }) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="file-button" onClick={() => picker.current?.click()} data-pick={input}>{label}</button>
      <input
        ref={picker}
        type="file"
        hidden
        accept={accept}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // the same file picked twice must read twice
          e.target.value = '';
          if (file) onFile(file);
        }}
        data-input={input}
      />
    </>
  );
}

/** Suggested sites as GeoJSON points, so they can be checked in a GIS before they are accepted. */
function suggestionsGeoJson(sites: readonly SiteSuggestion[], category: ProposalCategory): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: sites.map((s, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [Number(s.lon.toFixed(6)), Number(s.lat.toFixed(6))] },
      properties: { rank: i + 1, category, streetId: s.streetId, streetName: s.streetName, gain: Math.round(s.gain), closes: Math.round(s.closes) },
    })),
  });
}

function ImportResult({ lang, layer }: { lang: Lang; layer: LedgerLayer }) {
  const rejectedCsv = () =>
    toCsv(
      [t(lang, 'colRow'), t(lang, 'colReason'), t(lang, 'colDetail')],
      layer.rejected.map((r) => [r.row, REJECT_TEXT[r.reason][lang], r.detail]),
    );
  return (
    <div className="import-result" data-import-result={layer.fileName} data-accepted={layer.accepted.length} data-rejected={layer.rejected.length} data-crs={layer.crs}>
      <p>{t(lang, 'importResult', { rows: layer.rowsRead, accepted: layer.accepted.length, rejected: layer.rejected.length })}</p>
      {layer.rejected.length > 0 && (
        <>
          <div className="section-head">
            <h3>{t(lang, 'rejectedRows')}</h3>
            <button type="button" onClick={() => downloadText(`${layer.fileName}-rejected.csv`, rejectedCsv())}>{t(lang, 'exportCsv')}</button>
          </div>
          <div className="table-scroll">
            <table className="gap-table">
              <thead><tr><th>{t(lang, 'colRow')}</th><th>{t(lang, 'colReason')}</th><th>{t(lang, 'colDetail')}</th></tr></thead>
              <tbody>{layer.rejected.map((r) => <tr key={r.row} data-rejected-row={r.row} data-reason={r.reason}><td>{r.row}</td><td>{REJECT_TEXT[r.reason][lang]}</td><td>{r.detail}</td></tr>)}</tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
