/** The red/black list (红黑榜) of one level, with drill-down, a search box and the choropleth metric. */
/** `streetShare` (0–1) and `gapM` (metres) are what the lists are ordered by, after the score */
export interface RankingRowView { key: string; name: string; score: number; streetShare: number; gapM: number; detail: string }

export interface RankingPanelProps {
  title: string;
  levels: readonly { id: string; label: string }[];
  level: string;
  onLevel: (id: string) => void;
  crumbs: readonly { label: string; onClick: () => void }[];
  redTitle: string;
  blackTitle: string;
  red: readonly RankingRowView[];
  black: readonly RankingRowView[];
  onRow: (key: string) => void;
  searchLabel: string;
  query: string;
  onQuery: (q: string) => void;
  results: readonly { key: string; name: string }[];
  metricLabel: string;
  metrics: readonly { id: string; label: string }[];
  metric: string;
  onMetric: (id: string) => void;
}

function Rows({ title, rows, onRow, list }: { title: string; rows: readonly RankingRowView[]; onRow: (key: string) => void; list: string }) {
  return (
    <>
      <h3 className={`rank-title ${list}`}>{title}</h3>
      <ol className="ranking" data-list={list}>
        {rows.map((r) => (
          <li key={r.key}>
            <button type="button" onClick={() => onRow(r.key)} data-rank-key={r.key} data-score={r.score} data-street-share={r.streetShare} data-gap={r.gapM}>
              <span className="rank-name">{r.name}</span>
              <span className="rank-detail">{r.detail}</span>
              <span className="rank-score">{r.score}</span>
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}

export function RankingPanel(p: RankingPanelProps) {
  return (
    <section className="panel-section ranking-panel" aria-label={p.title}>
      <h2>{p.title}</h2>
      <label className="search">
        <span>{p.searchLabel}</span>
        <input type="search" value={p.query} onChange={(e) => p.onQuery(e.target.value)} data-search="grid" />
      </label>
      {p.results.length > 0 && (
        <ul className="search-results">
          {p.results.map((r) => (
            <li key={r.key}>
              <button type="button" onClick={() => p.onRow(r.key)} data-result={r.key}>
                {r.name} <code>{r.key}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="tabs" role="tablist">
        {p.levels.map((l) => (
          <button key={l.id} type="button" role="tab" aria-selected={l.id === p.level} onClick={() => p.onLevel(l.id)} data-level={l.id}>
            {l.label}
          </button>
        ))}
      </div>
      {p.crumbs.length > 0 && (
        <p className="crumbs">
          {p.crumbs.map((c, i) => (
            <button key={i} type="button" onClick={c.onClick} data-crumb={i}>
              {c.label}
            </button>
          ))}
        </p>
      )}
      <Rows title={p.blackTitle} rows={p.black} onRow={p.onRow} list="black" />
      <Rows title={p.redTitle} rows={p.red} onRow={p.onRow} list="red" />
      <label className="metric">
        <span>{p.metricLabel}</span>
        <select value={p.metric} onChange={(e) => p.onMetric(e.target.value)} data-metric="choropleth">
          {p.metrics.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
