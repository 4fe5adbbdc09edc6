import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import { makeContract } from '../modules/contracts/contracts.fixtures';
import { multipartBody, samplePdf } from '../modules/files/files.fixtures';
import type { Client, TestApp, TSignedIn } from '../testing/test-app';
import { startTestApp } from '../testing/test-app';
import { engines } from '../testing/test-db';

/*
 * Record-level rules narrower than the roles (docs/ARCHITECTURE.md, "Who may act on one record"):
 * each action is open to the people the rulebook gives it to, not to everyone holding the role.
 */

const ROLES = {
  tm: ['tech_manager'],
  pm: ['project_manager'],
  pmOther: ['project_manager'],
  eng: ['engineer'],
  engOther: ['engineer'],
  sales: ['sales'],
} satisfies Record<string, TRole[]>;

for (const engine of engines()) {
  describe(`record-level rules (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let contract: { id: number; customer: { id: number } };
    let projectId: number;
    const db = () => t.app.deps.database.db;

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES);
      contract = await makeContract(db(), { status: 'active' });
      const p = await u.tm.client.post('/api/projects', {
        code: `RULES-${engine}`,
        name: '多产品集成项目',
        projectManagerId: u.pm.user.id,
        contractIds: [contract.id],
      });
      assert.equal(p.status, 201, p.text);
      projectId = p.body.id;
    });
    after(() => t.close());

    async function upload(client: Client, title: string) {
      const { payload, headers } = multipartBody(
        { contractId: String(contract.id), type: 'other', title },
        { name: 'doc.pdf', content: await samplePdf(title) },
      );
      const r = await client.request('POST', '/api/documents', payload, headers);
      assert.equal(r.status, 201, r.text);
      return r.body.id as number;
    }

    it('removing an installed-base unit is a manager’s action, with a reason, and the unit’s history stays', async () => {
      const unit = await u.eng.client.post('/api/equipment', {
        contractId: contract.id,
        productType: '服务器',
        brand: '华为',
        model: '2288H V6',
        sn: `RULES-SN-${engine}`,
      });
      assert.equal(unit.status, 201, unit.text);
      const id = unit.body.id;
      const sr = await u.tm.client.post('/api/service-requests', {
        kind: 'emergency_repair',
        customerId: contract.customer.id,
        contractId: contract.id,
        contactName: '赵立新',
        contactPhone: '139 1001 2001',
        siteAddress: '北京市西城区',
        description: '电源告警',
        equipmentIds: [id],
      });
      assert.equal(sr.status, 201, sr.text);

      const byEngineer = await u.eng.client.delete(`/api/equipment/${id}?reason=${encodeURIComponent('录错了')}`);
      assert.equal(byEngineer.status, 403, byEngineer.text);
      const noReason = await u.tm.client.delete(`/api/equipment/${id}`);
      assert.equal(noReason.status, 400, noReason.text);
      assert.equal((await u.tm.client.get(`/api/equipment/${id}`)).status, 200, 'refused removals change nothing');

      const removed = await u.tm.client.delete(`/api/equipment/${id}?reason=${encodeURIComponent('重复登记')}`);
      assert.equal(removed.status, 200, removed.text);
      assert.equal((await u.tm.client.get(`/api/equipment/${id}`)).status, 404);
      const list = await u.tm.client.get(`/api/equipment?contractId=${contract.id}`);
      assert.ok(!list.body.items.some((e: { id: number }) => e.id === id), 'gone from the list');
      assert.equal((await u.tm.client.delete(`/api/equipment/${id}?reason=again`)).status, 404);

      // The request that names the unit still shows it, and the row keeps who and why.
      const detail = await u.tm.client.get(`/api/service-requests/${sr.body.id}`);
      assert.deepEqual(
        detail.body.equipment.map((e: { id: number }) => e.id),
        [id],
      );
      const row = await db()
        .selectFrom('equipment')
        .select(['deleted_by_id', 'delete_reason'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([Number(row.deleted_by_id), row.delete_reason], [u.tm.user.id, '重复登记']);
    });

    it('a document is withdrawn by whoever filed it, or by the archive’s keepers (technical manager, administrator)', async () => {
      const bySales = await upload(u.sales.client, '销售的报价说明');
      const byEngineer = await u.eng.client.delete(`/api/documents/${bySales}?reason=x`);
      assert.equal(byEngineer.status, 403, byEngineer.text);
      assert.equal(byEngineer.body.code, 'DOCUMENT_NOT_YOURS');
      assert.equal((await u.sales.client.get(`/api/documents/${bySales}`)).body.status, 'active');
      const own = await u.sales.client.delete(`/api/documents/${bySales}`);
      assert.equal(own.status, 200, own.text);
      assert.equal(own.body.status, 'withdrawn');

      const byEng = await upload(u.eng.client, '工程师的安装记录');
      const byTm = await u.tm.client.delete(`/api/documents/${byEng}?reason=${encodeURIComponent('归档错误')}`);
      assert.equal(byTm.status, 200, byTm.text);
    });

    it('R-ORG-4 a project manager moves the lifecycle stage only of his own projects’ contracts', async () => {
      const other = await u.pmOther.client.post(`/api/contracts/${contract.id}/stage`, { stage: 'sales_analysis' });
      assert.equal(other.status, 403, other.text);
      assert.equal(other.body.code, 'CONTRACT_NOT_YOUR_PROJECT');
      const own = await u.pm.client.post(`/api/contracts/${contract.id}/stage`, { stage: 'sales_analysis' });
      assert.equal(own.status, 200, own.text);
      assert.equal(own.body.stage, 'sales_analysis');
    });

    it('R-ORG-3 the technical manager records an engineer’s leave; a project manager may not', async () => {
      const leave = { userId: u.engOther.user.id, fromDate: '2026-12-21', toDate: '2026-12-22' };
      const byPm = await u.pm.client.post('/api/engineer-leave', leave);
      assert.equal(byPm.status, 403, byPm.text);
      const byTm = await u.tm.client.post('/api/engineer-leave', leave);
      assert.equal(byTm.status, 201, byTm.text);
    });

    it('R-ORG-3 a task request is read by its assignee, its issuer, the project’s manager and the technical manager — not by every engineer', async () => {
      const sr = await u.tm.client.post('/api/service-requests', {
        kind: 'emergency_repair',
        customerId: contract.customer.id,
        contractId: contract.id,
        projectId,
        contactName: '赵立新',
        contactPhone: '139 1001 2001',
        siteAddress: '北京市西城区',
        description: '交换机端口故障',
      });
      assert.equal(sr.status, 201, sr.text);
      const task = await u.tm.client.post('/api/task-requests', {
        task: '整理巡检报告',
        assigneeId: u.eng.user.id,
        serviceRequestId: sr.body.id,
        issue: true,
      });
      assert.equal(task.status, 201, task.text);
      const id = task.body.id;
      const listed = async (s: TSignedIn) => (await s.client.get('/api/task-requests')).body.items.some((x: { id: number }) => x.id === id);
      for (const reader of [u.tm, u.eng, u.pm]) {
        assert.ok(await listed(reader), `${reader.user.name} lists it`);
        assert.equal((await reader.client.get(`/api/task-requests/${id}`)).status, 200);
      }
      for (const outsider of [u.engOther, u.pmOther, u.sales]) {
        assert.ok(!(await listed(outsider)), `${outsider.user.name} does not list it`);
        assert.equal((await outsider.client.get(`/api/task-requests/${id}`)).status, 404);
      }
      const start = await u.engOther.client.post(`/api/task-requests/${id}/start`, {});
      assert.equal(start.status, 404, start.text);
      assert.equal((await u.eng.client.post(`/api/task-requests/${id}/start`, {})).status, 200);
    });
  });
}
