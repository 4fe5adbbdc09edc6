import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ical from 'node-ical';
import { ZCreateEquipment } from '@contract/equipment';
import type { TPmPlan } from '@contract/maintenance';
import { dayNumberOfIsoDate, isoWeekdayOf } from '@contract/zoned-time';
import { systemActor } from '../../actor';
import { pdfText } from '../../pdf/pdf-tools.fixtures';
import { startSmtpReceiver } from '../../testing/receivers';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { CHINA_HOLIDAY_YEARS, calendarSpecOf } from '../calendar/holidays';
import { isWorkingDay } from '../calendar/working-calendar';
import { makeCustomer } from '../customers/customers.fixtures';
import { createEquipment } from '../equipment/equipment.service';
import { deliverDue, type Mailer, smtpMailer } from '../notifications/delivery.sender';
import { makePmContract, mailParts } from './maintenance.fixtures';
import { sweepPmTimetables } from '../../jobs/pm-visit-sweep';
import { markPmVisitDone, pmDoneAndDue } from './maintenance.service';

const calendar = calendarSpecOf(CHINA_HOLIDAY_YEARS, 'Asia/Shanghai');
const TZ = 'Asia/Shanghai';

/** The VEVENTs of an .ics, as an independent parser reads them. */
function eventsOf(text: string) {
  const parsed = ical.sync.parseICS(text);
  const events = Object.values(parsed).filter((e): e is ical.VEvent => e?.type === 'VEVENT');
  const method = (Object.values(parsed).find((e) => e?.type === 'VCALENDAR') as { method?: string } | undefined)?.method;
  return { events, method };
}

for (const engine of engines()) {
  describe(`PM timetables (${engine})`, () => {
    let t: TestApp;
    let u: Record<'tm' | 'eng1' | 'eng2' | 'sales' | 'receiver', TSignedIn>;
    let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
    let mailer: Mailer;
    let customerId: number;
    let contractId: number;
    let unitId: number;
    let plan: TPmPlan;
    const db = () => t.app.deps.database.db;
    const drain = async () => {
      while ((await deliverDue(db(), { mailer, publicUrl: 'https://fuwu.example.com' })).claimed > 0);
    };
    const generate = (over: Record<string, unknown> = {}, id = contractId) =>
      u.tm.client.post(`/api/maintenance/contracts/${id}/plan`, {
        responsibleEngineerId: u.eng1.user.id,
        backupEngineerId: u.eng2.user.id,
        startTime: '09:30',
        durationMinutes: 240,
        downtimeMinutes: 60,
        ...over,
      });
    const countPlans = async () =>
      Number(
        (
          await db()
            .selectFrom('pm_plan')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      smtp = await startSmtpReceiver();
      mailer = smtpMailer(smtp.url, 'Fuwu <noreply@fuwu.example.com>');
      t = await startTestApp(engine, { SMTP_URL: smtp.url, FUWU_PUBLIC_URL: 'https://fuwu.example.com' });
      u = await t.usersWith({ tm: ['tech_manager'], eng1: ['engineer'], eng2: ['engineer'], sales: ['sales'], receiver: ['receiver'] });
      const customer = await makeCustomer(db(), {
        name: '华东精密制造有限公司',
        contacts: [{ name: '王建国', phones: ['+86 138-0013-8000'], email: 'wang@hdjm.example' }],
      });
      customerId = customer.id;
      contractId = (await makePmContract(db(), 4, { customerId })).id;
      const unit = await createEquipment(
        db(),
        systemActor('test'),
        ZCreateEquipment.parse({ contractId, productType: '存储', brand: 'Huawei', model: 'OceanStor 5300', sn: 'SN-PM-0001' }),
        '2026-01-05',
      );
      unitId = unit.id;
    });
    after(async () => {
      mailer.close();
      await t.close();
      await smtp.close();
    });

    it('R-PM-1 a contract with routine inspections and no timetable is listed as a gap; one without them cannot have a timetable', async () => {
      const gaps = await u.tm.client.get('/api/maintenance/gaps');
      assert.equal(gaps.status, 200, gaps.text);
      assert.ok(gaps.body.items.some((g: { contract: { id: number } }) => g.contract.id === contractId));
      const plain = await makePmContract(db(), 0, { customerId });
      const r = await generate({}, plain.id);
      assert.equal(r.status, 422, r.text);
      assert.equal(r.body.code, 'PM_NOT_COMMITTED');
      assert.equal(r.body.rule, 'R-PM-1');
      assert.ok(
        !(await u.tm.client.get('/api/maintenance/gaps')).body.items.some((g: { contract: { id: number } }) => g.contract.id === plain.id),
      );
    });

    it('a recurrence that gives no visit in the period is refused with a clear message, and nothing is saved', async () => {
      const before = await countPlans();
      const r = await generate({ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.code, 'PM_RECURRENCE_EMPTY');
      assert.equal(r.body.issues[0].path, 'rrule');
      const zh = await u.tm.client.request('POST', `/api/maintenance/contracts/${contractId}/plan`, {
        responsibleEngineerId: u.eng1.user.id,
        backupEngineerId: u.eng2.user.id,
        rrule: 'NOT A RULE',
      });
      assert.equal(zh.body.code, 'PM_RECURRENCE_INVALID');
      assert.equal(await countPlans(), before);
    });

    it('R-PM-3 the backup engineer is never the responsible one', async () => {
      const r = await generate({ backupEngineerId: u.eng1.user.id });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.rule, 'R-PM-3');
    });

    it('R-PM-2 the technical manager generates four visits on working days, with equipment, both engineers, downtime and a state', async () => {
      const g = await generate();
      assert.equal(g.status, 200, g.text);
      const r = await u.tm.client.get(`/api/maintenance/contracts/${contractId}/plan`);
      plan = r.body.plan;
      assert.equal(plan.visits.length, 4);
      assert.deepEqual(
        plan.visits.map((v) => v.plannedDate),
        ['2026-02-24', '2026-05-18', '2026-08-17', '2026-11-16'],
      );
      for (const v of plan.visits) {
        assert.ok(isWorkingDay(v.plannedDate, calendar));
        assert.equal(v.state, 'planned');
        assert.equal(v.responsibleEngineer.id, u.eng1.user.id);
        assert.equal(v.backupEngineer.id, u.eng2.user.id);
        assert.equal(v.downtimeMinutes, 60);
        assert.deepEqual(v.equipmentIds, [unitId]);
      }
      assert.equal(plan.equipment[0].sn, 'SN-PM-0001');
      const gaps = await u.tm.client.get('/api/maintenance/gaps');
      assert.ok(!gaps.body.items.some((g: { contract: { id: number } }) => g.contract.id === contractId));
      // An engineer reads it but may not plan.
      assert.equal((await u.eng1.client.get(`/api/maintenance/plans/${plan.id}`)).status, 200);
      assert.equal((await u.eng1.client.post(`/api/maintenance/plans/${plan.id}/send`, {})).status, 403);
    });

    it('R-PM-2 generation with a recurrence keeps a visit on a make-up workday (调休) and never on a weekend or holiday', async () => {
      const other = await makePmContract(db(), 12, { customerId });
      const r = await generate({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=28' }, other.id);
      assert.equal(r.status, 200, r.text);
      const dates = (r.body as TPmPlan).visits.map((v) => v.plannedDate);
      assert.ok(dates.includes('2026-02-28'), 'Saturday 2026-02-28 is a make-up workday');
      assert.ok(dates.includes('2026-03-30'), 'Saturday 2026-03-28 moves to Monday');
      for (const d of dates) {
        assert.ok(!calendar.holidays.has(d), d);
        assert.ok(isoWeekdayOf(dayNumberOfIsoDate(d)) <= 5 || calendar.makeUpWorkdays.has(d), d);
      }
    });

    it('R-PM-2 the timetable goes to the customer contact as an e-mail with the PDF and an .ics that parses to the same visits', async () => {
      plan = (await u.tm.client.get(`/api/maintenance/plans/${plan.id}`)).body;
      const r = await u.tm.client.post(`/api/maintenance/plans/${plan.id}/send`, {});
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.to, 'wang@hdjm.example');
      await drain();
      const mail = smtp.received.find((m) => m.to.includes('wang@hdjm.example'));
      assert.ok(mail, 'the customer received the e-mail');
      const parts = mailParts(mail.raw);
      const pdf = parts.find((p) => p.contentType === 'application/pdf');
      const icsPart = parts.find((p) => p.contentType === 'text/calendar');
      assert.ok(pdf && icsPart, parts.map((p) => p.contentType).join(', '));
      const text = await pdfText(pdf.content);
      assert.match(text, /例行检查计划表/);
      assert.match(text, /SN-PM-0001/);
      assert.match(text, /2026-05-18/);
      const ics = icsPart.content.toString('utf8');
      assert.match(ics, /METHOD:REQUEST/);
      assert.match(ics, /DTSTART;TZID=Asia\/Shanghai:20260518T093000/);
      const { events, method } = eventsOf(ics);
      assert.equal(method, 'REQUEST');
      assert.equal(events.length, 4);
      for (const v of plan.visits) {
        const e = events.find((x) => x.uid === v.uid);
        assert.ok(e, v.uid);
        // 09:30 in Shanghai is 01:30 UTC.
        assert.equal(new Date(e.start).toISOString(), `${v.plannedDate}T01:30:00.000Z`);
        assert.equal(new Date(e.end as Date).toISOString(), `${v.plannedDate}T05:30:00.000Z`);
        assert.equal(Number(e.sequence), 0);
      }
      const sent = (await u.tm.client.get(`/api/maintenance/plans/${plan.id}`)).body as TPmPlan;
      assert.equal(sent.unsentChanges, 0);
      assert.ok(sent.sentAt);
    });

    it('R-PM-2 a changed visit keeps its UID with a higher SEQUENCE in the next .ics', async () => {
      const v = plan.visits[2];
      const moved = await u.tm.client.patch(`/api/maintenance/visits/${v.id}`, { version: v.version, plannedDate: '2026-08-19' });
      assert.equal(moved.status, 200, moved.text);
      assert.equal(moved.body.uid, v.uid);
      assert.equal(moved.body.sequence, v.sequence + 1);
      const ics = await u.tm.client.get(`/api/maintenance/plans/${plan.id}/timetable.ics`);
      assert.equal(ics.status, 200);
      const { events } = eventsOf(ics.text);
      const e = events.find((x) => x.uid === v.uid);
      assert.ok(e);
      assert.equal(Number(e.sequence), 1);
      assert.equal(new Date(e.start).toISOString(), '2026-08-19T01:30:00.000Z');
      assert.equal(events.length, 4, 'moved, not duplicated');
    });

    it('R-PM-4 the engineer is asked 5 working days before, the manager told once when a visit is not agreed 2 working days before', async () => {
      const notes = async (who: TSignedIn) =>
        (await who.client.get('/api/notifications')).body.items as { kind: string; entityId: number }[];
      const may = plan.visits[1];
      // Monday 2026-05-11, 10:00 in Shanghai: 5 working days later is 05-18.
      const first = await sweepPmTimetables(db(), { timeZone: TZ, agreeDays: 5, now: new Date('2026-05-11T02:00:00Z') });
      assert.equal(first.asked, 1);
      assert.equal(first.alerted, 0);
      assert.ok((await notes(u.eng1)).some((n) => n.kind === 'pm_agree' && n.entityId === may.id));
      assert.equal((await u.tm.client.get(`/api/maintenance/visits/${may.id}`)).body.state, 'agreeing');
      // Thursday 05-14: two working days before 05-18 and still not agreed.
      const later = await sweepPmTimetables(db(), { timeZone: TZ, agreeDays: 5, now: new Date('2026-05-14T02:00:00Z') });
      assert.equal(later.alerted, 1);
      const again = await sweepPmTimetables(db(), { timeZone: TZ, agreeDays: 5, now: new Date('2026-05-14T02:01:00Z') });
      assert.deepEqual([again.asked, again.alerted], [0, 0]);
      assert.equal((await notes(u.tm)).filter((n) => n.kind === 'pm_unagreed' && n.entityId === may.id).length, 1);
    });

    it('R-PM-4 agreeing records date, place, system state, downtime and open problems, and creates the PM service request with both engineers', async () => {
      const may = (await u.tm.client.get(`/api/maintenance/visits/${plan.visits[1].id}`)).body;
      const body = {
        version: may.version,
        date: '2026-05-19',
        startTime: '14:00',
        place: '上海市浦东新区张江路 88 号 3 号机房',
        systemState: '生产系统运行中，可在 14:00 后切换到备机',
        downtime: '14:00–16:00 停机两小时',
        openProblems: '控制器 B 偶发告警',
      };
      assert.equal((await u.sales.client.post(`/api/maintenance/visits/${may.id}/agree`, body)).status, 403);
      const other = await t.userWith(['engineer']);
      const refused = await other.client.post(`/api/maintenance/visits/${may.id}/agree`, body);
      assert.equal(refused.status, 403, refused.text);
      assert.equal(refused.body.rule, 'R-PM-4');
      const r = await u.eng1.client.post(`/api/maintenance/visits/${may.id}/agree`, body);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.state, 'agreed');
      assert.equal(r.body.plannedDate, '2026-05-19');
      assert.equal(r.body.agreedPlace, body.place);
      assert.equal(r.body.openProblems, body.openProblems);
      assert.equal(r.body.sequence, may.sequence + 1);
      const sr = await u.tm.client.get(`/api/service-requests/${r.body.serviceRequest.id}`);
      assert.equal(sr.status, 200, sr.text);
      assert.equal(sr.body.origin, 'pm_plan');
      assert.equal(sr.body.kind, 'preventive_maintenance');
      assert.equal(sr.body.state, 'issued');
      assert.equal(sr.body.responsibleEngineer.id, u.eng1.user.id);
      assert.equal(sr.body.backupEngineer.id, u.eng2.user.id);
      assert.equal(sr.body.plannedStart, '2026-05-19T06:00:00.000Z');
      assert.deepEqual(
        sr.body.equipment.map((e: { id: number }) => e.id),
        [unitId],
      );
      const again = await u.eng1.client.post(`/api/maintenance/visits/${may.id}/agree`, { ...body, version: r.body.version });
      assert.equal(again.body.code, 'PM_VISIT_NOT_OPEN');
    });

    it('R-PM-2 regenerating after a contract change keeps the agreed visit; visits dropped are sent as METHOD:CANCEL', async () => {
      const before = (await u.tm.client.get(`/api/maintenance/plans/${plan.id}`)).body as TPmPlan;
      const agreed = before.visits.find((v) => v.state === 'agreed');
      assert.ok(agreed);
      const contract = (await u.sales.client.get(`/api/contracts/${contractId}`)).body;
      const changed = await u.sales.client.patch(`/api/contracts/${contractId}`, {
        version: contract.version,
        commitments: { pmVisitsPerYear: 2 },
      });
      assert.equal(changed.status, 200, changed.text);
      const stale = await generate({ version: before.version - 1 });
      assert.equal(stale.status, 409);
      const r = await generate({ version: before.version });
      assert.equal(r.status, 200, r.text);
      const after = r.body as TPmPlan;
      const kept = after.visits.find((v) => v.id === agreed.id);
      assert.deepEqual(
        { state: kept?.state, date: kept?.plannedDate, uid: kept?.uid },
        { state: 'agreed', date: '2026-05-19', uid: agreed.uid },
      );
      const live = after.visits.filter((v) => v.state !== 'cancelled');
      assert.equal(live.length, 2);
      const cancelled = after.visits.filter((v) => v.state === 'cancelled');
      assert.equal(cancelled.length, 2);
      smtp.received.length = 0;
      assert.equal((await u.tm.client.post(`/api/maintenance/plans/${plan.id}/send`, {})).status, 200);
      await drain();
      const mail = smtp.received.find((m) => m.to.includes('wang@hdjm.example'));
      assert.ok(mail);
      const cancel = mailParts(mail.raw).find((p) => /method=CANCEL/i.test(p.headers));
      assert.ok(cancel, 'a CANCEL calendar file is attached');
      const { events, method } = eventsOf(cancel.content.toString('utf8'));
      assert.equal(method, 'CANCEL');
      assert.deepEqual(events.map((e) => e.uid).sort(), cancelled.map((v) => v.uid).sort());
      for (const e of events) assert.equal(Number(e.sequence), cancelled.find((v) => v.uid === e.uid)?.sequence);
    });

    it('R-PM-7 the visit is done when its PM request is resolved; the completion view counts done, due and overdue', async () => {
      const visit = ((await u.tm.client.get(`/api/maintenance/plans/${plan.id}`)).body as TPmPlan).visits.find((v) => v.state === 'agreed');
      assert.ok(visit?.serviceRequest);
      const srId = visit.serviceRequest.id;
      for (const action of ['accept', 'schedule', 'depart', 'arrive', 'resolve']) {
        // Resolving says what was done (the request's resolution text).
        const step = await u.eng1.client.post(`/api/service-requests/${srId}/${action}`, action === 'resolve' ? { reason: '巡检完成，设备正常' } : {});
        assert.equal(step.status, 200, `${action}: ${step.text}`);
      }
      // The resolve step itself made the visit done (no sweep ran): nothing is left for the hook or the sweep.
      assert.equal((await u.tm.client.get(`/api/maintenance/visits/${visit.id}`)).body.state, 'done');
      assert.equal(await markPmVisitDone(db(), srId), 0, 'once');
      assert.equal((await sweepPmTimetables(db(), { timeZone: TZ })).done, 0, 'the sweep finds nothing left');
      const c = await u.tm.client.get(`/api/maintenance/completion?year=2026&contractId=${contractId}`);
      assert.equal(c.status, 200, c.text);
      const row = c.body.items[0];
      const live = ((await u.tm.client.get(`/api/maintenance/plans/${plan.id}`)).body as TPmPlan).visits.filter(
        (v) => v.state !== 'cancelled',
      );
      const today = c.body.today as string;
      assert.equal(row.planned, live.length);
      assert.equal(row.done, 1);
      assert.equal(row.overdue, live.filter((v) => v.state !== 'done' && v.plannedDate < today).length);
      assert.equal(row.due, live.filter((v) => v.state !== 'done' && v.plannedDate >= today).length);
      // What the reports read (monthly summary, dashboard): the same visits, done and due in a range.
      const inYear = live.filter((v) => v.plannedDate >= '2026-01-01' && v.plannedDate <= '2026-12-31');
      assert.deepEqual(await pmDoneAndDue(db(), '2026-01-01', '2026-12-31', { contractIds: [contractId] }), { done: 1, due: inYear.length });
      assert.deepEqual(await pmDoneAndDue(db(), '2026-01-01', '2026-12-31', { contractIds: [] }), { done: 0, due: 0 });
    });

    it('lists PM visits by month, engineer, state and customer, and exports them as .xlsx', async () => {
      const may = await u.eng1.client.get(
        `/api/maintenance/visits?from=2026-05-01&to=2026-05-31&engineerId=${u.eng1.user.id}&customerId=${customerId}`,
      );
      assert.equal(may.status, 200, may.text);
      assert.ok(may.body.items.length >= 1);
      for (const v of may.body.items) assert.ok(v.plannedDate.startsWith('2026-05'));
      const done = await u.tm.client.get('/api/maintenance/visits?state=done');
      assert.equal(done.body.items.length, 1);
      assert.equal((await u.receiver.client.get('/api/maintenance/visits')).status, 403);
      const x = await u.tm.client.get('/api/maintenance/visits/export.xlsx');
      assert.equal(x.status, 200);
      assert.match(String(x.headers['content-type']), /spreadsheetml/);
      const g = await u.tm.client.get('/api/maintenance/gaps/export.xlsx');
      assert.equal(g.status, 200);
    });
  });
}
