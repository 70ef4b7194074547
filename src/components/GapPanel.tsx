/** Gap analysis controls and key figures. Presentational: numbers in, callbacks out. */
export interface Kpi { id: string; label: string; value: string; raw: number }
const PENDING = '…';

/** a count of null: not counted yet (the worker's report is on its way); shown as an ellipsis, never as a zero */
export interface ZoneRow { id: string; label: string; points: number | null; alleys: number | null; compounds: number | null }

export interface GapPanelProps {
  title: string;
  status: string | null;
  busy: boolean;
  kpis: readonly Kpi[];
  toiletDistance: SliderProps;
  zoneRadius: SliderProps;
  parkingRadius: SliderProps;
  switches: readonly { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }[];
  zoneHeader: readonly [string, string, string, string];
  zones: readonly ZoneRow[];
  rulesTitle: string;
}

export interface SliderProps { label: string; value: number; min: number; max: number; step: number; onChange: (value: number) => void; disabled?: boolean }

function Slider({ id, label, value, min, max, step, onChange, disabled }: SliderProps & { id: string }) {
  return (
    <label className={disabled ? 'slider disabled' : 'slider'}>
      <span>
        {label} <output>{value} m</output>
      </span>
      <input type="range" min={min} max={max} step={step} value={value} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))} data-slider={id} />
    </label>
  );
}

/** Key figure cards; `data-value` carries the unrounded number for tests and exports. The wall sizes its own. */
export function KpiCards({ kpis, className = 'kpis', cardClass = 'kpi' }: { kpis: readonly Kpi[]; className?: string; cardClass?: string }) {
  return (
    <div className={className}>
      {kpis.map((k) => (
        <div key={k.id} className={cardClass} data-kpi={k.id} data-value={k.raw}>
          <span className={`${cardClass}-value`}>{k.value}</span>
          <span className={`${cardClass}-label`}>{k.label}</span>
        </div>
      ))}
    </div>
  );
}

export function GapPanel(props: GapPanelProps) {
  return (
    <section className="panel-section gap-panel" aria-label={props.title} aria-busy={props.busy}>
      <h2>{props.title}</h2>
      {props.status && <p className="status" data-status={props.busy ? 'busy' : 'idle'}>{props.status}</p>}
      <KpiCards kpis={props.kpis} />
      <h3>{props.rulesTitle}</h3>
      <Slider id="toilet" {...props.toiletDistance} />
      {props.switches.map((s) => (
        <label key={s.id} className="layer-toggle">
          <input type="checkbox" checked={s.checked} onChange={(e) => s.onChange(e.target.checked)} data-switch={s.id} />
          <span>{s.label}</span>
        </label>
      ))}
      <Slider id="parking" {...props.parkingRadius} />
      <Slider id="zone" {...props.zoneRadius} />
      <table className="zones">
        <thead>
          <tr>{props.zoneHeader.map((h) => <th key={h}>{h}</th>)}</tr>
        </thead>
        <tbody>
          {props.zones.map((z) => (
            <tr key={z.id} data-zone={z.id}>
              <td>{z.label}</td>
              <td>{z.points ?? PENDING}</td>
              <td data-zone-alleys={z.alleys ?? undefined}>{z.alleys ?? PENDING}</td>
              <td>{z.compounds ?? PENDING}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
