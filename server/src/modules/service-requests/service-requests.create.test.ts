import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import type { TUser } from '@contract/users';
import { type Client, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.factory';

/**
 * The create path builds the new request from what it wrote and read, without reading it back:
 * what it answers (and audits) must be what a later read shows.
 */
for (const engine of engines()) {
  describe(`service request create path (${engine})`, () => {
    let t: TestApp;
    const u = {} as Record<'tm' | 'eng1' | 'eng2' | 'pm' | 'sales', { client: Client; user: TUser }>;
    let contractId: number;
    let customerId: number;
    let otherContractId: number;
    const db = () => t.app.deps.database.db;

    before(async () => {
      t = await startTestApp(engine);
      const roles: Record<keyof typeof u, TRole[]> = {
        tm: ['tech_manager'],
        eng1: ['engineer'],
        eng2: ['engineer'],
        pm: ['project_manager', 'engineer'],
        sales: ['sales'],
      };
      for (const [k, r] of Object.entries(roles)) u[k as keyof typeof u] = await t.userWith(r);
      const c = await makeContract(db(), {
        status: 'active',
        commitments: { coverage: { kind: '5x8' }, responseHours: 4, arrivalHours: 8 },
      });
      contractId = c.id;
      customerId = c.customer.id;
      otherContractId = (await makeContract(db(), { status: 'active' })).id;
    });
    after(() => t.close());

    const base = () => ({
      kind: 'emergency_repair',
      customerId,
      contractId,
      contactName: '赵立新',
      contactPhone: '139 1001 2001',
      siteAddress: '北京市西城区金融大街 18 号',
      description: '存储阵列告警，硬盘故障灯亮',
    });
    const same = async (created: any) => {
      const read = (await u.tm.client.get(`/api/service-requests/${created.id}`)).body;
      const strip = ({ sla: _s, allowedActions: _a, warnings: _w, ...rest }: any) => rest;
      assert.deepEqual(strip(created), strip(read));
      assert.deepEqual(created.allowedActions, read.allowedActions);
      assert.deepEqual(created.sla, read.sla);
    };

    it('issued with backup engineer, project and plan: the answer is the stored request', async () => {
      const p = await u.tm.client.post('/api/projects', {
        code: `PC-${engine}`,
        name: '机房改造',
        customerId,
        contractIds: [contractId],
        projectManagerId: u.pm.user.id,
        memberIds: [u.eng1.user.id],
      });
      assert.equal(p.status, 201, p.text);
      const r = await u.tm.client.post('/api/service-requests', {
        ...base(),
        responsibleEngineerId: u.eng1.user.id,
        backupEngineerId: u.eng2.user.id,
        projectId: p.body.id,
        plannedStart: '2031-03-03T01:00:00.000Z',
        plannedEnd: '2031-03-03T05:00:00.000Z',
        priority: 'high',
        remarks: '带备件',
        issue: true,
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.issuedBy.id, u.tm.user.id);
      assert.equal(r.body.backupEngineer.name, u.eng2.user.name);
      assert.equal(r.body.projectManager.id, u.pm.user.id);
      await same(r.body);
      const notices = ((await u.eng2.client.get('/api/notifications?pageSize=200')).body.items as any[]).filter(
        (n) => n.entityId === r.body.id,
      );
      assert.equal(notices.length, 1);
    });

    it('draft, urgent and consulting without contract: the answer is the stored request', async () => {
      const draft = await u.tm.client.post('/api/service-requests', base());
      assert.equal(draft.status, 201, draft.text);
      await same(draft.body);
      const urgent = await u.tm.client.post('/api/service-requests', {
        urgent: true,
        kind: 'emergency_repair',
        customerId,
        description: '机房断电',
        responsibleEngineerId: u.eng1.user.id,
      });
      assert.equal(urgent.status, 201, urgent.text);
      assert.equal(urgent.body.incomplete, true);
      await same(urgent.body);
      const consulting = await u.tm.client.post('/api/service-requests', { ...base(), kind: 'consulting', contractId: null });
      assert.equal(consulting.status, 201, consulting.text);
      await same(consulting.body);
    });

    it('refuses what the separate checks refused, in the same order', async () => {
      const refused = async (over: Record<string, unknown>, code: string, path: string) => {
        const r = await u.tm.client.post('/api/service-requests', { ...base(), ...over });
        assert.equal(r.body.code, code, r.text);
        assert.equal(r.body.issues[0].path, path, r.text);
      };
      await refused({ customerId: 99_999_999, contractId: 99_999_999 }, 'REFERENCE_INVALID', 'customerId');
      await refused({ contractId: 99_999_999 }, 'REFERENCE_INVALID', 'contractId');
      await refused({ contractId: otherContractId }, 'SERVICE_REQUEST_CONTRACT_MISMATCH', 'contractId');
      await refused({ responsibleEngineerId: u.sales.user.id }, 'SERVICE_REQUEST_NOT_ENGINEER', 'responsibleEngineerId');
      await refused(
        { responsibleEngineerId: u.eng1.user.id, backupEngineerId: 99_999_999 },
        'SERVICE_REQUEST_NOT_ENGINEER',
        'backupEngineerId',
      );
      await refused({ issue: true }, 'SERVICE_REQUEST_ENGINEER_REQUIRED', 'responsibleEngineerId');
    });
  });
}
