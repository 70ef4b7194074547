import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIX_SURROUNDINGS } from './categories';
import { addResult, checklistFor, emptyTally, PLACE_TYPES, tallyScore, type ItemResult } from './field_checklists';

const reference = JSON.parse(readFileSync('server/data/reference.json', 'utf8')) as { categories: { id: string }[] };

describe('the mock-inspection checklists', () => {
  it('have a checklist for alleys, compounds and every six-surroundings point type', () => {
    expect(PLACE_TYPES.sort()).toEqual(['alley', 'compound', ...SIX_SURROUNDINGS].sort());
    for (const type of PLACE_TYPES) expect(checklistFor(type).length, type).toBeGreaterThanOrEqual(5);
  });

  it('open cases of categories the server knows, with positive weights, each item once per place type', () => {
    const known = new Set(reference.categories.map((c) => c.id));
    for (const type of PLACE_TYPES) {
      const items = checklistFor(type);
      expect(new Set(items.map((i) => i.id)).size, type).toBe(items.length);
      for (const item of items) {
        expect(known.has(item.caseCategory), `${item.id} → ${item.caseCategory}`).toBe(true);
        expect(item.weight).toBeGreaterThan(0);
      }
    }
  });

  it('score 100 × passed weight / applicable weight, not-applicable items in neither', () => {
    const tally = emptyTally();
    const results: [number, ItemResult][] = [[3, 'pass'], [2, 'fail'], [5, 'na'], [1, 'pass']];
    for (const [weight, result] of results) addResult(tally, weight, result);
    expect(tally).toEqual({ passedWeight: 4, applicableWeight: 6, passed: 2, failed: 1, notApplicable: 1 });
    expect(tallyScore(tally)).toBe(66.7);
    expect(tallyScore(emptyTally())).toBeNull();
  });
});
