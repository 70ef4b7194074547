/**
 * The filtered cases as a windowed list: every case is reachable by scrolling, but only the rows in view (and a
 * few either side) exist in the page. With 5,000 cases a filter click used to re-render and lay out a hundred
 * rows; now it is the twenty or so the box shows. Rows have one fixed height so a row's place is index × height.
 *
 *   ┌ scroll box (≤ 60 % of the window) ┐
 *   │ ┌ spacer: n × ROW_PX ───────────┐ │
 *   │ │   rows first … last, moved    │ │
 *   │ │   down by first × ROW_PX      │ │
 */
import { memo, useEffect, useRef, useState, type UIEvent } from 'react';
import type { ApiCase } from '../../campaign/api';
import type { Lang } from '../../i18n/strings';
import { actions } from '../../state/app_store';
import { useServices } from '../services';
import { CaseBadges } from './CaseBadges';
import { timeText } from './case_words';
import { ROW_PX, visibleRows } from './visible_rows';

/** the box's height before it is measured (the first render) */
const FIRST_HEIGHT_PX = 480;
/** degrees around a case the map shows when its row is clicked (~250 m) */
const CASE_VIEW_DEG = 0.0025;

export function CaseList({ lang, cases, now, openId }: { lang: Lang; cases: readonly ApiCase[]; now: number; openId: number | null }) {
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: FIRST_HEIGHT_PX });
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScroll({ top: element.scrollTop, height: element.clientHeight || FIRST_HEIGHT_PX });
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const onScroll = (e: UIEvent<HTMLDivElement>) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight || FIRST_HEIGHT_PX });
  const [first, end] = visibleRows(cases.length, scroll.top, scroll.height);
  return (
    <div className="case-list-box" ref={box} onScroll={onScroll} style={{ height: cases.length * ROW_PX }} data-case-list="1" data-rows-drawn={end - first}>
      <div className="case-list-spacer" style={{ height: cases.length * ROW_PX }}>
        <ul className="case-list" style={{ transform: `translateY(${first * ROW_PX}px)` }}>
          {cases.slice(first, end).map((c, i) => (
            <CaseRow key={c.id} lang={lang} item={c} now={now} selected={c.id === openId} position={first + i + 1} count={cases.length} />
          ))}
        </ul>
      </div>
    </div>
  );
}

/** a row re-renders only when its case, the language, the minute or the selection changes: a filter click keeps most */
const CaseRow = memo(function CaseRow({ lang, item, now, selected, position, count }: { lang: Lang; item: ApiCase; now: number; selected: boolean; position: number; count: number }) {
  const services = useServices();
  const open = () => {
    actions.navigate({ case: item.id });
    services?.map.fitBox([item.lon - CASE_VIEW_DEG, item.lat - CASE_VIEW_DEG, item.lon + CASE_VIEW_DEG, item.lat + CASE_VIEW_DEG], 500);
  };
  return (
    <li className={selected ? 'selected' : undefined} aria-posinset={position} aria-setsize={count}>
      <button type="button" onClick={open} data-case-row={item.id} data-state={item.state}>
        <span className="case-row-title">#{item.id} {item.title}</span>
        <CaseBadges lang={lang} item={item} now={now} />
        <span className="muted case-row-time">{timeText(lang, item.createdAt)}{item.gridCode ? ` · ${item.gridCode}` : ''}</span>
      </button>
    </li>
  );
});
