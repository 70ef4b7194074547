/**
 * The inspectors' start: sign in (once, online), then today's draw for their area — kept on the phone, so the
 * round goes on without a network — with each place's state: to record, queued, uploaded.
 */
import { useEffect, useState } from 'react';
import { api, ApiError, type ApiUser } from '../campaign/api';
import { PLACE_TYPE_NAMES } from '../domain/field_checklists';
import type { StringKey } from '../i18n/strings';
import { sentence, useField } from './field_context';
import { fetchDraw, placeStatus, type DrawAnswer, type PlaceStatus } from './inspection_draw';
import { Refused } from './MyReportsPage';
import { fetchKept, keep } from './saved';
import { unsentOf } from './field_helpers';
import { discard, pendingSubmissions } from './outbox';

const STATUS_KEYS: Record<PlaceStatus, StringKey> = { done: 'fieldPlaceDone', queued: 'fieldPlaceQueued', refused: 'fieldPlaceRefused', todo: 'fieldPlaceTodo' };

export function InspectPage() {
  const { lang, tr, city, pending, sent } = useField();
  const [user, setUser] = useState<ApiUser | null | 'signed-out'>(null);
  const [draw, setDraw] = useState<{ answer: DrawAnswer; offline: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    fetchKept<{ user: ApiUser }>('me', '/api/me').then(
      ({ value }) => setUser(value.user),
      (reason) => (reason instanceof ApiError && reason.status === 401 ? setUser('signed-out') : setProblem(sentence(lang, reason))),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!user || user === 'signed-out') return;
    fetchDraw(city.id).then(
      ({ value, offline }) => setDraw({ answer: value, offline }),
      (reason) => setProblem(tr('fieldDrawFailed', { reason: sentence(lang, reason) })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user, city.id]);

  if (user === 'signed-out') return <SignIn onSignedIn={setUser} />;
  if (problem) return <p className="field-error">{problem}</p>;
  if (!user || !draw) return <p className="field-loading">{tr('fieldDrawLoading')}</p>;

  const { answer, offline } = draw;
  const statuses = answer.draw.places.map((p) => placeStatus(answer, p, pending, sent));
  const done = statuses.filter((s) => s !== 'todo').length;
  const groups = new Map<string, number[]>();
  answer.draw.places.forEach((p, i) => groups.set(p.pointName, [...(groups.get(p.pointName) ?? []), i]));

  const signOut = async () => {
    const unsent = unsentOf(await pendingSubmissions(), user.id);
    if (unsent.length > 0) {
      if (!window.confirm(tr('fieldSignOutUnsent', { n: unsent.length }))) return;
      for (const s of unsent) await discard(s.id);
    }
    await api('/api/logout', { method: 'POST', body: {} }).catch(() => {});
    await keep('me', undefined);
    setUser('signed-out');
  };

  return (
    <div className="field-list" data-draw-id={answer.draw.id}>
      <h2>{tr('fieldDrawTitle', { day: answer.draw.day })}</h2>
      <p>
        {user.displayName} · {tr('fieldDrawProgress', { done, total: answer.draw.places.length })}{' '}
        <button type="button" className="field-link" onClick={() => void signOut()}>
          {tr('fieldSignOut')}
        </button>
      </p>
      {offline && <p className="field-note">{tr('fieldDrawOffline')}</p>}
      {[...groups].map(([pointName, indices]) => (
        <section key={pointName} className="field-point">
          <h3>{tr('fieldAround', { name: pointName })}</h3>
          <ul>
            {indices.map((i) => {
              const place = answer.draw.places[i];
              return (
                <li key={place.key} data-place-key={place.key} data-status={statuses[i]}>
                  <a href={`#/inspect/${encodeURIComponent(place.key)}`}>
                    <span className="field-place-type">{lang === 'zh' ? PLACE_TYPE_NAMES[place.type].zh : PLACE_TYPE_NAMES[place.type].en}</span>
                    <strong>
                      {place.name || tr('unnamed')}
                      {place.distanceM ? <small className="field-distance">{tr('fieldDistance', { m: place.distanceM })}</small> : null}
                    </strong>
                    <span className={`field-badge ${statuses[i]}`}>{tr(STATUS_KEYS[statuses[i]])}</span>
                  </a>
                  {statuses[i] === 'refused' && <Refused submission={pending.find((p) => p.placeKey === place.key && p.drawId === answer.draw.id)!} />}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      <a className="field-big secondary" href="#/scores">
        {tr('fieldScoresAction')}
      </a>
    </div>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (user: ApiUser) => void }) {
  const { lang, tr } = useField();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    try {
      const { user } = await api<{ user: ApiUser }>('/api/login', { body: { username, password } });
      await keep('me', { user });
      onSignedIn(user);
    } catch (reason) {
      setProblem(sentence(lang, reason));
    }
  };
  return (
    <form className="field-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2>{tr('fieldSignIn')}</h2>
      <label>
        <span>{tr('fieldUsername')}</span>
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        <span>{tr('fieldPassword')}</span>
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {problem && <p className="field-error">{problem}</p>}
      <button type="submit" className="field-primary">
        {tr('fieldSignInAction')}
      </button>
    </form>
  );
}
