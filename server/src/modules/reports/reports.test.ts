import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, monthRange, weekStartOf } from '@contract/reports';
import type { TRole } from '@contract/roles';
import type { TUnitAction } from '@contract/visits';
import { dayStartInstant, instantOfWallTime, dayNumberOfIsoDate, isoDateOfInstant, todayIn } from '@contract/zoned-time';
import { systemActor } from '../../actor';
import { holdsText, pdfText } from '../../pdf/pdf-tools.fixtures';
import { loadExcelJs } from '../../spreadsheets/exceljs';
import { transact } from '../../db/transaction';
import { enforceGuard } from '../guards/guards.service';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeServiceRequest } from '../service-requests/service-requests.fixtures';
import { insertVisit } from '../service-reports/service-reports.fixtures';
import { readWorkHoursRollups, rebuildWorkHoursRollups, recordWorkHours } from '../work-hours/work-hours.service';
import {
  readRequestRollup,
  rebuildRequestRollup,
  rebuildRequestRollupFromScratch,
  sweepReportRollups,
  sweepWeeklyReports,
  rollupRange,
} from './reports.service';
import { slaByCustomer } from './reports.repo';

const TZ = 'Asia/Shanghai';
const ROLES = {
  tm: ['tech_manager'],
  sales: ['sales'],
  otherSales: ['sales'],
  e1: ['engineer'],
  e2: ['engineer'],
  e3: ['engineer'],
} satisfies Record<string, TRole[]>;

const MONTH = '2026-11';
const WEEKS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
const KINDS = ['emergency_repair', 'installation', 'preventive_maintenance'] as const;

/** A wall time in the company's zone as an ISO instant. */
const at = (date: string, h: number, m = 0) =>
  new Date(instantOfWallTime(dayNumberOfIsoDate(date), (h * 60 + m) * 60_000, TZ)).toISOString();

for (const engine of engines()) {
  describe(`work hours and reports (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let contractA: number;
    let contractB: number;
    let customerA: number;
    const db = () => t.app.deps.database.db;
    const engineers = () => [u.e1, u.e2, u.e3];
    let visitSeq = 5000;
    const requests: { id: number; contractId: number; engineerId: number; day: string; closed: boolean; closedDay: string }[] = [];

    before(async () => {
      t = await startTestApp(engine, { FUWU_TIMEZONE: TZ });
      u = await t.usersWith(ROLES);
      const a = await makeContract(db(), { status: 'active', salesOwnerId: u.sales.user.id });
      const b = await makeContract(db(), { status: 'active', salesOwnerId: u.otherSales.user.id });
      contractA = a.id;
      contractB = b.id;
      customerA = a.customer.id;

      // A month of work: 36 requests over November across two contracts and three engineers, two
      // thirds closed (every fifth closed one past its SLA), each with a visit of travel and time on
      // site (some over two days), plus other work added by the engineers.
      for (let i = 0; i < 36; i++) {
        const contract = i % 3 === 0 ? b : a;
        const eng = engineers()[i % 3];
        const day = addDays('2026-11-02', (i * 17) % 26);
        const sr = await makeServiceRequest(
          u.tm.client,
          { customerId: contract.customer.id, contractId: contract.id },
          { kind: KINDS[i % 3] },
        );
        const closed = i % 3 !== 2;
        const closedDay = addDays(day, 1 + (i % 2));
        await db()
          .updateTable('service_request')
          .set({
            created_at: at(day, 9, i),
            responsible_engineer_id: eng.user.id,
            state: closed ? 'closed' : 'accepted',
            closed_at: closed ? at(closedDay, 16) : null,
            sla_status: closed && i % 5 === 0 ? 'breached' : 'ok',
          })
          .where('id', '=', sr.id)
          .execute();
        requests.push({ id: sr.id, contractId: contract.id, engineerId: eng.user.id, day, closed, closedDay });
        const visitId = ++visitSeq;
        const twoDays = i % 4 === 0;
        await transact(db(), (trx) =>
          recordWorkHours(trx, systemActor('test'), {
            source: { entity: 'visit', id: visitId },
            entries: [
              { engineerId: eng.user.id, workDate: day, kind: 'visit_travel', hours: 1.5, serviceRequestId: sr.id },
              { engineerId: eng.user.id, workDate: day, kind: 'visit_onsite', hours: 3, serviceRequestId: sr.id },
              ...(twoDays
                ? [
                    {
                      engineerId: eng.user.id,
                      workDate: addDays(day, 1),
                      kind: 'visit_onsite' as const,
                      hours: 2.25,
                      serviceRequestId: sr.id,
                    },
                  ]
                : []),
            ],
          }),
        );
        // A second visit to every fourth closed request: not fixed at the first visit.
        if (closed && i % 4 === 1)
          await transact(db(), (trx) =>
            recordWorkHours(trx, systemActor('test'), {
              source: { entity: 'visit', id: ++visitSeq },
              entries: [{ engineerId: eng.user.id, workDate: addDays(day, 1), kind: 'visit_onsite', hours: 1, serviceRequestId: sr.id }],
            }),
          );
      }
      for (const [n, eng] of engineers().entries())
        for (const w of WEEKS) {
          const r = await eng.client.post('/api/work-hours', {
            workDate: addDays(w, 2),
            kind: n === 0 ? 'training_prep' : 'internal',
            hours: 2 + n,
            note: '准备培训材料',
          });
          assert.equal(r.status, 201, r.text);
        }
      await recordPartsAndScores();
      await rebuildRequestRollup(db(), '2026-10-01', '2026-12-06', TZ);
    });
    after(() => t.close());

    /**
     * The month's parts and scores, as their areas record them: parts replaced on visits (one put
     * back, one in October, one in December), loans on the requests returned kept (one the same part
     * as a replacement), good or faulty, faulty-part tags; follow-up scores; training feedback on
     * contract A's sessions (one held in December).
     */
    async function recordPartsAndScores() {
      const now = new Date().toISOString();
      const part = await db()
        .insertInto('part')
        .values({ pn: 'PN-DISK-1', description: '硬盘 1.2TB', tracking: 'serial', created_at: now, version: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const store = await db()
        .insertInto('stock_location')
        .values({ kind: 'store', name: '测试总库', created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      let loanSeq = 0;
      const loan = async (r: (typeof requests)[number], sn: string | null, quantity: number, condition: string, returnedAt: string) =>
        db()
          .insertInto('part_loan')
          .values({
            number: `LN-T-${++loanSeq}`,
            part_id: Number(part.id),
            sn,
            quantity,
            purpose: 'replacement',
            state: 'returned',
            emergency: 0,
            paperwork_pending: 0,
            borrower_id: r.engineerId,
            from_location_id: Number(store.id),
            customer_id: await customerOf(r.contractId),
            service_request_id: r.id,
            due_date: addDays(r.day, 7),
            borrowed_at: at(r.day, 8),
            returned_at: returnedAt,
            return_condition: condition,
            created_at: at(r.day, 8),
            version: 1,
          })
          .execute();
      const unit = async (
        r: (typeof requests)[number],
        action: TUnitAction,
        recordedAt: string,
        newSn: string | null,
        revertsId?: number,
      ) => {
        const visitId = await insertVisit(db(), { requestId: r.id, engineerId: r.engineerId });
        const row = await db()
          .insertInto('visit_unit')
          .values({
            visit_id: visitId,
            service_request_id: r.id,
            action,
            product_type: '存储',
            brand: 'HPE',
            model: 'MSA 2060',
            old_pn: 'PN-DISK-1',
            old_sn: `OLD-${r.id}`,
            new_pn: newSn ? 'PN-DISK-1' : null,
            new_sn: newSn,
            under_warranty: 1,
            under_vendor_warranty: 1,
            reason: 'SMART 预警',
            intermittent: 0,
            fault_recurred: 0,
            overridden: 0,
            reverts_id: revertsId ?? null,
            recorded_at: recordedAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return Number(row.id);
      };
      for (const [i, r] of requests.entries()) {
        if (i % 4 === 1) {
          const id = await unit(r, 'replaced', at(r.day, 11), `SN-${i}`);
          if (i === 5) await unit(r, 'put_back', at(addDays(r.day, 1), 10), `OLD-${r.id}`, id);
        }
        if (i % 4 === 3) await unit(r, 'served', at(r.day, 11), null);
        if (i % 5 === 0) await loan(r, i % 4 === 1 ? `SN-${i}` : `L-${i}`, 1, 'kept', at(addDays(r.day, 1), 15));
        if (i % 7 === 0) await loan(r, null, 2, 'kept', at(addDays(r.day, 1), 16));
        if (i % 7 === 3) await loan(r, `G-${i}`, 1, 'good', at(addDays(r.day, 1), 16));
        if (i % 7 === 4) {
          await loan(r, `F-${i}`, 1, 'faulty', at(addDays(r.day, 1), 16));
          await db()
            .insertInto('faulty_part_tag')
            .values({
              number: `FT-T-${i}`,
              part_id: Number(part.id),
              pn: 'PN-DISK-1',
              sn: `F-${i}`,
              service_request_id: r.id,
              fault: '归还时故障',
              removed_date: addDays(r.day, 1),
              condition: 'faulty',
              created_at: now,
              version: 1,
            })
            .execute();
        }
        // A follow-up of each closed request, scored 1–5 (every third one not done yet, no score).
        if (r.closed) {
          const report = await db()
            .insertInto('service_report')
            .values({
              number: `CSR-T-${i}`,
              revision: 1,
              kind: 'service',
              service_request_id: r.id,
              customer_id: r.contractId === contractA ? customerA : await customerOf(r.contractId),
              contract_id: r.contractId,
              state: 'signed',
              content: '{}',
              signed_at: at(r.closedDay, 15),
              created_at: at(r.closedDay, 15),
              updated_at: at(r.closedDay, 15),
              version: 1,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const scored = i % 3 !== 1 || i % 2 === 0;
          await db()
            .insertInto('service_follow_up')
            .values({
              service_report_id: Number(report.id),
              service_request_id: r.id,
              engineer_id: r.engineerId,
              due_on: addDays(r.closedDay, 1),
              latest_on: addDays(r.closedDay, 2),
              state: 'done',
              channel: 'call',
              outcome: 'satisfied',
              score: scored ? 1 + (i % 5) : null,
              done_at: at(addDays(r.closedDay, 1), 10),
              created_at: at(r.closedDay, 15),
              version: 1,
            })
            .execute();
        }
      }
      const [first, second, third] = requests.filter((r) => r.contractId === contractA);
      await unit(first, 'replaced', at('2026-12-02', 10), 'SN-DEC');
      await unit(second, 'replaced', at('2026-10-28', 10), 'SN-OCT');
      await unit(third, 'replaced', at('2026-10-31', 23, 30), 'SN-OCT-LATE');
      // Training on contract A: two sessions held in November, one in December, one cancelled.
      const plan = await db()
        .insertInto('training_plan')
        .values({
          number: 'TP-T-1',
          contract_id: contractA,
          customer_id: customerA,
          title: '存储运维培训',
          sent_count: 0,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const sessions: [string, string, number[][]][] = [
        [
          at('2026-11-10', 9),
          'held',
          [
            [5, 5, 4, 5, 5],
            [4, 4, 4, 3, 4],
            [3, 5, 4, 4, 4],
          ],
        ],
        [at('2026-11-24', 14), 'held', [[2, 3, 3, 2, 3]]],
        [at('2026-12-01', 9), 'held', [[1, 1, 1, 1, 1]]],
        [at('2026-11-26', 9), 'cancelled', [[1, 2, 1, 2, 1]]],
      ];
      for (const [n, [startsAt, state, forms]] of sessions.entries()) {
        const s = await db()
          .insertInto('training_session')
          .values({
            plan_id: Number(plan.id),
            uid: `t-${n}@test`,
            sequence: 0,
            course: '存储日常维护',
            starts_at: startsAt,
            hours: 3,
            place: '客户培训室',
            trainer_id: u.e1.user.id,
            expected_attendees: 10,
            state,
            checklist_complete: 0,
            created_at: now,
            updated_at: now,
            version: 1,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const [content, trainer, materials, organisation, usefulness] of forms)
          await db()
            .insertInto('training_feedback')
            .values({ session_id: Number(s.id), source: 'paper', content, trainer, materials, organisation, usefulness, created_at: now })
            .execute();
      }
    }
    async function customerOf(contractId: number): Promise<number> {
      const c = await db().selectFrom('contract').select('customer_id').where('id', '=', contractId).executeTakeFirstOrThrow();
      return Number(c.customer_id);
    }

    /** Parts used on a contract in [from, to], straight from the visits' unit records and the loans. */
    async function directPartsUsed(contractId: number, from: string, to: string): Promise<number> {
      const [fromAt, toAt] = [dayStartInstant(from, TZ), dayStartInstant(to, TZ, 1)];
      const units = await db()
        .selectFrom('visit_unit as u')
        .innerJoin('service_request as sr', 'sr.id', 'u.service_request_id')
        .select(['u.id', 'u.action', 'u.recorded_at', 'u.new_sn', 'u.reverts_id', 'u.service_request_id', 'sr.contract_id'])
        .execute();
      const counted = units.filter(
        (x) =>
          Number(x.contract_id) === contractId &&
          x.action === 'replaced' &&
          x.recorded_at >= fromAt &&
          x.recorded_at < toAt &&
          !units.some((p) => p.action === 'put_back' && Number(p.reverts_id) === Number(x.id) && p.recorded_at < toAt),
      );
      const loans = await db()
        .selectFrom('part_loan as l')
        .innerJoin('service_request as sr', 'sr.id', 'l.service_request_id')
        .select(['l.sn', 'l.quantity', 'l.return_condition', 'l.returned_at', 'l.service_request_id', 'sr.contract_id'])
        .execute();
      const kept = loans.filter(
        (l) =>
          Number(l.contract_id) === contractId &&
          l.return_condition === 'kept' &&
          (l.returned_at ?? '') >= fromAt &&
          (l.returned_at ?? '') < toAt &&
          !counted.some((x) => Number(x.service_request_id) === Number(l.service_request_id) && l.sn !== null && x.new_sn === l.sn),
      );
      return counted.length + kept.reduce((n, l) => n + Number(l.quantity), 0);
    }

    /** Satisfaction (0–100) on a contract in [from, to], straight from the follow-ups' scores and the training feedback forms. */
    async function directSatisfaction(contractId: number, from: string, to: string) {
      const followUps = (
        await db()
          .selectFrom('service_follow_up as f')
          .innerJoin('service_request as sr', 'sr.id', 'f.service_request_id')
          .select(['f.score', 'f.due_on', 'sr.contract_id'])
          .execute()
      )
        .filter((f) => Number(f.contract_id) === contractId && f.score !== null && f.due_on >= from && f.due_on <= to)
        .map((f) => Number(f.score));
      const training = (
        await db()
          .selectFrom('training_feedback as f')
          .innerJoin('training_session as s', 's.id', 'f.session_id')
          .innerJoin('training_plan as p', 'p.id', 's.plan_id')
          .selectAll('f')
          .select(['s.starts_at', 's.state', 'p.contract_id'])
          .execute()
      )
        .filter(
          (f) =>
            Number(f.contract_id) === contractId &&
            f.state !== 'cancelled' &&
            f.starts_at >= dayStartInstant(from, TZ) &&
            f.starts_at < dayStartInstant(to, TZ, 1),
        )
        .map((f) => (f.content + f.trainer + f.materials + f.organisation + f.usefulness) / 5);
      const of = (xs: number[]) => (xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length / 5) * 100));
      return { followUps: of(followUps), training: of(training), combined: of([...followUps, ...training]) };
    }

    /** Minutes of an engineer's entries in a date range, by kind, straight from the entries. */
    async function directMinutesByKind(engineerId: number, from: string, to: string) {
      const rows = await db()
        .selectFrom('work_hours_entry')
        .selectAll()
        .where('engineer_id', '=', engineerId)
        .where('work_date', '>=', from)
        .where('work_date', '<=', to)
        .execute();
      const out: Record<string, number> = {};
      for (const r of rows) out[r.kind] = (out[r.kind] ?? 0) + Number(r.minutes);
      return out;
    }
    async function directClosed(engineerId: number | null, from: string, to: string) {
      let q = db()
        .selectFrom('service_request')
        .selectAll()
        .where('state', '=', 'closed')
        .where('closed_at', '>=', dayStartInstant(from, TZ))
        .where('closed_at', '<', dayStartInstant(to, TZ, 1));
      if (engineerId !== null) q = q.where('responsible_engineer_id', '=', engineerId);
      return q.execute();
    }

    it('R-FLOW-1 a visit records its hours by replacing its own entries: saved again, nothing is counted twice', async () => {
      const eng = u.e1.user.id;
      const sr = await makeServiceRequest(u.tm.client, { customerId: customerA, contractId: contractA });
      const day = '2026-10-14';
      const save = (onsite: number) =>
        transact(db(), (trx) =>
          recordWorkHours(trx, systemActor('test'), {
            source: { entity: 'visit', id: 1 },
            entries: [
              { engineerId: eng, workDate: day, kind: 'visit_travel', hours: 1, serviceRequestId: sr.id },
              { engineerId: eng, workDate: day, kind: 'visit_onsite', hours: onsite, serviceRequestId: sr.id },
            ],
          }),
        );
      await save(2);
      await save(2);
      await save(4.5);
      const list = (await u.e1.client.get(`/api/work-hours?from=${day}&to=${day}`)).body.items;
      assert.deepEqual(
        list.map((e: { kind: string; hours: number; customer: { id: number } }) => [e.kind, e.hours, e.customer.id]),
        [
          ['visit_travel', 1, customerA],
          ['visit_onsite', 4.5, customerA],
        ],
      );
      const day1 = await db()
        .selectFrom('work_hours_day')
        .selectAll()
        .where('engineer_id', '=', eng)
        .where('work_date', '=', day)
        .orderBy('kind')
        .execute();
      assert.deepEqual(
        day1.map((r) => [r.kind, Number(r.minutes), Number(r.entries)]),
        [
          ['visit_onsite', 270, 1],
          ['visit_travel', 60, 1],
        ],
      );
      const cust = await db()
        .selectFrom('work_customer_day')
        .selectAll()
        .where('customer_id', '=', customerA)
        .where('work_date', '=', day)
        .executeTakeFirstOrThrow();
      assert.deepEqual([Number(cust.minutes), Number(cust.entries), Number(cust.visits)], [330, 2, 1]);
      // Removing the visit's hours removes the roll-up rows.
      await transact(db(), (trx) => recordWorkHours(trx, systemActor('test'), { source: { entity: 'visit', id: 1 }, entries: [] }));
      assert.equal(
        (await db().selectFrom('work_hours_day').selectAll().where('engineer_id', '=', eng).where('work_date', '=', day).execute()).length,
        0,
      );
    });

    it('R-FLOW-1 hours below 0 or above 24, or a day past 24 hours, are refused with the reason and nothing is saved', async () => {
      const day = '2026-10-20';
      for (const hours of [-1, 25]) {
        const r = await u.e2.client.post('/api/work-hours', { workDate: day, kind: 'internal', hours, note: '整理文档' });
        assert.equal(r.status, 400, r.text);
        assert.equal(r.body.issues[0].path, 'hours');
      }
      assert.equal(
        (await u.e2.client.post('/api/work-hours', { workDate: day, kind: 'internal', hours: 20, note: '整理文档' })).status,
        201,
      );
      const over = await u.e2.client.post('/api/work-hours', { workDate: day, kind: 'other', hours: 4.5, note: '加班' });
      assert.equal(over.status, 422, over.text);
      assert.equal(over.body.code, 'WORK_HOURS_DAY_LIMIT');
      assert.equal(over.body.rule, 'R-FLOW-1');
      const list = (await u.e2.client.get(`/api/work-hours?from=${day}&to=${day}`)).body.items;
      assert.deepEqual(
        list.map((e: { hours: number }) => e.hours),
        [20],
      );
      // The engineer removes his own other work; another engineer cannot.
      assert.equal((await u.e3.client.request('DELETE', `/api/work-hours/${list[0].id}`)).status, 404);
      assert.equal((await u.e2.client.request('DELETE', `/api/work-hours/${list[0].id}`)).status, 204);
    });

    it('R-FLOW-1 the live roll-ups equal a rebuild from scratch, and the rebuild is idempotent', async () => {
      const live = await readWorkHoursRollups(db());
      assert.ok(live.engineerDays.length > 50 && live.customerDays.length > 20);
      await rebuildWorkHoursRollups(db());
      assert.deepEqual(await readWorkHoursRollups(db()), live);
      await rebuildWorkHoursRollups(db());
      assert.deepEqual(await readWorkHoursRollups(db()), live);
      // The request roll-ups: request_day, the company-wide day totals and the customer weeks, kept
      // day by day by the job, against a rebuild from scratch (the totals and weeks summed in bulk).
      const today = todayIn(TZ);
      await rebuildRequestRollup(db(), '2026-10-01', today, TZ);
      const requests = await readRequestRollup(db());
      assert.ok(requests.totals.length > 20 && requests.customerWeeks.length >= 8);
      await rebuildRequestRollup(db(), '2026-10-01', today, TZ);
      assert.deepEqual(await readRequestRollup(db()), requests);
      await rebuildRequestRollupFromScratch(db(), TZ);
      assert.deepEqual(await readRequestRollup(db()), requests);
      // A request closed in another week than it was: the job re-runs both days, and the day totals
      // and both customers' weeks follow it (the old week loses it, the new one gains it).
      const moved = await db()
        .selectFrom('service_request')
        .select(['id', 'closed_at'])
        .where('state', '=', 'closed')
        .where('contract_id', '=', contractA)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const oldDay = isoDateOfInstant(moved.closed_at as string, TZ);
      const newDay = addDays(oldDay, 9);
      await db()
        .updateTable('service_request')
        .set({ closed_at: at(newDay, 11) })
        .where('id', '=', moved.id)
        .execute();
      await rebuildRequestRollup(db(), oldDay, oldDay, TZ);
      await rebuildRequestRollup(db(), newDay, newDay, TZ);
      const after = await readRequestRollup(db());
      assert.notDeepEqual(after.customerWeeks, requests.customerWeeks);
      await rebuildRequestRollupFromScratch(db(), TZ);
      assert.deepEqual(await readRequestRollup(db()), after);
      await db().updateTable('service_request').set({ closed_at: moved.closed_at }).where('id', '=', moved.id).execute();
      await rebuildRequestRollup(db(), oldDay, oldDay, TZ);
      await rebuildRequestRollup(db(), newDay, newDay, TZ);
      assert.deepEqual(await readRequestRollup(db()), requests);
    });

    it('R-FLOW-1 R-ORG-3 each weekly report is drafted from the week’s records, figure by figure', async () => {
      for (const eng of engineers())
        for (const w of WEEKS) {
          const r = await eng.client.get(`/api/weekly-reports/mine?week=${addDays(w, 3)}`);
          assert.equal(r.status, 200, r.text);
          assert.equal(r.body.weekStart, w);
          assert.equal(r.body.state, 'draft');
          const direct = await directMinutesByKind(eng.user.id, w, addDays(w, 6));
          const expected = Object.fromEntries(Object.entries(direct).map(([k, m]) => [k, m / 60]));
          assert.deepEqual(r.body.totals, expected, `${eng.user.name} ${w}`);
          const closed = await directClosed(eng.user.id, w, addDays(w, 6));
          assert.equal(r.body.requestsClosed, closed.length);
          for (const c of closed)
            assert.ok(
              r.body.lines.some(
                (l: { requestNumber: string; kind: string }) => l.requestNumber === c.number && l.kind === 'closed_request',
              ),
            );
          // Due Friday 17:00 in the company's zone.
          assert.equal(r.body.dueAt, at(addDays(w, 4), 17));
        }
    });

    it('R-FLOW-1 an engineer adds a line and submits; the report is locked until the manager returns it; a week not started is refused', async () => {
      const week = WEEKS[1];
      const draft = (await u.e1.client.get(`/api/weekly-reports/mine?week=${week}`)).body;
      const body = {
        version: draft.version,
        lines: [
          ...draft.lines,
          {
            date: addDays(week, 4),
            customer: null,
            requestNumber: null,
            kind: 'internal',
            hours: 1,
            result: '整理备件库',
            origin: 'manual',
          },
        ],
        problems: '备件到货慢',
        suggestions: '增加常用备件库存',
        nextWeekPlan: '完成两次巡检',
      };
      const s = await u.e1.client.post(`/api/weekly-reports/mine/submit?week=${week}`, body);
      assert.equal(s.status, 200, s.text);
      assert.equal(s.body.state, 'submitted');
      assert.equal(s.body.lines.length, draft.lines.length + 1);
      assert.equal(s.body.totalHours, Math.round((draft.totalHours + 1) * 100) / 100);
      const edit = await u.e1.client.request('PUT', `/api/weekly-reports/mine?week=${week}`, {
        ...body,
        version: s.body.version,
        problems: '改',
      });
      assert.equal(edit.status, 422);
      assert.equal(edit.body.code, 'WEEKLY_REPORT_LOCKED');
      assert.equal((await u.e1.client.get(`/api/weekly-reports/${s.body.id}`)).body.problems, '备件到货慢');
      assert.equal(
        (await u.e2.client.post(`/api/weekly-reports/${s.body.id}/return`, { version: s.body.version, reason: '补充' })).status,
        403,
      );
      assert.equal((await u.e2.client.get(`/api/weekly-reports/${s.body.id}`)).status, 404);
      const ret = await u.tm.client.post(`/api/weekly-reports/${s.body.id}/return`, { version: s.body.version, reason: '请补充问题描述' });
      assert.equal(ret.status, 200, ret.text);
      assert.equal(ret.body.state, 'returned');
      const again = await u.e1.client.post(`/api/weekly-reports/mine/submit?week=${week}`, {
        ...body,
        version: ret.body.version,
        problems: '备件到货慢，影响两单',
      });
      assert.equal(again.status, 200, again.text);
      assert.equal(again.body.state, 'submitted');

      const future = addDays(weekStartOf(new Date().toISOString().slice(0, 10)), 14);
      const early = await u.e2.client.post(`/api/weekly-reports/mine/submit?week=${future}`, { version: 0, lines: [] });
      assert.equal(early.status, 422);
      assert.equal(early.body.code, 'WEEKLY_REPORT_NOT_STARTED');
      assert.equal((await u.e2.client.get(`/api/weekly-reports/mine?week=${future}`)).body.id, null);
    });

    it('R-FLOW-1 R-ORG-3 the weekly record is drafted from the submitted reports, figure by figure; action items sit in the owners’ work lists until done', async () => {
      const week = WEEKS[1];
      for (const eng of [u.e2, u.e3]) {
        const d = (await eng.client.get(`/api/weekly-reports/mine?week=${week}`)).body;
        assert.equal(
          (await eng.client.post(`/api/weekly-reports/mine/submit?week=${week}`, { version: d.version, lines: d.lines })).status,
          200,
        );
      }
      const rec = await u.tm.client.post('/api/weekly-records/draft', { week });
      assert.equal(rec.status, 200, rec.text);
      const closedWeek = await directClosed(null, week, addDays(week, 6));
      for (const eng of engineers()) {
        const row = rec.body.engineers.find((e: { engineer: { id: number } }) => e.engineer.id === eng.user.id);
        const report = (await eng.client.get(`/api/weekly-reports/mine?week=${week}`)).body;
        assert.equal(row.reportState, 'submitted');
        assert.equal(row.hours, report.totalHours);
        const mine = closedWeek.filter((c) => Number(c.responsible_engineer_id) === eng.user.id);
        assert.equal(row.requestsClosed, mine.length);
        assert.deepEqual(
          row.slaMisses.map((m: { number: string }) => m.number).sort(),
          mine
            .filter((c) => c.sla_status === 'breached')
            .map((c) => c.number)
            .sort(),
        );
        const open = await db()
          .selectFrom('service_request')
          .select('id')
          .where('responsible_engineer_id', '=', eng.user.id)
          .where('state', 'not in', ['closed', 'cancelled'])
          .execute();
        assert.equal(row.requestsOpen, open.length);
        assert.deepEqual(row.overdueFollowUps, []);
      }
      const upd = await u.tm.client.request('PUT', `/api/weekly-records/${rec.body.id}`, {
        version: rec.body.version,
        attendeeIds: [u.tm.user.id, u.e1.user.id],
        decisions: '下周起备件提前申请',
      });
      assert.equal(upd.status, 200, upd.text);
      const act = await u.tm.client.post(`/api/weekly-records/${rec.body.id}/actions`, {
        text: '联系供应商确认备件交期',
        ownerId: u.e2.user.id,
        dueDate: '2026-12-11',
      });
      assert.equal(act.status, 200, act.text);
      const actionId = act.body.actions[0].id;
      const work = (await u.e2.client.get('/api/my-work')).body;
      assert.deepEqual(
        work.actions.map((a: { id: number }) => a.id),
        [actionId],
      );
      assert.equal((await u.e3.client.post(`/api/weekly-record-actions/${actionId}/done`, {})).status, 404);
      assert.equal((await u.e2.client.post(`/api/weekly-record-actions/${actionId}/done`, {})).status, 204);
      assert.deepEqual((await u.e2.client.get('/api/my-work')).body.actions, []);
      // Re-drafting keeps the attendees, decisions and actions.
      const again = await u.tm.client.post('/api/weekly-records/draft', { week });
      assert.equal(again.body.attendees.length, 2);
      assert.equal(again.body.decisions, '下周起备件提前申请');
      assert.equal(again.body.actions.length, 1);
    });

    it("R-INST-11 the week's note to each sales owner lists his customers' requests, with the debriefs' place", async () => {
      const week = WEEKS[2];
      const r = await u.tm.client.get(`/api/weekly-records/sales-notes?week=${week}`);
      assert.equal(r.status, 200, r.text);
      const closed = await directClosed(null, week, addDays(week, 6));
      for (const [sales, contract] of [
        [u.sales, contractA],
        [u.otherSales, contractB],
      ] as const) {
        const note = r.body.items.find((n: { salesOwner: { id: number } }) => n.salesOwner.id === sales.user.id);
        const expected = closed
          .filter((c) => Number(c.contract_id) === contract)
          .map((c) => c.number)
          .sort();
        assert.deepEqual((note?.requests ?? []).map((x: { number: string }) => x.number).sort(), expected);
        if (note) assert.deepEqual(note.debriefs, []);
      }
      // A debrief written this week about contract A's closed request reaches A's sales owner's note, and only his.
      const closedA = closed.find((c) => Number(c.contract_id) === contractA);
      assert.ok(closedA);
      const d = await u.tm.client.post(`/api/service-requests/${closedA.id}/debrief`, {
        howItWent: '更换电源后运行稳定',
        lessons: '提前备好电源模块',
        customerSituation: '客户计划明年扩容',
      });
      assert.equal(d.status, 201, d.text);
      const now = await u.tm.client.get(`/api/weekly-records/sales-notes?week=${todayIn(TZ)}`);
      assert.equal(now.status, 200, now.text);
      const noteOf = (id: number) => now.body.items.find((n: { salesOwner: { id: number } }) => n.salesOwner.id === id);
      assert.deepEqual(
        noteOf(u.sales.user.id)?.debriefs.map((x: { id: number }) => x.id),
        [d.body.id],
      );
      assert.match(noteOf(u.sales.user.id).debriefs[0].label, /更换电源后运行稳定/);
      // With what was written, for the note's screen (grouped by customer).
      const written = noteOf(u.sales.user.id).debriefs[0];
      assert.equal(written.customer.id, customerA);
      assert.deepEqual(written.serviceRequest, { id: closedA.id, number: closedA.number });
      assert.deepEqual([written.howItWent, written.customerSituation], ['更换电源后运行稳定', '客户计划明年扩容']);
      assert.deepEqual(noteOf(u.otherSales.user.id)?.debriefs ?? [], []);
    });

    it('R-FLOW-1 R-ORG-3 the monthly project summary is drafted from the roll-ups, figure by figure, with the change against the month before; approved, it is locked and e-mailed', async () => {
      const admin = await t.admin();
      assert.equal(
        (await admin.request('PUT', '/api/report-settings', { weeklyDueTime: '17:00', mailTo: ['boss@example.com', 'pmo@example.com'] }))
          .status,
        200,
      );
      const { from, to } = monthRange(MONTH);
      for (const contractId of [contractA, contractB]) {
        const r = await u.tm.client.post('/api/monthly-summaries/draft', { month: MONTH, contractId });
        assert.equal(r.status, 200, r.text);
        const f = r.body.figures;
        const created = await db()
          .selectFrom('service_request')
          .selectAll()
          .where('contract_id', '=', contractId)
          .where('created_at', '>=', dayStartInstant(from, TZ))
          .where('created_at', '<', dayStartInstant(to, TZ, 1))
          .execute();
        const byKind: Record<string, number> = {};
        for (const c of created) byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
        assert.deepEqual(f.requestsByKind, byKind);
        assert.equal(f.requests, created.length);
        const closed = (await directClosed(null, from, to)).filter((c) => Number(c.contract_id) === contractId);
        assert.equal(f.closed, closed.length);
        const met = closed.filter((c) => c.sla_status !== 'breached').length;
        assert.equal(f.slaMetPct, Math.round((met / closed.length) * 1000) / 10);
        const entries = await db()
          .selectFrom('work_hours_entry')
          .selectAll()
          .where('contract_id', '=', contractId)
          .where('work_date', '>=', from)
          .where('work_date', '<=', to)
          .execute();
        assert.equal(f.hours, Math.round((entries.reduce((s, e) => s + Number(e.minutes), 0) / 60) * 100) / 100);
        const firstDay = new Map<number, string>();
        for (const e of entries.filter((x) => x.source_entity === 'visit')) {
          const d = firstDay.get(Number(e.source_id));
          if (!d || e.work_date < d) firstDay.set(Number(e.source_id), e.work_date);
        }
        assert.equal(f.visits, firstDay.size);
        const open = await db()
          .selectFrom('service_request')
          .select('id')
          .where('contract_id', '=', contractId)
          .where('state', 'not in', ['closed', 'cancelled'])
          .execute();
        assert.equal(f.openItems, open.length);
        // Parts used: replacements not put back and spares the customer kept, each part once.
        assert.equal(f.partsUsed, await directPartsUsed(contractId, from, to));
        assert.ok(f.partsUsed > 0);
        const { from: prevFrom, to: prevTo } = monthRange('2026-10');
        assert.equal(r.body.previous.partsUsed, await directPartsUsed(contractId, prevFrom, prevTo));
        assert.equal(r.body.change.partsUsed, f.partsUsed - r.body.previous.partsUsed);
        // Satisfaction: the follow-ups' scores and the training feedback, each and combined.
        const sat = await directSatisfaction(contractId, from, to);
        assert.deepEqual([f.satisfactionFollowUps, f.satisfactionTraining, f.satisfaction], [sat.followUps, sat.training, sat.combined]);
        assert.notEqual(f.satisfactionFollowUps, null);
        assert.equal(f.satisfactionTraining === null, contractId !== contractA);
        assert.equal(r.body.previous.requests, 0);
        assert.equal(r.body.change.requests, created.length);
      }
      const s = (await u.tm.client.get(`/api/monthly-summaries?month=${MONTH}`)).body.items[0];
      const upd = await u.tm.client.request('PUT', `/api/monthly-summaries/${s.id}`, { version: s.version, notes: '本月故障集中在存储' });
      assert.equal(upd.status, 200, upd.text);
      const ok = await u.tm.client.post(`/api/monthly-summaries/${s.id}/approve`, { version: upd.body.version });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.state, 'approved');
      const locked = await u.tm.client.request('PUT', `/api/monthly-summaries/${s.id}`, { version: ok.body.version, notes: '改' });
      assert.equal(locked.body.code, 'MONTHLY_SUMMARY_APPROVED');
      const mails = await db()
        .selectFrom('delivery_outbox')
        .select(['mail_to', 'mail_subject'])
        .where('mail_subject', 'like', '月项目汇总表%')
        .execute();
      assert.deepEqual(mails.map((m) => m.mail_to).sort(), ['boss@example.com', 'pmo@example.com']);
    });

    it('report settings: a bad due time or e-mail address is refused naming the field, and nothing is saved; only the administrator sets them', async () => {
      const admin = await t.admin();
      const before = (await admin.get('/api/report-settings')).body;
      for (const [body, path] of [
        [{ weeklyDueTime: '24:00', mailTo: [] }, 'weeklyDueTime'],
        [{ weeklyDueTime: '9:00', mailTo: [] }, 'weeklyDueTime'],
        [{ weeklyDueTime: '17:00', mailTo: ['boss@example.com', 'pmo@'] }, 'mailTo.1'],
      ] as const) {
        const r = await admin.request('PUT', '/api/report-settings', body);
        assert.equal(r.status, 400, r.text);
        assert.equal(r.body.issues[0].path, path);
      }
      assert.deepEqual((await admin.get('/api/report-settings')).body, before);
      assert.equal((await u.tm.client.request('PUT', '/api/report-settings', { weeklyDueTime: '16:00', mailTo: [] })).status, 403);
    });

    it('R-FORM-1 the weekly report, weekly record and monthly summary print as their forms and export as .xlsx with the same figures', async () => {
      const week = WEEKS[1];
      const report = (await u.e1.client.get(`/api/weekly-reports/mine?week=${week}`)).body;
      const record = (await u.tm.client.get(`/api/weekly-records?week=${week}`)).body;
      const summary = (await u.tm.client.get(`/api/monthly-summaries?month=${MONTH}`)).body.items[0];
      const bin = async (url: string) => {
        const r = await t.app.inject({ method: 'GET', url, headers: { cookie: u.tm.client.cookie ?? '' } });
        assert.equal(r.statusCode, 200, r.body);
        return r.rawPayload;
      };
      const reportPdf = await pdfText(await bin(`/api/weekly-reports/${report.id}/form.pdf`));
      assert.ok(holdsText(reportPdf, '工作周报'));
      assert.ok(holdsText(reportPdf, u.e1.user.name));
      assert.ok(holdsText(reportPdf, String(report.totalHours)));
      for (const l of report.lines.filter((x: { requestNumber: string | null }) => x.requestNumber))
        assert.ok(holdsText(reportPdf, l.requestNumber));
      assert.ok(holdsText(reportPdf, '备件到货慢'));
      const recordPdf = await pdfText(await bin(`/api/weekly-records/${record.id}/form.pdf`));
      assert.ok(holdsText(recordPdf, '周工作记录'));
      assert.ok(holdsText(recordPdf, '联系供应商确认备件交期'));
      const summaryPdf = await pdfText(await bin(`/api/monthly-summaries/${summary.id}/form.pdf?lang=en`));
      assert.ok(holdsText(summaryPdf, 'Monthly Project Summary'));
      assert.ok(holdsText(summaryPdf, `Visits ${summary.figures.visits}`));

      const ExcelJS = await loadExcelJs();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await bin(`/api/monthly-summaries/${summary.id}/form.xlsx`)) as never);
      const figures = wb.worksheets[1];
      const rows = new Map<string, unknown>();
      figures.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
      assert.equal(rows.get('上门次数'), summary.figures.visits);
      assert.equal(rows.get('工时'), summary.figures.hours);
      assert.equal(rows.get('服务请求'), summary.figures.requests);
      const wr = new ExcelJS.Workbook();
      await wr.xlsx.load((await bin(`/api/weekly-reports/${report.id}/form.xlsx`)) as never);
      assert.equal(wr.worksheets[1].rowCount, report.lines.length + 1);
    });

    it('R-ORG-3 dashboards: SLA by week and by customer from the roll-up equal counts from the requests; sales see only their own customers', async () => {
      const q = `from=2026-11-01&to=2026-11-30`;
      const d = await u.tm.client.get(`/api/dashboards?${q}`);
      assert.equal(d.status, 200, d.text);
      const closed = await directClosed(null, '2026-11-01', '2026-11-30');
      for (const w of d.body.slaByWeek) {
        const inWeek = closed.filter((c) => {
          const day = new Date(Date.parse(c.closed_at as string) + 8 * 3600_000).toISOString().slice(0, 10);
          return weekStartOf(day) === w.weekStart;
        });
        assert.equal(w.closed, inWeek.length);
        assert.equal(w.met, inWeek.filter((c) => c.sla_status !== 'breached').length);
      }
      assert.equal(
        d.body.slaByWeek.reduce((s: number, w: { closed: number }) => s + w.closed, 0),
        closed.length,
      );
      const withOneVisit = [];
      for (const c of closed) {
        const visits = await db()
          .selectFrom('work_hours_entry')
          .select('source_id')
          .distinct()
          .where('service_request_id', '=', c.id)
          .where('source_entity', '=', 'visit')
          .execute();
        if (visits.length <= 1) withOneVisit.push(c.id);
      }
      assert.deepEqual([d.body.firstTimeFix.n, d.body.firstTimeFix.of], [withOneVisit.length, closed.length]);
      // Ranges that start and end inside a week (read from the whole weeks' customer roll-up and the
      // edge days'), with and without the customer filter: each chart's figures from the requests.
      const oneVisit = new Set(withOneVisit);
      for (const [from, to] of [
        ['2026-11-04', '2026-11-26'],
        ['2026-11-10', '2026-11-12'],
        ['2026-11-09', '2026-11-22'],
      ])
        for (const customerId of [undefined, customerA]) {
          const r = await u.tm.client.get(`/api/dashboards?from=${from}&to=${to}${customerId ? `&customerId=${customerId}` : ''}`);
          assert.equal(r.status, 200, r.text);
          const mine = (await directClosed(null, from, to)).filter((c) => !customerId || Number(c.customer_id) === customerId);
          const weekOf = (c: { closed_at: unknown }) =>
            weekStartOf(new Date(Date.parse(c.closed_at as string) + 8 * 3600_000).toISOString().slice(0, 10));
          const byWeek = new Map<string, { closed: number; met: number }>();
          const byCustomer = new Map<number, { closed: number; breached: number }>();
          for (const c of mine) {
            const w = byWeek.get(weekOf(c)) ?? { closed: 0, met: 0 };
            w.closed++;
            if (c.sla_status !== 'breached') w.met++;
            byWeek.set(weekOf(c), w);
            const k = byCustomer.get(Number(c.customer_id)) ?? { closed: 0, breached: 0 };
            k.closed++;
            if (c.sla_status === 'breached') k.breached++;
            byCustomer.set(Number(c.customer_id), k);
          }
          const label = `${from}..${to} ${customerId ?? 'all'}`;
          assert.deepEqual(
            r.body.slaByWeek
              .filter((w: { closed: number }) => w.closed > 0)
              .map((w: { weekStart: string; closed: number; met: number }) => [w.weekStart, w.closed, w.met]),
            [...byWeek.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, w]) => [k, w.closed, w.met]),
            label,
          );
          assert.deepEqual(
            r.body.slaByCustomer.map((c: { customer: { id: number }; closed: number; breached: number }) => [
              c.customer.id,
              c.closed,
              c.breached,
            ]),
            [...byCustomer.entries()]
              .sort(([a, x], [b, y]) => y.breached - x.breached || y.closed - x.closed || a - b)
              .map(([k, c]) => [k, c.closed, c.breached]),
            label,
          );
          assert.deepEqual(
            [r.body.firstTimeFix.n, r.body.firstTimeFix.of],
            [mine.filter((c) => oneVisit.has(c.id)).length, mine.length],
            label,
          );
        }
      // SLA by customer cut short (the list's length as the floor): only the customers with the most
      // misses are summed, and the list is the full one's head.
      for (const [from, to] of [
        ['2026-11-01', '2026-11-30'],
        ['2026-11-04', '2026-11-26'],
      ]) {
        const range = rollupRange(from, to);
        const full = await slaByCustomer(db(), range, undefined, 50);
        for (const limit of [1, 2]) assert.deepEqual(await slaByCustomer(db(), range, undefined, limit), full.slice(0, limit));
      }
      // Overrides per rule: what the shared guards recorded in the range.
      const tmActor = { id: u.tm.user.id, name: u.tm.user.name, roles: ['tech_manager' as const], requestId: null };
      await transact(db(), (trx) =>
        enforceGuard(
          trx,
          tmActor,
          { code: 'WORK_HOURS_DAY_LIMIT', broken: true, subject: { entity: 'work_hours', id: 1 } },
          { reason: '月底集中补录工时' },
        ),
      );
      const today = new Date().toISOString().slice(0, 10);
      const withOverride = (await u.tm.client.get(`/api/dashboards?from=${addDays(today, -1)}&to=${addDays(today, 1)}`)).body;
      assert.deepEqual(withOverride.overridesByRule, [{ rule: 'R-FLOW-1', count: 1 }]);
      const sales = (await u.sales.client.get(`/api/dashboards?${q}`)).body;
      assert.deepEqual(
        sales.slaByCustomer.map((c: { customer: { id: number } }) => c.customer.id),
        [customerA],
      );
      assert.equal((await u.e1.client.get(`/api/dashboards?${q}`)).status, 403);
    });

    it('R-FLOW-1 the Friday reminder and the Monday 10:00 notice to the technical manager are sent once however often the sweep runs', async () => {
      const friday = new Date(at('2026-11-20', 9, 30));
      const first = await sweepWeeklyReports(db(), TZ, friday);
      assert.equal(first.reminded, 3);
      assert.equal((await sweepWeeklyReports(db(), TZ, friday)).reminded, 0);
      assert.equal((await sweepWeeklyReports(db(), TZ, new Date(at('2026-11-20', 17, 30)))).reminded, 0);
      // Week of 16 Nov: nobody submitted. Monday 23 Nov 09:59 — not yet; 10:00 — the manager hears of each.
      assert.equal((await sweepWeeklyReports(db(), TZ, new Date(at('2026-11-23', 9, 59)))).overdue, 0);
      assert.equal((await sweepWeeklyReports(db(), TZ, new Date(at('2026-11-23', 10, 0)))).overdue, 3);
      assert.equal((await sweepWeeklyReports(db(), TZ, new Date(at('2026-11-23', 10, 1)))).overdue, 0);
      const notes = (await u.tm.client.get('/api/notifications?pageSize=200')).body.items.filter(
        (n: { kind: string }) => n.kind === 'weekly_report_overdue',
      );
      assert.equal(notes.length >= 3, true);
    });

    it('R-FLOW-1 on the 1st the month before is drafted for every contract with work, once however often the job runs', async () => {
      const first = new Date(at('2026-12-01', 8));
      await sweepReportRollups(db(), systemActor('test'), TZ, first);
      const drafted = (await u.tm.client.get(`/api/monthly-summaries?month=${MONTH}`)).body.items;
      assert.deepEqual(
        drafted.map((s: { contract: { id: number } }) => s.contract.id).sort((a: number, b: number) => a - b),
        [contractA, contractB].sort((a, b) => a - b),
      );
      await sweepReportRollups(db(), systemActor('test'), TZ, first);
      assert.equal((await u.tm.client.get(`/api/monthly-summaries?month=${MONTH}`)).body.items.length, drafted.length);
    });
  });
}
