import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, engines } from '../testing/test-db';
import { openSqlite } from './database';
import { migrateToLatest } from './migrate';
import { nextNumber } from './number-sequence';
import { transact, transactGrouped } from './transaction';

describe('group commit', () => {
  for (const engine of engines()) {
    it(`R-FLOW-1 grouped transactions: each all-or-nothing, numbers gap-free, a failure rejects only its caller (${engine})`, async () => {
      const h = await createTestDatabase(engine);
      try {
        const attempt = (i: number) =>
          transactGrouped(h.db, async (trx) => {
            const n = await nextNumber(trx, 'SR-2026');
            await sql`insert into number_sequence (series, last_value) values (${`probe-${i}`}, ${n})`.execute(trx);
            if (i % 5 === 3) throw new Error(`request ${i} failed`);
            return n;
          });
        const settled = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => attempt(i)));
        const ok = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        const failed = settled.filter((r) => r.status === 'rejected');
        assert.equal(failed.length, 4);
        assert.deepEqual(
          [...ok].sort((a, b) => a - b),
          Array.from({ length: 16 }, (_, i) => i + 1),
          'the failed ones took no number',
        );
        const probes = await sql<{ n: number }>`select count(*) as n from number_sequence where series like 'probe-%'`.execute(h.db);
        assert.equal(Number(probes.rows[0].n), 16, 'the failed ones wrote nothing');
        assert.equal(await transact(h.db, (trx) => nextNumber(trx, 'SR-2026')), 17);
      } finally {
        await h.close();
      }
    });
  }
});

describe('WAL checkpoints off the event loop (SQLite file)', () => {
  it('the worker copies committed pages into the file, and close leaves no WAL behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-wal-'));
    const file = path.join(dir, 'fuwu.sqlite');
    try {
      const h = openSqlite(file);
      await migrateToLatest(h.db);
      for (let i = 0; i < 200; i++) await transact(h.db, (trx) => nextNumber(trx, 'SR-2026'));
      // Pages reach the database file only by a checkpoint; the request connection does none below
      // its backstop (10,000 pages), so a file as large as the database means the worker copied it.
      const raw = h.sqlite as NonNullable<typeof h.sqlite>;
      const bytes = () => Number(raw.pragma('page_count', { simple: true })) * Number(raw.pragma('page_size', { simple: true }));
      for (let waited = 0; waited < 5000 && fs.statSync(file).size < bytes(); waited += 50) await new Promise((r) => setTimeout(r, 50));
      assert.equal(fs.statSync(file).size, bytes(), 'the worker checkpointed the WAL into the file');
      await h.close();
      assert.equal(fs.existsSync(`${file}-wal`), false, 'the last connection checkpointed and removed the WAL');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
