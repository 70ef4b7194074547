export interface LegendItem { id: string; label: string; colour: readonly [number, number, number]; count: number; hidden: boolean }

/** Category legend; each row also switches its category on and off. */
export function Legend({ title, items, onToggle }: { title: string; items: readonly LegendItem[]; onToggle: (id: string) => void }) {
  return (
    <section className="panel-section" aria-label={title}>
      <h2>{title}</h2>
      <ul className="legend">
        {items.map((item) => (
          <li key={item.id}>
            <button type="button" className={item.hidden ? 'legend-row off' : 'legend-row'} aria-pressed={!item.hidden} onClick={() => onToggle(item.id)} data-category={item.id}>
              <span className="swatch" style={{ background: `rgb(${item.colour.join(',')})` }} />
              <span>{item.label}</span>
              <span className="count">{item.count.toLocaleString()}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
