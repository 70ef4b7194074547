import { describe, expect, it } from 'vitest';
import { parseVersionedHash } from './hash_version';
import { DEFAULT_STATE, formatHash } from './url_hash';

describe('versioned links', () => {
  it('reads a link without a version as version 1', () => {
    expect(parseVersionedHash('#city=demo&district=990101')).toEqual({ state: { ...DEFAULT_STATE, city: 'demo', district: '990101' }, tooNew: null });
  });

  it('writes the version it reads', () => {
    const hash = formatHash({ ...DEFAULT_STATE, city: 'demo' });
    expect(hash).toContain('v=1');
    expect(parseVersionedHash(hash).state.city).toBe('demo');
  });

  it('keeps version 1 for the history view: a link without asof is today, one with it opens that day', () => {
    expect(parseVersionedHash('#v=1&city=demo').state.asof).toBeNull();
    expect(parseVersionedHash('#v=1&city=demo&asof=2026-10-01')).toEqual({ state: { ...DEFAULT_STATE, city: 'demo', asof: '2026-10-01' }, tooNew: null });
    expect(formatHash({ ...DEFAULT_STATE, city: 'demo', asof: '2026-10-01' })).toMatch(/^#v=1&/);
  });

  it('falls back to defaults for a link from a newer app, and says which version it was', () => {
    expect(parseVersionedHash('#v=2&city=demo&district=990101')).toEqual({ state: DEFAULT_STATE, tooNew: 2 });
  });
});
