/** The legend of a chart, drawn in HTML so it is part of the downloaded image and of the page's text. */
export interface LegendItem {
  key: string;
  label: string;
  colour: string;
  dash?: string;
  width?: number;
  swatch: 'line' | 'step' | 'area' | 'box' | 'tick';
  /** a glyph shown on box swatches */
  icon?: string;
  /** box swatches: hatched (no data, reference) */
  hatched?: boolean;
}

export function Legend({ items, label }: { items: LegendItem[]; label?: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="legend" aria-label={label}>
      {items.map((item) => (
        <li key={item.key}>
          <Swatch item={item} />
          <span>{item.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** Hatching for "no data" and "reference only", as CSS so it survives image export. */
export const HATCH = 'repeating-linear-gradient(45deg, #ffffff 0 3px, #9a9a9a 3px 4px)';

function Swatch({ item }: { item: LegendItem }) {
  if (item.swatch === 'box') {
    const light = item.hatched || item.colour.toLowerCase() === '#ffffff';
    return (
      <span
        className="swatch swatch-box"
        aria-hidden="true"
        style={{ background: item.hatched ? HATCH : item.colour, color: light ? '#000' : '#fff' }}
      >
        {item.icon}
      </span>
    );
  }
  const common = {
    stroke: item.colour,
    strokeWidth: item.width ?? 2,
    strokeDasharray: item.dash,
    fill: 'none',
  };
  return (
    <svg width="28" height="14" viewBox="0 0 28 14" aria-hidden="true" className="swatch">
      {item.swatch === 'line' && <line x1="1" y1="7" x2="27" y2="7" {...common} />}
      {item.swatch === 'step' && <polyline points="1,11 14,11 14,3 27,3" {...common} />}
      {item.swatch === 'tick' && (
        <line x1="14" y1="1" x2="14" y2="13" {...common} strokeWidth={2.5} />
      )}
      {item.swatch === 'area' && (
        <rect
          x="1"
          y="1"
          width="26"
          height="12"
          fill={item.colour}
          fillOpacity={0.25}
          stroke={item.colour}
          strokeDasharray="2 2"
        />
      )}
    </svg>
  );
}
