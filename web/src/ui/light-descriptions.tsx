import type { ReactNode } from 'react';

export interface LightDescriptionItem {
  key: string;
  label: ReactNode;
  children: ReactNode;
  /** Columns taken (1 by default); the last item of a row stretches to the row's end. */
  span?: number;
}

/**
 * Label–value pairs in a bordered grid of `column` pairs a row, drawn like antd's bordered small
 * Descriptions (app/shell.css) without antd: a request's form, the first thing an engineer reads
 * on the phone. Labels keep their width and never break mid-word; the values wrap.
 */
export function LightDescriptions({ items, column, testId }: { items: readonly LightDescriptionItem[]; column: number; testId?: string }) {
  return (
    <table className="fuwu-desc" data-testid={testId}>
      <tbody>
        {descriptionRows(items, column).map((cells) => (
          <tr key={cells[0].item.key}>
            {cells.map(({ item, span }) => [
              <th key={`${item.key}-label`} className="fuwu-desc-label" scope="row">
                {item.label}
              </th>,
              <td key={item.key} className="fuwu-desc-content" colSpan={span * 2 - 1}>
                {item.children}
              </td>,
            ])}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The items laid into rows of `column` columns, in order: an item that does not fit in what is left
 * of a row starts the next, and the last item of each row takes the row's remaining columns.
 */
export function descriptionRows<T extends { span?: number }>(items: readonly T[], column: number): { item: T; span: number }[][] {
  const rows: { item: T; span: number }[][] = [];
  let row: { item: T; span: number }[] = [];
  let used = 0;
  const close = () => {
    const last = row.at(-1);
    if (last) {
      last.span += column - used;
      rows.push(row);
    }
    row = [];
    used = 0;
  };
  for (const item of items) {
    const span = Math.max(1, Math.min(item.span ?? 1, column));
    if (used + span > column) close();
    row.push({ item, span });
    used += span;
  }
  close();
  return rows;
}
