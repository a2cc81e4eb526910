/** The numbers of a chart as a real table: the chart's "table view", and what screen readers read. */
import { memo } from 'react';
import type { Column } from './csv.ts';

function Table<R>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  className,
  testId,
}: {
  caption: string;
  captionHidden?: boolean;
  columns: Column<R>[];
  rows: R[];
  rowKey: (r: R, i: number) => string;
  className?: string;
  testId?: string;
}) {
  return (
    <div className={`table-scroll ${className ?? ''}`} data-testid={testId}>
      <table className="data-table">
        <caption className={captionHidden ? 'sr-only' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={rowKey(r, i)}>
              {columns.map((c, j) => {
                const text = c.display ? c.display(r) : String(c.value(r) ?? '—');
                return j === 0 ? (
                  <th key={c.key} scope="row">
                    {text}
                  </th>
                ) : (
                  <td key={c.key} className={c.numeric ? 'num' : undefined}>
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Every chart keeps its table for screen readers beside it: redrawn only when its rows or
 * columns change (a new rows array means new figures), not whenever the page around it does.
 */
export const DataTable = memo(Table) as typeof Table;
