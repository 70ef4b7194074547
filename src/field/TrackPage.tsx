/** 事事有回应: what became of one report — its case's state now and each step since the report, with the points. */
import { useEffect, useState } from 'react';
import type { StringKey } from '../i18n/strings';
import type { TrackingView } from '../../server/field/citizen_reports';
import { api } from '../campaign/api';
import { sentence, useField } from './field_context';

const STEP_KEYS: Record<string, StringKey> = {
  report: 'fieldStep_report',
  register: 'fieldStep_register',
  void: 'fieldStep_void',
  dispatch: 'fieldStep_dispatch',
  submit: 'fieldStep_submit',
  pass: 'fieldStep_pass',
};
const VOID_KEYS: Record<string, StringKey> = { duplicate: 'fieldVoid_duplicate', invalid: 'fieldVoid_invalid' };

const localTime = (iso: string, lang: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function TrackPage({ code }: { code: string }) {
  const { lang, tr } = useField();
  const [view, setView] = useState<TrackingView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api<{ report: TrackingView }>(`/api/field/reports/${encodeURIComponent(code)}`).then(
      ({ report }) => setView(report),
      (reason) => setProblem(sentence(lang, reason)),
    );
  }, [code, lang]);

  return (
    <div className="field-track" data-state={view?.state ?? ''}>
      <h2>{tr('fieldTrackTitle', { code })}</h2>
      {problem && <p className="field-error">{problem}</p>}
      {view && (
        <>
          <p className="field-state">
            {tr('fieldTrackState')}
            {tr('fieldLabelSep')}<strong>{lang === 'zh' ? view.stateName.zh : view.stateName.en}</strong>
          </p>
          <p>
            {lang === 'zh' ? view.category.zh : view.category.en} · {tr('fieldReportedAt')} {localTime(view.reportedAt, lang)}
          </p>
          {view.folded && <p>{tr('fieldFolded')}</p>}
          <ol className="field-steps">
            {view.steps
              .filter((s) => STEP_KEYS[s.action])
              .map((s, i) => (
                <li key={i}>
                  <time>{localTime(s.at, lang)}</time> {tr(STEP_KEYS[s.action])}
                  {s.voidReason && VOID_KEYS[s.voidReason] && (
                    <>
                      {tr('fieldLabelSep')}
                      {tr(VOID_KEYS[s.voidReason])}
                    </>
                  )}
                </li>
              ))}
          </ol>
          <p className="field-points">
            {tr('fieldPoints')}
            {tr('fieldLabelSep')}
            {view.points} <small>{tr('fieldPointsRule')}</small>
          </p>
        </>
      )}
    </div>
  );
}
