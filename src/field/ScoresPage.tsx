/** The score report of today's draw (server/field/score_reports.ts): totals, per score group, per district, earlier draws. */
import { useEffect, useState } from 'react';
import type { ScoreLine, ScoreReport } from '../../server/field/score_reports';
import { api } from '../campaign/api';
import { sentence, useField } from './field_context';
import { keptDraw } from './inspection_draw';

export function ScoresPage() {
  const { lang, tr, city, online } = useField();
  const [report, setReport] = useState<ScoreReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void keptDraw(city.id).then(async (answer) => {
      if (!answer) return setProblem(tr('fieldDrawLoading'));
      try {
        const { report: value } = await api<{ report: ScoreReport }>(`/api/field/draws/${answer.draw.id}/report`);
        if (live) setReport(value);
      } catch (reason) {
        if (live) setProblem(online ? sentence(lang, reason) : tr('fieldScoresOffline'));
      }
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [city.id, online]);

  if (problem && !report) return <p className="field-error">{problem}</p>;
  if (!report) return <p className="field-loading">{tr('loading')}</p>;
  const score = (s: number | null) => (s === null ? tr('fieldScoreNone') : s.toFixed(1));
  const table = (lines: ScoreLine[]) => (
    <table className="field-table">
      <tbody>
        {lines.map((l) => (
          <tr key={l.key} data-key={l.key}>
            <th>{lang === 'zh' ? l.name.zh : l.name.en}</th>
            <td className="num">{score(l.score)}</td>
            <td className="num">
              ✓{l.passed} ✗{l.failed}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="field-scores" data-draw-id={report.draw.id}>
      <h2>{tr('fieldScoresTitle', { day: report.draw.day })}</h2>
      <p className="field-total">
        {tr('fieldScoreTotal')} <strong data-total-score={report.total.score ?? ''}>{score(report.total.score)}</strong>
      </p>
      <p>
        {tr('fieldScorePlaces')} {report.places.recorded} / {report.places.drawn} · {tr('fieldScoreItems', { passed: report.total.passed, failed: report.total.failed, na: report.total.notApplicable })}
      </p>
      <p>{tr('fieldCasesOpened', { n: report.casesOpened })}</p>
      <h3>{tr('fieldScoreByGroup')}</h3>
      {table(report.byGroup)}
      <h3>{tr('fieldScoreByDistrict')}</h3>
      {table(report.byDistrict)}
      <h3>{tr('fieldScoreEarlier')}</h3>
      {report.earlier.length === 0 ? (
        <p>{tr('fieldScoreNoEarlier')}</p>
      ) : (
        <table className="field-table">
          <tbody>
            {report.earlier.map((e) => (
              <tr key={e.drawId}>
                <th>{e.day}</th>
                <td className="num">{score(e.score)}</td>
                <td className="num">{e.recorded}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
