/** One grid's scorecard: who it belongs to, its score with the formula, and its gaps. Presentational. */
export interface ScorecardRow { id: string; label: string; value: string; raw: number }

export function GridScorecard(props: { title: string; code: string; lines: readonly string[]; score: number | null; scoreLabel: string; formula: string; rows: readonly ScorecardRow[]; loading: string | null }) {
  return (
    <section className="panel-section scorecard" aria-label={props.title} data-grid={props.code.length === 14 ? props.code : undefined} data-area={props.code.length === 14 ? undefined : props.code}>
      <h2>{props.title}</h2>
      <p className="scorecard-code">{props.code}</p>
      {props.lines.map((line) => (
        <p key={line} className="scorecard-line">
          {line}
        </p>
      ))}
      {props.loading ? (
        <p className="status">{props.loading}</p>
      ) : (
        <>
          <div className="scorecard-score" data-kpi="gridScore" data-value={props.score ?? ''}>
            <span className="kpi-value">{props.score}</span>
            <span className="kpi-label">{props.scoreLabel}</span>
          </div>
          <table className="zones scorecard-table">
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.id} data-score-row={r.id} data-value={r.raw}>
                  <td>{r.label}</td>
                  <td>{r.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="formula">{props.formula}</p>
        </>
      )}
    </section>
  );
}
