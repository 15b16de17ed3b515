import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** `url` for hosts, addresses and networks: shown as wrapping text, never as links. */
  className?: string;
  testId?: string;
  title?: (row: T) => string;
}

/**
 * A table of records with a header row, one row per record and, when `actions` is given, a last column of buttons;
 * an empty list is a sentence instead of an empty table.
 */
export function RecordTable<T>({
  rows,
  columns,
  rowKey,
  testId,
  rowTestId,
  empty,
  actions,
}: {
  rows: T[];
  columns: Array<Column<T>>;
  rowKey: (row: T) => string | number;
  testId: string;
  rowTestId: string;
  empty: string;
  actions?: (row: T) => ReactNode;
}) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col">
              {c.header}
            </th>
          ))}
          {actions && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} data-testid={rowTestId}>
            {columns.map((c) => (
              <td key={c.header} className={c.className} data-testid={c.testId} title={c.title?.(row)}>
                {c.cell(row)}
              </td>
            ))}
            {actions && <td className="row-actions">{actions(row)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
