import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import { systemActor } from '../../actor';
import { type Client, type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { getHolidayYear, putHolidayYear } from '../calendar/calendar.service';
import { makeContract } from '../contracts/contracts.fixtures';
import { updateContract } from '../contracts/contracts.service';
import { slaNoticeBit, sweepSla } from './service-request-sweeps';
import { slaChecksDueForAllOpen } from './sla-checks';
import { makeServiceRequest } from './service-requests.fixtures';

const ROLES = { tm: ['tech_manager'], eng: ['engineer'] } satisfies Record<string, TRole[]>;
const TZ = 'Asia/Shanghai';

/**
 * The SLA sweep reads only the open requests whose next check time has passed: the instant one of
 * their clocks turns at risk or breached, or at once after anything they are computed from changed.
 * Time is controlled as the other SLA tests do: the sweep is given `now`.
 */
for (const engine of engines()) {
  describe(`SLA sweep reads only due requests (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let contract: Awaited<ReturnType<typeof makeContract>>;
    const db = () => t.app.deps.database.db;
    const sweep = (now: Date) => sweepSla(db(), { now, timeZone: TZ });
    const checkOf = async (id: number) =>
      db()
        .selectFrom('service_request')
        .select(['sla_next_check_at', 'sla_status', 'version'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const notes = async (c: Client, entityId: number, kind: string) =>
      ((await c.get('/api/notifications?pageSize=200')).body.items as any[]).filter((n) => n.entityId === entityId && n.kind === kind);

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES);
      // 7×24: every minute counts, so the thresholds are plain arithmetic (response 1 h, warned at 48 min).
      contract = await makeContract(db(), {
        status: 'active',
        commitments: { coverage: { kind: '7x24' }, responseHours: 1, resolutionHours: 8 },
      });
    });
    after(() => t.close());

    const create = () =>
      makeServiceRequest(
        u.tm.client,
        { customerId: contract.customer.id, contractId: contract.id },
        { responsibleEngineerId: u.eng.user.id, issue: true },
      );

    it('R-EMER-8 a request far from its thresholds is not read by the minutes between; it is read at its warning and at its breach minute', async () => {
      // Whatever earlier tests left due is read first.
      const sr = await create();
      const start = Date.parse(sr.issuedAt);
      const at = (min: number) => new Date(start + min * 60_000);
      assert.ok((await sweep(at(1))).checked >= 1, 'a new request is due at once');
      const first = await checkOf(sr.id);
      assert.equal(first.sla_next_check_at, at(48).toISOString(), 'next check: the response warning (80 % of 1 h)');
      assert.equal(first.sla_status, 'ok');
      for (const min of [2, 10, 30, 47.9]) assert.deepEqual(await sweep(at(min)), { checked: 0, notified: 0 }, `minute ${min}`);
      assert.deepEqual(await checkOf(sr.id), first, 'not touched');

      const warned = await sweep(at(48));
      assert.equal(warned.checked, 1);
      assert.equal((await notes(u.eng.client, sr.id, 'sla_warning')).length, 1);
      const atRisk = await checkOf(sr.id);
      assert.equal(atRisk.sla_status, 'at_risk');
      assert.equal(
        atRisk.sla_next_check_at,
        new Date(start + 60 * 60_000 + 1).toISOString(),
        'next check: just past the response due time',
      );
      assert.deepEqual(await sweep(at(59)), { checked: 0, notified: 0 });

      const breached = await sweep(at(61));
      assert.equal(breached.checked, 1);
      assert.equal((await notes(u.tm.client, sr.id, 'sla_breach')).length, 1);
      const after = await checkOf(sr.id);
      assert.equal(after.sla_status, 'breached');
      assert.equal(after.sla_next_check_at, at(384).toISOString(), 'next check: the resolution warning (80 % of 8 h)');
      assert.deepEqual(await sweep(at(200)), { checked: 0, notified: 0 });
      assert.equal((await notes(u.eng.client, sr.id, 'sla_warning')).length, 1);
    });

    it('R-EMER-8 an edit of the request makes it due at once; a stopped clock sets no check of its own', async () => {
      const sr = await create();
      const start = Date.parse(sr.issuedAt);
      const at = (min: number) => new Date(start + min * 60_000);
      await sweep(at(1));
      assert.equal((await checkOf(sr.id)).sla_next_check_at, at(48).toISOString());
      const accepted = await u.eng.client.post(`/api/service-requests/${sr.id}/accept`, {});
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal((await checkOf(sr.id)).sla_next_check_at, '1970-01-01T00:00:00.000Z');
      assert.equal((await sweep(at(2))).checked, 1);
      // Accepted: the response clock stopped (met); the resolution clock warns at 6.4 h.
      assert.equal((await checkOf(sr.id)).sla_next_check_at, at(384).toISOString());
      assert.equal((await notes(u.eng.client, sr.id, 'sla_warning')).length, 0);
    });

    it('R-EMER-8 a holiday-year edit and a contract’s new targets make the open requests due at once', async () => {
      const sr = await create();
      const start = Date.parse(sr.issuedAt);
      const at = (min: number) => new Date(start + min * 60_000);
      await sweep(at(1));
      assert.deepEqual(await sweep(at(2)), { checked: 0, notified: 0 });

      const year = await getHolidayYear(db(), 2026);
      await putHolidayYear(db(), systemActor('test'), 2026, {
        provisional: year.provisional,
        holidays: year.holidays,
        makeUpWorkdays: year.makeUpWorkdays,
        version: year.version,
      });
      const afterCalendar = await sweep(at(3));
      assert.ok(afterCalendar.checked >= 1, 'every open request is read again');
      assert.equal((await checkOf(sr.id)).sla_next_check_at, at(48).toISOString());
      assert.deepEqual(await sweep(at(4)), { checked: 0, notified: 0 });

      // Response in 2 h instead of 1: the warning moves from minute 48 to minute 96.
      await updateContract(db(), systemActor('test'), contract.id, {
        version: contract.version,
        commitments: { coverage: { kind: '7x24' }, responseHours: 2, resolutionHours: 8 },
      });
      assert.ok((await sweep(at(5))).checked >= 1);
      assert.equal((await checkOf(sr.id)).sla_next_check_at, at(96).toISOString());
      assert.deepEqual(await sweep(at(48)), { checked: 0, notified: 0 });
    });
    it('R-EMER-9 a breach told once is marked on the request: made due again, it is read but nobody is looked up or told again', async () => {
      const sr = await create();
      const start = Date.parse(sr.issuedAt);
      const at = (min: number) => new Date(start + min * 60_000);
      // Past the response target (1 h, or 2 h once the test above changed the contract), before the resolution warning.
      await sweep(at(1));
      await sweep(at(130));
      const bits = async () =>
        Number(
          (await db().selectFrom('service_request').select('sla_notified').where('id', '=', sr.id).executeTakeFirstOrThrow()).sla_notified,
        );
      const marked = slaNoticeBit('response', 'breached');
      assert.equal(await bits(), marked, 'the response breach is marked sent');
      assert.equal((await notes(u.tm.client, sr.id, 'sla_breach')).length, 1);
      // The notices gone (as if read and purged): the marks alone keep the sweep from telling again.
      await db().deleteFrom('notification').where('entity', '=', 'service_request').where('entity_id', '=', sr.id).execute();
      await slaChecksDueForAllOpen(db());
      const again = await sweep(at(131));
      assert.ok(again.checked >= 1, 'read again');
      assert.equal((await notes(u.tm.client, sr.id, 'sla_breach')).length, 0, 'not told again');
      assert.equal(await bits(), marked);
    });

    it('R-EMER-9 a request swept before the marks existed: its notices are found, not sent twice, and marked', async () => {
      const sr = await create();
      const start = Date.parse(sr.issuedAt);
      const at = (min: number) => new Date(start + min * 60_000);
      await sweep(at(1));
      await sweep(at(130));
      await db().updateTable('service_request').set({ sla_notified: 0 }).where('id', '=', sr.id).execute();
      await slaChecksDueForAllOpen(db());
      await sweep(at(131));
      assert.equal((await notes(u.tm.client, sr.id, 'sla_breach')).length, 1, 'told once');
      const row = await db().selectFrom('service_request').select('sla_notified').where('id', '=', sr.id).executeTakeFirstOrThrow();
      assert.equal(Number(row.sla_notified) & slaNoticeBit('response', 'breached'), slaNoticeBit('response', 'breached'));
    });

    it('R-EMER-9 a sweep that tells of more breaches than one write holds tells every manager of every breach, once', async () => {
      const managers = await t.usersWith({ a: ['tech_manager'], b: ['tech_manager'], c: ['tech_manager'] });
      const own = await makeContract(db(), {
        status: 'active',
        commitments: { coverage: { kind: '7x24' }, responseHours: 1, resolutionHours: 8 },
      });
      const ids: number[] = [];
      let last = 0;
      for (let i = 0; i < 60; i++) {
        const sr = await makeServiceRequest(
          u.tm.client,
          { customerId: own.customer.id, contractId: own.id },
          { responsibleEngineerId: u.eng.user.id, issue: true },
        );
        ids.push(sr.id);
        last = Math.max(last, Date.parse(sr.issuedAt));
      }
      // Every one past its response target at once: 60 breaches, each told to every technical manager.
      const swept = await sweep(new Date(last + 61 * 60_000));
      const told = await db()
        .selectFrom('notification')
        .select(['user_id', 'dedupe_key', 'entity_id'])
        .where('kind', '=', 'sla_breach')
        .where('entity_id', 'in', ids)
        .execute();
      const tmCount = 1 + Object.keys(managers).length;
      assert.ok(told.length >= 60 * tmCount && told.length > 200, `${told.length} notices: more than one write's worth`);
      assert.equal(new Set(told.map((n) => `${n.user_id}\n${n.dedupe_key}`)).size, told.length, 'nobody told twice');
      for (const id of ids) assert.equal(told.filter((n) => Number(n.entity_id) === id).length, told.length / 60, `request ${id}: every manager`);
      for (const m of Object.values(managers)) assert.equal(told.filter((n) => Number(n.user_id) === m.user.id).length, 60);
      assert.ok(swept.notified >= told.length, 'the sweep counts what it sent');
      const marks = await db().selectFrom('service_request').select('sla_notified').where('id', 'in', ids).execute();
      for (const r of marks) assert.equal(Number(r.sla_notified) & slaNoticeBit('response', 'breached'), slaNoticeBit('response', 'breached'));
      await slaChecksDueForAllOpen(db());
      await sweep(new Date(last + 62 * 60_000));
      const after = await db().selectFrom('notification').select('id').where('kind', '=', 'sla_breach').where('entity_id', 'in', ids).execute();
      assert.equal(after.length, told.length, 'a second sweep tells nobody again');
    });
  });
}
