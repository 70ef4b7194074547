/**
 * A time line chart (d3 scales, React SVG): one or more lines over days, with shaded periods (the campaign's
 * phases) and labelled markers (milestones) behind them. A null value breaks the line. Sized by its viewBox.
 */
import { scaleLinear, scaleUtc } from 'd3-scale';

export interface LinePoint { t: number; value: number | null }
export interface Line { id: string; label: string; points: readonly LinePoint[] }
export interface Period { id: string; label: string; from: number; to: number }
export interface Marker { t: number; label: string }

export interface LineChartProps {
  id: string;
  title: string;
  lines: readonly Line[];
  /** ms since the epoch */
  domain: [number, number];
  periods?: readonly Period[];
  markers?: readonly Marker[];
  /** the value of a tick on the y axis */
  format: (v: number) => string;
  /** fixed value range, e.g. [0, 1] for shares; else from the data */
  range?: [number, number];
  tickFormat?: (t: Date) => string;
  /** x positions of the labels (ms), e.g. one per week; default: d3's ticks of the domain */
  ticks?: readonly number[];
  /** whole numbers only on the value axis (counts) */
  integer?: boolean;
  width?: number;
  height?: number;
}

const M = { top: 16, right: 10, bottom: 20, left: 44 };

/** An SVG path through the defined points; a null starts a new piece. */
export function linePath(points: readonly LinePoint[], x: (t: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.value === null || !Number.isFinite(p.value)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.value).toFixed(1)}`;
    pen = true;
  }
  return d;
}

export function LineChart(props: LineChartProps) {
  const { lines, domain, periods = [], markers = [], width: W = 320, height: H = 130 } = props;
  const values = lines.flatMap((l) => l.points.map((p) => p.value)).filter((v): v is number => v !== null && Number.isFinite(v));
  const [lo, top] = props.range ?? [Math.min(0, ...values), Math.max(...values, 0)];
  // a flat line at zero still gets an axis of whole units
  const hi = top - lo < 1e-9 ? lo + 1 : top;
  const x = scaleUtc().domain(domain).range([M.left, W - M.right]);
  const y = scaleLinear().domain([lo, hi]).nice(4).range([H - M.bottom, M.top]);
  const clampX = (t: number) => x(Math.max(domain[0], Math.min(domain[1], t)));
  // one label per distinct text: a two-day domain would otherwise repeat the day for every hour tick
  const label = props.tickFormat ?? ((d: Date) => d.toISOString().slice(5, 10));
  const xTicks: { t: number; label: string }[] = [];
  for (const d of props.ticks?.map((ms) => new Date(ms)) ?? x.ticks(4)) {
    if (!xTicks.some((tick) => tick.label === label(d))) xTicks.push({ t: d.getTime(), label: label(d) });
  }
  const single = lines.every((l) => l.points.filter((p) => p.value !== null).length <= 1);
  return (
    <figure className="chart line-chart" aria-label={props.title} data-chart={props.id}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img">
        {periods.map((p, i) => {
          if (p.to <= domain[0] || p.from >= domain[1]) return null;
          const x0 = clampX(p.from);
          const x1 = clampX(p.to);
          return (
            <g key={p.id} className={`period period-${i}`} data-period={p.id}>
              <rect x={x0} width={Math.max(0, x1 - x0)} y={M.top} height={H - M.top - M.bottom} />
              <text x={x0 + 3} y={M.top - 4}>{p.label}</text>
            </g>
          );
        })}
        {y.ticks(4).filter((v) => !props.integer || Number.isInteger(v)).map((v) => (
          <g key={v} className="tick">
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
            <text x={M.left - 4} y={y(v)} dy="0.32em" textAnchor="end">{props.format(v)}</text>
          </g>
        ))}
        {xTicks.map(({ t, label }) => (
          <text key={t} className="axis" x={x(t)} y={H - 6} textAnchor="middle">{label}</text>
        ))}
        {markers.filter((m) => m.t >= domain[0] && m.t <= domain[1]).map((m) => (
          <g key={`${m.t}-${m.label}`} className="marker" data-marker={m.label}>
            <line x1={x(m.t)} x2={x(m.t)} y1={M.top} y2={H - M.bottom} />
            <text x={x(m.t) + 2} y={M.top + 9}>{m.label}</text>
          </g>
        ))}
        {lines.map((l, i) => (
          <g key={l.id} className={`series series-${i}`} data-series={l.id} data-points={l.points.filter((p) => p.value !== null).length}>
            <path d={linePath(l.points, x, y)} fill="none" />
            {single && l.points.map((p) => p.value !== null && <circle key={p.t} cx={x(p.t)} cy={y(p.value)} r={2.5} />)}
            <title>{l.label}</title>
          </g>
        ))}
      </svg>
      {lines.length > 1 && (
        <div className="line-legend">
          {lines.map((l, i) => (
            <span key={l.id} className={`series-key series-${i}`}>{l.label}</span>
          ))}
        </div>
      )}
    </figure>
  );
}
