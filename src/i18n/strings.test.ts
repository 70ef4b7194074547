import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it('hold no unused bulletin text: every key of strings_bulletin.ts is named somewhere in src', () => {
    const files = (readdirSync('src', { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && !f.startsWith('i18n'));
    const code = files.map((f) => readFileSync(join('src', f), 'utf8')).join('\n');
    const unused = Object.keys(STRING_TABLES.BULLETIN_STRINGS).filter((key) => !code.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });
});
