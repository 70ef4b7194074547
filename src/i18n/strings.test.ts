import { describe, expect, it } from 'vitest';
import { STRING_TABLES } from './strings';

describe('UI text tables', () => {
  it('define each key once, in both languages, non-empty', () => {
    const seen = new Map<string, string>();
    for (const [table, strings] of Object.entries(STRING_TABLES)) {
      for (const [key, text] of Object.entries(strings)) {
        expect(seen.get(key), `${key} is in ${seen.get(key)} and ${table}`).toBeUndefined();
        seen.set(key, table);
        expect((text as { zh: string }).zh.trim(), `${table}.${key}.zh`).not.toBe('');
        expect((text as { en: string }).en.trim(), `${table}.${key}.en`).not.toBe('');
      }
    }
  });
});
