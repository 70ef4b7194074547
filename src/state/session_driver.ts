/**
 * Who is signed in to the campaign server. The atlas works without it: a static deployment (no /api) is
 * 'no-server', and the supervision views stay hidden. Sign-in and sign-out go through here so the store is the
 * one place that knows the user.
 */
import type { StoreApi } from 'zustand/vanilla';
import { api, ApiError, type ApiUser } from '../campaign/api';
import type { AppState } from './app_store';

export type SessionStatus = 'checking' | 'signed-out' | 'signed-in' | 'no-server';
export interface SessionState { status: SessionStatus; user: ApiUser | null }

export const INITIAL_SESSION: SessionState = { status: 'checking', user: null };

export function connectSession(store: StoreApi<AppState>): () => void {
  const abort = new AbortController();
  api<{ user: ApiUser }>('/api/me', { signal: abort.signal }).then(
    ({ user }) => store.setState({ session: { status: 'signed-in', user } }),
    (reason: Error) => {
      if (reason.name === 'AbortError') return;
      // 401: a server that wants a sign-in; anything else (404 from a static host, no network): no server
      const status = reason instanceof ApiError && reason.status === 401 ? 'signed-out' : 'no-server';
      store.setState({ session: { status, user: null } });
    },
  );
  return () => abort.abort();
}

/** Rejects with the server's sentence (wrong password, too many tries) for the form to show. */
export async function signIn(store: StoreApi<AppState>, username: string, password: string): Promise<ApiUser> {
  const { user } = await api<{ user: ApiUser }>('/api/login', { body: { username, password } });
  store.setState({ session: { status: 'signed-in', user } });
  return user;
}

export async function signOut(store: StoreApi<AppState>): Promise<void> {
  await api('/api/logout', { method: 'POST', body: {} });
  store.setState({ session: { status: 'signed-out', user: null } });
}
