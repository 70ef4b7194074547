/**
 * The week's ranking with its mobile red and black flags (流动红旗 / 黑旗) at one level, and the cases behind a
 * row: click a unit to list its cases of the week, each linking to the case (#…&case=<id>). The bulletin prints
 * the same table without the drill-down.
 */
import { Fragment } from 'react';
import type { BulletinCase, UnitBulletinRow, UnitWeek, WeeklyBulletin } from '../../bulletin/bulletin_api';
import { t, type Lang } from '../../i18n/strings';
import { formatHash } from '../../state/url_hash';
import { useApp } from '../../state/app_store';

export const FLAG_LEVELS = ['unit', 'street', 'district'] as const;
export type FlagLevel = (typeof FLAG_LEVELS)[number];
const LEVEL_LABEL = { unit: 'levelUnit', street: 'levelStreetRank', district: 'levelDistrictRank' } as const;

export const rowsAt = (bulletin: WeeklyBulletin, level: FlagLevel): (UnitWeek & Partial<Pick<UnitBulletinRow, 'reported'>>)[] =>
  level === 'unit' ? bulletin.units : level === 'street' ? bulletin.streets : bulletin.districts;

/** The cases a row of the level counts: dispatched to the unit, or to a unit that rolls up to it. */
export function casesOfRow(cases: readonly BulletinCase[], level: FlagLevel, unitId: string): BulletinCase[] {
  return cases.filter((c) => (level === 'unit' ? c.unitId : level === 'street' ? c.streetUnitId : c.districtUnitId) === unitId);
}

export const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function FlagMark({ lang, flag, iconOnly = false }: { lang: Lang; flag: 'red' | 'black' | null; iconOnly?: boolean }) {
  if (!flag) return null;
  const label = t(lang, flag === 'red' ? 'flagRed' : 'flagBlack');
  return (
    <span className={`flag-mark flag-${flag}`} title={label} data-flag={flag}>
      <svg viewBox="0 0 12 14" aria-hidden="true">
        <path d="M1.5 1v12.5" />
        <path d="M2 1.5h8.5l-2 2.5 2 2.5H2z" />
      </svg>
      {!iconOnly && label}
    </span>
  );
}

export function LevelTabs({ lang, level, onLevel }: { lang: Lang; level: FlagLevel; onLevel: (level: FlagLevel) => void }) {
  return (
    <div className="tabs flag-levels" role="tablist">
      {FLAG_LEVELS.map((l) => (
        <button key={l} type="button" role="tab" aria-selected={l === level} onClick={() => onLevel(l)} data-flag-level={l}>
          {t(lang, LEVEL_LABEL[l])}
        </button>
      ))}
    </div>
  );
}

export interface FlagBoardProps {
  lang: Lang;
  bulletin: WeeklyBulletin;
  level: FlagLevel;
  /** the row whose cases are listed below it; null: none */
  selected?: string | null;
  onSelect?: (unitId: string | null) => void;
  /** the side panel's narrow table: flags as icons, without new, on-time and red-card counts */
  compact?: boolean;
}

export function FlagBoard({ lang, bulletin, level, selected = null, onSelect, compact = false }: FlagBoardProps) {
  const rows = rowsAt(bulletin, level);
  const hash = useApp((s) => s.hash);
  if (rows.length === 0) return <p className="note" data-flag-board="empty">{t(lang, 'flagNone')}</p>;
  const showReported = level === 'unit' && !compact;
  const full = !compact;
  const columns = (compact ? 7 : 9) + (showReported ? 1 : 0);
  return (
    <table className={`flag-board${compact ? ' compact' : ''}`} data-flag-board={level}>
      <thead>
        <tr>
          <th>{t(lang, 'colRank')}</th>
          <th>{t(lang, 'colUnit')}</th>
          <th>{t(lang, 'colFlag')}</th>
          <th className="num">{t(lang, 'colCases')}</th>
          {showReported && <th className="num">{t(lang, 'colReported')}</th>}
          <th className="num">{t(lang, 'colClosed')}</th>
          {full && <th className="num">{t(lang, 'colOnTime')}</th>}
          <th className="num">{t(lang, 'colOnTimeRate')}</th>
          <th className="num">{t(lang, 'colOverdue')}</th>
          {full && <th className="num">{t(lang, 'colRedCards')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const open = selected === r.unitId;
          const cases = open ? casesOfRow(bulletin.cases, level, r.unitId) : [];
          return (
            <Fragment key={r.unitId}>
              <tr className={`${r.flag ? `flag-row-${r.flag}` : ''}${open ? ' selected' : ''}`} data-unit={r.unitId} data-flag={r.flag ?? ''} onClick={onSelect && (() => onSelect(open ? null : r.unitId))} aria-expanded={onSelect ? open : undefined}>
                <td className="num">{r.rank}</td>
                <td>{r.name}</td>
                <td><FlagMark lang={lang} flag={r.flag} iconOnly={compact} /></td>
                <td className="num" data-col="cases">{r.cases}</td>
                {showReported && <td className="num" data-col="reported">{r.reported ?? 0}</td>}
                <td className="num" data-col="closed">{r.closed}</td>
                {full && <td className="num" data-col="closedOnTime">{r.closedOnTime}</td>}
                <td className="num" data-col="onTimeRate">{pct(r.onTimeRate)}</td>
                <td className="num" data-col="overdue">{r.overdue}</td>
                {full && <td className="num" data-col="redCards">{r.redCards}</td>}
              </tr>
              {open && (
                <tr className="flag-cases">
                  <td colSpan={columns}>
                    <p>{t(lang, 'drillCases', { unit: r.name, n: cases.length })}</p>
                    <ul data-drill={r.unitId}>
                      {cases.map((c) => (
                        <li key={c.id} data-case={c.id}>
                          <a href={`${formatHash({ ...hash, bulletin: null })}&case=${c.id}`}>#{c.id}</a> {c.title} · {c.category}
                          <span className="case-tags">
                            {c.isNew && <span className="tag">{t(lang, 'caseNewTag')}</span>}
                            {c.closedInWeek && <span className="tag ok">{t(lang, 'caseClosedWeek')}</span>}
                            {c.overdue && <span className="tag bad">{t(lang, 'caseOverdue')}</span>}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
