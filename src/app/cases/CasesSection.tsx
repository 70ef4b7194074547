/**
 * The side panel's cases tab: the live feed's state, filters (state, card, category, unit, grid, week, overdue,
 * words), and the filtered list — a row opens the case and brings it into view. The map shows the same cases.
 */
import type { ReactNode } from 'react';
import { CARD_KEYS, CARD_RGB, cssRgb, SHAPE_GLYPH, STATE_SHAPE } from '../../campaign/case_look';
import { CASE_STATES } from '../../domain/case_flow';
import { useNow } from './use_now';
import { t, type Lang } from '../../i18n/strings';
import { selectCityId, useApp } from '../../state/app_store';
import { caseActions } from '../../state/cases_driver';
import { selectFilteredCases } from '../case_selectors';
import { CaseList } from './CaseList';
import { cardName, stateName } from './case_words';

export function CasesSection() {
  const lang = useApp((s) => s.hash.lang);
  const cases = useApp((s) => s.cases);
  const user = useApp((s) => s.session.user);
  const filtered = useApp(selectFilteredCases);
  const openId = useApp((s) => s.hash.case);
  const view = useApp((s) => s.hash.view);
  const bbox = useApp((s) => s.city?.manifest.bbox ?? null);
  const cityId = useApp(selectCityId);
  const now = useNow();
  if (!user || !cityId) return null;
  const canReport = user.role !== 'viewer' && user.role !== 'planner';
  const newCase = () => {
    const [lon, lat] = view ? [view.lon, view.lat] : bbox ? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2] : [0, 0];
    caseActions.openDraft({ categoryId: cases.categories[0]?.id ?? '', title: '', description: '', lon, lat, source: 'report' });
  };
  return (
    <section className="panel-section cases-section" data-cases-status={cases.status} data-live={cases.live} data-case-count={filtered.length}>
      <div className="section-head">
        <h2>{t(lang, 'casesTitle')} <span className="count">{filtered.length}/{cases.list.length}</span></h2>
        <LiveDot lang={lang} live={cases.live} />
        {canReport && <button type="button" onClick={newCase} data-action="new-case">{t(lang, 'caseNew')}</button>}
      </div>
      {cases.status === 'loading' && <p className="status">{t(lang, 'loading')}</p>}
      {cases.error && <p className="note error" role="alert">{cases.error[lang]}</p>}
      <CaseFilters lang={lang} />
      <CaseList lang={lang} cases={filtered} now={now} openId={openId} />
    </section>
  );
}

export function LiveDot({ lang, live }: { lang: Lang; live: string }) {
  return <span className={`live-dot live-${live}`} data-live={live}>{t(lang, live === 'open' ? 'liveOpen' : live === 'off' ? 'liveOff' : 'liveReconnecting')}</span>;
}

function Chip({ on, onClick, children, data }: { on: boolean; onClick: () => void; children: ReactNode; data: string }) {
  return <button type="button" className={`filter-chip${on ? ' on' : ''}`} aria-pressed={on} onClick={onClick} data-filter={data}>{children}</button>;
}

function CaseFilters({ lang }: { lang: Lang }) {
  const filter = useApp((s) => s.cases.filter);
  const categories = useApp((s) => s.cases.categories);
  const units = useApp((s) => s.cases.units);
  const toggle = <T,>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  return (
    <div className="case-filters" data-case-filters="1">
      <input type="search" placeholder={t(lang, 'caseSearch')} value={filter.text} onChange={(e) => caseActions.setFilter({ text: e.target.value })} data-filter="text" />
      <div className="chips">
        {CASE_STATES.map((s) => (
          <Chip key={s} on={filter.states.includes(s)} onClick={() => caseActions.setFilter({ states: toggle(filter.states, s) })} data={`state:${s}`}>{SHAPE_GLYPH[STATE_SHAPE[s]]} {stateName(lang, s)}</Chip>
        ))}
      </div>
      <div className="chips">
        {CARD_KEYS.map((c) => (
          <Chip key={c} on={filter.cards.includes(c)} onClick={() => caseActions.setFilter({ cards: toggle(filter.cards, c) })} data={`card:${c}`}>
            <span className="swatch" style={{ background: cssRgb(CARD_RGB[c]) }} /> {c === 'none' ? t(lang, 'caseNoCard') : cardName(lang, c)}
          </Chip>
        ))}
        <Chip on={filter.overdueOnly} onClick={() => caseActions.setFilter({ overdueOnly: !filter.overdueOnly })} data="overdue">{t(lang, 'caseOverdue')}</Chip>
      </div>
      <div className="filter-row">
        <select value={filter.categoryId ?? ''} onChange={(e) => caseActions.setFilter({ categoryId: e.target.value || null })} data-filter="category" aria-label={t(lang, 'caseCategory')}>
          <option value="">{t(lang, 'caseAnyCategory')}</option>
          {categories.map((c) => <option key={c.id} value={c.id}>{lang === 'zh' ? c.nameZh : c.nameEn}</option>)}
        </select>
        <select value={filter.unitId ?? ''} onChange={(e) => caseActions.setFilter({ unitId: e.target.value || null })} data-filter="unit" aria-label={t(lang, 'caseUnit')}>
          <option value="">{t(lang, 'caseAnyUnit')}</option>
          {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </div>
      <div className="filter-row">
        <input type="text" inputMode="numeric" placeholder={t(lang, 'caseGridPrefix')} value={filter.gridCode ?? ''} onChange={(e) => caseActions.setFilter({ gridCode: e.target.value.replace(/\D/g, '').slice(0, 14) || null })} data-filter="grid" />
        <input type="week" value={filter.week ?? ''} onChange={(e) => caseActions.setFilter({ week: e.target.value || null })} data-filter="week" aria-label={t(lang, 'caseWeek')} />
      </div>
    </div>
  );
}
