import { describe, expect, it } from 'vitest';
import type { ApiCase } from './api';
import { isoWeekOf } from '../domain/iso_week';
import { byDeadline, caseCounts, caseOverdue, filterCases, NO_FILTER, upsertCase, type CaseFilter } from './case_filters';
import { seededCases } from './test/seeded_cases';

const NOW = Date.parse('2026-11-30T02:00:00Z');
const cases = seededCases(600, [115.2, 33.2, 115.29, 33.27], 7, NOW);
const ids = (list: readonly ApiCase[]) => list.map((c) => c.id);

describe('campaign weeks', () => {
  it('turn at Monday 00:00 Beijing time, which is Sunday 16:00 UTC', () => {
    expect(isoWeekOf(Date.parse('2026-11-29T15:59:59Z'))).toBe('2026-W48');
    expect(isoWeekOf(Date.parse('2026-11-29T16:00:00Z'))).toBe('2026-W49');
    expect(isoWeekOf(Date.parse('2026-12-31T17:00:00Z'))).toBe('2026-W53');
  });
});

describe('case filters', () => {
  // the reference: one plain condition per dimension, written out without the matcher's sets and hoisting
  const reference = (f: CaseFilter) =>
    cases.filter((c) => {
      const card = c.card ? c.card.colour : 'none';
      const overdue = c.card !== null && (c.state === 'registered' || c.state === 'dispatched') && Date.parse(c.card.deadline) <= NOW;
      const text = `#${c.id} ${c.title} ${c.description} ${c.gridCode}`.toLowerCase();
      return (
        (f.states.length === 0 || f.states.indexOf(c.state) >= 0) &&
        (f.cards.length === 0 || f.cards.indexOf(card as never) >= 0) &&
        (f.categoryId === null || c.categoryId === f.categoryId) &&
        (f.unitId === null || c.unitId === f.unitId) &&
        (f.gridCode === null || (c.gridCode ?? '').slice(0, f.gridCode.length) === f.gridCode) &&
        (f.week === null || isoWeekOf(Date.parse(c.createdAt)) === f.week) &&
        (!f.overdueOnly || overdue) &&
        f.text.trim().toLowerCase().split(/\s+/).filter(Boolean).every((w) => text.indexOf(w) >= 0)
      );
    });

  const filters: [string, Partial<CaseFilter>][] = [
    ['nothing', {}],
    ['two states', { states: ['dispatched', 'checking'] }],
    ['red and yellow cards', { cards: ['red', 'yellow'] }],
    ['no card', { cards: ['none'] }],
    ['a category', { categoryId: 'toilet_dirty' }],
    ['a unit', { unitId: 'community:2' }],
    ['a street prefix of grid codes', { gridCode: '99010100105' }],
    ['a week', { week: isoWeekOf(NOW - 14 * 86_400_000) }],
    ['overdue only', { overdueOnly: true }],
    ['words, any case', { text: '  公厕   案件 ' }],
    ['a case number', { text: '#42' }],
    ['everything at once', { states: ['dispatched'], cards: ['white', 'red'], overdueOnly: true, text: '案件' }],
  ];
  it.each(filters)('let through exactly what the reference does: %s', (_, patch) => {
    const filter = { ...NO_FILTER, ...patch };
    const expected = reference(filter);
    expect(ids(filterCases(cases, filter, NOW))).toEqual(ids(expected));
  });

  it('are not vacuous: each filter above but "nothing" drops some cases and keeps some', () => {
    for (const [name, patch] of filters.slice(1, -1)) {
      const kept = filterCases(cases, { ...NO_FILTER, ...patch }, NOW).length;
      expect(kept, name).toBeGreaterThan(0);
      expect(kept, name).toBeLessThan(cases.length);
    }
  });
});

describe('the wall’s counters', () => {
  it('count open cases, those overdue and the open red cards', () => {
    const open = cases.filter((c) => ['reported', 'registered', 'dispatched', 'checking'].includes(c.state));
    expect(caseCounts(cases, NOW)).toEqual({
      open: open.length,
      overdue: open.filter((c) => caseOverdue(c, NOW)).length,
      red: open.filter((c) => c.card?.colour === 'red').length,
    });
    expect(caseCounts(cases, NOW).overdue).toBeGreaterThan(0);
  });

  it('a case past its deadline is overdue only while the unit owes the fix', () => {
    const base = cases.find((c) => c.card)!;
    const late = { ...base, card: { colour: 'white', deadline: new Date(NOW - 1000).toISOString() } };
    expect(caseOverdue({ ...late, state: 'dispatched' }, NOW)).toBe(true);
    expect(caseOverdue({ ...late, state: 'checking' }, NOW)).toBe(false);
    expect(caseOverdue({ ...late, state: 'dispatched', card: { colour: 'white', deadline: new Date(NOW + 1000).toISOString() } }, NOW)).toBe(false);
  });
});

describe('my cases order and the live list', () => {
  it('puts the nearest deadline first and cases without a card last', () => {
    const sorted = cases.slice().sort(byDeadline);
    const deadlines = sorted.map((c) => (c.card ? Date.parse(c.card.deadline) : Infinity));
    for (let i = 1; i < deadlines.length; i++) expect(deadlines[i]).toBeGreaterThanOrEqual(deadlines[i - 1]);
    expect(sorted.at(-1)!.card).toBeNull();
  });

  it('never replaces a case by an older version (a replay after a reconnect)', () => {
    const item = cases[5];
    const newer = { ...item, version: item.version + 1, state: 'closed' as const };
    const list = upsertCase(cases, newer);
    expect(list.find((c) => c.id === item.id)).toBe(newer);
    expect(upsertCase(list, item)).toBe(list);
    expect(upsertCase(list, { ...newer })).toBe(list);
    expect(upsertCase(list, { ...newer, card: { colour: 'red', deadline: '2026-12-01T00:00:00.000Z' } })).not.toBe(list);
    expect(upsertCase(list, { ...item, id: 99_999 })[0].id).toBe(99_999);
    expect(list).toHaveLength(cases.length);
  });
});
