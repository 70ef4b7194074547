/** A histogram of street length by distance with every threshold in force marked. SVG sized by its viewBox. */
import { scaleLinear } from 'd3-scale';

export interface HistogramProps {
  title: string;
  /** value per bin, in display units */
  values: readonly number[];
  binWidth: number;
  /** one more bar at the right for everything beyond the last bin */
  beyond: { label: string; value: number };
  /** the service distances in force, metres: one, or one per land-use class */
  thresholds: readonly { metres: number; label: string }[];
  formatValue: (v: number) => string;
}

const W = 320;
const H = 150;
const M = { top: 18, right: 8, bottom: 22, left: 34 };

export function Histogram(props: HistogramProps) {
  const { values, binWidth, beyond, thresholds } = props;
  // a bin is over when it lies beyond the smallest distance in force
  const threshold = Math.min(...thresholds.map((th) => th.metres));
  const maxX = values.length * binWidth;
  const gap = binWidth * 0.5;
  const x = scaleLinear().domain([0, maxX + gap + binWidth]).range([M.left, W - M.right]);
  const y = scaleLinear().domain([0, Math.max(...values, beyond.value, 1e-9)]).nice(4).range([H - M.bottom, M.top]);
  const bar = (x0: number, value: number, over: boolean, key: string, label: string) => (
    <rect key={key} x={x(x0) + 0.5} width={Math.max(1, x(x0 + binWidth) - x(x0) - 1)} y={y(value)} height={y(0) - y(value)} className={over ? 'bar over' : 'bar'} data-bin={key}>
      <title>{`${label}: ${props.formatValue(value)}`}</title>
    </rect>
  );
  return (
    <figure className="chart" aria-label={props.title}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img">
        {y.ticks(4).map((v) => (
          <g key={v} className="tick">
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
            <text x={M.left - 4} y={y(v)} dy="0.32em" textAnchor="end">{props.formatValue(v)}</text>
          </g>
        ))}
        {values.map((v, i) => bar(i * binWidth, v, (i + 1) * binWidth > threshold, String(i), `${i * binWidth}–${(i + 1) * binWidth} m`))}
        {bar(maxX + gap, beyond.value, true, 'beyond', beyond.label)}
        {[0, maxX / 4, maxX / 2, (3 * maxX) / 4].map((v) => (
          <text key={v} className="axis" x={x(v)} y={H - 6} textAnchor="middle">{v >= 1000 ? `${v / 1000} km` : `${v}`}</text>
        ))}
        <text className="axis" x={W - 1} y={H - 6} textAnchor="end">{beyond.label}</text>
        {thresholds.map((th, i) => (
          <g key={th.metres}>
            <line className="threshold" x1={x(th.metres)} x2={x(th.metres)} y1={M.top - 6 + i * 10} y2={H - M.bottom} data-threshold={th.metres} />
            <text className="threshold-label" x={x(th.metres) + 3} y={M.top - 8 + i * 10}>{th.label}</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
