import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { countKey, replayLedger, serialKey, stockSnapshot, type TStock } from '@contract/parts-ledger';
import type { Actor } from '../../actor';
import { AppError } from '../../app-error';
import { type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeCustomer } from '../customers/customers.fixtures';
import * as repo from './parts.repo';
import { createLoan, createPart, createTag, inspectTag, moveStock, receiveTag, returnLoan } from './parts.service';

/**
 * The ledger's property against the real database, shorter than the pure one
 * (contract/parts-ledger.test.ts): whatever sequence of receipts, loans, returns, transfers, tags
 * and inspections the services are asked for (refused ones included), the running balance is never
 * negative, every SN-tracked unit is in one place, and replaying the ledger gives the stored stock.
 */
const Step = fc.record({
  op: fc.constantFrom('receipt', 'loan', 'return', 'transfer', 'writeOff', 'tag'),
  part: fc.integer({ min: 0, max: 2 }),
  sn: fc.constantFrom('S1', 'S2', 'S3'),
  quantity: fc.integer({ min: 1, max: 3 }),
  condition: fc.constantFrom('good', 'faulty', 'kept'),
});

async function storedStock(t: TestApp): Promise<TStock> {
  const db = t.app.deps.database.db;
  const stock: TStock = { counts: new Map(), serials: new Map() };
  for (const b of await repo.allBalances(db)) stock.counts.set(countKey(Number(b.part_id), Number(b.location_id)), Number(b.quantity));
  for (const s of await repo.allSerials(db))
    stock.serials.set(serialKey(Number(s.part_id), s.sn), s.location_id === null ? null : Number(s.location_id));
  return stock;
}

for (const engine of engines()) {
  describe(`spare-part ledger on the database (${engine})`, () => {
    let t: TestApp;
    let actor: Actor;
    let customerId: number;
    const tz = 'Asia/Shanghai';

    before(async () => {
      t = await startTestApp(engine);
      const tm = await t.userWith(['tech_manager', 'engineer']);
      actor = { id: tm.user.id, name: tm.user.name, roles: ['tech_manager', 'engineer'], requestId: null };
      customerId = (await makeCustomer(t.app.deps.database.db, { name: `账本客户${engine}` })).id;
    });
    after(() => t.close());

    it('for any sequence of movements the stored stock is never negative, each SN is in one place, and the ledger replays to it', async () => {
      const db = t.app.deps.database.db;
      const store = await repo.mainStoreId(db);
      const bag = await repo.ensureLocation(db, 'bag', actor.id as number, new Date().toISOString());
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(Step, { minLength: 5, maxLength: 25 }), async (steps) => {
          run++;
          const parts = [
            await createPart(db, actor, { pn: `P${run}-S-${engine}`, description: '硬盘', tracking: 'serial' }),
            await createPart(db, actor, { pn: `P${run}-C-${engine}`, description: '风扇', tracking: 'count' }),
            await createPart(db, actor, { pn: `P${run}-D-${engine}`, description: '内存', tracking: 'count' }),
          ];
          const openLoans: number[] = [];
          for (const s of steps) {
            const part = parts[s.part];
            const sn = part.tracking === 'serial' ? s.sn : undefined;
            const quantity = part.tracking === 'serial' ? 1 : s.quantity;
            try {
              if (s.op === 'receipt')
                await moveStock(db, actor, {
                  partId: part.id,
                  sn,
                  quantity,
                  fromLocationId: null,
                  toLocationId: store,
                  reason: 'r',
                  inspection: { result: 'pass' },
                });
              else if (s.op === 'transfer')
                await moveStock(db, actor, { partId: part.id, sn, quantity, fromLocationId: store, toLocationId: bag, reason: 't' });
              else if (s.op === 'writeOff')
                await moveStock(db, actor, { partId: part.id, sn, quantity, fromLocationId: bag, toLocationId: null, reason: 'w' });
              else if (s.op === 'loan') {
                const loan = await createLoan(
                  db,
                  actor,
                  {
                    partId: part.id,
                    sn,
                    quantity,
                    purpose: 'loan',
                    customerId,
                    dueDate: '2099-01-01',
                    emergency: true,
                    test: { result: 'pass' },
                  },
                  tz,
                );
                openLoans.push(loan.id);
              } else if (s.op === 'return') {
                const id = openLoans.shift();
                if (id !== undefined) await returnLoan(db, actor, id, { condition: s.condition as 'good' }, tz);
              } else {
                const tag = await createTag(
                  db,
                  actor,
                  { partId: part.id, pn: part.pn, sn, fault: 'f', removedDate: '2026-12-07', condition: 'good' },
                  tz,
                );
                const got = await receiveTag(db, actor, tag.id);
                await inspectTag(db, actor, tag.id, { version: got.version, result: 'pass', restock: true });
              }
            } catch (err) {
              // Refused (stock short, SN elsewhere): allowed, and must leave nothing behind — checked below.
              if (!(err instanceof AppError)) throw err;
            }
          }
          const stored = await storedStock(t);
          for (const [k, q] of stored.counts) assert.ok(q >= 0, `${k}: ${q}`);
          const ledger = (await repo.allMovements(db)).map((m) => ({
            partId: Number(m.part_id),
            tracking: m.tracking as 'serial' | 'count',
            sn: m.sn,
            quantity: Number(m.quantity),
            from: m.from_location_id === null ? null : Number(m.from_location_id),
            to: m.to_location_id === null ? null : Number(m.to_location_id),
          }));
          assert.deepEqual(stockSnapshot(replayLedger(ledger)), stockSnapshot(stored));
          const units = [...stored.serials].filter(([, at]) => at !== null);
          for (const [key, at] of units) assert.ok((stored.counts.get(countKey(Number(key.split('#')[0]), at as number)) ?? 0) >= 1);
        }),
        { numRuns: 12 },
      );
    });
  });
}
