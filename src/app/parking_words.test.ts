import { describe, expect, it } from 'vitest';
import { areaName } from './area_name';
import { parkingWords } from './parking_words';

describe('words a district head cannot misread', () => {
  it('says how many compounds there are and how many lack parking', () => {
    expect(parkingWords('zh', 0, 0)).toBe('无小区');
    expect(parkingWords('zh', 0, 4)).toBe('4 个小区，全部有停车');
    expect(parkingWords('zh', 1, 3)).toBe('3 个小区中 1 个无停车');
    expect(parkingWords('en', 1, 3)).toBe('1 of 3 compounds without parking');
  });

  it('marks a derived area name in the reader’s language', () => {
    expect(areaName('en', '秦淮区第1街道（派生）')).toBe('秦淮区第1街道 (derived)');
    expect(areaName('zh', '秦淮区第1街道（派生）')).toBe('秦淮区第1街道（派生）');
    expect(areaName('en', '春晖街道')).toBe('春晖街道');
    expect(areaName('en', '春晖街道', true)).toBe('春晖街道 (derived)');
  });
});
