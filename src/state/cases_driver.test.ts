import { describe, expect, it } from 'vitest';
import { seededCases } from '../campaign/test/seeded_cases';
import type { StreamEvent } from '../campaign/event_stream';
import { foldEvent } from './cases_driver';
import { INITIAL_CASES, TICKER_LENGTH, type CasesState } from './cases_state';

const cases = seededCases(30, [115.2, 33.2, 115.29, 33.27], 2, Date.parse('2026-11-30T00:00:00Z'));
const event = (id: number, item: (typeof cases)[number] | null, action = 'register'): StreamEvent => ({ id, caseId: item?.id ?? null, actorId: 1, actor: '测试', action, from: null, to: null, note: '', data: null, at: '2026-11-30T00:00:00.000Z', case: item });

describe('folding a live event into the cases', () => {
  const start: CasesState = { ...INITIAL_CASES, status: 'ready', list: cases, lastEventId: 100 };

  it('replaces the case, puts a line on the ticker and pulses the map at it', () => {
    const changed = { ...cases[3], version: cases[3].version + 1, state: 'checking' as const };
    const next = { ...start, ...foldEvent(start, event(101, changed, 'submit'), 'demo') };
    expect(next.list.find((c) => c.id === changed.id)!.state).toBe('checking');
    expect(next.list).toHaveLength(cases.length);
    expect(next.ticker[0]).toMatchObject({ eventId: 101, caseId: changed.id, action: 'submit' });
    expect(next.flash).toMatchObject({ caseId: changed.id, lon: changed.lon });
    expect(next.caseEvents[changed.id]).toBe(101);
    expect(next.lastEventId).toBe(101);
    // a photo on the same case: a line on the ticker, but the list and the pulse stay as they were
    const photo = { ...next, ...foldEvent(next, event(102, { ...changed }, 'photo'), 'demo') };
    expect(photo.list).toBe(next.list);
    expect(photo.flash).toBe(next.flash);
    expect(photo.ticker[0].action).toBe('photo');
  });

  it('adds a new case on top, keeps the ticker short, and leaves other cities’ cases out', () => {
    let state = start;
    for (let i = 0; i < TICKER_LENGTH + 5; i++) state = { ...state, ...foldEvent(state, event(200 + i, { ...cases[0], id: 1000 + i, version: 1 }, 'report'), 'demo') };
    expect(state.list[0].id).toBe(1000 + TICKER_LENGTH + 4);
    expect(state.ticker).toHaveLength(TICKER_LENGTH);
    expect(state.ticker[0].eventId).toBe(200 + TICKER_LENGTH + 4);
    const elsewhere = { ...state, ...foldEvent(state, event(300, { ...cases[1], id: 5000, cityId: 'nanjing' }), 'demo') };
    expect(elsewhere.list).toBe(state.list);
    expect(elsewhere.ticker).toBe(state.ticker);
    expect(elsewhere.lastEventId).toBe(300);
  });
});
