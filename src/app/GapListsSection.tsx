/**
 * The work lists: streets with the longest toilet gaps and compounds without parking. A row flies the map to
 * its street or compound; a click on the map selects the row. Both export to CSV with every row.
 */
import { useEffect, useRef, useState } from 'react';
import type { CompoundGap, StreetGap } from '../analysis/gap_lists';
import { t, type Lang } from '../i18n/strings';
import { downloadText, streetGapsCsv, unservedCompoundsCsv } from '../io/csv_export';
import type { GapAnalysis } from './gap_analysis';
import { gapStreetDraft, unservedCompoundDraft } from '../campaign/case_drafts';
import { useApp } from '../state/app_store';
import { RaiseCaseButton } from './cases/RaiseCaseButton';

export type GapPick = { kind: 'street' | 'compound'; id: string };

const STREET_ROWS_SHOWN = 50;

export function GapListsSection(props: { lang: Lang; gaps: GapAnalysis; cityId: string; selected: GapPick | null; onPick: (pick: GapPick, bbox: [number, number, number, number]) => void }) {
  const { lang, gaps, selected, onPick, cityId } = props;
  const report = gaps.report;
  const list = useRef<HTMLDivElement>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const dataDate = useApp((s) => s.city?.manifest.dataDate ?? '');
  const settings = useApp((s) => s.hash.analysis);
  // a pick on the map brings its row into view
  useEffect(() => {
    if (!selected) return;
    list.current?.querySelector(`[data-gap-row="${CSS.escape(`${selected.kind}:${selected.id}`)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected, report]);
  if (!report) return null;
  const metres = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} m` : t(lang, 'beyondReach'));
  const isSelected = (kind: GapPick['kind'], id: string) => selected?.kind === kind && selected.id === id;
  const streets = report.gaps.streets.slice(0, STREET_ROWS_SHOWN);
  // the full list comes from the worker: a failure is shown, not lost
  const exportStreets = () => {
    setExportError(null);
    gaps.allStreetGaps().then(
      (streets) => downloadText(`${cityId}-toilet-gap-streets.csv`, streetGapsCsv(streets, lang)),
      (e: unknown) => setExportError(e instanceof Error ? e.message : String(e)),
    );
  };
  const exportCompounds = () => downloadText(`${cityId}-compounds-without-parking.csv`, unservedCompoundsCsv(report.gaps.compounds, lang));
  const row = (kind: GapPick['kind'], item: StreetGap | CompoundGap, cells: string[]) => (
    <tr key={item.id} data-gap-row={`${kind}:${item.id}`} className={isSelected(kind, item.id) ? 'selected' : undefined} onClick={() => onPick({ kind, id: item.id }, item.bbox)}>
      <td>{item.name || t(lang, 'unnamed')}</td>
      {cells.map((c, i) => <td key={i}>{c}</td>)}
      <td><RaiseCaseButton id={`${kind}:${item.id}`} draft={() => (kind === 'street' ? gapStreetDraft(lang, item as StreetGap, settings.toiletDistanceM, dataDate) : unservedCompoundDraft(lang, item as CompoundGap, settings.parkingRadiusM, dataDate))} /></td>
    </tr>
  );
  return (
    <div ref={list} className="gap-lists">
      <section className="panel-section" aria-label={t(lang, 'gapStreets')} data-list="gap-streets">
        <div className="section-head">
          <h2>{t(lang, 'gapStreets')}</h2>
          <button type="button" onClick={exportStreets} data-export="gap-streets">{t(lang, 'exportCsv')}</button>
        </div>
        {exportError && <p className="note error" data-error="export">{exportError}</p>}
        <p className="note">{t(lang, 'gapStreetsMore', { n: report.gaps.streetsWithGap, shown: streets.length })}</p>
        <div className="table-scroll">
          <table className="gap-table">
            <thead><tr><th>{t(lang, 'colName')}</th><th>{t(lang, 'colGap')}</th><th>{t(lang, 'colWorst')}</th><th /></tr></thead>
            <tbody>{streets.map((s) => row('street', s, [metres(s.gapM), metres(s.worstDistanceM)]))}</tbody>
          </table>
        </div>
      </section>
      <section className="panel-section" aria-label={t(lang, 'unservedCompounds')} data-list="unserved-compounds">
        <div className="section-head">
          <h2>{t(lang, 'unservedCompounds')} <span className="count">{report.gaps.compounds.length}</span></h2>
          <button type="button" onClick={exportCompounds} data-export="unserved-compounds">{t(lang, 'exportCsv')}</button>
        </div>
        {report.gaps.compounds.length === 0 ? (
          <p className="note">{t(lang, 'none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="gap-table">
              <thead><tr><th>{t(lang, 'colName')}</th><th>{t(lang, 'colDistance')}</th><th>{t(lang, 'colArea')}</th><th /></tr></thead>
              <tbody>{report.gaps.compounds.map((c) => row('compound', c, [metres(c.distanceM), `${Math.round(c.areaM2).toLocaleString()} m²`]))}</tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
