import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, formatHash, parseHash, type HashState } from './url_hash';

describe('url hash', () => {
  it('round-trips a full state', () => {
    const state: HashState = {
      city: 'nanjing',
      lang: 'en',
      theme: 'dark',
      overlays: ['facilities', 'boundaries'],
      hiddenCategories: ['parking', 'toilet'],
      view: { lon: 118.78123, lat: 32.04456, zoom: 14.5 },
      analysis: { toiletDistanceM: 300, zoneRadiusM: 1500, parkingRadiusM: 200, network: true, includeInstitutionToilets: false, toiletByLandUse: true },
      grid: '32010490190101',
      district: '320104',
      area: '320104001',
      level: 'grid',
      tab: 'mock',
      metric: 'unserved',
      mock: { seed: 20261122, min: 2, max: 2 },
      wall: { cycleS: 5, reloadS: 60 },
      bulletin: '2026-W48',
      trend: '320104001',
      compare: { from: '2026-11-01', to: '2026-11-20', figure: 'toiletCoverage' },
      case: 4711,
      my: true,
      asof: '2026-10-01',
    };
    expect(parseHash(formatHash(state))).toEqual(state);
  });

  it('opens the bulletin of a well-formed ISO week only, and keeps older links without it', () => {
    expect(parseHash('#bulletin=2026-W48').bulletin).toBe('2026-W48');
    expect(parseHash('#bulletin=2026-48').bulletin).toBeNull();
    // 2025 has 52 ISO weeks, 2026 has 53
    expect(parseHash('#bulletin=2025-W53').bulletin).toBeNull();
    expect(parseHash('#bulletin=2026-W53').bulletin).toBe('2026-W53');
    expect(parseHash('#trend=12345').trend).toBeNull();
    expect(parseHash('#compare=2026-11-01,2026-13,x').compare).toBeNull();
    expect(parseHash('#v=1&city=demo&tab=ranking')).toEqual({ ...DEFAULT_STATE, city: 'demo', tab: 'ranking' });
  });

  it('writes nothing but the city for the defaults', () => {
    expect(formatHash({ ...DEFAULT_STATE, city: 'demo' })).toBe('#v=1&city=demo');
  });

  it('falls back to defaults for malformed parts', () => {
    const state = parseHash('#city=../etc&lang=fr&theme=neon&layers=facilities,bogus&view=999,1,2&zone=100&toilet=abc&grid=123');
    expect(state).toEqual({ ...DEFAULT_STATE, overlays: ['facilities'] });
  });

  it('opens the wall from a bare #wall with its default timers', () => {
    expect(parseHash('#city=demo&wall').wall).toEqual({ cycleS: 20, reloadS: 300 });
    expect(formatHash({ ...DEFAULT_STATE, city: 'demo', wall: { cycleS: 20, reloadS: 300 } })).toBe('#v=1&city=demo&wall');
    expect(parseHash('#mock=7&pick=1-2').mock).toEqual({ seed: 7, min: 1, max: 2 });
    expect(parseHash('#mock=x').mock).toBeNull();
  });

  it('opens a case and the phone list from their keys, and ignores a malformed case number', () => {
    expect(parseHash('#city=demo&case=12&my')).toMatchObject({ case: 12, my: true });
    expect(formatHash({ ...DEFAULT_STATE, city: 'demo', case: 12, my: true })).toBe('#v=1&city=demo&case=12&my');
    expect(parseHash('#case=0').case).toBeNull();
    expect(parseHash('#case=12abc').case).toBeNull();
    expect(parseHash('#city=demo').my).toBe(false);
  });

  it('opens the history view of a real calendar day only, and writes it back as it came', () => {
    expect(parseHash('#city=demo&asof=2026-10-01').asof).toBe('2026-10-01');
    expect(formatHash({ ...DEFAULT_STATE, city: 'demo', asof: '2026-10-01' })).toBe('#v=1&city=demo&asof=2026-10-01');
    for (const bad of ['2026-02-30', '2026-10-1', '20261001', 'today', '']) expect(parseHash(`#city=demo&asof=${bad}`).asof, bad).toBeNull();
    expect(parseHash('#city=demo').asof).toBeNull();
  });

  it('keeps an explicitly empty layer list (everything switched off)', () => {
    expect(parseHash(formatHash({ ...DEFAULT_STATE, overlays: [] })).overlays).toEqual([]);
  });
});
