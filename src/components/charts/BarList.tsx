/** Horizontal bars, one per area, that select the area when clicked; the selected one is outlined. */
import { scaleLinear } from 'd3-scale';

export interface Bar { key: string; label: string; value: number; display: string }

export interface BarListProps {
  title: string;
  bars: readonly Bar[];
  /** the value the bars are drawn against, e.g. 1 for shares, 100 for scores */
  max: number;
  selected: string | null;
  onSelect: (key: string) => void;
  id: string;
}

const W = 320;
const ROW = 20;
const LABEL = 150;
const LABEL_CHARS = 12;
const VALUE = 48;

export function BarList({ title, bars, max, selected, onSelect, id }: BarListProps) {
  const x = scaleLinear().domain([0, max]).range([0, W - LABEL - VALUE]).clamp(true);
  const colour = scaleLinear<string>().domain([0, 0.6, 1]).range(['#c0392b', '#f39c12', '#27ae60']).clamp(true);
  return (
    <figure className="chart bar-list" aria-label={title} data-chart={id}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${Math.max(1, bars.length) * ROW}`} role="list">
        {bars.map((b, i) => (
          <g key={b.key} transform={`translate(0, ${i * ROW})`} className={b.key === selected ? 'bar-row selected' : 'bar-row'} onClick={() => onSelect(b.key)} role="listitem" data-bar={b.key} data-value={b.value}>
            <rect className="hit" x={0} y={0} width={W} height={ROW} />
            <text x={LABEL - 6} y={ROW / 2} dy="0.32em" textAnchor="end">{b.label.length > LABEL_CHARS ? `${b.label.slice(0, LABEL_CHARS - 1)}…` : b.label}</text>
            <rect x={LABEL} y={3} width={x(b.value)} height={ROW - 6} fill={colour(b.value / max)} />
            <text x={W - 4} y={ROW / 2} dy="0.32em" textAnchor="end">{b.display}</text>
            <title>{`${b.label}: ${b.display}`}</title>
          </g>
        ))}
      </svg>
    </figure>
  );
}
