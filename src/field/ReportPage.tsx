/**
 * 随手拍: photo, place (the phone's GPS, the photo's EXIF, or a tap on the map), category, a few words. The
 * report goes to the outbox first and uploads when it can; the page then shows its tracking code.
 */
import exifr from 'exifr';
import { useEffect, useMemo, useRef, useState } from 'react';
import { gpsErrorKey } from './field_helpers';
import { deviceId, enqueue } from './outbox';
import { sentence, useField } from './field_context';
import { fetchKept } from './saved';
import { TapMap } from './TapMap';

type LocatedBy = 'gps' | 'exif' | 'tap';
interface Place { lon: number; lat: number; by: LocatedBy }
interface Category { id: string; zh: string; en: string }

export function ReportPage() {
  const { lang, city, tr, pending, sent } = useField();
  const [photo, setPhoto] = useState<File | null>(null);
  const [place, setPlace] = useState<Place | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [categoryId, setCategoryId] = useState('');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [formId, setFormId] = useState(() => crypto.randomUUID());
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);
  // the map only when asked for: a phone on poor signal (and software WebGL) need not draw it for an EXIF or GPS place
  const [mapShown, setMapShown] = useState(false);
  const preview = useMemo(() => (photo ? URL.createObjectURL(photo) : null), [photo]);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  useEffect(() => {
    fetchKept<{ categories: Category[] }>('report-categories', '/api/field/categories').then(
      ({ value }) => setCategories(value.categories),
      (reason) => setProblem(tr('fieldError', { reason: sentence(lang, reason) })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const choosePhoto = async (file: File | undefined) => {
    setPhoto(file ?? null);
    if (!file) return;
    const gps = await exifr.gps(file).catch(() => undefined);
    if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) setPlace({ lon: gps.longitude, lat: gps.latitude, by: 'exif' });
  };

  const useGps = () =>
    navigator.geolocation.getCurrentPosition(
      (p) => setPlace({ lon: p.coords.longitude, lat: p.coords.latitude, by: 'gps' }),
      (error) => setProblem(tr(gpsErrorKey(error.code))),
      { enableHighAccuracy: true, timeout: 15_000 },
    );

  const submit = async () => {
    if (!photo) return setProblem(tr('fieldPhotoNeeded'));
    if (!place) return setProblem(tr('fieldNoLocation'));
    if (!categoryId) return setProblem(tr('fieldChooseCategory'));
    if (savingRef.current) return;
    savingRef.current = true;
    setSaving(true);
    // one id per form: a second tap re-queues the same submission, which the server files once
    const id = formId;
    const category = categories.find((c) => c.id === categoryId);
    await enqueue({
      id,
      kind: 'report',
      url: '/api/field/reports',
      fields: { cityId: city.id, categoryId, description: description.trim(), lon: String(place.lon), lat: String(place.lat), locatedBy: place.by, clientUuid: id, deviceId: deviceId() },
      files: [{ field: 'photo', name: photo.name || 'photo.jpg', blob: photo }],
      label: category ? (lang === 'zh' ? category.zh : category.en) : categoryId,
    }).finally(() => {
      savingRef.current = false;
      setSaving(false);
    });
    setSubmitted(id);
  };

  if (submitted) return <Submitted id={submitted} pending={pending} sent={sent} again={() => { setFormId(crypto.randomUUID()); setSubmitted(null); setPhoto(null); setPlace(null); setDescription(''); setProblem(null); setMapShown(false); }} />;

  return (
    <form className="field-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label className="field-photo">
        <span>{tr('fieldPhoto')}</span>
        {preview ? <img src={preview} alt={tr('fieldPhoto')} /> : <span className="field-photo-empty">{tr('fieldTakePhoto')}</span>}
        <input type="file" accept="image/*" capture="environment" name="photo" onChange={(e) => void choosePhoto(e.target.files?.[0])} />
      </label>
      <fieldset>
        <legend>{tr('fieldLocation')}</legend>
        <p className="field-located" data-located-by={place?.by ?? ''}>
          {place ? `${place.lat.toFixed(5)}, ${place.lon.toFixed(5)} · ${tr(`fieldLocatedBy_${place.by}`)}` : tr('fieldTapHint')}
        </p>
        <div className="field-row">
          <button type="button" onClick={useGps}>
            {tr('fieldUseGps')}
          </button>
          {!mapShown && (
            <button type="button" name="show-map" onClick={() => setMapShown(true)}>
              {tr('fieldPickOnMap')}
            </button>
          )}
        </div>
        {mapShown && <TapMap city={city} point={place ? [place.lon, place.lat] : null} onPick={(lon, lat) => setPlace({ lon, lat, by: 'tap' })} label={tr('fieldTapHint')} />}
      </fieldset>
      <label>
        <span>{tr('fieldReportCategory')}</span>
        <select name="category" value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
          <option value="">{tr('fieldChooseCategory')}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {lang === 'zh' ? c.zh : c.en}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{tr('fieldDescription')}</span>
        <textarea name="description" maxLength={500} rows={3} placeholder={tr('fieldDescriptionHint')} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      {problem && <p className="field-error">{problem}</p>}
      <button type="submit" className="field-primary" disabled={saving}>
        {saving ? tr('fieldSaving') : tr('fieldSubmit')}
      </button>
    </form>
  );
}

function Submitted({ id, pending, sent, again }: { id: string; pending: ReturnType<typeof useField>['pending']; sent: ReturnType<typeof useField>['sent']; again: () => void }) {
  const { lang, tr } = useField();
  const receipt = sent.find((r) => r.id === id);
  const waiting = pending.find((p) => p.id === id);
  const answer = receipt?.answer.report as { trackingCode: string; folded: boolean } | undefined;
  return (
    <div className="field-done" data-report-state={answer ? 'sent' : waiting?.refused ? 'refused' : 'queued'}>
      {answer ? (
        <>
          <p className="field-ok">{tr('fieldSent', { code: answer.trackingCode })}</p>
          {answer.folded && <p>{tr('fieldFolded')}</p>}
          <a className="field-big secondary" href={`#/track/${answer.trackingCode}`}>
            {tr('fieldTrack')}
          </a>
        </>
      ) : waiting?.refused ? (
        <p className="field-error">{tr('fieldRefused', { reason: sentence(lang, waiting.refused) })}</p>
      ) : (
        <p>{tr('fieldQueued')}</p>
      )}
      <button type="button" onClick={again}>
        {tr('fieldReportAction')}
      </button>
    </div>
  );
}
