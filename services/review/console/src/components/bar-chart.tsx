/** A small bar chart in SVG: a title for screen readers, a value on every bar, no library. */
export function BarChart({ title, bars, testId }: { title: string; bars: Array<{ label: string; value: number }>; testId?: string }) {
  const width = 40 * Math.max(bars.length, 1) + 20;
  const height = 160;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plot = height - 40;
  return (
    <figure className="chart" data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`}>
        {bars.map((b, i) => {
          const h = Math.round((b.value / max) * plot);
          const x = 10 + i * 40;
          return (
            <g key={b.label}>
              <rect x={x + 4} y={20 + plot - h} width={32} height={h} className="bar" />
              <text x={x + 20} y={14 + plot - h} textAnchor="middle" className="value">
                {b.value}
              </text>
              <text x={x + 20} y={height - 6} textAnchor="middle" className="label">
                {b.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
