import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { REFERENCE_FILE, referenceData } from '../db/reference_data';
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

  it('accepts week 53 only in years that have one, against a count of Thursdays', () => {
    for (let year = 2000; year <= 2040; year++) {
      // an independent reference: a year has 53 ISO weeks iff it has 53 Thursdays (Jan 1 a Thursday, or a leap year's Jan 1 a Wednesday)
      let thursdays = 0;
      for (let d = Date.UTC(year, 0, 1); d < Date.UTC(year + 1, 0, 1); d += 86_400_000) if (new Date(d).getUTCDay() === 4) thursdays++;
      const week53 = `${year}-W53`;
      if (thursdays === 53) {
        expect(isoWeekOf(weekRange(week53).start), week53).toBe(week53);
        expect(weekRange(`${year + 1}-W01`).start).toBe(weekRange(week53).end);
      } else {
        expect(() => weekRange(week53), week53).toThrow(/ISO week/);
        expect(weekRange(`${year + 1}-W01`).start).toBe(weekRange(`${year}-W52`).end);
      }
      expect(isoWeekOf(weekRange(`${year}-W01`).start)).toBe(`${year}-W01`);
    }
  });
});

describe('the reference data', () => {
  it('is read once: every request gets the same flags without going to the disk again', () => {
    expect(referenceData()).toBe(referenceData());
    expect(referenceData().flags).toEqual(JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')).flags);
    expect(referenceData().flags.red).toBeGreaterThan(0);
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
