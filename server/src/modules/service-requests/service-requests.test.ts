import assert from 'node:assert/strict';
import type { TServiceRequestState } from '@contract/service-request-workflow';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import { sweepServiceRequests } from '../../jobs/service-request-sweep';
import { sweepSla } from './service-request-sweeps';
import { slaChecksDueForAllOpen } from './sla-checks';
import { type Client, type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { ZCreateEquipment } from '@contract/equipment';
import { systemActor } from '../../actor';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeCustomer } from '../customers/customers.fixtures';
import { createEquipment } from '../equipment/equipment.service';
import { coverageWindowOf } from './coverage-window';
import { setTextCandidatesMax } from './service-requests.repo';
import { makeServiceRequest, serviceRequestForm } from './service-requests.fixtures';

describe('coverage window (pure)', () => {
  it('R-EMER-8 a contract coverage in whole hours becomes the calendar window', () => {
    assert.deepEqual(coverageWindowOf({ kind: '5x8', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 }), {
      kind: '5x8',
      start: '09:00',
      end: '17:00',
    });
    assert.deepEqual(coverageWindowOf({ kind: '7x24', days: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24 }), { kind: '7x24' });
    assert.deepEqual(coverageWindowOf({ kind: 'custom', days: [1, 2, 3, 4, 5, 6], startHour: 8, endHour: 20 }), {
      kind: 'custom',
      days: [1, 2, 3, 4, 5, 6],
      start: '08:00',
      end: '20:00',
      coversHolidays: false,
    });
  });
});

const PRICE_CANARY = 13579135;

const ROLES = {
  tm: ['tech_manager'],
  sales: ['sales'],
  eng1: ['engineer'],
  eng2: ['engineer'],
  eng3: ['engineer'],
  pm: ['project_manager', 'engineer'],
  receiver: ['receiver'],
} satisfies Record<string, TRole[]>;

for (const engine of engines()) {
  describe(`service requests (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let contractId: number;
    let customerId: number;
    const db = () => t.app.deps.database.db;

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES);
      const c = await makeContract(db(), {
        status: 'active',
        // Every kind these tests issue is within the contract's service kinds (R-SCOPE-1).
        serviceKinds: ['distribution_standard', 'onsite_maintenance', 'routine_inspection', 'consulting'],
        commitments: { coverage: { kind: '7x24' }, responseHours: 1, resolutionHours: 8 },
        items: [{ description: '服务器', quantity: 1, unitPrice: PRICE_CANARY }],
      });
      contractId = c.id;
      customerId = c.customer.id;
    });
    after(() => t.close());

    const form = (over: Record<string, unknown> = {}) =>
      serviceRequestForm({ customerId, contractId }, { responsibleEngineerId: u.eng1.user.id, ...over });
    const create = (over: Record<string, unknown> = {}, as = u.tm.client) =>
      makeServiceRequest(as, { customerId, contractId }, { responsibleEngineerId: u.eng1.user.id, ...over });
    const notes = async (c: Client, entityId: number, kind?: string) =>
      ((await c.get('/api/notifications?pageSize=200')).body.items as any[]).filter(
        (n) => n.entityId === entityId && (!kind || n.kind === kind),
      );

    it('R-FLOW-1 numbers are gap-free under 50 concurrent creations (distinct, consecutive)', async () => {
      const replies = await Promise.all(Array.from({ length: 50 }, () => u.tm.client.post('/api/service-requests', form())));
      for (const r of replies) assert.equal(r.status, 201, r.text);
      const numbers = replies.map((r) => r.body.number as string).sort();
      assert.equal(new Set(numbers).size, 50);
      const year = numbers[0].slice(3, 7);
      const seqs = numbers.map((n) => Number(n.slice(8)));
      assert.match(numbers[0], /^SR-\d{4}-\d{5}$/);
      assert.deepEqual(
        seqs,
        Array.from({ length: 50 }, (_, i) => seqs[0] + i),
      );
      assert.ok(numbers.every((n) => n.slice(3, 7) === year));
    });

    it('R-GOODS-1 R-INST-1 R-PM-3 R-TRAIN-1 inspection, installation, PM and training are issued by a form against the contract, with a responsible and a backup engineer who are both told', async () => {
      const unit = await createEquipment(
        db(),
        systemActor('test'),
        ZCreateEquipment.parse({ contractId, productType: '服务器', brand: '浪潮', model: 'NF5280M6', sn: `SN-${engine}-FORM-1` }),
        '2026-11-27',
      );
      for (const kind of ['goods_inspection', 'installation', 'preventive_maintenance', 'training']) {
        const sr = await create({ kind, issue: true, backupEngineerId: u.eng2.user.id, equipmentIds: [unit.id] });
        assert.equal(sr.state, 'issued', kind);
        assert.equal(sr.kind, kind);
        assert.equal(sr.contract.id, contractId, `${kind}: executed against its contract`);
        assert.deepEqual(
          sr.equipment.map((e: { id: number }) => e.id),
          [unit.id],
          `${kind}: the contract's goods on the form`,
        );
        assert.equal(sr.responsibleEngineer.id, u.eng1.user.id);
        assert.equal(sr.backupEngineer.id, u.eng2.user.id);
        assert.equal((await notes(u.eng1.client, sr.id, 'assignment')).length, 1, `${kind}: the responsible engineer is told`);
        assert.equal((await notes(u.eng2.client, sr.id, 'assignment')).length, 1, `${kind}: the backup engineer is told`);
        // The backup may take the work on as well as the responsible engineer.
        assert.equal((await u.eng2.client.post(`/api/service-requests/${sr.id}/accept`, {})).status, 200);
      }
      const other = await createEquipment(
        db(),
        systemActor('test'),
        ZCreateEquipment.parse({
          contractId: (await makeContract(db())).id,
          productType: '服务器',
          brand: '联想',
          model: 'SR650',
          sn: `SN-${engine}-OTHER`,
        }),
        '2026-11-27',
      );
      const foreign = await u.tm.client.post('/api/service-requests', form({ kind: 'installation', equipmentIds: [other.id] }));
      assert.equal(foreign.status, 400, 'equipment of another contract is refused');
    });

    it('R-FLOW-1 an illegal step answers 409 naming the current state and the step, and changes nothing', async () => {
      const sr = await create();
      assert.equal(sr.state, 'draft');
      const r = await u.tm.client.post(`/api/service-requests/${sr.id}/close`, {});
      assert.equal(r.status, 409);
      assert.equal(r.body.code, 'SERVICE_REQUEST_ILLEGAL_TRANSITION');
      const text = JSON.stringify(r.body.issues);
      assert.match(text, /draft/);
      assert.match(text, /close/);
      assert.equal((await u.tm.client.get(`/api/service-requests/${sr.id}`)).body.version, sr.version);
    });

    it('R-ORG-3 role and assignment refusals answer 403 (404 to an engineer not on the request) and nothing changes', async () => {
      const sr = await create({ issue: true });
      assert.equal(sr.state, 'issued');
      const notMine = await u.eng2.client.post(`/api/service-requests/${sr.id}/accept`, {});
      assert.equal(notMine.status, 404);
      assert.equal(notMine.body.code, 'NOT_FOUND');
      const wrongRole = await u.sales.client.post(`/api/service-requests/${sr.id}/accept`, {});
      assert.equal(wrongRole.status, 403);
      assert.equal(wrongRole.body.code, 'SERVICE_REQUEST_ROLE_NOT_ALLOWED');
      const after = (await u.tm.client.get(`/api/service-requests/${sr.id}`)).body;
      assert.equal(after.state, 'issued');
      assert.equal(after.version, sr.version);
      assert.equal(after.respondedAt, null);
      const ok = await u.eng1.client.post(`/api/service-requests/${sr.id}/accept`, { version: sr.version });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.state, 'accepted');
      assert.ok(ok.body.respondedAt);
      const audit = (await (await t.admin()).get(`/api/audit?entity=service_request&entityId=${sr.id}`)).body.items.map(
        (e: any) => e.action,
      );
      assert.deepEqual(new Set(audit), new Set(['create_issued', 'accept']));
    });

    it('R-PM-3 issuing needs a responsible engineer; assignment notifies the engineers once', async () => {
      const r = await u.tm.client.post('/api/service-requests', form({ issue: true, responsibleEngineerId: undefined }));
      assert.equal(r.status, 422);
      assert.equal(r.body.code, 'SERVICE_REQUEST_ENGINEER_REQUIRED');
      const sr = await create({ issue: true, backupEngineerId: u.eng2.user.id });
      assert.equal((await notes(u.eng1.client, sr.id, 'assignment')).length, 1);
      assert.equal((await notes(u.eng2.client, sr.id, 'assignment')).length, 1);
      const draft = await create();
      assert.equal((await notes(u.eng1.client, draft.id, 'assignment')).length, 0);
      assert.equal((await u.tm.client.post(`/api/service-requests/${draft.id}/issue`, {})).status, 200);
      assert.equal((await notes(u.eng1.client, draft.id, 'assignment')).length, 1);
    });

    it('R-EMER-1 an urgent phone dispatch is issued at once, incomplete, listed, accepted at once, and its issuer reminded once a day', async () => {
      const r = await u.sales.client.post('/api/service-requests', {
        urgent: true,
        customerId,
        description: '核心交换机宕机',
        responsibleEngineerId: u.eng1.user.id,
      });
      assert.equal(r.status, 201, r.text);
      const sr = r.body;
      assert.equal(sr.incomplete, true);
      assert.equal(sr.state, 'issued', 'issued at once: nobody must still press issue');
      assert.ok(sr.issuedAt);
      assert.equal(sr.priority, 'urgent');
      assert.equal(sr.kind, 'emergency_repair');
      assert.equal((await notes(u.eng1.client, sr.id, 'assignment')).length, 1);
      const listed = (await u.tm.client.get('/api/service-requests?incomplete=true&pageSize=200')).body.items.map((i: any) => i.id);
      assert.ok(listed.includes(sr.id));
      const accepted = await u.eng1.client.post(`/api/service-requests/${sr.id}/accept`, {});
      assert.equal(accepted.status, 200, accepted.text);

      const day1 = new Date();
      await sweepServiceRequests(db(), { now: day1 });
      await sweepServiceRequests(db(), { now: new Date(day1.getTime() + 60_000) });
      assert.equal((await notes(u.sales.client, sr.id, 'incomplete_reminder')).length, 1);
      await sweepServiceRequests(db(), { now: new Date(day1.getTime() + 86_400_000) });
      assert.equal((await notes(u.sales.client, sr.id, 'incomplete_reminder')).length, 2);

      const done = await u.sales.client.patch(`/api/service-requests/${sr.id}`, {
        version: accepted.body.version,
        contractId,
        contactName: '钱晓梅',
        contactPhone: '010-6655 8802',
        siteAddress: '北京市西城区金融大街 18 号',
      });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.incomplete, false);
      await sweepServiceRequests(db(), { now: new Date(day1.getTime() + 2 * 86_400_000) });
      assert.equal((await notes(u.sales.client, sr.id, 'incomplete_reminder')).length, 2);
    });

    it('R-EMER-8 waiting for the customer pauses the resolution clock: the due time moves by the paused covered minutes', async () => {
      const sr = await create({ issue: true });
      const accepted = (await u.eng1.client.post(`/api/service-requests/${sr.id}/accept`, {})).body;
      const due0 = Date.parse(accepted.sla.resolution.dueAt);
      const waiting = await u.eng1.client.post(`/api/service-requests/${sr.id}/wait_customer`, { reason: '客户机房今日不开放' });
      assert.equal(waiting.status, 200, waiting.text);
      assert.equal(waiting.body.state, 'waiting_customer');
      assert.equal(waiting.body.pausedFrom, 'accepted');
      assert.equal(waiting.body.sla.resolution.state, 'paused');
      await sleep(120);
      const resumed = await u.eng1.client.post(`/api/service-requests/${sr.id}/resume`, {});
      assert.equal(resumed.status, 200, resumed.text);
      assert.equal(resumed.body.state, 'accepted');
      const [pause] = resumed.body.pauses;
      assert.equal(pause.reason, '客户机房今日不开放');
      const pausedMs = Date.parse(pause.to) - Date.parse(pause.from);
      assert.ok(pausedMs >= 100);
      // 7×24 coverage: every paused minute is covered, so the due time moves by exactly the pause.
      assert.equal(Date.parse(resumed.body.sla.resolution.dueAt) - due0, pausedMs);
    });

    it('R-EMER-8 SLA warning at 80 % and breach notify exactly once across repeated sweeps', async () => {
      const sr = await create({ issue: true });
      const start = Date.parse(sr.issuedAt);
      const at = (min: number) => new Date(start + min * 60_000);
      await sweepServiceRequests(db(), { now: at(30) });
      assert.equal((await notes(u.eng1.client, sr.id, 'sla_warning')).length, 0);
      await sweepServiceRequests(db(), { now: at(50) });
      await sweepServiceRequests(db(), { now: at(55) });
      const warned = await notes(u.eng1.client, sr.id, 'sla_warning');
      assert.equal(warned.length, 1);
      assert.match(warned[0].titleZh, /响应/);
      assert.equal((await notes(u.tm.client, sr.id, 'sla_breach')).length, 0);
      await sweepServiceRequests(db(), { now: at(120) });
      await sweepServiceRequests(db(), { now: at(180) });
      assert.equal((await notes(u.tm.client, sr.id, 'sla_breach')).length, 1);
      const breached = (await u.tm.client.get('/api/service-requests?sla=breached&pageSize=200')).body.items.map((i: any) => i.id);
      assert.ok(breached.includes(sr.id));
    });

    it('the SLA sweep in chunks of two refreshes every due request and notifies each person once; the same minute again reads none', async () => {
      const made = [];
      for (let i = 0; i < 5; i++) made.push(await create({ issue: true }));
      const start = Math.max(...made.map((sr) => Date.parse(sr.issuedAt)));
      const later = new Date(start + 200 * 60_000);
      const open = (await u.tm.client.get('/api/service-requests?pageSize=200')).body.items.filter(
        (i: any) => !['closed', 'cancelled'].includes(i.state) && i.contract,
      ).length;
      const chunked = await sweepSla(db(), { now: later, timeZone: 'Asia/Shanghai' }, 2);
      assert.ok(chunked.checked >= 5 && chunked.checked <= open, `${chunked.checked} of ${open}`);
      for (const sr of made) assert.equal((await notes(u.tm.client, sr.id, 'sla_breach')).length, 1, sr.number);
      // Every clock of these is breached: nothing can change by time alone, so nothing is due.
      const again = await sweepSla(db(), { now: later, timeZone: 'Asia/Shanghai' });
      assert.deepEqual(again, { checked: 0, notified: 0 });
      // Made due (as a calendar edit does), one pass reads them all again and notifies nobody twice.
      await slaChecksDueForAllOpen(db());
      const whole = await sweepSla(db(), { now: later, timeZone: 'Asia/Shanghai' });
      assert.ok(whole.checked >= 5 && whole.checked <= open, `${whole.checked} of ${open}`);
      assert.equal(whole.notified, 0);
      const breached = (await u.tm.client.get('/api/service-requests?sla=breached&pageSize=200')).body.items.map((i: any) => i.id);
      for (const sr of made) assert.ok(breached.includes(sr.id), sr.number);
    });

    it('R-EMER-9 R-ORG-3 escalation: managers notified, acknowledged; a complaint closes only with an improvement measure', async () => {
      const sr = await create({ issue: true });
      const stranger = await u.eng2.client.post(`/api/service-requests/${sr.id}/escalations`, { kind: 'other_incident', text: '路过' });
      assert.equal(stranger.status, 404);
      const r = await u.eng1.client.post(`/api/service-requests/${sr.id}/escalations`, {
        kind: 'complaint',
        text: '客户不接受处理进度，要求今晚修复',
      });
      assert.equal(r.status, 201, r.text);
      const esc = r.body;
      assert.equal(esc.state, 'open');
      assert.equal((await notes(u.tm.client, esc.id, 'escalation')).length, 1);
      assert.equal((await u.eng1.client.post(`/api/escalations/${esc.id}/acknowledge`, {})).status, 403);
      const ack = await u.tm.client.post(`/api/escalations/${esc.id}/acknowledge`, {});
      assert.equal(ack.status, 200);
      assert.equal(ack.body.state, 'acknowledged');
      const refused = await u.tm.client.post(`/api/escalations/${esc.id}/close`, {});
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'ESCALATION_IMPROVEMENT_REQUIRED');
      assert.equal(refused.body.rule, 'R-ORG-3');
      assert.doesNotMatch(refused.body.message, /R-ORG/, 'the rule is said in words');
      const closed = await u.tm.client.post(`/api/escalations/${esc.id}/close`, { improvementMeasure: '紧急备件库前移至客户所在城市' });
      assert.equal(closed.status, 200);
      assert.equal(closed.body.state, 'closed');
      const other = (
        await u.eng1.client.post(`/api/service-requests/${sr.id}/escalations`, { kind: 'extra_work_requested', text: '客户要求加装内存' })
      ).body;
      assert.equal((await u.tm.client.post(`/api/escalations/${other.id}/close`, {})).status, 200);
    });

    it('R-ORG-4 a project manager manages his project’s requests, not others’', async () => {
      const p = await u.tm.client.post('/api/projects', {
        code: `P-${engine}`,
        name: '数据中心扩容',
        customerId,
        contractIds: [contractId],
        projectManagerId: u.pm.user.id,
        memberIds: [u.eng1.user.id],
      });
      assert.equal(p.status, 201, p.text);
      assert.equal(p.body.proposedBy.id, u.tm.user.id);
      const mine = (await u.pm.client.get('/api/projects?mine=true')).body.items.map((i: any) => i.id);
      assert.deepEqual(mine, [p.body.id]);
      const inProject = await create({ issue: true, projectId: p.body.id });
      const outside = await create({ issue: true });
      assert.equal(inProject.projectManager.id, u.pm.user.id);
      for (const sr of [inProject, outside]) await u.eng1.client.post(`/api/service-requests/${sr.id}/accept`, {});
      const ok = await u.pm.client.post(`/api/service-requests/${inProject.id}/schedule`, {});
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.state, 'scheduled');
      // Another project's request is not his to read, so not found for him.
      const refused = await u.pm.client.post(`/api/service-requests/${outside.id}/schedule`, {});
      assert.equal(refused.status, 404);
      assert.equal(refused.body.code, 'NOT_FOUND');
      assert.equal((await u.tm.client.get(`/api/service-requests/${outside.id}`)).body.state, 'accepted');
      const assign = await u.pm.client.post(`/api/service-requests/${outside.id}/assign`, {
        engineerId: u.eng2.user.id,
        date: '2027-03-02',
      });
      assert.equal(assign.status, 404);
      const assignOwn = await u.pm.client.post(`/api/service-requests/${inProject.id}/assign`, {
        engineerId: u.eng1.user.id,
        date: '2027-03-02',
      });
      assert.equal(assignOwn.status, 200, assignOwn.text);
      // The technical manager answers for all.
      assert.equal((await u.tm.client.post(`/api/service-requests/${outside.id}/schedule`, {})).status, 200);
    });

    it('R-ORG-3 dispatch: assignment notifies, warns on double booking and leave; the board shows load', async () => {
      const a = await create({ issue: true });
      const b = await create({ issue: true });
      const r1 = await u.tm.client.post(`/api/service-requests/${a.id}/assign`, { engineerId: u.eng3.user.id, date: '2027-04-06' });
      assert.equal(r1.status, 200, r1.text);
      // A year ahead is past the 8-hour resolution deadline: that warning aside, no collision.
      const collisions = (ws: { code: string }[]) => ws.map((w) => w.code).filter((c) => c !== 'SR_PAST_RESOLUTION_DEADLINE');
      assert.deepEqual(collisions(r1.body.warnings), []);
      assert.equal(r1.body.responsibleEngineer.id, u.eng3.user.id);
      assert.equal((await notes(u.eng3.client, a.id, 'assignment')).length, 1);
      const r2 = await u.tm.client.post(`/api/service-requests/${b.id}/assign`, { engineerId: u.eng3.user.id, date: '2027-04-06' });
      assert.equal(r2.status, 200);
      assert.equal(r2.body.warnings[0].code, 'SR_DOUBLE_BOOKED');
      assert.deepEqual(
        r2.body.warnings[0].refs.map((x: any) => x.id),
        [a.id],
      );
      const leave = await u.tm.client.post('/api/engineer-leave', {
        userId: u.eng3.user.id,
        fromDate: '2027-04-08',
        toDate: '2027-04-09',
        reason: '年假',
      });
      assert.equal(leave.status, 201, leave.text);
      const r3 = await u.tm.client.post(`/api/service-requests/${b.id}/assign`, { engineerId: u.eng3.user.id, date: '2027-04-08' });
      assert.deepEqual(collisions(r3.body.warnings), ['SR_ENGINEER_ON_LEAVE']);
      const board = await u.tm.client.get('/api/dispatch/board?from=2027-04-06&to=2027-04-09');
      assert.equal(board.status, 200, board.text);
      const row = board.body.engineers.find((e: any) => e.engineer.id === u.eng3.user.id);
      assert.equal(row.days[0].count, 1);
      assert.equal(row.days[0].hours, 8);
      assert.equal(row.days[2].onLeave, true);
      assert.equal(row.days[2].count, 1);
      assert.equal((await u.eng3.client.get('/api/dispatch/board?from=2027-04-06&to=2027-04-09')).status, 403);
    });

    it('R-EMER-3 my work carries site, contact phone, equipment and commitments, but no price', async () => {
      const sr = await create({ issue: true, responsibleEngineerId: u.eng2.user.id, kind: 'installation' });
      const r = await u.eng2.client.get('/api/my-work');
      assert.equal(r.status, 200, r.text);
      const item = [...r.body.todayItems, ...r.body.upcoming].find((i: any) => i.id === sr.id);
      assert.ok(item);
      assert.equal(item.contactPhone, '139 1001 2001');
      assert.equal(item.siteAddress, '北京市西城区金融大街 18 号');
      assert.equal(item.commitments.responseHours, 1);
      assert.ok(!/price|amount/i.test(r.text), 'no price field');
      assert.ok(!r.text.includes(String(PRICE_CANARY)));
    });

    it('R-EMER-3 an on-site kind on a remote-only contract answers a warning', async () => {
      const remote = await makeContract(db(), { customerId, serviceKinds: ['distribution_standard'], status: 'active' });
      const sr = await create({ contractId: remote.id, kind: 'installation' });
      assert.deepEqual(
        sr.warnings.map((w: any) => w.code),
        ['SR_REMOTE_ONLY_CONTRACT'],
      );
      const consulting = await u.tm.client.post('/api/service-requests', form({ kind: 'consulting', contractId: undefined }));
      assert.equal(consulting.status, 201);
      const noContract = await u.tm.client.post('/api/service-requests', form({ contractId: undefined }));
      assert.equal(noContract.body.code, 'SERVICE_REQUEST_CONTRACT_REQUIRED');
    });

    it('R-FLOW-1 the list filters by states and engineer; export is an xlsx for managers', async () => {
      const r = await u.tm.client.get(
        `/api/service-requests?state=issued,accepted&engineerId=${u.eng1.user.id}&sort=-createdAt&pageSize=5`,
      );
      assert.equal(r.status, 200, r.text);
      assert.ok(r.body.total > 0);
      assert.ok(r.body.items.every((i: any) => ['issued', 'accepted'].includes(i.state)));
      const x = await u.tm.client.get('/api/service-requests/export.xlsx?state=issued');
      assert.equal(x.status, 200);
      assert.match(String(x.headers['content-type']), /spreadsheetml/);
      assert.equal((await u.eng1.client.get('/api/service-requests/export.xlsx')).status, 403);
    });

    it('a list shape compiled once answers each call with its own values: engineers, customers, pages, free text', async () => {
      const other = await makeContract(db(), {
        status: 'active',
        serviceKinds: ['onsite_maintenance'],
        commitments: { coverage: { kind: '7x24' }, responseHours: 1, resolutionHours: 8 },
      });
      const mine = await create({ responsibleEngineerId: u.eng2.user.id, description: '形状测试甲' });
      const theirs = await makeServiceRequest(
        u.tm.client,
        { customerId: other.customer.id, contractId: other.id },
        { responsibleEngineerId: u.eng3.user.id, description: '形状测试乙' },
      );
      const list = async (qs: string) => (await u.tm.client.get(`/api/service-requests?${qs}`)).body as { items: any[]; total: number };
      for (const [engineer, id] of [
        [u.eng2.user.id, mine.id],
        [u.eng3.user.id, theirs.id],
      ]) {
        const page = await list(`engineerId=${engineer}`);
        assert.ok(page.items.some((i) => i.id === id));
        assert.ok(page.items.every((i) => i.responsibleEngineer?.id === engineer || i.backupEngineer?.id === engineer));
      }
      const byCustomer = await list(`customerId=${other.customer.id}`);
      assert.deepEqual(
        byCustomer.items.map((i) => i.id),
        [theirs.id],
      );
      assert.equal(byCustomer.total, 1);
      assert.ok((await list(`customerId=${customerId}`)).items.every((i) => i.customer.id === customerId));
      assert.deepEqual(
        (await list(`q=${encodeURIComponent('形状测试乙')}`)).items.map((i) => i.id),
        [theirs.id],
      );
      assert.deepEqual(
        (await list(`q=${encodeURIComponent('形状测试甲')}`)).items.map((i) => i.id),
        [mine.id],
      );
      const [first, second] = [await list('pageSize=1&page=1'), await list('pageSize=1&page=2')];
      assert.notEqual(first.items[0].id, second.items[0].id);
      assert.equal(first.total, second.total);
      const past = await list(`pageSize=1&page=${first.total + 1}`);
      assert.deepEqual(past.items, []);
      assert.equal(past.total, first.total);
    });

    it("R-FLOW-1 the list's free-text filter takes its candidates from the text index and finds exactly what a contains match finds (number, customer name, contact, description; Chinese 1- and 2-character terms, number fragments); a renamed customer is found by its new name", async () => {
      const tm = u.tm.client;
      const other = await makeCustomer(db(), { name: '华讯数据科技有限公司' });
      const made: { id: number; number: string }[] = [];
      for (const description of ['硬盘 柜门损坏', '交换机端口闪断', '咨询备份方案（华东机房）'])
        made.push(await create({ description, contactName: '钱华' }));
      for (const description of ['咨询 RAID 降级处理', '机房巡检'])
        made.push(await create({ kind: 'consulting', customerId: other.id, contractId: undefined, contactName: '孙立新', description }));
      const reference = async (q: string, states?: TServiceRequestState[]) => {
        const like = `%${q.replace(/[\\%_]/g, '')}%`;
        let query = db()
          .selectFrom('service_request as sr')
          .innerJoin('customer', 'customer.id', 'sr.customer_id')
          .select('sr.number')
          .where((eb) =>
            eb.or([
              eb('sr.number', 'like', like),
              eb('sr.description', 'like', like),
              eb('customer.name', 'like', like),
              eb('sr.contact_name', 'like', like),
            ]),
          );
        if (states) query = query.where('sr.state', 'in', states);
        return (await query.orderBy('sr.created_at', 'desc').orderBy('sr.id', 'desc').execute()).map((r) => r.number);
      };
      const listed = async (q: string, states?: string[]) => {
        const r = await tm.get(
          `/api/service-requests?q=${encodeURIComponent(q)}&pageSize=200${states ? `&state=${states.join(',')}` : ''}`,
        );
        assert.equal(r.status, 200, r.text);
        return { total: r.body.total as number, numbers: (r.body.items as { number: string }[]).map((i) => i.number) };
      };
      const check = async (terms: string[]) => {
        let found = 0;
        for (const q of terms)
          for (const states of [undefined, ['draft', 'issued'] satisfies TServiceRequestState[]]) {
            const want = await reference(q, states);
            const got = await listed(q, states);
            assert.equal(got.total, want.length, `total, q=${q} ${states ?? ''}`);
            assert.deepEqual(got.numbers, want.slice(0, 200), `q=${q} ${states ?? ''}`);
            found += want.length;
          }
        return found;
      };
      const number = made[3].number;
      const terms = [
        '华', // one character: customer name, contact, description
        '华讯', // two: a customer name
        '盘柜', // the index's bigram spans the space in 硬盘 柜门; the LIKE does not match it
        '硬盘',
        '立新', // contact
        '鲲鹏', // nothing
        '华讯数据科技有限公司',
        number,
        number.slice(3),
        number.slice(-4),
        'raid', // letters only, short: the LIKE alone
        '%华_',
      ];
      assert.ok((await check(terms)) > 10);
      // A term in more requests than the index hands out as candidates: the ordered walk, counted from the index.
      const was = setTextCandidatesMax(2);
      try {
        await check(['华', '硬盘', number.slice(3)]);
      } finally {
        setTextCandidatesMax(was);
      }
      const admin = await t.admin();
      const before = (await admin.get(`/api/customers/${other.id}`)).body;
      const renamed = await admin.patch(`/api/customers/${other.id}`, { version: before.version, name: '鲲鹏测试集团' });
      assert.equal(renamed.status, 200, renamed.text);
      assert.deepEqual((await listed('鲲鹏')).numbers, [made[4].number, made[3].number]);
      assert.deepEqual(await check(['鲲鹏', '华讯数据']), 4);
    });

    it('notifications: unread count, read one, read all; another user’s is not found', async () => {
      const c = u.eng1.client;
      const before = (await c.get('/api/notifications/unread-count')).body.count;
      assert.ok(before > 0);
      const [first] = (await c.get('/api/notifications?unread=true')).body.items;
      const read = await c.post(`/api/notifications/${first.id}/read`, {});
      assert.equal(read.status, 200);
      assert.ok(read.body.readAt);
      assert.equal((await c.get('/api/notifications/unread-count')).body.count, before - 1);
      assert.equal((await u.eng2.client.post(`/api/notifications/${first.id}/read`, {})).status, 404);
      assert.equal((await c.post('/api/notifications/read-all', {})).body.updated, before - 1);
      assert.equal((await c.get('/api/notifications/unread-count')).body.count, 0);
    });

    it('R-ORG-3 task request form: numbered, issued to the assignee, its own workflow', async () => {
      const r = await u.tm.client.post('/api/task-requests', {
        task: '整理客户机房巡检报告',
        reason: '季度汇报',
        customerId,
        contractId,
        assigneeId: u.eng1.user.id,
        dueDate: '2027-01-15',
        expectedOutput: '巡检报告 PDF',
        issue: true,
      });
      assert.equal(r.status, 201, r.text);
      assert.match(r.body.number, /^TR-\d{4}-00001$/);
      assert.equal(r.body.state, 'issued');
      assert.equal((await notes(u.eng1.client, r.body.id, 'task_assignment')).length, 1);
      assert.equal((await u.eng2.client.post(`/api/task-requests/${r.body.id}/start`, {})).status, 404);
      const early = await u.eng1.client.post(`/api/task-requests/${r.body.id}/complete`, {});
      assert.equal(early.status, 409);
      assert.equal(early.body.code, 'TASK_REQUEST_ILLEGAL_TRANSITION');
      assert.equal((await u.eng1.client.post(`/api/task-requests/${r.body.id}/start`, {})).body.state, 'in_progress');
      const done = await u.eng1.client.post(`/api/task-requests/${r.body.id}/complete`, { result: '已提交' });
      assert.equal(done.status, 200);
      assert.equal(done.body.state, 'done');
      assert.equal(done.body.result, '已提交');
    });
  });
}
