import type { ReactNode } from 'react';
import { useIsPhone } from './use-is-phone';

export interface LightColumn<T> {
  key: string;
  title: ReactNode;
  render: (row: T) => ReactNode;
  /** Cut long text to one line on a wide screen. */
  ellipsis?: boolean;
}

/**
 * A small read-only table without antd's Table (which brings select, pagination, dropdown and menu:
 * about 80 KB a phone downloads for a few rows). A plain `<table>` on a wide screen; on a phone each
 * row a small block of "label value" lines, so nothing scrolls sideways (app/shell.css, `.fuwu-lt*`).
 */
export function LightTable<T>({
  rows,
  rowKey,
  columns,
  empty,
  testId,
  rowTestId,
}: {
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  columns: readonly LightColumn<T>[];
  /** Shown instead of the rows when there are none. */
  empty?: ReactNode;
  testId?: string;
  rowTestId?: (row: T) => string;
}) {
  const isPhone = useIsPhone();
  if (rows.length === 0 && empty !== undefined)
    return (
      <div className="fuwu-empty" data-testid={testId}>
        {empty}
      </div>
    );
  if (isPhone)
    return (
      <div className="fuwu-lt-list" data-testid={testId}>
        {rows.map((row) => (
          <dl key={rowKey(row)} className="fuwu-lt-item" data-testid={rowTestId?.(row)}>
            {columns.map((c) => (
              <div key={c.key} className="fuwu-lt-line">
                <dt>{c.title}</dt>
                <dd>{c.render(row)}</dd>
              </div>
            ))}
          </dl>
        ))}
      </div>
    );
  return (
    <div className="fuwu-lt-wrap" data-testid={testId}>
      <table className="fuwu-lt">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId?.(row)}>
              {columns.map((c) => (
                <td key={c.key} className={c.ellipsis ? 'fuwu-lt-ellipsis' : undefined}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
