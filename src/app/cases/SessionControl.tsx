/**
 * The top bar's sign-in: hidden without a campaign server (a static deployment keeps the atlas only); a form
 * when signed out; the user's name and role, "my cases" and sign-out when signed in.
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../campaign/api';
import { ROLE_NAMES } from '../../domain/case_flow';
import { t, type Lang } from '../../i18n/strings';
import { actions, appStore, useApp } from '../../state/app_store';
import { signIn, signOut } from '../../state/session_driver';
import './cases.css';

export function SessionControl() {
  const lang = useApp((s) => s.hash.lang);
  const session = useApp((s) => s.session);
  const [open, setOpen] = useState(false);
  if (session.status === 'checking' || session.status === 'no-server') return null;
  if (session.status === 'signed-out' || !session.user) {
    return (
      <span className="session-control">
        <button type="button" onClick={() => setOpen(!open)} data-action="sign-in">{t(lang, 'signIn')}</button>
        {open && <SignInForm lang={lang} onDone={() => setOpen(false)} className="sign-in-popover" />}
      </span>
    );
  }
  const { user } = session;
  return (
    <span className="session-control" data-user={user.username} data-role={user.role}>
      <span className="session-user">{user.displayName}<span className="muted"> · {ROLE_NAMES[user.role][lang]}</span></span>
      <button type="button" onClick={() => actions.navigate({ my: true })} data-action="my-cases">{t(lang, 'myCases')}</button>
      <button type="button" onClick={() => void signOut(appStore)} data-action="sign-out">{t(lang, 'signOut')}</button>
    </span>
  );
}

export function SignInForm({ lang, onDone, className }: { lang: Lang; onDone?: () => void; className?: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    signIn(appStore, username.trim(), password).then(
      () => onDone?.(),
      (reason: unknown) => {
        setBusy(false);
        setError(reason instanceof ApiError ? reason : new ApiError(0, String(reason), String(reason)));
      },
    );
  };
  return (
    <form className={`sign-in-form ${className ?? ''}`} onSubmit={submit} data-form="sign-in">
      <label>{t(lang, 'username')}<input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required /></label>
      <label>{t(lang, 'password')}<input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
      {error && <p className="note error" role="alert" data-error="sign-in">{error.text(lang)}</p>}
      <button type="submit" disabled={busy}>{t(lang, 'signIn')}</button>
    </form>
  );
}
