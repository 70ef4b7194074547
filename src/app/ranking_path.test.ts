import { describe, expect, it } from 'vitest';
import { levelPatch, pathPatch, rankPath } from './ranking_path';

describe('the ranking path in the link', () => {
  it('lists the level below the area of the link', () => {
    expect(rankPath({ district: null, area: null, level: null })).toEqual({ level: 'district', parent: null });
    expect(rankPath({ district: '990101', area: null, level: null })).toEqual({ level: 'street', parent: '990101' });
    expect(rankPath({ district: '990101', area: '990101001', level: null })).toEqual({ level: 'community', parent: '990101001' });
  });

  it('round-trips a drill-down step through the link', () => {
    expect(rankPath({ ...pathPatch('990101001002', null) })).toEqual({ level: 'grid', parent: '990101001002' });
  });

  it('keeps a chosen level below the area, and moves the area up when the level is not below it', () => {
    expect(rankPath(levelPatch({ level: 'street', parent: '990101' }, 'grid'))).toEqual({ level: 'grid', parent: '990101' });
    expect(rankPath(levelPatch({ level: 'grid', parent: '990101001002' }, 'street'))).toEqual({ level: 'street', parent: '990101' });
    expect(rankPath(levelPatch({ level: 'street', parent: '990101' }, 'district'))).toEqual({ level: 'district', parent: null });
  });
});
