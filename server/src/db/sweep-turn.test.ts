import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestDatabase, engines } from '../testing/test-db';
import { claimSweepTurn } from './sweep-turn';

describe('sweep turns', () => {
  for (const engine of engines()) {
    it(`one of ten instances claims a minute; a later minute is claimed again, an earlier one never (${engine})`, async () => {
      const h = await createTestDatabase(engine);
      try {
        const minute = '2026-12-07T03:00:00.000Z';
        const claims = await Promise.all(Array.from({ length: 10 }, () => claimSweepTurn(h.db, 'sweeps', minute)));
        assert.equal(claims.filter(Boolean).length, 1);
        assert.equal(await claimSweepTurn(h.db, 'sweeps', minute), false);
        assert.equal(await claimSweepTurn(h.db, 'sweeps', '2026-12-07T02:59:00.000Z'), false);
        assert.equal(await claimSweepTurn(h.db, 'sweeps', '2026-12-07T03:01:00.000Z'), true);
        assert.equal(await claimSweepTurn(h.db, 'other', minute), true, 'each sweep has its own turn');
      } finally {
        await h.close();
      }
    });
  }
});
