import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestDatabase, engines } from '../testing/test-db';
import { formatNumber, nextNumber } from './number-sequence';
import { transact } from './transaction';

describe('number allocation', () => {
  it('R-FLOW-1 formats human numbers as PREFIX-YEAR-NNNNN', () => {
    assert.equal(formatNumber('SR', 2026, 42), 'SR-2026-00042');
    assert.equal(formatNumber('TR', 2027, 123456), 'TR-2027-123456');
  });

  for (const engine of engines()) {
    it(`R-FLOW-1 50 concurrent allocations give 50 distinct consecutive numbers, and a rolled-back one is reused (${engine})`, async () => {
      const h = await createTestDatabase(engine);
      try {
        const got = await Promise.all(Array.from({ length: 50 }, () => transact(h.db, (trx) => nextNumber(trx, 'SR-2026'))));
        assert.deepEqual(
          [...got].sort((a, b) => a - b),
          Array.from({ length: 50 }, (_, i) => i + 1),
        );
        await assert.rejects(
          transact(h.db, async (trx) => {
            await nextNumber(trx, 'SR-2026');
            throw new Error('the record failed');
          }),
        );
        assert.equal(await transact(h.db, (trx) => nextNumber(trx, 'SR-2026')), 51, 'gap-free');
        assert.equal(await transact(h.db, (trx) => nextNumber(trx, 'SR-2027')), 1, 'one series per year');
      } finally {
        await h.close();
      }
    });
  }
});

describe('durable transactions', () => {
  it('R-INST-6 a durable transaction commits with synchronous=FULL on SQLite, others with NORMAL', async () => {
    const h = await createTestDatabase('sqlite');
    try {
      const level = () => h.sqlite!.pragma('synchronous', { simple: true });
      assert.equal(level(), 1, 'NORMAL by default');
      const inside = await transact(h.db, async () => level(), { durable: true });
      assert.equal(inside, 2, 'FULL while a durable transaction runs');
      assert.equal(level(), 1, 'back to NORMAL after');
      await assert.rejects(transact(h.db, async () => Promise.reject(new Error('x')), { durable: true }));
      assert.equal(level(), 1, 'back to NORMAL after a failure too');
    } finally {
      await h.close();
    }
  });
});
