/** Shows its children only with a signed-in session; otherwise says what is missing (the server, or a sign-in). */
import type { ReactNode } from 'react';
import { ApiError } from '../../campaign/api';
import { t, type Lang } from '../../i18n/strings';
import { useApp } from '../../state/app_store';
import type { Loaded } from './use_server_data';

export function ServerGate({ lang, children }: { lang: Lang; children: ReactNode }) {
  const status = useApp((s) => s.session.status);
  if (status === 'signed-in') return <>{children}</>;
  const key = status === 'checking' ? 'sessionChecking' : status === 'no-server' ? 'needsServer' : 'needsSignIn';
  return <p className="note" data-gate={status}>{t(lang, key)}</p>;
}

/** A loading line or the server's sentence, for any Loaded that is not ready. */
export function LoadState({ lang, loaded, loading }: { lang: Lang; loaded: Loaded<unknown>; loading?: string }) {
  if (loaded.status === 'loading') return <p className="note" data-loading="true">{loading ?? t(lang, 'loading')}</p>;
  if (loaded.status === 'error') return <p className="note error" data-error="server">{t(lang, 'loadFailedShort')}: {loaded.error instanceof ApiError ? loaded.error.text(lang) : loaded.error.message}</p>;
  return null;
}
