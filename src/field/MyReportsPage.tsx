/** The reports filed from this phone: waiting ones, sent ones with their tracking codes, and the points earned. */
import { useEffect, useState } from 'react';
import { api } from '../campaign/api';
import { sentence, useField } from './field_context';
import { discard, type Submission } from './outbox';
import type { TrackingView } from '../../server/field/citizen_reports';

export function MyReportsPage() {
  const { tr, pending, sent, online } = useField();
  const reports = sent.filter((r) => r.kind === 'report');
  const waiting = pending.filter((p) => p.kind === 'report');
  const codes = reports.map((r) => (r.answer.report as { trackingCode: string }).trackingCode);
  const [points, setPoints] = useState<number | null>(null);
  const codeList = codes.join(',');

  useEffect(() => {
    if (!online || !codeList) return;
    let live = true;
    Promise.all(codeList.split(',').map((code) => api<{ report: TrackingView }>(`/api/field/reports/${code}`))).then(
      (views) => live && setPoints(views.reduce((sum, v) => sum + v.report.points, 0)),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [codeList, online]);

  return (
    <div className="field-list">
      <h2>{tr('fieldMyReports')}</h2>
      <p className="field-points">
        {tr('fieldPointsTotal', { n: points ?? '—' })} <small>{tr('fieldPointsRule')}</small>
      </p>
      {waiting.length + reports.length === 0 && <p>{tr('fieldNoReports')}</p>}
      <ul>
        {waiting.map((p) => (
          <li key={p.id} className="waiting">
            <strong>{p.label}</strong> {p.refused ? <Refused submission={p} /> : <span>{tr('fieldWaiting')}</span>}
          </li>
        ))}
        {reports.map((r, i) => (
          <li key={r.id}>
            <strong>{r.label}</strong> <a href={`#/track/${codes[i]}`}>{codes[i]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A submission the server refused: its sentence, and a way to let it go. */
export function Refused({ submission }: { submission: Submission }) {
  const { lang, tr } = useField();
  return (
    <span className="field-refused">
      {tr('fieldRefused', { reason: sentence(lang, submission.refused) })}{' '}
      <button type="button" className="field-link" onClick={() => void discard(submission.id)}>
        {tr('fieldDiscard')}
      </button>
    </span>
  );
}
