import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, weekStartOf } from '@contract/reports';
import { todayIn } from '@contract/zoned-time';
import { loadDemo } from '../../demo';
import { DEFAULT_TIME_ZONE } from '../calendar/working-calendar';
import { type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { findWeeklyRecordOfWeek } from './reports.service';

for (const engine of engines()) {
  describe(`reports demo data (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it("R-FLOW-1 npm run demo has last week's record drafted from submitted reports, with an action item; loading again adds nothing", async () => {
      const db = t.app.deps.database.db;
      await loadDemo(db);
      const lastWeek = addDays(weekStartOf(todayIn(DEFAULT_TIME_ZONE)), -7);
      const record = await findWeeklyRecordOfWeek(db, lastWeek);
      assert.ok(record);
      assert.equal(record.engineers.filter((e) => e.reportState === 'submitted').length, 2);
      assert.equal(record.actions.length, 1);
      await loadDemo(db);
      assert.equal((await findWeeklyRecordOfWeek(db, lastWeek))?.actions.length, 1);
    });
  });
}
