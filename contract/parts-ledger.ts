/**
 * Stock arithmetic of the spare-part ledger (R-EMER-4, R-INST-9), pure: the server applies every
 * movement with these rules (as conditional updates of its running balance), and the property test
 * replays any sequence of movements through them. A location id of `null` is "outside company
 * stock" (from a supplier, a customer's removed part, to the vendor for good, scrapped).
 */

export type TTracking = 'serial' | 'count';

export interface TLedgerMove {
  partId: number;
  tracking: TTracking;
  /** SN-tracked parts: the unit moved (quantity 1). Counted parts: null. */
  sn: string | null;
  quantity: number;
  from: number | null;
  to: number | null;
}

/** Stock on hand: per part and location a quantity; per SN-tracked unit the location it is in (null: outside). */
export interface TStock {
  counts: Map<string, number>;
  serials: Map<string, number | null>;
}

export type TMoveRefusal =
  | { field: 'quantity'; reason: 'below_zero' | 'not_positive' | 'serial_is_one' }
  | { field: 'sn'; reason: 'not_there' | 'already_in_stock' | 'required' | 'not_tracked' }
  | { field: 'toLocationId'; reason: 'same_place' | 'nowhere' };

export const countKey = (partId: number, location: number) => `${partId}@${location}`;
export const serialKey = (partId: number, sn: string) => `${partId}#${sn}`;

export function emptyStock(): TStock {
  return { counts: new Map(), serials: new Map() };
}

export function quantityAt(stock: TStock, partId: number, location: number): number {
  return stock.counts.get(countKey(partId, location)) ?? 0;
}

/** Why a movement cannot be applied to this stock, or null when it can. */
export function checkMove(stock: TStock, m: TLedgerMove): TMoveRefusal | null {
  if (m.from === null && m.to === null) return { field: 'toLocationId', reason: 'nowhere' };
  if (m.from !== null && m.from === m.to) return { field: 'toLocationId', reason: 'same_place' };
  if (!Number.isInteger(m.quantity) || m.quantity < 1) return { field: 'quantity', reason: 'not_positive' };
  if (m.tracking === 'serial') {
    if (m.sn === null || m.sn === '') return { field: 'sn', reason: 'required' };
    if (m.quantity !== 1) return { field: 'quantity', reason: 'serial_is_one' };
    const at = stock.serials.get(serialKey(m.partId, m.sn)) ?? null;
    if (m.from === null) return at === null ? null : { field: 'sn', reason: 'already_in_stock' };
    return at === m.from ? null : { field: 'sn', reason: 'not_there' };
  }
  if (m.sn !== null) return { field: 'sn', reason: 'not_tracked' };
  if (m.from !== null && quantityAt(stock, m.partId, m.from) < m.quantity) return { field: 'quantity', reason: 'below_zero' };
  return null;
}

/** Apply a movement in place (checked first: throws on a refusal). */
export function applyMove(stock: TStock, m: TLedgerMove): TStock {
  const refusal = checkMove(stock, m);
  if (refusal) throw new Error(`movement refused: ${refusal.field} ${refusal.reason}`);
  if (m.from !== null) stock.counts.set(countKey(m.partId, m.from), quantityAt(stock, m.partId, m.from) - m.quantity);
  if (m.to !== null) stock.counts.set(countKey(m.partId, m.to), quantityAt(stock, m.partId, m.to) + m.quantity);
  if (m.tracking === 'serial' && m.sn !== null) stock.serials.set(serialKey(m.partId, m.sn), m.to);
  return stock;
}

/** The stock a ledger leaves: every movement applied in order from nothing. */
export function replayLedger(moves: Iterable<TLedgerMove>): TStock {
  const stock = emptyStock();
  for (const m of moves) applyMove(stock, m);
  return stock;
}

/** Quantities without the zero entries, sorted: two stocks are the same when these are equal. */
export function stockSnapshot(stock: TStock): { counts: [string, number][]; serials: [string, number][] } {
  return {
    counts: [...stock.counts].filter(([, q]) => q !== 0).sort(([a], [b]) => a.localeCompare(b)),
    serials: [...stock.serials].filter((e): e is [string, number] => e[1] !== null).sort(([a], [b]) => a.localeCompare(b)),
  };
}
