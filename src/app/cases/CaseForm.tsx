/**
 * The case form (上报 / 督办): opened empty at the map's centre, or prefilled by a 督办 button with the figures
 * that raised it. The server offers open cases of the same category nearby first; the user opens one of them
 * or files anyway.
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../campaign/api';
import { t } from '../../i18n/strings';
import { actions, selectCityId, useApp } from '../../state/app_store';
import { caseActions } from '../../state/cases_driver';
import type { CaseDraft } from '../../state/cases_state';
import { AnalysisFigures } from './CaseDrawer';
import { stateName } from './case_words';

interface Duplicate { id: number; title: string; state: string; distanceM: number }

export function CaseForm({ draft }: { draft: CaseDraft }) {
  const lang = useApp((s) => s.hash.lang);
  const categories = useApp((s) => s.cases.categories);
  const cityId = useApp(selectCityId);
  const [form, setForm] = useState(draft);
  const [photo, setPhoto] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<Duplicate[] | null>(null);
  const close = () => caseActions.openDraft(null);
  const send = (notDuplicate: boolean) => {
    if (!cityId) return;
    setBusy(true);
    setError(null);
    caseActions
      .report(cityId, { ...form, title: form.title.trim() }, notDuplicate)
      .then(async (item) => {
        if (photo) await caseActions.uploadPhoto(item.id, 'before', photo);
        close();
        actions.navigate({ case: item.id, tab: 'cases' });
      })
      .catch((reason: unknown) => {
        setBusy(false);
        const offered = reason instanceof ApiError && reason.status === 409 ? (reason.details as { duplicates?: Duplicate[] } | undefined)?.duplicates : undefined;
        if (offered?.length) setDuplicates(offered);
        setError(reason instanceof ApiError ? reason.text(lang) : String(reason));
      });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(false);
  };
  return (
    <div className="case-form-backdrop" role="dialog" aria-modal="true" aria-label={t(lang, 'caseFormTitle')}>
      <form className="case-form" onSubmit={submit} data-form="case" data-source={form.source}>
        <h2>{form.source === 'report' ? t(lang, 'caseFormTitle') : t(lang, 'caseRaiseTitle')}</h2>
        <label>{t(lang, 'caseCategory')}
          <select value={form.categoryId} onChange={(e) => setForm({ ...form, categoryId: e.target.value })} data-input="category" required>
            {categories.map((c) => <option key={c.id} value={c.id}>{c.code} {lang === 'zh' ? c.nameZh : c.nameEn}</option>)}
          </select>
        </label>
        <label>{t(lang, 'caseTitleField')}<input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} maxLength={200} required data-input="title" /></label>
        <label>{t(lang, 'caseDescription')}<textarea value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} maxLength={4000} rows={3} data-input="description" /></label>
        <p className="muted">{t(lang, 'casePosition')} {form.lon.toFixed(5)}, {form.lat.toFixed(5)}</p>
        <label>
          {t(lang, 'photoBefore')}
          {/* the page's words over the browser's own button, which speaks the browser's language (cases.css) */}
          <span className={`photo-pick${photo ? ' done' : ''}`}>
            {photo ? photo.name : t(lang, 'photoPick')}
            <input type="file" accept="image/*" capture="environment" onChange={(e) => setPhoto(e.target.files?.[0] ?? null)} data-photo-input="before" />
          </span>
        </label>
        {form.analysis && <AnalysisFigures lang={lang} analysis={form.analysis} />}
        {error && <p className="note error" role="alert" data-error="case-form">{error}</p>}
        {duplicates && (
          <div className="case-duplicates" data-duplicates={duplicates.length}>
            <p>{t(lang, 'caseDuplicatesOffered')}</p>
            <ul>
              {duplicates.map((d) => (
                <li key={d.id}>
                  <button type="button" onClick={() => { close(); actions.navigate({ case: d.id, tab: 'cases' }); }} data-duplicate={d.id}>#{d.id} {d.title}</button>
                  <span className="muted"> · {stateName(lang, d.state)} · {Math.round(d.distanceM)} m</span>
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => send(true)} disabled={busy} data-action="file-anyway">{t(lang, 'caseFileAnyway')}</button>
          </div>
        )}
        <div className="case-form-buttons">
          <button type="button" onClick={close}>{t(lang, 'cancel')}</button>
          <button type="submit" className="primary" disabled={busy || !form.title.trim() || !form.categoryId} data-action="send-case">{t(lang, 'caseSend')}</button>
        </div>
      </form>
    </div>
  );
}
