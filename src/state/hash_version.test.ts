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

  it('falls back to defaults for a link from a newer app, and says which version it was', () => {
    expect(parseVersionedHash('#v=2&city=demo&district=990101')).toEqual({ state: DEFAULT_STATE, tooNew: 2 });
  });
});
