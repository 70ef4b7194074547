/**
 * One drawn place's checklist: every item of the place type (field_checklists.json) passed, failed or not
 * applicable, photos taken on the spot (a failure needs one). Saved to the outbox with its photos, so it
 * survives a reload and uploads when the network returns; the score shown is the data file's rule.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiUser } from '../campaign/api';
import { addResult, checklistFor, emptyTally, ITEM_RESULTS, PLACE_TYPE_NAMES, tallyScore, type ItemResult } from '../domain/field_checklists';
import type { StringKey } from '../i18n/strings';
import { goTo, useField } from './field_context';
import { keptDraw, type DrawAnswer } from './inspection_draw';
import { enqueue } from './outbox';
import { keep, kept } from './saved';

interface Draft { drawId: number; results: Record<string, ItemResult>; photos: Record<string, File[]> }

const RESULT_KEYS: Record<ItemResult, StringKey> = { pass: 'fieldPass', fail: 'fieldFail', na: 'fieldNa' };

export function ChecklistPage({ placeKey }: { placeKey: string }) {
  const { lang, tr, city } = useField();
  const [answer, setAnswer] = useState<DrawAnswer | null>(null);
  const [results, setResults] = useState<Record<string, ItemResult>>({});
  const [photos, setPhotos] = useState<Record<string, File[]>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [formId] = useState(() => crypto.randomUUID());
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);

  const draftKey = `draft:${city.id}:${placeKey}`;
  const [draftLoaded, setDraftLoaded] = useState(false);
  useEffect(() => {
    void keptDraw(city.id).then(async (a) => {
      setAnswer(a ?? null);
      // a checklist half done survives the phone closing the tab (the same place in a later draw starts afresh)
      const draft = await kept<Draft>(draftKey);
      if (draft && a && draft.drawId === a.draw.id) {
        setResults(draft.results);
        setPhotos(draft.photos);
      }
      setDraftLoaded(true);
    });
  }, [city.id, draftKey]);
  useEffect(() => {
    if (draftLoaded && answer) void keep(draftKey, { drawId: answer.draw.id, results, photos } satisfies Draft);
  }, [draftLoaded, draftKey, answer, results, photos]);

  const place = answer?.draw.places.find((p) => p.key === placeKey);
  if (!answer || !place) return <p className="field-loading">{tr('fieldDrawLoading')}</p>;
  const items = checklistFor(place.type);
  const name = (x: { zh: string; en: string }) => (lang === 'zh' ? x.zh : x.en);

  const tally = emptyTally();
  for (const item of items) if (results[item.id]) addResult(tally, item.weight, results[item.id]);
  const score = tallyScore(tally);

  const save = async () => {
    const left = items.filter((i) => !results[i.id]);
    if (left.length) return setProblem(tr('fieldChecklistIncomplete', { n: left.length }));
    const unphotographed = items.filter((i) => results[i.id] === 'fail' && !photos[i.id]?.length);
    if (unphotographed.length) return setProblem(tr('fieldFailNeedsPhoto', { items: unphotographed.map(name).join(tr('fieldListSep')) }));
    if (savingRef.current) return;
    savingRef.current = true;
    setSaving(true);
    // one id per form: a double tap re-queues the same record, which the server files once
    const id = formId;
    // the signed-in inspector: a record left queued on a shared phone is never sent under the next user
    const me = await kept<{ user: ApiUser }>('me');
    const record = { clientUuid: id, drawId: answer.draw.id, placeKey, recordedAt: new Date().toISOString(), results: items.map((i) => ({ itemId: i.id, result: results[i.id] })), ...(me ? { inspectorId: me.user.id } : {}) };
    await enqueue({
      id,
      kind: 'inspection',
      url: '/api/field/inspections',
      fields: { record: JSON.stringify(record) },
      files: items.flatMap((i) => (photos[i.id] ?? []).map((file, n) => ({ field: i.id, name: file.name || `${i.id}-${n + 1}.jpg`, blob: file }))),
      label: place.name,
      placeKey,
      drawId: answer.draw.id,
      ...(me ? { userId: me.user.id } : {}),
    }).finally(() => {
      savingRef.current = false;
      setSaving(false);
    });
    await keep(draftKey, undefined);
    goTo('#/inspect');
  };

  return (
    <form className="field-form field-checklist" data-place-key={placeKey} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <a href="#/inspect">← {tr('fieldBack')}</a>
      <h2>{place.name || tr('unnamed')}</h2>
      <p>
        {name(PLACE_TYPE_NAMES[place.type])}
        {place.name !== place.pointName && ` · ${tr('fieldAround', { name: place.pointName })}`}
      </p>
      <ol className="field-items">
        {items.map((item) => (
          <li key={item.id} data-item={item.id} data-result={results[item.id] ?? ''}>
            <p>
              {name(item)} <small>({item.weight})</small>
            </p>
            <div className="field-choices" role="group" aria-label={name(item)}>
              {ITEM_RESULTS.map((r) => (
                <button key={r} type="button" data-choice={r} aria-pressed={results[item.id] === r} className={results[item.id] === r ? `chosen ${r}` : ''} onClick={() => setResults((before) => ({ ...before, [item.id]: r }))}>
                  {tr(RESULT_KEYS[r])}
                </button>
              ))}
              <label className="field-camera">
                {photos[item.id]?.length ? tr('fieldPhotos', { n: photos[item.id].length }) : tr('fieldAddPhoto')}
                <input type="file" accept="image/*" capture="environment" onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (file) setPhotos((before) => ({ ...before, [item.id]: [...(before[item.id] ?? []), file] }));
                  }} />
              </label>
            </div>
          </li>
        ))}
      </ol>
      <p className="field-score">{score === null ? '' : tr('fieldRecordScore', { score })}</p>
      {problem && <p className="field-error">{problem}</p>}
      <button type="submit" className="field-primary" disabled={saving}>
        {saving ? tr('fieldSaving') : tr('fieldSaveRecord')}
      </button>
    </form>
  );
}
