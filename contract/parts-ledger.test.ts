import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyMove, checkMove, countKey, emptyStock, replayLedger, stockSnapshot, type TLedgerMove, type TStock } from './parts-ledger';

/** Places of the model: 1 main store, 2 an engineer's bag, 3 at a customer on loan, 4 at the vendor; null outside stock. */
const STORE = 1;
const BAG = 2;
const CUSTOMER = 3;
const VENDOR = 4;
const PARTS = [
  { partId: 1, tracking: 'serial' as const },
  { partId: 2, tracking: 'serial' as const },
  { partId: 3, tracking: 'count' as const },
  { partId: 4, tracking: 'count' as const },
];

/** What happens to spares, as the ledger sees it: each a movement from one place to another. */
const OPS = {
  receipt: [null, STORE],
  loan: [STORE, CUSTOMER],
  loanFromBag: [BAG, CUSTOMER],
  return: [CUSTOMER, STORE],
  toBag: [STORE, BAG],
  toVendor: [STORE, VENDOR],
  // A faulty part tag's part stocked back after its inspection; a returned-faulty or kept part leaving stock.
  inspectionIntake: [null, STORE],
  fromVendorInspected: [VENDOR, STORE],
  writeOffAtCustomer: [CUSTOMER, null],
  scrapFromStore: [STORE, null],
} as const satisfies Record<string, readonly [number | null, number | null]>;

const arbMove = fc
  .record({
    op: fc.constantFrom(...(Object.keys(OPS) as (keyof typeof OPS)[])),
    part: fc.constantFrom(...PARTS),
    sn: fc.constantFrom('A', 'B', 'C'),
    quantity: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ op, part, sn, quantity }): TLedgerMove => {
    const [from, to] = OPS[op];
    return part.tracking === 'serial' ? { ...part, sn, quantity: 1, from, to } : { ...part, sn: null, quantity, from, to };
  });

function invariants(stock: TStock): void {
  for (const [key, q] of stock.counts) assert.ok(q >= 0, `${key} went negative: ${q}`);
  for (const { partId, tracking } of PARTS) {
    if (tracking !== 'serial') continue;
    // Every unit is in exactly one place (or outside), and the counts say the same as the units.
    for (const place of [STORE, BAG, CUSTOMER, VENDOR]) {
      const units: number = [...stock.serials].filter(([k, at]) => k.startsWith(`${partId}#`) && at === place).length;
      assert.equal(stock.counts.get(countKey(partId, place)) ?? 0, units);
    }
  }
}

describe('spare-part ledger arithmetic', () => {
  it('for any sequence of receipts, loans, returns, transfers, tags and inspections: never negative, each SN in one place, the replayed ledger gives the same stock', () => {
    fc.assert(
      fc.property(fc.array(arbMove, { maxLength: 120 }), (moves) => {
        const stock = emptyStock();
        const ledger: TLedgerMove[] = [];
        for (const m of moves) {
          if (checkMove(stock, m) !== null) {
            // A refused movement changes nothing.
            const before = JSON.stringify(stockSnapshot(stock));
            assert.throws(() => applyMove(stock, m));
            assert.equal(JSON.stringify(stockSnapshot(stock)), before);
            continue;
          }
          applyMove(stock, m);
          ledger.push(m);
          invariants(stock);
        }
        assert.deepEqual(stockSnapshot(replayLedger(ledger)), stockSnapshot(stock));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a counted part below zero on the quantity, and an SN not where the movement says on the sn', () => {
    const stock = replayLedger([{ partId: 3, tracking: 'count', sn: null, quantity: 2, from: null, to: STORE }]);
    assert.deepEqual(checkMove(stock, { partId: 3, tracking: 'count', sn: null, quantity: 3, from: STORE, to: null }), {
      field: 'quantity',
      reason: 'below_zero',
    });
    assert.deepEqual(checkMove(stock, { partId: 1, tracking: 'serial', sn: 'A', quantity: 1, from: STORE, to: CUSTOMER }), {
      field: 'sn',
      reason: 'not_there',
    });
  });
});
