/**
 * The pieces every list endpoint shares: `?page=&pageSize=&sort=` into LIMIT/OFFSET and a
 * direction, and "contains" searches that treat the user's text literally.
 */
export interface PageQuery {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function limitOffset(q: PageQuery): { limit: number; offset: number } {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

/** `name` → ascending by name, `-name` → descending. */
export function parseSort<K extends string>(sort: K | `-${K}`): { key: K; direction: 'asc' | 'desc' } {
  return sort.startsWith('-') ? { key: sort.slice(1) as K, direction: 'desc' } : { key: sort as K, direction: 'asc' };
}

/** A LIKE pattern for "contains": the user's `%`, `_` and `\` are dropped, not interpreted. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '')}%`;
}

/** Rows grouped by a key, in their order: the children of a page of parents, loaded in one query. */
export function groupBy<T, K>(rows: Iterable<T>, key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
