import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import type { TServiceRequestHistoryEvent } from '@contract/service-request-history';
import { type Client, type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeServiceRequest, serviceRequestForm } from './service-requests.fixtures';

const PRICE_CANARY = 24680246;

const ROLES = {
  tm: ['tech_manager'],
  sales: ['sales'],
  eng1: ['engineer'],
  eng2: ['engineer'],
  eng3: ['engineer'],
  pm: ['project_manager'],
  pm2: ['project_manager'],
  receiver: ['receiver'],
} satisfies Record<string, TRole[]>;

for (const engine of engines()) {
  describe(`service request history and backup engineer (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let contractId: number;
    let customerId: number;
    const db = () => t.app.deps.database.db;

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES, (k) => `${k}-${engine}`);
      const c = await makeContract(db(), {
        status: 'active',
        commitments: { coverage: { kind: '7x24' }, responseHours: 2, resolutionHours: 24 },
        items: [{ description: '存储', quantity: 1, unitPrice: PRICE_CANARY }],
      });
      contractId = c.id;
      customerId = c.customer.id;
    });
    after(() => t.close());

    const create = (over: Record<string, unknown> = {}) =>
      makeServiceRequest(
        u.tm.client,
        { customerId, contractId },
        { description: '存储阵列告警', responsibleEngineerId: u.eng1.user.id, ...over },
      );
    const history = async (c: Client, id: number) => {
      const r = await c.get(`/api/service-requests/${id}/history`);
      assert.equal(r.status, 200, r.text);
      return r.body.items as TServiceRequestHistoryEvent[];
    };
    const notes = async (c: Client, entityId: number) =>
      ((await c.get('/api/notifications?pageSize=200')).body.items as any[]).filter(
        (n) => n.entityId === entityId && n.kind === 'assignment',
      );

    it('R-FLOW-1 the history lists state changes with actor, time and note, assignments with the backup engineer, pauses, edits and escalations — no price', async () => {
      const sr = await create({ issue: true });
      const assigned = await u.tm.client.post(`/api/service-requests/${sr.id}/assign`, {
        engineerId: u.eng1.user.id,
        backupEngineerId: u.eng2.user.id,
        date: '2027-05-10',
      });
      assert.equal(assigned.status, 200, assigned.text);
      assert.equal((await u.eng1.client.post(`/api/service-requests/${sr.id}/accept`, {})).status, 200);
      const waited = await u.eng1.client.post(`/api/service-requests/${sr.id}/wait_customer`, { reason: '客户机房今日不开放' });
      assert.equal(waited.status, 200, waited.text);
      assert.equal((await u.eng1.client.post(`/api/service-requests/${sr.id}/resume`, {})).status, 200);
      const fresh = (await u.tm.client.get(`/api/service-requests/${sr.id}`)).body;
      const edited = await u.tm.client.patch(`/api/service-requests/${sr.id}`, {
        version: fresh.version,
        priority: 'high',
        remarks: '客户 VIP',
      });
      assert.equal(edited.status, 200, edited.text);
      const esc = await u.eng1.client.post(`/api/service-requests/${sr.id}/escalations`, { kind: 'complaint', text: '客户不接受进度' });
      assert.equal(esc.status, 201, esc.text);
      assert.equal((await u.tm.client.post(`/api/escalations/${esc.body.id}/acknowledge`, {})).status, 200);
      assert.equal((await u.tm.client.post(`/api/escalations/${esc.body.id}/close`, { improvementMeasure: '备件前移' })).status, 200);
      // Another request's activity stays out.
      const other = await create({ issue: true });
      await u.eng1.client.post(`/api/service-requests/${other.id}/accept`, {});

      const r = await u.eng1.client.get(`/api/service-requests/${sr.id}/history`);
      assert.equal(r.status, 200, r.text);
      assert.ok(!r.text.includes(String(PRICE_CANARY)), 'no price');
      assert.ok(!/price|amount/i.test(r.text), 'no price field');
      const items = r.body.items as TServiceRequestHistoryEvent[];
      assert.deepEqual(
        items.map((e) => (e.type === 'step' ? `step:${e.action}` : e.type === 'escalation' ? `escalation:${e.stage}` : e.type)),
        [
          'created',
          'assignment',
          'step:accept',
          'step:wait_customer',
          'step:resume',
          'edited',
          'escalation:raised',
          'escalation:acknowledged',
          'escalation:closed',
        ],
      );
      const [created, assignment, accept, wait, resume, edit, raised, , closed] = items as any[];
      assert.equal(created.state, 'issued');
      assert.equal(created.actor.name, u.tm.user.name);
      assert.equal(created.responsibleEngineer.id, u.eng1.user.id);
      assert.equal(assignment.source, 'assign');
      assert.equal(assignment.backupEngineer.from, null);
      assert.deepEqual(assignment.backupEngineer.to, { id: u.eng2.user.id, name: u.eng2.user.name });
      assert.ok(assignment.plannedStart);
      assert.deepEqual([accept.from, accept.to, accept.actor.id], ['issued', 'accepted', u.eng1.user.id]);
      assert.equal(wait.note, '客户机房今日不开放');
      assert.equal(wait.pause.stopsSla, true, 'R-EMER-8 waiting for the customer stops the SLA');
      assert.ok(wait.pause.until && wait.pause.until >= wait.at, 'the pause ended when the work resumed');
      assert.deepEqual([resume.from, resume.to], ['waiting_customer', 'accepted']);
      assert.deepEqual(
        edit.changes.map((c: any) => [c.field, c.from, c.to]),
        [
          ['priority', 'normal', 'high'],
          ['remarks', null, '客户 VIP'],
        ],
      );
      assert.equal(raised.kind, 'complaint');
      assert.equal(raised.text, '客户不接受进度');
      assert.equal(raised.actor.id, u.eng1.user.id);
      assert.equal(closed.improvementMeasure, '备件前移');
      for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].at <= items[i].at, 'oldest first');

      // Actors under their current name.
      const admin = await t.admin();
      const me = (await admin.get(`/api/users/${u.eng1.user.id}`)).body;
      assert.equal((await admin.patch(`/api/users/${u.eng1.user.id}`, { version: me.version, name: `陈工-${engine}` })).status, 200);
      const renamed = await history(u.tm.client, sr.id);
      assert.equal((renamed[2] as any).actor.name, `陈工-${engine}`);
    });

    it('R-FLOW-1 R-ORG-4 the history is read under the detail’s rule: a foreign engineer or another project’s manager gets 404, those involved and the office roles read it', async () => {
      const p = await u.tm.client.post('/api/projects', {
        code: `PH-${engine}`,
        name: '机房搬迁',
        customerId,
        projectManagerId: u.pm.user.id,
      });
      assert.equal(p.status, 201, p.text);
      const sr = await create({ issue: true, backupEngineerId: u.eng2.user.id, projectId: p.body.id });
      for (const c of [u.eng3.client, u.pm2.client]) {
        const refused = await c.get(`/api/service-requests/${sr.id}/history`);
        assert.equal(refused.status, 404, refused.text);
        assert.equal(refused.body.code, 'NOT_FOUND');
        assert.equal((await c.get(`/api/service-requests/${sr.id}`)).status, 404, 'the same rule as the detail');
      }
      for (const c of [u.eng1.client, u.eng2.client, u.pm.client, u.tm.client, u.sales.client, u.receiver.client]) {
        const items = await history(c, sr.id);
        assert.equal(items[0].type, 'created');
        assert.equal((await c.get(`/api/service-requests/${sr.id}`)).status, 200);
      }
      assert.equal((await u.tm.client.get('/api/service-requests/99999999/history')).status, 404);
      assert.equal((await t.client().get(`/api/service-requests/${sr.id}/history`)).status, 401);
    });

    it('R-FLOW-1 R-ORG-4 the list and the escalations follow the same rule: a foreign engineer or another project’s manager does not see the request at all', async () => {
      const p = await u.tm.client.post('/api/projects', {
        code: `PL-${engine}`,
        name: '双活改造',
        customerId,
        projectManagerId: u.pm.user.id,
      });
      assert.equal(p.status, 201, p.text);
      const sr = await create({ issue: true, backupEngineerId: u.eng2.user.id, projectId: p.body.id, description: `范围测试-${engine}` });
      const raised = await u.eng1.client.post(`/api/service-requests/${sr.id}/escalations`, {
        kind: 'other_incident',
        text: '客户另有机房断电',
      });
      assert.equal(raised.status, 201, raised.text);
      const listed = async (c: Client) => {
        const r = await c.get(`/api/service-requests?q=${encodeURIComponent(`范围测试-${engine}`)}&pageSize=50`);
        assert.equal(r.status, 200, r.text);
        return (r.body.items as { id: number }[]).some((i) => i.id === sr.id);
      };
      const escalated = async (c: Client) => {
        const r = await c.get('/api/escalations?pageSize=200');
        assert.equal(r.status, 200, r.text);
        return (r.body.items as { serviceRequest: { id: number } }[]).some((e) => e.serviceRequest.id === sr.id);
      };
      for (const c of [u.eng1.client, u.eng2.client, u.pm.client, u.tm.client, u.sales.client]) {
        assert.equal(await listed(c), true);
        assert.equal(await escalated(c), true);
      }
      for (const c of [u.eng3.client, u.pm2.client]) {
        assert.equal(await listed(c), false, 'not in the list');
        assert.equal(await escalated(c), false, 'nor its escalations');
        const all = await c.get('/api/service-requests?pageSize=200');
        assert.ok((all.body.items as { id: number }[]).every((i) => i.id !== sr.id));
      }
      assert.equal(await listed(u.receiver.client), true, 'the receiver follows every request (R-CALL-2)');
    });

    it('R-PM-3 the form refuses a backup engineer who is the responsible one, on create and on edit, and changes nothing', async () => {
      const same = await u.tm.client.post(
        '/api/service-requests',
        serviceRequestForm(
          { customerId, contractId },
          { description: `同一人-${engine}`, responsibleEngineerId: u.eng1.user.id, backupEngineerId: u.eng1.user.id },
        ),
      );
      assert.equal(same.status, 400, same.text);
      assert.equal(same.body.code, 'SERVICE_REQUEST_BACKUP_IS_RESPONSIBLE');
      assert.equal(same.body.issues[0].path, 'backupEngineerId');
      const none = await u.tm.client.get(`/api/service-requests?q=${encodeURIComponent(`同一人-${engine}`)}`);
      assert.equal(none.body.total, 0, 'nothing was created');
      const sr = await create({ backupEngineerId: u.eng2.user.id });
      const edit = await u.tm.client.patch(`/api/service-requests/${sr.id}`, {
        version: sr.version,
        responsibleEngineerId: u.eng2.user.id,
      });
      assert.equal(edit.status, 400, edit.text);
      assert.equal(edit.body.code, 'SERVICE_REQUEST_BACKUP_IS_RESPONSIBLE');
      const after = (await u.tm.client.get(`/api/service-requests/${sr.id}`)).body;
      assert.equal(after.version, sr.version);
      assert.equal(after.responsibleEngineer.id, u.eng1.user.id);
      const swapped = await u.tm.client.patch(`/api/service-requests/${sr.id}`, {
        version: sr.version,
        responsibleEngineerId: u.eng2.user.id,
        backupEngineerId: u.eng1.user.id,
      });
      assert.equal(swapped.status, 200, swapped.text);
    });

    it('R-PM-3 R-ORG-3 the technical manager sets and clears the backup engineer: validated, audited, the new backup told once', async () => {
      const sr = await create({ issue: true });
      const same = await u.tm.client.post(`/api/service-requests/${sr.id}/backup`, { backupEngineerId: u.eng1.user.id });
      assert.equal(same.status, 400);
      assert.equal(same.body.code, 'SERVICE_REQUEST_BACKUP_IS_RESPONSIBLE');
      const notEngineer = await u.tm.client.post(`/api/service-requests/${sr.id}/backup`, { backupEngineerId: u.sales.user.id });
      assert.equal(notEngineer.status, 400);
      assert.equal(notEngineer.body.code, 'SERVICE_REQUEST_NOT_ENGINEER');
      assert.equal((await u.eng1.client.post(`/api/service-requests/${sr.id}/backup`, { backupEngineerId: u.eng2.user.id })).status, 403);
      // Another project's manager does not read the request: it is not found for him.
      assert.equal(
        (await u.pm2.client.post(`/api/service-requests/${sr.id}/backup`, { backupEngineerId: u.eng2.user.id })).body.code,
        'NOT_FOUND',
      );
      const stale = await u.tm.client.post(`/api/service-requests/${sr.id}/backup`, {
        backupEngineerId: u.eng2.user.id,
        version: sr.version - 1,
      });
      assert.equal(stale.status, 409);
      assert.equal((await notes(u.eng2.client, sr.id)).length, 0, 'refusals change nothing');

      const set = await u.tm.client.post(`/api/service-requests/${sr.id}/backup`, {
        backupEngineerId: u.eng2.user.id,
        version: sr.version,
      });
      assert.equal(set.status, 200, set.text);
      assert.equal(set.body.backupEngineer.id, u.eng2.user.id);
      assert.equal(set.body.version, sr.version + 1);
      assert.equal((await notes(u.eng2.client, sr.id)).length, 1, 'the new backup engineer is told');
      const again = await u.tm.client.post(`/api/service-requests/${sr.id}/backup`, { backupEngineerId: u.eng2.user.id });
      assert.equal(again.body.version, set.body.version, 'setting the same backup writes nothing');
      assert.equal((await notes(u.eng2.client, sr.id)).length, 1, 'told once');
      // The backup may now take the field steps.
      assert.equal((await u.eng2.client.post(`/api/service-requests/${sr.id}/accept`, {})).status, 200);

      const cleared = await u.tm.client.post(`/api/service-requests/${sr.id}/backup`, { backupEngineerId: null });
      assert.equal(cleared.status, 200, cleared.text);
      assert.equal(cleared.body.backupEngineer, null);
      assert.equal((await u.eng2.client.get(`/api/service-requests/${sr.id}`)).status, 404, 'no longer his to read');

      const board = (await u.tm.client.get('/api/dispatch/board?from=2027-05-10&to=2027-05-10')).body;
      assert.ok(Array.isArray(board.engineers));
      const trail = (await (await t.admin()).get(`/api/audit?entity=service_request&entityId=${sr.id}&action=set_backup`)).body.items;
      assert.equal(trail.length, 2);
      assert.equal(trail[1].after.backupEngineer.id, u.eng2.user.id);
      assert.equal(trail[0].after.backupEngineer, null);
      const events = (await history(u.tm.client, sr.id)).filter((e) => e.type === 'assignment') as any[];
      assert.deepEqual(
        events.map((e) => [e.source, e.backupEngineer.from?.id ?? null, e.backupEngineer.to?.id ?? null]),
        [
          ['backup', null, u.eng2.user.id],
          ['backup', u.eng2.user.id, null],
        ],
      );
    });

    it('R-PM-3 the board card carries the engineers; a draft’s new backup hears of it on issue, not before', async () => {
      const draft = await create();
      const set = await u.tm.client.post(`/api/service-requests/${draft.id}/backup`, { backupEngineerId: u.eng3.user.id });
      assert.equal(set.status, 200, set.text);
      assert.equal((await notes(u.eng3.client, draft.id)).length, 0);
      await u.tm.client.post(`/api/service-requests/${draft.id}/issue`, {});
      assert.equal((await notes(u.eng3.client, draft.id)).length, 1);
      const assigned = await u.tm.client.post(`/api/service-requests/${draft.id}/assign`, {
        engineerId: u.eng1.user.id,
        date: '2027-06-01',
      });
      assert.equal(assigned.status, 200, assigned.text);
      const board = (await u.tm.client.get('/api/dispatch/board?from=2027-06-01&to=2027-06-01')).body;
      const item = board.engineers.find((e: any) => e.engineer.id === u.eng3.user.id).days[0].items.find((i: any) => i.id === draft.id);
      assert.equal(item.role, 'backup');
      assert.equal(item.responsibleEngineer.id, u.eng1.user.id);
      assert.deepEqual(item.backupEngineer, { id: u.eng3.user.id, name: u.eng3.user.name });
      const closedSr = await create({ issue: true });
      await u.tm.client.post(`/api/service-requests/${closedSr.id}/cancel`, {});
      const refused = await u.tm.client.post(`/api/service-requests/${closedSr.id}/backup`, { backupEngineerId: u.eng2.user.id });
      assert.equal(refused.body.code, 'SERVICE_REQUEST_CLOSED');
    });
  });
}
