import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import { makeContract } from '../modules/contracts/contracts.fixtures';
import { makeCustomer } from '../modules/customers/customers.fixtures';
import { type TestApp, type TSignedIn, startTestApp } from '../testing/test-app';
import { engines } from '../testing/test-db';
import { closeFormPrinter } from './form-pdf';
import { holdsText, pdfFonts, pdfText } from './pdf-tools.fixtures';

const ROLES = { tm: ['tech_manager'], eng: ['engineer'], other: ['engineer'], sales: ['sales'] } satisfies Record<string, TRole[]>;

/** The body of a PDF reply: inject gives it as text; read it back as the bytes sent. */
const bytesOf = (r: { rawPayload?: Buffer }) => r.rawPayload ?? Buffer.alloc(0);

for (const engine of engines()) {
  describe(`service and task request forms as PDF (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let srId: number;
    let srNumber: string;
    let taskId: number;
    let taskNumber: string;

    const download = (who: TSignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.client.cookie ?? '' } });

    before(async () => {
      t = await startTestApp(engine, { FUWU_PUBLIC_URL: 'https://fuwu.example.cn' });
      u = await t.usersWith(ROLES, (k) => ({ tm: '周经理', eng: '王工程师', other: '赵工', sales: '钱销售' })[k]);
      const db = t.app.deps.database.db;
      const customer = await makeCustomer(db, { name: `上海华东数据有限公司${engine}` });
      const contract = await makeContract(db, { status: 'active', customerId: customer.id });
      await u.tm.client.post('/api/equipment', {
        contractId: contract.id,
        productType: '存储',
        brand: '华为',
        model: 'OceanStor 5500',
        sn: `FORM-SN-${engine}`,
      });
      const units = (await u.tm.client.get(`/api/contracts/${contract.id}/equipment`)).body;
      const sr = await u.tm.client.post('/api/service-requests', {
        kind: 'emergency_repair',
        customerId: contract.customer.id,
        contractId: contract.id,
        contactName: '李工',
        contactPhone: '138 0013 8000',
        siteAddress: '上海市浦东新区张江路 100 号',
        description: '存储阵列两块硬盘亮黄灯，业务响应慢',
        equipmentIds: (units.items ?? units).map((e: { id: number }) => e.id),
        responsibleEngineerId: u.eng.user.id,
        remarks: '客户要求下午到场',
        issue: true,
      });
      assert.equal(sr.status, 201, sr.text);
      srId = sr.body.id;
      srNumber = sr.body.number;
      const task = await u.tm.client.post('/api/task-requests', {
        task: '整理巡检报告并归档',
        reason: '季度例行检查结束',
        assigneeId: u.eng.user.id,
        serviceRequestId: srId,
        dueDate: '2026-12-20',
        expectedOutput: '巡检报告一份',
        issue: true,
      });
      assert.equal(task.status, 201, task.text);
      taskId = task.body.id;
      taskNumber = task.body.number;
    });
    after(async () => {
      await t.close();
      await closeFormPrinter();
    });

    it('R-FORM-1 the Service Request Form prints the customer, description, number and people, as a download', async () => {
      const r = await download(u.eng, `/api/service-requests/${srId}/form.pdf`);
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.headers['content-type'], 'application/pdf');
      assert.match(String(r.headers['content-disposition']), /^attachment; /);
      assert.match(String(r.headers['content-disposition']), new RegExp(srNumber));
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      const pdf = bytesOf(r);
      const text = await pdfText(pdf);
      for (const s of [
        '服务要求单',
        srNumber,
        '上海华东数据有限公司',
        '存储阵列两块硬盘亮黄灯，业务响应慢',
        '李工',
        '上海市浦东新区张江路 100 号',
        'OceanStor 5500',
        `FORM-SN-${engine}`.toUpperCase(),
        '王工程师',
        '周经理',
        '客户要求下午到场',
        '突发响应保修',
        `https://fuwu.example.cn/service-requests/${srId}`,
      ])
        assert.ok(holdsText(text, s), `${s} in:\n${text}`);
      const fonts = await pdfFonts(pdf);
      assert.ok(fonts.length > 0 && fonts.every((f) => f.embedded && f.subset && f.name.includes('NotoSansSC')), JSON.stringify(fonts));
    });

    it('R-FORM-1 lang=en prints the form with English titles and labels', async () => {
      const r = await download(u.tm, `/api/service-requests/${srId}/form.pdf?lang=en`);
      assert.equal(r.statusCode, 200, r.body);
      const text = await pdfText(bytesOf(r));
      for (const s of [
        'Service Request Form',
        'Customer',
        'Description',
        'symptom',
        'Responsible engineer',
        'Emergency warranty response',
        'Responsible engineer',
        '上海华东数据有限公司',
      ])
        assert.ok(holdsText(text, s), `${s} in:\n${text}`);
      assert.ok(!holdsText(text, '服务要求单'));
      assert.equal((await download(u.tm, `/api/service-requests/${srId}/form.pdf?lang=fr`)).statusCode, 400);
    });

    it('R-FORM-1 the Task Request Form prints the task, its links, assignee and due date', async () => {
      const r = await download(u.eng, `/api/task-requests/${taskId}/form.pdf`);
      assert.equal(r.statusCode, 200, r.body);
      const text = await pdfText(bytesOf(r));
      for (const s of [
        '任务要求单',
        taskNumber,
        '整理巡检报告并归档',
        '季度例行检查结束',
        srNumber,
        '王工程师',
        '2026-12-20',
        '巡检报告一份',
        '周经理',
      ])
        assert.ok(holdsText(text, s), `${s} in:\n${text}`);
      const en = await pdfText(bytesOf(await download(u.eng, `/api/task-requests/${taskId}/form.pdf?lang=en`)));
      assert.ok(holdsText(en, 'Task Request Form') && holdsText(en, 'Expected output'), en);
    });

    it('R-ORG-4 an engineer outside the request or task gets 404, as for one that does not exist', async () => {
      for (const url of [`/api/service-requests/${srId}/form.pdf`, `/api/task-requests/${taskId}/form.pdf`]) {
        const r = await download(u.other, url);
        assert.equal(r.statusCode, 404, url);
        assert.equal(r.json().code, 'NOT_FOUND');
      }
    });

    it('R-FORM-1 every form carries the company name the administrator set', async () => {
      const admin = await t.admin();
      const profile = (await admin.get('/api/company-profile')).body;
      const saved = await admin.patch('/api/company-profile', { version: profile.version, name: '北京服务科技有限公司' });
      assert.equal(saved.status, 200, saved.text);
      for (const url of [`/api/service-requests/${srId}/form.pdf`, `/api/task-requests/${taskId}/form.pdf`]) {
        const text = await pdfText(bytesOf(await download(u.tm, url)));
        assert.ok(holdsText(text, '北京服务科技有限公司'), text);
      }
    });
  });
}
