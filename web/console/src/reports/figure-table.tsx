import type { ReactNode } from 'react';

interface Props {
  /** What each row is (a day, a channel, a score): the first column's heading. */
  rowHeading: string;
  /** The numeric columns, in order. */
  columns: readonly { key: string; label: string }[];
  /** Each row's heading and its cells, one per column. */
  rows: readonly { key: string; heading: ReactNode; cells: readonly ReactNode[] }[];
}

/** A chart's numbers as a table (for who would rather read than look, and for screen readers). */
export function FigureTable({ rowHeading, columns, rows }: Props) {
  return (
    <table className="report-table">
      <thead>
        <tr>
          <th scope="col">{rowHeading}</th>
          {columns.map((column) => (
            <th key={column.key} scope="col" className="numeric">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.heading}</th>
            {row.cells.map((cell, index) => (
              <td key={columns[index]?.key ?? index} className="numeric">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
