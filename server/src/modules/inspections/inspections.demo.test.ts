import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GATE_STATES } from '@contract/inspections';
import { systemActor } from '../../actor';
import { loadDemo } from '../../demo';
import { DEFAULT_TIME_ZONE } from '../calendar/working-calendar';
import { type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { listInspections } from './inspections.service';
import { listLicences } from './licences.service';

for (const engine of engines()) {
  describe(`goods inspection demo data (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it('R-GOODS-3 npm run demo has an inspection in every gate state, and a demo licence ending within 30 days', async () => {
      const db = t.app.deps.database.db;
      await loadDemo(db);
      const all = await listInspections(db, systemActor('test'), {}, DEFAULT_TIME_ZONE);
      assert.deepEqual([...new Set(all.items.map((i) => i.gate))].sort(), [...GATE_STATES].sort());
      assert.ok(all.items.some((i) => i.burnInWarning));
      const soon = await listLicences(db, { page: 1, pageSize: 50, expiringWithin: '30' }, DEFAULT_TIME_ZONE);
      assert.equal(soon.total, 1);
      await loadDemo(db);
      assert.equal((await listInspections(db, systemActor('test'), {}, DEFAULT_TIME_ZONE)).total, all.total);
    });
  });
}
