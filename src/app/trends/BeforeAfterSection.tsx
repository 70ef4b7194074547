/**
 * Before / after: two snapshot days and a figure → the change per grid on the map (#compare=…, coloured by the
 * map driver), the grids most improved and most worsened (click one to open it), and the whole comparison as
 * CSV or XLSX.
 */
import { useMemo, useState } from 'react';
import type { CampaignCalendar } from '../../bulletin/bulletin_api';
import { changeTable, extremes, formatFigure, TREND_FIGURE_IDS, TREND_FIGURES, type Change, type TrendFigureId } from '../../history/snapshot_change';
import { downloadText, tableCsv } from '../../io/csv_export';
import { t, type Lang } from '../../i18n/strings';
import { actions, useApp } from '../../state/app_store';
import { changesOf, isTrendFigure } from '../../state/comparison_driver';
import { FIGURE_LABEL } from './figure_labels';

const EXTREMES = 5;

export function BeforeAfterSection({ lang, cityId, calendar }: { lang: Lang; cityId: string; calendar: CampaignCalendar }) {
  const compare = useApp((s) => s.hash.compare);
  const comparison = useApp((s) => s.comparison);
  // computed here, not in a selector: a selector must not return a new array on every call
  const list = useMemo(() => changesOf(comparison, compare, cityId), [comparison, compare, cityId]);
  const { days } = calendar;
  const [from, setFrom] = useState(compare?.from ?? days[0] ?? '');
  const [to, setTo] = useState(compare?.to ?? days.at(-1) ?? '');
  const [figure, setFigure] = useState<TrendFigureId>(isTrendFigure(compare?.figure) ? compare.figure : 'toiletCoverage');
  if (days.length < 2) return <section className="panel-section before-after"><h3>{t(lang, 'compareTitle')}</h3><p className="note">{t(lang, 'compareNeedsTwo')}</p></section>;
  // the change map alone (grids and outlines): the gap overlays would hide it; the layers tab brings them back
  const show = (next: TrendFigureId = figure) => actions.navigate({ compare: { from, to, figure: next }, overlays: ['grids', 'boundaries'] });
  const daySelect = (value: string, onChange: (v: string) => void, control: string) => (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-control={control}>
      {days.map((d) => <option key={d} value={d}>{d}</option>)}
    </select>
  );
  return (
    <section className="panel-section before-after" data-compare={comparison.status}>
      <h3>{t(lang, 'compareTitle')}</h3>
      <div className="trend-controls">
        <label>{t(lang, 'compareFrom')} {daySelect(from, setFrom, 'compare-from')}</label>
        <label>{t(lang, 'compareTo')} {daySelect(to, setTo, 'compare-to')}</label>
        <label>
          {t(lang, 'compareFigure')}{' '}
          <select
            value={figure}
            onChange={(e) => {
              const next = e.target.value as TrendFigureId;
              setFigure(next);
              if (compare) show(next);
            }}
            data-control="compare-figure"
          >
            {TREND_FIGURE_IDS.map((id) => <option key={id} value={id}>{t(lang, FIGURE_LABEL[id])}</option>)}
          </select>
        </label>
      </div>
      <div className="button-row">
        <button type="button" onClick={() => show()} data-action="compare-show">{t(lang, 'compareShow')}</button>
        {compare && <button type="button" onClick={() => actions.navigate({ compare: null })} data-action="compare-clear">{t(lang, 'compareClear')}</button>}
      </div>
      {comparison.status === 'loading' && <p className="note">{t(lang, 'loading')}</p>}
      {comparison.status === 'error' && comparison.error && <p className="note error" data-error="compare">{comparison.error[lang]}</p>}
      {compare && list && <ComparisonResult lang={lang} cityId={cityId} figure={compare.figure as TrendFigureId} from={compare.from} to={compare.to} list={list} />}
    </section>
  );
}

function ComparisonResult({ lang, cityId, figure, from, to, list }: { lang: Lang; cityId: string; figure: TrendFigureId; from: string; to: string; list: Change[] }) {
  const { improved, worsened } = extremes(list, EXTREMES);
  const { unit } = TREND_FIGURES[figure];
  const signed = (v: number) => `${v > 0 ? '+' : ''}${formatFigure(unit, v)}`;
  const table = () => changeTable(list, { figureName: t(lang, FIGURE_LABEL[figure]), from, to, keyHeader: t(lang, 'compareKey'), nameHeader: t(lang, 'compareName'), changeHeader: t(lang, 'compareChange') });
  const file = `${cityId}-${figure}-${from}-${to}`;
  const exportXlsx = async () => {
    const { tablesXlsx } = await import('../../io/xlsx_export');
    const bytes = await tablesXlsx([table()]);
    downloadText(`${file}.xlsx`, new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  };
  const up = list.filter((c) => c.gain > 0).length;
  const down = list.filter((c) => c.gain < 0).length;
  const rows = (items: Change[], kind: string) =>
    items.length === 0 ? (
      <p className="note">{t(lang, 'compareNone')}</p>
    ) : (
      <ol className="change-list" data-change-list={kind}>
        {items.map((c) => (
          <li key={c.key} data-grid={c.key} onClick={() => actions.navigate({ grid: c.key })}>
            <span>{c.name}</span> <span className="muted">{formatFigure(unit, c.before)} → {formatFigure(unit, c.after)}</span> <strong className={kind === 'improved' ? 'ok' : 'bad'}>{signed(c.delta)}</strong>
          </li>
        ))}
      </ol>
    );
  return (
    <div className="comparison" data-comparison={list.length}>
      <p className="note">{t(lang, 'compareSummary', { n: list.length, up, down })} · {t(lang, 'compareLegend')}</p>
      <h4>{t(lang, 'compareImproved')}</h4>
      {rows(improved, 'improved')}
      <h4>{t(lang, 'compareWorsened')}</h4>
      {rows(worsened, 'worsened')}
      <div className="button-row">
        <button type="button" onClick={() => downloadText(`${file}.csv`, tableCsv(table()))} data-action="compare-csv">{t(lang, 'compareCsv')}</button>
        <button type="button" onClick={() => void exportXlsx()} data-action="compare-xlsx">{t(lang, 'compareXlsx')}</button>
      </div>
    </div>
  );
}
