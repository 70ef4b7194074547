import { describe, expect, it } from 'vitest';
import { cacheNames, keepsAsShell, staleCaches } from './sw_rules';

const SHELL = 'https://atlas.example/field.html';
const answer = (over: Partial<Pick<Response, 'ok' | 'status' | 'redirected' | 'url'>> = {}) => ({ ok: true, status: 200, redirected: false, url: SHELL, ...over });

describe('the service worker’s rules', () => {
  it('keeps only field.html’s own 200 answer as the shell: not a redirect (captive portal), an error, or another page', () => {
    expect(keepsAsShell(answer(), `${SHELL}?x=1#/inspect`, SHELL)).toBe(true);
    expect(keepsAsShell(answer({ redirected: true, url: 'https://portal.example/login' }), SHELL, SHELL)).toBe(false);
    expect(keepsAsShell(answer({ ok: false, status: 503 }), SHELL, SHELL)).toBe(false);
    expect(keepsAsShell(answer({ url: 'https://atlas.example/fieldx' }), 'https://atlas.example/fieldx', SHELL)).toBe(false);
  });

  it('names the shell cache by build and deletes other builds’ shells, keeping data and tiles', () => {
    expect(cacheNames('abc').shell).not.toBe(cacheNames('def').shell);
    expect(staleCaches(['cc-field-shell-v1', 'cc-field-shell-abc', 'cc-field-data-v1', 'cc-field-tiles-v1', 'other'], 'abc')).toEqual(['cc-field-shell-v1']);
  });
});
