import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TUser } from '@contract/users';
import { sweepServiceRequests } from '../../jobs/service-request-sweep';
import { type Client, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { slaClocksOf } from '../service-requests/service-request-sla';
import { loadCalendarSpec } from './calendar.service';
import { CHINA_HOLIDAY_YEARS, calendarSpecOf } from './holidays';
import { localDateOf } from './working-calendar';
import { makeServiceRequest } from '../service-requests/service-requests.fixtures';

const TZ = 'Asia/Shanghai';
/** Wall-clock time in Shanghai. */
const sh = (local: string) => new Date(`${local}+08:00`);
const put = (c: Client, year: number, body: unknown) => c.request('PUT', `/api/calendar/years/${year}`, body);
/** The body of a PUT from a year as the API returns it. */
const bodyOf = (y: any) => ({ provisional: y.provisional, holidays: y.holidays, makeUpWorkdays: y.makeUpWorkdays, version: y.version });

for (const engine of engines()) {
  describe(`working calendar table (${engine})`, () => {
    let t: TestApp;
    let engineer: { client: Client; user: TUser };
    let tm: { client: Client; user: TUser };
    const db = () => t.app.deps.database.db;
    before(async () => {
      t = await startTestApp(engine);
      engineer = await t.userWith(['engineer']);
      tm = await t.userWith(['tech_manager']);
    });
    after(() => t.close());

    it('R-EMER-8 the table ships 2026 (published) and 2027 (provisional), the same calendar as the compiled-in data', async () => {
      const r = await engineer.client.get('/api/calendar/years');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.items.map((y: any) => [y.year, y.provisional, y.version]),
        [
          [2026, false, 1],
          [2027, true, 1],
        ],
      );
      for (const shipped of CHINA_HOLIDAY_YEARS) {
        const one = await engineer.client.get(`/api/calendar/years/${shipped.year}`);
        assert.equal(one.status, 200);
        assert.deepEqual(
          { year: one.body.year, provisional: one.body.provisional, holidays: one.body.holidays, makeUpWorkdays: one.body.makeUpWorkdays },
          shipped,
        );
      }
      assert.equal((await engineer.client.get('/api/calendar/years/2031')).status, 404);
      const loaded = await loadCalendarSpec(db(), TZ);
      const compiled = calendarSpecOf(CHINA_HOLIDAY_YEARS, TZ);
      assert.deepEqual([...loaded.holidays].sort(), [...compiled.holidays].sort());
      assert.deepEqual([...loaded.makeUpWorkdays].sort(), [...compiled.makeUpWorkdays].sort());
      assert.equal(await loadCalendarSpec(db(), TZ), loaded, 'cached: the same spec object until an edit');
    });

    it('R-EMER-8 R-EMER-2 declaring a holiday moves a 5×8 response due time past it (SLA function with loadCalendarSpec)', async () => {
      const admin = await t.admin();
      const subject = {
        state: 'issued',
        created_at: sh('2026-03-12T16:00').toISOString(),
        issued_at: sh('2026-03-12T16:00').toISOString(),
        responded_at: null,
        arrived_at: null,
        resolved_at: null,
      };
      const commitments = {
        coverage: { kind: '5x8', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 },
        responseHours: 4,
        arrivalHours: null,
        resolutionHours: null,
      } as any;
      const due = async () =>
        slaClocksOf(subject, commitments, [], sh('2026-03-12T16:30'), await loadCalendarSpec(db(), TZ))!.response!.dueAt;
      // Thu 16:00 + 4 h of 09:00–17:00: one hour Thursday, three on Friday.
      assert.deepEqual(await due(), sh('2026-03-13T12:00'));
      const y = (await admin.get('/api/calendar/years/2026')).body;
      const r = await put(admin, 2026, {
        ...bodyOf(y),
        holidays: [...y.holidays, { nameZh: '公司纪念日', nameEn: 'Company Day', from: '2026-03-13', to: '2026-03-13' }],
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.version, y.version + 1);
      // Friday is now off: the three hours fall on Monday.
      assert.deepEqual(await due(), sh('2026-03-16T12:00'));
      // And back: the holiday removed, the due time returns.
      const back = await put(admin, 2026, { ...bodyOf(r.body), holidays: y.holidays });
      assert.equal(back.status, 200, back.text);
      assert.deepEqual(await due(), sh('2026-03-13T12:00'));
    });

    it("R-EMER-8 R-EMER-2 through the API: a new holiday on the due day moves a 5×8 service request's response due time past it", async () => {
      const admin = await t.admin();
      const c = await makeContract(db(), {
        status: 'active',
        commitments: { coverage: { kind: '5x8' }, responseHours: 4, resolutionHours: 40 },
      });
      const created = await makeServiceRequest(
        tm.client,
        { customerId: c.customer.id, contractId: c.id },
        { description: '存储阵列告警', responsibleEngineerId: engineer.user.id, issue: true },
      );
      const id = created.id;
      const due0 = new Date(created.sla.response.dueAt);
      const day = localDateOf(due0, TZ);
      const year = Number(day.slice(0, 4));
      const existing = await admin.get(`/api/calendar/years/${year}`);
      const base =
        existing.status === 200
          ? bodyOf(existing.body)
          : { provisional: true, holidays: [], makeUpWorkdays: [] as any[], version: undefined };
      const r = await put(admin, year, {
        ...base,
        holidays: [...base.holidays, { nameZh: '临时假日', nameEn: 'Extra holiday', from: day, to: day }],
        makeUpWorkdays: base.makeUpWorkdays.filter((m: any) => m.date !== day),
      });
      assert.equal(r.status, 200, r.text);
      const after = (await tm.client.get(`/api/service-requests/${id}`)).body;
      const due1 = new Date(after.sla.response.dueAt);
      assert.ok(localDateOf(due1, TZ) > day, `${due1.toISOString()} is after ${day}`);
      // The sweep computes with the same table: the request is not breached at the old due time.
      await sweepServiceRequests(db(), { now: new Date(due0.getTime() + 60_000), timeZone: TZ });
      const listed = (await tm.client.get('/api/service-requests?sla=breached&pageSize=200')).body.items.map((i: any) => i.id);
      assert.ok(!listed.includes(id));
    });

    it('R-EMER-8 a bad year is refused with 400 naming the field, and nothing changes', async () => {
      const admin = await t.admin();
      const y = (await admin.get('/api/calendar/years/2027')).body;
      const reversed = await put(admin, 2027, {
        ...bodyOf(y),
        holidays: [...y.holidays, { nameZh: '倒置', nameEn: 'Reversed', from: '2027-03-10', to: '2027-03-08' }],
      });
      assert.equal(reversed.status, 400, reversed.text);
      assert.equal(reversed.body.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        reversed.body.issues.map((i: any) => i.path),
        [`holidays.${y.holidays.length}.to`],
      );
      const overlap = await put(admin, 2027, {
        ...bodyOf(y),
        holidays: [...y.holidays, { nameZh: '重叠', nameEn: 'Overlap', from: '2027-10-06', to: '2027-10-08' }],
      });
      assert.equal(overlap.status, 400, overlap.text);
      assert.deepEqual(
        overlap.body.issues.map((i: any) => i.path),
        [`holidays.${y.holidays.length}.from`],
      );
      assert.match(overlap.body.issues[0].message, /国庆节/);
      const makeUpOnHoliday = await put(admin, 2027, {
        ...bodyOf(y),
        makeUpWorkdays: [{ date: '2027-10-02', nameZh: '国庆节', nameEn: 'National Day' }],
      });
      assert.equal(makeUpOnHoliday.status, 400);
      assert.equal(makeUpOnHoliday.body.issues[0].path, 'makeUpWorkdays.0.date');
      const outside = await put(admin, 2027, {
        ...bodyOf(y),
        holidays: [{ nameZh: '元旦', nameEn: 'x', from: '2026-12-31', to: '2027-01-01' }],
      });
      assert.equal(outside.status, 400);
      assert.equal(outside.body.issues[0].path, 'holidays.0.from');
      const badDate = await put(admin, 2027, {
        ...bodyOf(y),
        holidays: [{ nameZh: '元旦', nameEn: 'x', from: '2027-02-30', to: '2027-03-01' }],
      });
      assert.equal(badDate.status, 400);
      assert.equal(badDate.body.issues[0].path, 'holidays.0.from');
      const unknownField = await put(admin, 2027, { ...bodyOf(y), weekends: [6, 7] });
      assert.equal(unknownField.status, 400);
      const stale = await put(admin, 2027, { ...bodyOf(y), version: y.version + 5 });
      assert.equal(stale.status, 409);
      const noVersion = await put(admin, 2027, { ...bodyOf(y), version: undefined });
      assert.equal(noVersion.status, 400);
      assert.equal(noVersion.body.issues[0].path, 'version');
      assert.deepEqual((await admin.get('/api/calendar/years/2027')).body, y);
    });

    it('R-EMER-8 only an administrator edits the calendar (403 for others); every edit is audited', async () => {
      const y = (await engineer.client.get('/api/calendar/years/2027')).body;
      for (const c of [engineer.client, tm.client]) {
        const r = await put(c, 2027, { ...bodyOf(y), provisional: false });
        assert.equal(r.status, 403, r.text);
      }
      const admin = await t.admin();
      const confirmed = await put(admin, 2027, { ...bodyOf(y), provisional: false });
      assert.equal(confirmed.status, 200, confirmed.text);
      assert.equal(confirmed.body.provisional, false);
      const created = await put(admin, 2028, {
        provisional: true,
        holidays: [{ nameZh: '元旦', nameEn: "New Year's Day", from: '2028-01-01', to: '2028-01-03' }],
        makeUpWorkdays: [],
      });
      assert.equal(created.status, 200, created.text);
      assert.equal(created.body.version, 1);
      assert.equal(created.body.updatedBy !== null, true);
      assert.ok((await loadCalendarSpec(db(), TZ)).holidays.has('2028-01-03'), 'the new year is in the calendar at once');
      const audit = (await admin.get('/api/audit?entity=holiday_year&pageSize=200')).body.items;
      const of2027 = audit.filter((e: any) => e.entityId === '2027');
      assert.equal(of2027.length, 1);
      assert.equal(of2027[0].action, 'update');
      assert.equal(of2027[0].before.provisional, true);
      assert.equal(of2027[0].after.provisional, false);
      assert.ok(audit.some((e: any) => e.entityId === '2028' && e.action === 'create'));
    });
  });
}
