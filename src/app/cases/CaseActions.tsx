/**
 * The steps the signed-in user may take on a case now — exactly those the shared transition table allows for
 * their role and unit (actionsFor) — with the inputs each needs: a note, the unit to dispatch to, a new
 * deadline, a void reason. "Report handled" needs an after-photo, taken straight from the phone's camera.
 */
import { useState } from 'react';
import { ApiError, type ApiCase, type ApiPhoto } from '../../campaign/api';
import { offeredActions } from '../../campaign/offered_actions';
import type { CaseAction, Transition } from '../../domain/case_flow';
import { t, type Lang } from '../../i18n/strings';
import { useApp } from '../../state/app_store';
import { caseActions } from '../../state/cases_driver';

const DAY_MS = 86_400_000;
/** an ISO instant as a datetime-local input's value, local time */
const localInput = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export function CaseActions({ lang, item, photos, onChanged, compact = false }: { lang: Lang; item: ApiCase; photos: readonly ApiPhoto[]; onChanged: () => void; compact?: boolean }) {
  const user = useApp((s) => s.session.user);
  const units = useApp((s) => s.cases.units);
  const [note, setNote] = useState('');
  const [unitId, setUnitId] = useState(item.unitId ?? item.gridUnitId ?? '');
  const [deadline, setDeadline] = useState(() => localInput((item.card ? Date.parse(item.card.deadline) : Date.now()) + 3 * DAY_MS));
  const [voidReason, setVoidReason] = useState('invalid');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const offered = offeredActions(item, user);
  if (!user || offered.length === 0) return null;
  const hasAfter = photos.some((p) => p.kind === 'after');
  const needs = new Set(offered.flatMap((a) => a.needs));
  const fail = (reason: unknown) => {
    setBusy(null);
    setError(reason instanceof ApiError ? reason.text(lang) : String(reason));
  };
  const run = (transition: Transition) => {
    const action = transition.action as Exclude<CaseAction, 'report'>;
    const text = note.trim() || (action === 'submit' ? t(lang, 'caseHandledNote') : '');
    if (transition.needs.includes('note') && !text) return setError(t(lang, 'caseNoteNeeded', { action: transition[lang] }));
    setBusy(action);
    setError(null);
    caseActions
      .act(item, action, { note: text || undefined, unitId: action === 'dispatch' ? unitId : undefined, deadline: action === 'extend' ? new Date(deadline).toISOString() : undefined, voidReason: action === 'void' ? voidReason : undefined })
      .then(() => {
        setBusy(null);
        setNote('');
        onChanged();
      }, fail);
  };
  const upload = (file: File | undefined) => {
    if (!file) return;
    setBusy('photo');
    setError(null);
    caseActions.uploadPhoto(item.id, 'after', file).then(() => {
      setBusy(null);
      onChanged();
    }, fail);
  };
  return (
    <div className={`case-actions${compact ? ' compact' : ''}`} data-case-actions={item.id}>
      {needs.has('unit') && (
        <label>{t(lang, 'caseDispatchTo')}
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)} data-input="unit">
            {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
      )}
      {needs.has('deadline') && (
        <label>{t(lang, 'caseNewDeadline')}<input type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} data-input="deadline" /></label>
      )}
      {needs.has('voidReason') && (
        <label>{t(lang, 'caseVoidReason')}
          <select value={voidReason} onChange={(e) => setVoidReason(e.target.value)} data-input="void-reason">
            <option value="invalid">{t(lang, 'caseVoidInvalid')}</option>
            <option value="duplicate">{t(lang, 'caseVoidDuplicate')}</option>
          </select>
        </label>
      )}
      {offered.some((a) => a.action === 'submit') && (
        <label className={`photo-pick${hasAfter ? ' done' : ''}`}>
          {hasAfter ? t(lang, 'caseAfterPhotoDone') : t(lang, 'caseAfterPhoto')}
          <input type="file" accept="image/*" capture="environment" onChange={(e) => upload(e.target.files?.[0])} disabled={busy !== null} data-photo-input="after" />
        </label>
      )}
      {needs.has('note') && <textarea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t(lang, 'caseNotePlaceholder')} rows={compact ? 1 : 2} maxLength={2000} data-input="note" />}
      <div className="case-action-buttons">
        {offered.map((a) => (
          <button
            key={a.action}
            type="button"
            className={a.action === 'pass' || a.action === 'submit' || a.action === 'dispatch' || a.action === 'register' ? 'primary' : undefined}
            disabled={busy !== null || (a.action === 'submit' && !hasAfter)}
            onClick={() => run(a)}
            data-case-action={a.action}
            aria-busy={busy === a.action}
          >
            {a[lang]}
          </button>
        ))}
      </div>
      {a11yBusy(busy, lang)}
      {error && <p className="note error" role="alert" data-error="case-action">{error}</p>}
    </div>
  );
}

const a11yBusy = (busy: string | null, lang: Lang) => (busy ? <p className="status" aria-live="polite">{t(lang, busy === 'photo' ? 'casePhotoUploading' : 'caseSending')}</p> : null);
