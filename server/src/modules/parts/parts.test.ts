import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { addDays } from '@contract/reports';
import type { TRole } from '@contract/roles';
import { todayIn } from '@contract/zoned-time';
import { closeFormPrinter } from '../../pdf/form-pdf';
import { holdsText, pdfQrText, pdfText } from '../../pdf/pdf-tools.fixtures';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeServiceRequest } from '../service-requests/service-requests.fixtures';
import { sweepLoans } from '../../jobs/part-loan-sweep';
import { DEFAULT_TIME_ZONE } from '../calendar/working-calendar';

const ROLES = {
  tm: ['tech_manager'],
  tm2: ['tech_manager'],
  eng: ['engineer'],
  commerce: ['commerce'],
  sales: ['sales'],
} satisfies Record<string, TRole[]>;

const bytesOf = (r: { rawPayload?: Buffer }) => r.rawPayload ?? Buffer.alloc(0);
/**
 * A date `days` after today in the company's zone (the test app's), as the server counts dates: the
 * UTC date is the company's yesterday from 16:00 UTC on, and a loan due then was refused as past.
 */
const later = (days: number) => addDays(todayIn(DEFAULT_TIME_ZONE), days);

for (const engine of engines()) {
  describe(`spare parts (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let customerId: number;
    let contractId: number;
    let srId: number;
    let seq = 0;
    const db = () => t.app.deps.database.db;

    before(async () => {
      t = await startTestApp(engine, { FUWU_PUBLIC_URL: 'https://fuwu.example.cn' });
      u = await t.usersWith(ROLES, (k) => ({ tm: '周经理', tm2: '吴经理', eng: '王工程师', commerce: '商务小李', sales: '钱销售' })[k]);
      const contract = await makeContract(db(), { status: 'active', salesOwnerId: u.sales.user.id });
      customerId = contract.customer.id;
      contractId = contract.id;
      srId = (await makeServiceRequest(u.tm.client, { customerId, contractId }, { responsibleEngineerId: u.eng.user.id, issue: true })).id;
    });
    after(async () => {
      await closeFormPrinter();
      await t.close();
    });

    async function makePart(tracking: 'serial' | 'count', pn = `PN-${engine}-${++seq}`) {
      const r = await u.tm.client.post('/api/parts', { pn, description: `备件 ${pn}`, vendor: '华为', tracking });
      assert.equal(r.status, 201, r.text);
      return r.body as { id: number; pn: string };
    }
    const store = async () =>
      ((await u.tm.client.get('/api/stock-locations')).body.items as { id: number; kind: string }[]).find((l) => l.kind === 'store')!.id;
    async function receive(partId: number, body: { sn?: string; quantity?: number }) {
      const r = await u.commerce.client.post('/api/stock-movements', {
        partId,
        ...body,
        fromLocationId: null,
        toLocationId: await store(),
        reason: '采购入库',
        inspection: { result: 'pass', note: '上电自检通过' },
      });
      assert.equal(r.status, 201, r.text);
      return r.body;
    }
    const onHand = async (partId: number) =>
      (await u.tm.client.get(`/api/parts/${partId}`)).body as { onHand: number; inStore: number; movements: unknown[] };
    const notices = async (who: TSignedIn, kind: string, id: number) =>
      ((await who.client.get('/api/notifications?pageSize=200')).body.items as { kind: string; entityId: number }[]).filter(
        (n) => n.kind === kind && n.entityId === id,
      );
    const loanBody = (partId: number, over: Record<string, unknown> = {}) => ({
      partId,
      purpose: 'replacement',
      customerId,
      serviceRequestId: srId,
      dueDate: later(7),
      ...over,
    });

    it('R-EMER-4 a loan waits for the technical manager; his approval moves the part once, a second approval is a 409', async () => {
      const part = await makePart('serial');
      await receive(part.id, { sn: 'SN-A1' });
      const asked = await u.eng.client.post('/api/part-loans', loanBody(part.id, { sn: 'SN-A1' }));
      assert.equal(asked.status, 201, asked.text);
      assert.match(asked.body.number, /^PL-\d{4}-\d{5}$/);
      assert.equal(asked.body.state, 'requested');
      assert.equal((await onHand(part.id)).inStore, 1, 'nothing moves before approval');
      assert.equal((await notices(u.tm, 'part_loan_request', asked.body.id)).length, 1);
      assert.equal((await u.eng.client.post(`/api/part-loans/${asked.body.id}/approve`, {})).status, 403);
      const ok = await u.tm.client.post(`/api/part-loans/${asked.body.id}/approve`, {});
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.state, 'open');
      assert.equal(ok.body.approvedBy.name, '周经理');
      const again = await u.tm2.client.post(`/api/part-loans/${asked.body.id}/approve`, {});
      assert.equal(again.status, 409, again.text);
      assert.equal(again.body.code, 'PART_LOAN_ALREADY_APPROVED');
      const detail = await onHand(part.id);
      assert.equal(detail.inStore, 0);
      assert.equal(detail.onHand, 1, 'at the customer, still company stock');
      assert.equal(detail.movements.length, 2, 'the receipt and one loan movement');
    });

    it('R-EMER-4 in an emergency the engineer takes the part at once: paperwork pending, every technical manager notified; approval completes it without a second movement', async () => {
      const part = await makePart('count');
      await receive(part.id, { quantity: 3 });
      const r = await u.eng.client.post('/api/part-loans', loanBody(part.id, { quantity: 2, emergency: true, purpose: 'test' }));
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.state, 'open');
      assert.equal(r.body.paperworkPending, true);
      assert.equal((await onHand(part.id)).inStore, 1);
      for (const who of [u.tm, u.tm2]) assert.equal((await notices(who, 'part_loan_emergency', r.body.id)).length, 1);
      const pending = await u.tm.client.get('/api/part-loans?paperworkPending=true&pageSize=1');
      assert.ok(pending.body.total >= 1);
      const ok = await u.tm.client.post(`/api/part-loans/${r.body.id}/approve`, {});
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.paperworkPending, false);
      assert.equal((await u.tm.client.post(`/api/part-loans/${r.body.id}/approve`, {})).status, 409);
      const detail = await onHand(part.id);
      assert.equal(detail.inStore, 1);
      assert.equal(detail.movements.length, 2);
    });

    it('R-EMER-4 paperwork pending more than 2 working days is escalated once; overdue loans are listed and notified once', async () => {
      const part = await makePart('count');
      await receive(part.id, { quantity: 2 });
      const r = await u.eng.client.post('/api/part-loans', loanBody(part.id, { emergency: true, dueDate: later(0) }));
      assert.equal(r.status, 201, r.text);
      // One working day later: not yet.
      const soon = await sweepLoans(db(), { now: new Date(Date.now() + 86_400_000) });
      assert.equal((await notices(u.tm, 'part_loan_paperwork', r.body.id)).length, 0, JSON.stringify(soon));
      // Twenty days on: past 2 working days even across the Spring Festival, and past the due date.
      const far = new Date(Date.now() + 20 * 86_400_000);
      await sweepLoans(db(), { now: far });
      await sweepLoans(db(), { now: far });
      for (const who of [u.tm, u.tm2, u.eng]) {
        assert.equal((await notices(who, 'part_loan_paperwork', r.body.id)).length, 1);
        assert.equal((await notices(who, 'part_loan_overdue', r.body.id)).length, 1);
      }
      const loan = (await u.tm.client.get(`/api/part-loans/${r.body.id}`)).body;
      assert.ok(loan.paperworkEscalatedAt);
      // Overdue as of today: a loan whose due date has passed is listed.
      const past = await u.eng.client.post('/api/part-loans', loanBody(part.id, { dueDate: later(0) }));
      assert.equal((await u.tm.client.post(`/api/part-loans/${past.body.id}/approve`, {})).status, 200);
      const overdue = await u.tm.client.get('/api/part-loans?overdue=true&pageSize=200');
      assert.equal(overdue.status, 200);
      assert.ok(!overdue.body.items.some((l: { id: number }) => l.id === past.body.id), 'due today is not overdue yet');
    });

    it('R-EMER-4 "older than 2 working days" is counted on the working calendar: a Friday loan escalates on Tuesday, not on Monday', async () => {
      const part = await makePart('count');
      await receive(part.id, { quantity: 1 });
      const r = await u.eng.client.post('/api/part-loans', loanBody(part.id, { emergency: true, dueDate: later(60) }));
      // Taken on Friday 2026-12-04 at 10:00 in Shanghai (the test moves the loan back in time).
      await db().updateTable('part_loan').set({ borrowed_at: '2026-12-04T02:00:00.000Z' }).where('id', '=', r.body.id).execute();
      await sweepLoans(db(), { now: new Date('2026-12-07T02:01:00.000Z'), timeZone: 'Asia/Shanghai' });
      assert.equal((await notices(u.tm, 'part_loan_paperwork', r.body.id)).length, 0, 'Monday: one working day');
      await sweepLoans(db(), { now: new Date('2026-12-08T02:01:00.000Z'), timeZone: 'Asia/Shanghai' });
      assert.equal((await notices(u.tm, 'part_loan_paperwork', r.body.id)).length, 1, 'Tuesday: past two working days');
    });

    it('R-EMER-4 two managers approving the same loan at once: one approval, one 409, one movement', async () => {
      const part = await makePart('count');
      await receive(part.id, { quantity: 5 });
      const asked = await u.eng.client.post('/api/part-loans', loanBody(part.id, { quantity: 2 }));
      const [a, b] = await Promise.all([
        u.tm.client.post(`/api/part-loans/${asked.body.id}/approve`, {}),
        u.tm2.client.post(`/api/part-loans/${asked.body.id}/approve`, {}),
      ]);
      assert.deepEqual([a.status, b.status].sort(), [200, 409], `${a.text} ${b.text}`);
      const detail = await onHand(part.id);
      assert.equal(detail.inStore, 3);
      assert.equal(detail.movements.length, 2);
    });

    it('R-EMER-4 a spare part not yet recorded is tested before use', async () => {
      const part = await makePart('serial');
      const untested = await u.eng.client.post('/api/part-loans', loanBody(part.id, { sn: 'SN-NEW-1', emergency: true }));
      assert.equal(untested.status, 422, untested.text);
      assert.equal(untested.body.code, 'PART_LOAN_UNTESTED');
      assert.equal(untested.body.rule, 'R-EMER-4');
      assert.equal(untested.body.issues[0].path, 'test');
      const failed = await u.eng.client.post(
        '/api/part-loans',
        loanBody(part.id, { sn: 'SN-NEW-1', emergency: true, test: { result: 'fail' } }),
      );
      assert.equal(failed.status, 422);
      const tested = await u.eng.client.post(
        '/api/part-loans',
        loanBody(part.id, { sn: 'SN-NEW-1', emergency: true, test: { result: 'pass', note: '上机测试 30 分钟无告警' } }),
      );
      assert.equal(tested.status, 201, tested.text);
      assert.equal(tested.body.testedBeforeUse.by.name, '王工程师');
      const detail = await onHand(part.id);
      assert.equal(detail.onHand, 1);
      assert.equal(detail.movements.length, 2, 'recorded (on its test), then lent');
    });

    it('a movement that would take a counted part below zero is refused on the quantity, and nothing is saved', async () => {
      const part = await makePart('count');
      await receive(part.id, { quantity: 2 });
      const before = await onHand(part.id);
      const r = await u.commerce.client.post('/api/stock-movements', {
        partId: part.id,
        quantity: 3,
        fromLocationId: await store(),
        toLocationId: null,
        reason: '出库',
      });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.issues[0].path, 'quantity');
      const loan = await u.eng.client.post('/api/part-loans', loanBody(part.id, { quantity: 5, emergency: true }));
      assert.equal(loan.status, 400, loan.text);
      assert.equal(loan.body.issues[0].path, 'quantity');
      assert.equal(
        (await u.tm.client.get('/api/part-loans?pageSize=200')).body.items.filter((l: { part: { id: number } }) => l.part.id === part.id)
          .length,
        0,
      );
      assert.deepEqual(await onHand(part.id), before);
    });

    it('R-INST-9 nothing is stocked in without an inspection record', async () => {
      const part = await makePart('serial');
      const r = await u.commerce.client.post('/api/stock-movements', {
        partId: part.id,
        sn: 'SN-X',
        fromLocationId: null,
        toLocationId: await store(),
        reason: '采购入库',
      });
      assert.equal(r.status, 422, r.text);
      assert.equal(r.body.rule, 'R-INST-9');
      assert.equal((await onHand(part.id)).onHand, 0);
      await receive(part.id, { sn: 'SN-X' });
      const twice = await u.commerce.client.post('/api/stock-movements', {
        partId: part.id,
        sn: 'SN-X',
        fromLocationId: null,
        toLocationId: await store(),
        reason: '再次入库',
        inspection: { result: 'pass' },
      });
      assert.equal(twice.status, 400);
      assert.equal(twice.body.issues[0].path, 'sn');
    });

    it('R-INST-9 R-EMER-10 a removed part is tagged, received at the office, and re-enters stock only with an inspection that passed', async () => {
      const part = await makePart('serial');
      const tag = await u.eng.client.post('/api/faulty-part-tags', {
        partId: part.id,
        pn: part.pn,
        sn: 'SN-BAD-1',
        customerId,
        unitSn: 'UNIT-2288-01',
        serviceRequestId: srId,
        fault: '硬盘 SMART 告警，重建失败',
        removedDate: later(0),
        condition: 'faulty',
      });
      assert.equal(tag.status, 201, tag.text);
      assert.match(tag.body.number, /^FT-\d{4}-\d{5}$/);
      assert.equal(tag.body.engineer.name, '王工程师');
      const early = await u.tm.client.post(`/api/faulty-part-tags/${tag.body.id}/inspect`, {
        version: tag.body.version,
        result: 'pass',
        restock: true,
      });
      assert.equal(early.status, 409);
      assert.equal(early.body.code, 'PART_TAG_NOT_RECEIVED');
      const got = await u.tm.client.post(`/api/faulty-part-tags/${tag.body.id}/receive`, {});
      assert.equal(got.status, 200, got.text);
      const failRestock = await u.tm.client.post(`/api/faulty-part-tags/${tag.body.id}/inspect`, {
        version: got.body.version,
        result: 'fail',
        restock: true,
      });
      assert.equal(failRestock.status, 400);
      assert.equal(failRestock.body.issues[0].path, 'restock');
      assert.equal((await onHand(part.id)).onHand, 0);
      const passed = await u.tm.client.post(`/api/faulty-part-tags/${tag.body.id}/inspect`, {
        version: got.body.version,
        result: 'pass',
        note: '厂商修复后复测通过',
        restock: true,
      });
      assert.equal(passed.status, 200, passed.text);
      assert.equal(passed.body.inspection.inspectedBy.name, '周经理');
      assert.ok(passed.body.restockedAt);
      assert.equal((await onHand(part.id)).inStore, 1);
      const rma = await u.eng.client.post('/api/faulty-part-tags', {
        pn: 'PN-UNKNOWN',
        sn: 'SN-RMA-1',
        fault: '电源模块烧毁',
        removedDate: later(0),
        condition: 'faulty',
      });
      const disposed = await u.commerce.client.post(`/api/faulty-part-tags/${rma.body.id}/disposition`, {
        version: rma.body.version,
        disposition: 'rma',
        rmaCaseNumber: 'CASE-88231',
      });
      assert.equal(disposed.status, 200, disposed.text);
      const list = await u.commerce.client.get('/api/faulty-part-tags?disposition=rma');
      assert.deepEqual(
        list.body.items.map((g: { number: string; rmaCaseNumber: string }) => [g.number, g.rmaCaseNumber]),
        [[rma.body.number, 'CASE-88231']],
      );
    });

    it('R-PM-8 a preventive maintenance request is not complete until its loans are back and its tagged parts received', async () => {
      const pm = await makeServiceRequest(
        u.tm.client,
        { customerId, contractId },
        { kind: 'preventive_maintenance', responsibleEngineerId: u.eng.user.id, issue: true },
      );
      const part = await makePart('count');
      await receive(part.id, { quantity: 1 });
      const loan = await u.eng.client.post(
        '/api/part-loans',
        loanBody(part.id, { serviceRequestId: pm.id, emergency: true, purpose: 'loan' }),
      );
      assert.equal(loan.status, 201, loan.text);
      const tag = await u.eng.client.post('/api/faulty-part-tags', {
        pn: 'FAN-01',
        fault: '风扇异响',
        removedDate: later(0),
        condition: 'faulty',
        serviceRequestId: pm.id,
      });
      const open = await u.eng.client.get(`/api/parts/brought-back?serviceRequestId=${pm.id}`);
      assert.equal(open.status, 200, open.text);
      assert.equal(open.body.complete, false);
      assert.deepEqual(
        open.body.openLoans.map((l: { number: string }) => l.number),
        [loan.body.number],
      );
      assert.deepEqual(
        open.body.tagsNotReceived.map((g: { number: string }) => g.number),
        [tag.body.number],
      );
      assert.equal((await u.eng.client.post(`/api/part-loans/${loan.body.id}/return`, { condition: 'good' })).status, 200);
      assert.equal((await u.tm.client.post(`/api/faulty-part-tags/${tag.body.id}/receive`, {})).status, 200);
      const back = await u.eng.client.get(`/api/parts/brought-back?serviceRequestId=${pm.id}`);
      assert.equal(back.body.complete, true);
      assert.equal((await onHand(part.id)).inStore, 1);
    });

    it('a loan returned faulty leaves stock and gets a faulty part tag', async () => {
      const part = await makePart('serial');
      await receive(part.id, { sn: 'SN-RET-1' });
      const loan = await u.eng.client.post('/api/part-loans', loanBody(part.id, { sn: 'SN-RET-1', emergency: true }));
      const back = await u.eng.client.post(`/api/part-loans/${loan.body.id}/return`, { condition: 'faulty', note: '客户处测试失败' });
      assert.equal(back.status, 200, back.text);
      assert.equal((await onHand(part.id)).onHand, 0);
      const tags = (await u.tm.client.get(`/api/faulty-part-tags?serviceRequestId=${srId}&pageSize=200`)).body.items as {
        sn: string;
        fault: string;
      }[];
      assert.ok(tags.some((g) => g.sn === 'SN-RET-1' && g.fault === '客户处测试失败'));
      assert.equal((await u.eng.client.post(`/api/part-loans/${loan.body.id}/return`, { condition: 'good' })).status, 409);
    });

    it('R-EMER-4 50 concurrent loans of the last unit of a part: exactly one succeeds', async () => {
      const part = await makePart('count');
      await receive(part.id, { quantity: 1 });
      const results = await Promise.all(
        Array.from({ length: 50 }, () => u.eng.client.post('/api/part-loans', loanBody(part.id, { emergency: true }))),
      );
      const statuses = results.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join(','));
      assert.ok(
        statuses.every((s) => s === 201 || s === 400),
        statuses.join(','),
      );
      const detail = await onHand(part.id);
      assert.equal(detail.inStore, 0);
      assert.equal(detail.onHand, 1);
      assert.equal(detail.movements.length, 2);
    });

    it('R-FORM-1 the Faulty Part Tag prints on A4 and on a 100×70 mm label, the Spare Part Loan form on A4', async () => {
      const tag = await u.eng.client.post('/api/faulty-part-tags', {
        pn: '02311ABC',
        sn: 'SN-PRINT-7',
        customerId,
        unitSn: 'UNIT-PRINT-1',
        serviceRequestId: srId,
        fault: '内存 ECC 错误',
        removedDate: later(0),
        condition: 'faulty',
        disposition: 'repair',
      });
      const download = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: u.tm.client.cookie ?? '' } });
      const a4 = await download(`/api/faulty-part-tags/${tag.body.id}/form.pdf`);
      assert.equal(a4.statusCode, 200);
      const a4Text = await pdfText(bytesOf(a4));
      for (const s of ['故障件标签', tag.body.number, '02311ABC', 'SN-PRINT-7', 'UNIT-PRINT-1', '内存ECC错误', '送修', '王工程师'])
        assert.ok(holdsText(a4Text, s), `A4 holds ${s}:\n${a4Text}`);
      const tagUrl = `https://fuwu.example.cn/parts/tags/${tag.body.id}`;
      assert.equal(await pdfQrText(bytesOf(a4)), tagUrl);
      const label = await download(`/api/faulty-part-tags/${tag.body.id}/form.pdf?paper=label`);
      assert.equal(label.statusCode, 200);
      const labelBytes = bytesOf(label);
      assert.match(labelBytes.toString('latin1'), /\/MediaBox \[0 0 283\.46\d* 198\.42\d*\]/);
      const labelText = await pdfText(labelBytes);
      for (const s of [tag.body.number, '02311ABC', 'SN-PRINT-7']) assert.ok(holdsText(labelText, s), `label holds ${s}:\n${labelText}`);
      assert.equal(labelText.split('\f').filter((page) => page.trim()).length, 1, 'one label, one page');
      assert.equal(await pdfQrText(labelBytes), tagUrl, 'the label carries the QR code of the tag');
      const part = await makePart('count');
      await receive(part.id, { quantity: 1 });
      const loan = await u.eng.client.post('/api/part-loans', loanBody(part.id, { emergency: true }));
      const loanPdf = await download(`/api/part-loans/${loan.body.id}/form.pdf?lang=en`);
      assert.equal(loanPdf.statusCode, 200);
      const loanText = await pdfText(bytesOf(loanPdf));
      for (const s of ['Spare Part Loan', loan.body.number, part.pn, 'Yes (paperwork pending)', 'Replacement'])
        assert.ok(holdsText(loanText, s), `loan form holds ${s}:\n${loanText}`);
    });

    it('lists export as .xlsx: stock by part and place, loans pending paperwork, tags by disposition', async () => {
      const part = await makePart('serial');
      await receive(part.id, { sn: 'SN-XL-1' });
      const read = async (url: string) => {
        const r = await t.app.inject({ method: 'GET', url, headers: { cookie: u.commerce.client.cookie ?? '' } });
        assert.equal(r.statusCode, 200, r.body);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytesOf(r) as unknown as ArrayBuffer);
        const rows: unknown[][] = [];
        wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
        return rows;
      };
      const stock = await read(`/api/exports/stock?partId=${part.id}`);
      assert.equal(stock[0][0], '备件号');
      assert.deepEqual([stock[1][0], stock[1][5], stock[1][6]], [part.pn, 1, 'SN-XL-1']);
      const loans = await read('/api/exports/part-loans?paperworkPending=true');
      assert.ok(loans.length > 1 && loans.slice(1).every((row) => row[7] === '是'));
      const tags = await read('/api/exports/faulty-part-tags?disposition=rma');
      assert.ok(tags.slice(1).every((row) => row[10] === '退回商务'));
      assert.equal((await u.eng.client.get('/api/exports/stock')).status, 403);
    });
  });
}
