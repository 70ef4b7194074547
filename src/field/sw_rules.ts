/** The service worker's decisions, apart from the worker so they are tested without one. */

/**
 * Whether a navigation's answer may become the cached shell: only field.html itself (any query), answered 200 by
 * the server and not by a redirect — a captive portal's login page or an error page must never replace the shell.
 */
export function keepsAsShell(response: Pick<Response, 'ok' | 'status' | 'redirected' | 'url'>, requestUrl: string, shellUrl: string): boolean {
  if (!response.ok || response.status !== 200 || response.redirected) return false;
  const path = (u: string) => {
    const url = new URL(u);
    return `${url.origin}${url.pathname}`;
  };
  return path(requestUrl) === path(shellUrl) && (!response.url || path(response.url) === path(shellUrl));
}

/** The caches of one build: the shell (with the build's hashed /assets/) is per build; data and tiles are kept. */
export const cacheNames = (buildVersion: string) => ({ shell: `cc-field-shell-${buildVersion}`, data: 'cc-field-data-v1', tiles: 'cc-field-tiles-v1' });

/** The field caches of other builds, to delete when this build's worker activates. */
export const staleCaches = (names: readonly string[], buildVersion: string): string[] => {
  const keep = Object.values(cacheNames(buildVersion));
  return names.filter((n) => n.startsWith('cc-field-') && !keep.includes(n));
};
