import { describe, expect, it } from 'vitest';
import { FIELD_STRINGS } from '../i18n/strings_field';
import { gpsErrorKey, unsentOf } from './field_helpers';

describe('field helpers', () => {
  it('names each GPS error code with a sentence of the table, in both languages', () => {
    const keys = [1, 2, 3, 99].map(gpsErrorKey);
    expect(keys).toEqual(['fieldGpsDenied', 'fieldGpsUnavailable', 'fieldGpsTimeout', 'fieldGpsUnavailable']);
    for (const key of keys) expect(FIELD_STRINGS[key as keyof typeof FIELD_STRINGS]).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
  });

  it('finds the records a user left unsent, not another user’s nor reports', () => {
    const queue = [{ kind: 'inspection', userId: 7 }, { kind: 'inspection', userId: 8 }, { kind: 'report' }, { kind: 'inspection' }];
    expect(unsentOf(queue, 7)).toEqual([{ kind: 'inspection', userId: 7 }]);
  });

  it('separates labels and lists by language', () => {
    expect(FIELD_STRINGS.fieldLabelSep).toEqual({ zh: '：', en: ': ' });
    expect(FIELD_STRINGS.fieldListSep).toEqual({ zh: '、', en: ', ' });
  });
});
