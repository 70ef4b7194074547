import { describe, expect, it } from 'vitest';
import { earnsBlackFlag, earnsRedFlag, isoWeekOf, weekRange } from './weekly_ranking';

describe('ISO weeks on the Beijing clock', () => {
  it('puts every moment inside the range of its own week, over several years', () => {
    for (let ms = Date.UTC(2024, 11, 20); ms < Date.UTC(2027, 0, 15); ms += 3_600_000 * 7.3) {
      const { start, end } = weekRange(isoWeekOf(ms));
      expect(start <= ms && ms < end).toBe(true);
    }
  });

  it('matches known weeks: 2026-W47 starts on Monday 16 November 00:00 in Beijing', () => {
    expect(new Date(weekRange('2026-W47').start).toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(isoWeekOf(Date.UTC(2026, 10, 29, 21))).toBe('2026-W49');
    expect(isoWeekOf(Date.UTC(2026, 10, 29, 15))).toBe('2026-W48');
    expect(isoWeekOf(Date.UTC(2021, 0, 3, 12))).toBe('2020-W53');
  });

  it('refuses a malformed week with a sentence', () => {
    expect(() => weekRange('2026-47')).toThrow(/ISO week such as 2026-W47/);
    expect(() => weekRange('2026-W60')).toThrow(/ISO week/);
  });
});

describe('flags are earned', () => {
  const row = (closedOnTime: number, overdue: number, redCards: number, rework: number) => ({ closedOnTime, overdue, redCards, rework });
  it('a red flag needs an on-time closure and nothing overdue or red-carded', () => {
    expect(earnsRedFlag(row(1, 0, 0, 0))).toBe(true);
    expect(earnsRedFlag(row(0, 0, 0, 0))).toBe(false);
    expect(earnsRedFlag(row(3, 1, 0, 0))).toBe(false);
    expect(earnsRedFlag(row(3, 0, 1, 0))).toBe(false);
  });
  it('a black flag needs a failure: overdue, a red card or a rework', () => {
    expect(earnsBlackFlag(row(0, 0, 0, 0))).toBe(false);
    expect(earnsBlackFlag(row(0, 1, 0, 0))).toBe(true);
    expect(earnsBlackFlag(row(2, 0, 1, 0))).toBe(true);
    expect(earnsBlackFlag(row(2, 0, 0, 1))).toBe(true);
  });
});
