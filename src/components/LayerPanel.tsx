export interface LayerToggle { id: string; label: string; count: number; checked: boolean }

export function LayerPanel({ title, layers, onToggle }: { title: string; layers: readonly LayerToggle[]; onToggle: (id: string) => void }) {
  return (
    <section className="panel-section" aria-label={title}>
      <h2>{title}</h2>
      {layers.map((layer) => (
        <label key={layer.id} className="layer-toggle">
          <input type="checkbox" checked={layer.checked} onChange={() => onToggle(layer.id)} data-layer={layer.id} />
          <span>{layer.label}</span>
          <span className="count">{layer.count.toLocaleString()}</span>
        </label>
      ))}
    </section>
  );
}
