/** Distinct values in parts small enough for one `IN (…)` list on either engine. */
export function inParts<T>(values: readonly T[], size = 5000): T[][] {
  const unique = [...new Set(values)];
  const parts: T[][] = [];
  for (let i = 0; i < unique.length; i += size) parts.push(unique.slice(i, i + size));
  return parts;
}

/**
 * Bulk inserts (imports of thousands of rows in one transaction) as a few multi-row
 * INSERTs, each kept under the engines' bound-parameter limits (SQLite 32 766,
 * PostgreSQL 65 535).
 */
const MAX_PARAMETERS = 30_000;

export function chunkRows<R extends object>(rows: readonly R[]): R[][] {
  if (rows.length === 0) return [];
  const columns = Math.max(1, Object.keys(rows[0]).length);
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  const chunks: R[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/** Insert rows in chunks without reading anything back. */
export async function insertInChunks<R extends object>(rows: readonly R[], insert: (chunk: R[]) => Promise<unknown>): Promise<void> {
  for (const chunk of chunkRows(rows)) await insert(chunk);
}

/**
 * Insert rows in chunks and return their generated ids in the rows' order. RETURNING's
 * row order is not promised by either engine, but within one INSERT both hand out ids
 * ascending in VALUES order (SQLite: largest rowid + 1, under the write lock; PostgreSQL:
 * one nextval per row as produced), so sorting the returned ids restores the order.
 */
export async function insertReturningIds<R extends object>(
  rows: readonly R[],
  insert: (chunk: R[]) => Promise<{ id: number }[]>,
): Promise<number[]> {
  const ids: number[] = [];
  for (const chunk of chunkRows(rows)) {
    const returned = (await insert(chunk)).map((r) => Number(r.id)).sort((a, b) => a - b);
    if (returned.length !== chunk.length) throw new Error(`insert returned ${returned.length} ids for ${chunk.length} rows`);
    ids.push(...returned);
  }
  return ids;
}
