/** A hover tooltip: lines of plain text, positioned next to the pointer. */
export function Tooltip({ x, y, lines }: { x: number; y: number; lines: readonly string[] }) {
  return (
    <div className="tooltip" role="tooltip" style={{ left: x + 14, top: y + 14 }}>
      {lines.map((line, i) => (
        <div key={i} className={i === 0 ? 'tooltip-title' : undefined}>
          {line}
        </div>
      ))}
    </div>
  );
}
