import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import { followUpSatisfaction, followUpsOnTime, overdueFollowUpsOf } from './follow-ups.service';
import { sweepFollowUps } from '../../jobs/follow-up-sweep';
import { addDays } from '@contract/reports';
import { closeFormPrinter } from '../../pdf/form-pdf';
import { holdsText, pdfFonts, pdfText } from '../../pdf/pdf-tools.fixtures';
import { startSmtpReceiver } from '../../testing/receivers';
import { type Client, type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeCustomer } from '../customers/customers.fixtures';
import { deliverDue, smtpMailer } from '../notifications/delivery.sender';
import { createFileStore } from '../files/file-store';
import { makeServiceRequest } from '../service-requests/service-requests.fixtures';
import { bringOnSite, holidaysBeforeNextWorkday, insertVisit, pdfAttachmentOf, SIGNATURE_PNG } from './service-reports.fixtures';

const ROLES = {
  tm: ['tech_manager'],
  eng: ['engineer'],
  eng2: ['engineer'],
  other: ['engineer'],
  sales: ['sales'],
  sales2: ['sales'],
} satisfies Record<string, TRole[]>;
const NAMES: Record<keyof typeof ROLES, string> = {
  tm: '周经理',
  eng: '王工程师',
  eng2: '李工程师',
  other: '赵工',
  sales: '钱销售',
  sales2: '孙销售',
};
const TZ = 'Asia/Shanghai';
const png64 = SIGNATURE_PNG.toString('base64');
const bytesOf = (r: { rawPayload?: Buffer }) => r.rawPayload ?? Buffer.alloc(0);

/** A PM checklist filled in full, the temperature out of its 18–27 °C range. */
const PM_ANSWERS = {
  room_temperature: 31.5,
  room_humidity: 45,
  supply_voltage: 220,
  placement_ok: true,
  power_connections_ok: true,
  signal_connections_ok: true,
  vents_cleaned: true,
  dust_cleaned: true,
  system_messages: 'none',
  logs_reviewed: true,
  software_tests: 'passed',
  tools_parts_back: true,
};

for (const engine of engines()) {
  describe(`customer-signed service reports (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let admin: Client;
    let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
    let contractId: number;
    let customerId: number;
    let pmRequest: { id: number; number: string };
    let reportId: number;
    let due: { dueOn: string; latestOn: string };
    const customerName = `上海华东数据有限公司${engine}`;
    const db = () => t.app.deps.database.db;
    const drainMail = async () => {
      const mailer = smtpMailer(smtp.url, 'Fuwu <noreply@fuwu.example.cn>');
      while ((await deliverDue(db(), { mailer, publicUrl: 'https://fuwu.example.cn' })).claimed > 0);
      mailer.close();
    };

    before(async () => {
      smtp = await startSmtpReceiver();
      t = await startTestApp(engine, { SMTP_URL: smtp.url, FUWU_PUBLIC_URL: 'https://fuwu.example.cn', FUWU_TIMEZONE: TZ });
      u = await t.usersWith(ROLES, (k) => NAMES[k]);
      admin = await t.admin();
      const customer = await makeCustomer(db(), {
        name: customerName,
        contacts: [{ name: '李工', phones: ['138 0013 8000'], email: `likehu-${engine}@hddata.example` }],
      });
      customerId = customer.id;
      const contract = await makeContract(db(), {
        status: 'active',
        customerId,
        salesOwnerId: u.sales.user.id,
        serviceKinds: ['onsite_maintenance', 'routine_inspection'],
        stage: 'contract_execution',
      });
      contractId = contract.id;
      await u.tm.client.post('/api/equipment', {
        contractId,
        productType: '存储',
        brand: '华为',
        model: 'OceanStor 5500',
        sn: `RPT-SN-${engine}`,
      });
      const units = (await u.tm.client.get(`/api/contracts/${contractId}/equipment`)).body;
      pmRequest = await makeServiceRequest(
        u.tm.client,
        { customerId, contractId },
        {
          kind: 'preventive_maintenance',
          contactName: '李工',
          description: '季度例行检查：存储阵列硬盘告警复查',
          equipmentIds: (units.items ?? units).map((e: { id: number }) => e.id),
          responsibleEngineerId: u.eng.user.id,
          issue: true,
        },
      );
      await bringOnSite(u.eng.client, pmRequest.id);
      due = await holidaysBeforeNextWorkday(admin, TZ);
    });
    after(async () => {
      await t.close();
      await smtp.close();
      await closeFormPrinter();
    });

    it('R-INST-6 R-PM-6 a report made from the visit is pre-filled and carries the PM checklist at its current version', async () => {
      const visitId = await insertVisit(db(), {
        requestId: pmRequest.id,
        engineerId: u.eng.user.id,
        others: [u.eng2.user.id],
        workDone: '清洁风扇，复查硬盘告警',
      });
      const r = await u.eng.client.post('/api/service-reports', { visitId });
      assert.equal(r.status, 201, r.text);
      reportId = r.body.id;
      assert.match(r.body.number, /^CSR-\d{4}-\d{5}$/);
      assert.equal(r.body.state, 'draft');
      assert.equal(r.body.customer.name, customerName);
      assert.equal(r.body.fields.contactEmail, `likehu-${engine}@hddata.example`);
      assert.deepEqual(r.body.fields.engineers.sort(), ['李工程师', '王工程师'].sort());
      assert.equal(r.body.fields.workDone, '清洁风扇，复查硬盘告警');
      assert.equal(r.body.fields.units[0].model, 'OceanStor 5500');
      assert.equal(r.body.checklist.versionNo, 1);
      assert.ok(r.body.checklist.items.some((i: { key: string }) => i.key === 'room_temperature'));
      assert.ok(r.body.checklist.missing.includes('room_temperature'));
      // An engineer outside the request sees nothing of it.
      assert.equal((await u.other.client.get(`/api/service-reports/${reportId}`)).status, 404);
      assert.equal((await u.other.client.post('/api/service-reports', { visitId })).status, 404);
      // Asked again for the same visit, the same report is answered: one report per visit.
      const again = await u.eng.client.post('/api/service-reports', { visitId });
      assert.equal(again.body.id, reportId);
      assert.equal(again.body.number, r.body.number);
    });

    it('R-PM-6 the report keeps the template version it was filled with; an out-of-range temperature is flagged', async () => {
      const before = (await u.eng.client.get(`/api/service-reports/${reportId}`)).body;
      const tpl = (await admin.get(`/api/checklist-templates/${before.checklist.templateId}`)).body;
      const edited = await admin.patch(`/api/checklist-templates/${tpl.id}`, {
        version: tpl.currentVersion,
        items: [...tpl.items, { key: 'ups_checked', type: 'yes_no', labelZh: 'UPS 已检查', labelEn: 'UPS checked', required: true }],
      });
      assert.equal(edited.status, 200, edited.text);
      const r = await u.eng.client.patch(`/api/service-reports/${reportId}`, {
        version: before.version,
        checklist: { templateId: tpl.id, answers: { room_temperature: 31.5, room_humidity: 45 } },
        fields: { faultFound: '2 号硬盘 SMART 预警', result: 'resolved', satisfaction: 5 },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.checklist.versionNo, 1, 'still the version it was started with');
      assert.ok(!r.body.checklist.items.some((i: { key: string }) => i.key === 'ups_checked'));
      assert.deepEqual(r.body.checklist.outOfRange, ['room_temperature']);
      const bad = await u.eng.client.patch(`/api/service-reports/${reportId}`, {
        version: r.body.version,
        checklist: { templateId: tpl.id, answers: { room_humidity: 'wet' } },
      });
      assert.equal(bad.status, 400, bad.text);
      assert.equal(bad.body.issues[0].path, 'checklist.answers.room_humidity');
    });

    it('R-PM-6 signing with required checklist items empty is refused, each named, and nothing is saved', async () => {
      const r = (await u.eng.client.get(`/api/service-reports/${reportId}`)).body;
      const s = await u.eng.client.post(`/api/service-reports/${reportId}/sign`, {
        version: r.version,
        signatures: [{ role: 'customer', signerName: '李工', method: 'pad', image: png64 }],
      });
      assert.equal(s.status, 422, s.text);
      assert.equal(s.body.code, 'SERVICE_REPORT_CHECKLIST_INCOMPLETE');
      assert.equal(s.body.rule, 'R-PM-6');
      const paths = (s.body.issues as { path: string }[]).map((i) => i.path);
      for (const key of ['supply_voltage', 'placement_ok', 'vents_cleaned', 'tools_parts_back'])
        assert.ok(paths.includes(`checklist.answers.${key}`), key);
      assert.ok(!paths.includes('checklist.answers.room_temperature'));
      assert.equal((await u.eng.client.get(`/api/service-reports/${reportId}`)).body.state, 'draft');
    });

    it('R-INST-6 a signature that is not a PNG/JPEG within 1 MB, or a missing customer signature, is refused with the field named', async () => {
      let r = (await u.eng.client.get(`/api/service-reports/${reportId}`)).body;
      r = (
        await u.eng.client.patch(`/api/service-reports/${reportId}`, {
          version: r.version,
          checklist: { templateId: r.checklist.templateId, answers: PM_ANSWERS },
        })
      ).body;
      const sign = (image: string, role = 'customer') =>
        u.eng.client.post(`/api/service-reports/${reportId}/sign`, {
          version: r.version,
          signatures: [{ role, signerName: '李工', method: 'pad', image }],
        });
      const text = await sign(Buffer.from('not an image at all').toString('base64'));
      assert.equal(text.status, 400, text.text);
      assert.equal(text.body.issues[0].path, 'signatures.0.image');
      const big = Buffer.concat([SIGNATURE_PNG, Buffer.alloc(1024 * 1024 + 10)]);
      const tooBig = await sign(big.toString('base64'));
      assert.equal(tooBig.status, 400, tooBig.text);
      assert.equal(tooBig.body.issues[0].path, 'signatures.0.image');
      const noCustomer = await sign(png64, 'engineer');
      assert.equal(noCustomer.status, 422, noCustomer.text);
      assert.equal(noCustomer.body.code, 'SERVICE_REPORT_SIGNER_MISSING');
      const after = (await u.eng.client.get(`/api/service-reports/${reportId}`)).body;
      assert.equal(after.state, 'draft');
      assert.equal(after.signatures.length, 0);
    });

    it('R-INST-6 R-PM-7 R-FORM-1 the customer signs: frozen with its hash, the PDF holds the Chinese customer, the fault, the signer and the flagged temperature in an embedded CJK subset', async () => {
      const r = (await u.eng.client.get(`/api/service-reports/${reportId}`)).body;
      const s = await u.eng.client.post(`/api/service-reports/${reportId}/sign`, {
        version: r.version,
        signatures: [
          { role: 'customer', signerName: '李工', method: 'pad', image: `data:image/png;base64,${png64}` },
          { role: 'engineer', signerName: '王工程师', method: 'pad', image: png64 },
        ],
      });
      assert.equal(s.status, 200, s.text);
      assert.equal(s.body.state, 'signed');
      assert.match(s.body.contentHash, /^[0-9a-f]{64}$/);
      assert.equal(s.body.signatures.length, 2);
      assert.ok(s.body.signatures.every((x: { contentHash: string }) => x.contentHash === s.body.contentHash));
      const pdf = await t.app.inject({
        method: 'GET',
        url: `/api/service-reports/${reportId}/report.pdf`,
        headers: { cookie: u.tm.client.cookie ?? '' },
      });
      assert.equal(pdf.statusCode, 200, pdf.body);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const text = await pdfText(bytesOf(pdf));
      for (const x of [
        '客户服务报告',
        s.body.number,
        customerName,
        '季度例行检查：存储阵列硬盘告警复查',
        '2 号硬盘 SMART 预警',
        '李工',
        '王工程师',
        '超出范围',
        '31.5',
        pmRequest.number,
      ])
        assert.ok(holdsText(text, x), `${x} in:\n${text}`);
      const fonts = await pdfFonts(bytesOf(pdf));
      assert.ok(fonts.length > 0 && fonts.every((f) => f.embedded && f.subset && f.name.includes('NotoSansSC')), JSON.stringify(fonts));
    });

    it('R-INST-6 editing a signed report is refused with a clear reason; a correction is a new version that needs a new signature', async () => {
      const r = (await u.eng.client.get(`/api/service-reports/${reportId}`)).body;
      const edit = await u.eng.client.patch(`/api/service-reports/${reportId}`, {
        version: r.version,
        fields: { customerComments: '改一下' },
      });
      assert.equal(edit.status, 409, edit.text);
      assert.equal(edit.body.code, 'SERVICE_REPORT_SIGNED');
      assert.match(edit.body.message, /签字|signed/);
      const again = await u.eng.client.post(`/api/service-reports/${reportId}/sign`, {
        version: r.version,
        signatures: [{ role: 'customer', signerName: '李工', method: 'pad', image: png64 }],
      });
      assert.equal(again.body.code, 'SERVICE_REPORT_SIGNED');
      const c = await u.eng.client.post(`/api/service-reports/${reportId}/correct`, {});
      assert.equal(c.status, 201, c.text);
      assert.equal(c.body.number, r.number);
      assert.equal(c.body.revision, 2);
      assert.equal(c.body.state, 'draft');
      assert.equal(c.body.signatures.length, 0);
      assert.equal(c.body.checklist.versionNo, 1);
      assert.equal((await u.eng.client.get(`/api/service-reports/${reportId}`)).body.state, 'superseded');
      const fixed = await u.eng.client.patch(`/api/service-reports/${c.body.id}`, {
        version: c.body.version,
        fields: { customerComments: '服务很好' },
      });
      assert.equal(fixed.status, 200, fixed.text);
      const signed = await u.eng.client.post(`/api/service-reports/${c.body.id}/sign`, {
        version: fixed.body.version,
        signatures: [{ role: 'customer', signerName: '李工', method: 'scan', image: png64 }],
      });
      assert.equal(signed.status, 200, signed.text);
      assert.notEqual(signed.body.contentHash, r.contentHash);
    });

    it('R-INST-6 anyone who may read it re-verifies a stored report; changed content or changed PDF bytes fail', async () => {
      const ok = await u.sales.client.get(`/api/service-reports/${reportId}/verify`);
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.valid, true);
      assert.equal(ok.body.recomputedContentHash, ok.body.contentHash);
      assert.equal((await u.tm.client.post(`/api/service-reports/${reportId}/verify`, {})).body.valid, true);
      assert.equal((await u.other.client.get(`/api/service-reports/${reportId}/verify`)).status, 404);
      // The stored content changed behind the application's back.
      const row = await db()
        .selectFrom('service_report')
        .select(['content', 'pdf_hash'])
        .where('id', '=', reportId)
        .executeTakeFirstOrThrow();
      const content = JSON.parse(row.content);
      await db()
        .updateTable('service_report')
        .set({ content: JSON.stringify({ ...content, satisfaction: 1 }) })
        .where('id', '=', reportId)
        .execute();
      const changed = (await u.tm.client.get(`/api/service-reports/${reportId}/verify`)).body;
      assert.equal(changed.valid, false);
      assert.notEqual(changed.recomputedContentHash, changed.contentHash);
      await db().updateTable('service_report').set({ content: row.content }).where('id', '=', reportId).execute();
      assert.equal((await u.tm.client.get(`/api/service-reports/${reportId}/verify`)).body.valid, true);
      // The stored PDF's bytes changed on disk.
      const hash = row.pdf_hash as string;
      const file = path.join(t.dataDir, 'files', hash.slice(0, 2), hash.slice(2, 4), hash);
      const original = fs.readFileSync(file);
      const tampered = Buffer.from(original);
      tampered[tampered.length - 20] ^= 0xff;
      fs.writeFileSync(file, tampered);
      const bytes = (await u.tm.client.get(`/api/service-reports/${reportId}/verify`)).body;
      assert.equal(bytes.valid, false);
      assert.notEqual(bytes.recomputedPdfHash, bytes.pdfHash);
      fs.writeFileSync(file, original);
    });

    it("R-INST-6 R-INST-9 the customer contact gets the PDF by e-mail, and it is filed in the contract's archive as a service report", async () => {
      await drainMail();
      const mails = smtp.received.filter((m) => m.to.includes(`likehu-${engine}@hddata.example`));
      assert.equal(mails.length, 2, 'one a signed revision');
      const pdf = pdfAttachmentOf(mails[0].raw);
      assert.ok(pdf, mails[0].raw.slice(0, 2000));
      assert.ok(pdf.bytes.subarray(0, 5).toString() === '%PDF-');
      const text = await pdfText(pdf.bytes);
      assert.ok(holdsText(text, customerName) && holdsText(text, '李工'), text);
      const docs = await u.tm.client.get(`/api/documents?contract=${contractId}&type=service_report&pageSize=200`);
      assert.equal(docs.status, 200, docs.text);
      const filed = (docs.body.items as { type: string; title: string }[]).filter((d) => d.type === 'service_report');
      assert.equal(filed.length, 2);
      const report = (await u.tm.client.get(`/api/service-reports/${reportId}`)).body;
      assert.ok(report.documentId);
    });

    it('R-INST-10 a signed report puts the request in follow-up, due on the next working day after a weekend and a public holiday', async () => {
      const sr = (await u.eng.client.get(`/api/service-requests/${pmRequest.id}`)).body;
      assert.equal(sr.state, 'follow_up');
      const mine = await u.eng.client.get('/api/follow-ups?mine=true&state=open');
      assert.equal(mine.status, 200, mine.text);
      const f = (mine.body.items as { serviceRequest: { id: number }; dueOn: string; latestOn: string; engineer: { id: number } }[]).filter(
        (x) => x.serviceRequest.id === pmRequest.id,
      );
      assert.equal(f.length, 2, 'one a signed revision');
      assert.equal(f[0].dueOn, due.dueOn);
      assert.equal(f[0].latestOn, due.latestOn);
      assert.equal(f[0].engineer.id, u.eng.user.id);
      assert.equal((await u.other.client.get('/api/follow-ups?mine=true')).body.total, 0);
    });

    it('R-INST-10 overdue follow-ups notify the technical manager once', async () => {
      const tmNotes = async () =>
        ((await u.tm.client.get('/api/notifications?pageSize=200')).body.items as { kind: string; entityId: number }[]).filter(
          (n) => n.kind === 'follow_up_overdue' && n.entityId === pmRequest.id,
        ).length;
      assert.equal(
        await sweepFollowUps(db(), { now: new Date(`${due.latestOn}T06:00:00Z`), timeZone: TZ }),
        0,
        'not overdue on its last day',
      );
      const later = new Date(`${due.latestOn}T20:00:00Z`);
      assert.equal(await sweepFollowUps(db(), { now: later, timeZone: TZ }), 2);
      assert.equal(await sweepFollowUps(db(), { now: later, timeZone: TZ }), 0);
      assert.equal(await tmNotes(), 2);
      // The weekly record lists them as overdue for their engineer after their last day, not on it;
      // the dashboard counts them due in the range and not done on time.
      const afterLast = addDays(due.latestOn, 1);
      const own = await overdueFollowUpsOf(db(), u.eng.user.id, afterLast);
      assert.ok(own.length >= 1 && own.every((f) => f.label.includes(pmRequest.number)), JSON.stringify(own));
      assert.deepEqual(await overdueFollowUpsOf(db(), u.eng.user.id, due.latestOn), []);
      const onTime = await followUpsOnTime(db(), due.latestOn, due.latestOn, undefined, TZ);
      assert.ok(onTime.of >= own.length);
      assert.equal(onTime.n, 0);
    });

    it('R-INST-10 the outcome: satisfied needs a 1–5 score; a problem that remains reopens the request', async () => {
      const items = (await u.eng.client.get(`/api/follow-ups?serviceRequestId=${pmRequest.id}&state=open`)).body.items;
      const [first, second] = items;
      const noScore = await u.eng.client.post(`/api/follow-ups/${first.id}/outcome`, {
        version: first.version,
        channel: 'call',
        outcome: 'satisfied',
      });
      assert.equal(noScore.status, 400, noScore.text);
      assert.equal(noScore.body.issues[0].path, 'score');
      const ok = await u.eng.client.post(`/api/follow-ups/${first.id}/outcome`, {
        version: first.version,
        channel: 'call',
        outcome: 'satisfied',
        score: 5,
      });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.state, 'done');
      assert.equal(ok.body.score, 5);
      // The monthly summary's satisfaction: the scores of the follow-ups due in the range, 5 = 100.
      assert.equal(await followUpSatisfaction(db(), [contractId], first.dueOn, first.dueOn), 100);
      assert.equal(await followUpSatisfaction(db(), [contractId], addDays(first.dueOn, 1), addDays(first.dueOn, 3)), null);
      const twice = await u.eng.client.post(`/api/follow-ups/${first.id}/outcome`, {
        version: ok.body.version,
        channel: 'call',
        outcome: 'satisfied',
        score: 4,
      });
      assert.equal(twice.body.code, 'FOLLOW_UP_DONE');
      const remains = await u.eng.client.post(`/api/follow-ups/${second.id}/outcome`, {
        version: second.version,
        channel: 'email',
        outcome: 'problem_remains',
        note: '客户反馈硬盘告警仍在',
      });
      assert.equal(remains.status, 200, remains.text);
      assert.equal((await u.eng.client.get(`/api/service-requests/${pmRequest.id}`)).body.state, 'reopened');
    });

    it('R-INST-8 installation and acceptance reports; the contract enters project acceptance only with a signed acceptance report or an audited override', async () => {
      const inst = await makeServiceRequest(
        u.tm.client,
        { customerId, contractId },
        { kind: 'installation', contactName: '李工', description: '新存储阵列上架安装', responsibleEngineerId: u.eng.user.id, issue: true },
      );
      const firstDay = await insertVisit(db(), { requestId: inst.id, engineerId: u.eng.user.id, workDone: '上架、布线、初始化配置' });
      // What the visits recorded (their tables): a problem met and an out-of-contract request.
      const at = new Date().toISOString();
      await db()
        .insertInto('visit_problem')
        .values({ visit_id: firstDay, problem: '硬盘框固件不一致', solution: '升级固件', recorded_by_id: u.eng.user.id, recorded_at: at })
        .execute();
      await db()
        .insertInto('visit_extra_request')
        .values({
          visit_id: firstDay,
          request: '顺便调整备份策略',
          answer: '不在合同范围，建议另行立项',
          escalation_id: null,
          recorded_by_id: u.eng.user.id,
          recorded_at: at,
        })
        .execute();
      await insertVisit(db(), {
        requestId: inst.id,
        engineerId: u.eng.user.id,
        others: [u.eng2.user.id],
        workDone: '多路径配置、压力测试',
        arrivedAt: '2026-12-08T01:00:00.000Z',
      });
      const ir = await u.eng.client.post('/api/service-reports', { serviceRequestId: inst.id, kind: 'installation' });
      assert.equal(ir.status, 201, ir.text);
      assert.deepEqual(ir.body.fields.problems, [{ problem: '硬盘框固件不一致', solution: '升级固件' }]);
      assert.deepEqual(ir.body.fields.outOfContract, [{ request: '顺便调整备份策略', answer: '不在合同范围，建议另行立项' }]);
      assert.equal(ir.status, 201, ir.text);
      assert.match(ir.body.number, /^INR-/);
      assert.match(ir.body.fields.configuration, /上架、布线、初始化配置\n多路径配置、压力测试/);
      assert.equal(ir.body.fields.dates, '2026-12-07 – 2026-12-08');
      assert.equal(
        (await u.eng.client.post('/api/service-reports', { serviceRequestId: pmRequest.id, kind: 'acceptance' })).body.code,
        'SERVICE_REPORT_KIND_MISMATCH',
      );

      // Without a signed acceptance report the move is refused, naming the rule; an engineer cannot override.
      const move = (who: Client, extra: object = {}) =>
        who.post(`/api/contracts/${contractId}/stage`, { stage: 'project_acceptance', ...extra });
      const refused = await move(u.tm.client);
      assert.equal(refused.status, 422, refused.text);
      assert.equal(refused.body.code, 'CONTRACT_ACCEPTANCE_REPORT_REQUIRED');
      assert.equal(refused.body.rule, 'R-INST-8');

      const ar = await u.eng.client.post('/api/service-reports', { serviceRequestId: inst.id, kind: 'acceptance' });
      assert.equal(ar.status, 201, ar.text);
      const filled = await u.eng.client.patch(`/api/service-reports/${ar.body.id}`, {
        version: ar.body.version,
        fields: {
          project: '数据中心存储扩容',
          unitsAccepted: [{ model: 'OceanStor 5500', sn: `RPT-SN-${engine}`, quantity: 1 }],
          tests: [{ name: '控制器切换测试', result: '通过' }],
          documentsHandedOver: ['安装报告', '配置手册'],
          openItems: [{ item: '补充备件清单', owner: '王工程师', dueDate: '2026-12-20' }],
          conclusion: 'accepted_with_conditions',
          conditions: '备件清单两周内补齐',
        },
      });
      assert.equal(filled.status, 200, filled.text);
      const oneSide = await u.eng.client.post(`/api/service-reports/${ar.body.id}/sign`, {
        version: filled.body.version,
        signatures: [{ role: 'customer', signerName: '李工', method: 'pad', image: png64 }],
      });
      assert.equal(oneSide.body.code, 'SERVICE_REPORT_SIGNER_MISSING');
      const both = await u.eng.client.post(`/api/service-reports/${ar.body.id}/sign`, {
        version: filled.body.version,
        signatures: [
          { role: 'customer', signerName: '李工', method: 'pad', image: png64 },
          { role: 'manager', signerName: '周经理', method: 'pad', image: png64 },
        ],
      });
      assert.equal(both.status, 200, both.text);
      const pdf = await t.app.inject({
        method: 'GET',
        url: `/api/service-reports/${ar.body.id}/report.pdf?lang=en`,
        headers: { cookie: u.tm.client.cookie ?? '' },
      });
      const en = await pdfText(bytesOf(pdf));
      for (const x of [
        'Acceptance report',
        'Accepted with conditions',
        '控制器切换测试',
        '补充备件清单',
        '2026-12-20',
        'Company signature',
        '周经理',
      ])
        assert.ok(holdsText(en, x), `${x} in:\n${en}`);
      const moved = await move(u.tm.client, { note: '验收通过' });
      assert.equal(moved.status, 200, moved.text);
      assert.equal(moved.body.stage, 'project_acceptance');
    });

    it('R-INST-8 a technical manager may override the acceptance guard with a written reason; it is audited and counted', async () => {
      const other = await makeContract(db(), { status: 'active', customerId, stage: 'contract_execution' });
      const move = (who: Client, extra: object = {}) =>
        who.post(`/api/contracts/${other.id}/stage`, { stage: 'project_acceptance', ...extra });
      const byEngineer = await move(u.sales.client, { override: { reason: '客户口头确认验收' } });
      assert.ok([403, 422].includes(byEngineer.status), byEngineer.text);
      const ok = await move(u.tm.client, { override: { reason: '客户书面验收单已邮寄，原件在途' } });
      assert.equal(ok.status, 200, ok.text);
      const overrides = await db()
        .selectFrom('guard_override')
        .selectAll()
        .where('entity', '=', 'contract')
        .where('entity_id', '=', String(other.id))
        .execute();
      assert.equal(overrides.length, 1);
      assert.equal(overrides[0].rule, 'R-INST-8');
      assert.equal(overrides[0].reason, '客户书面验收单已邮寄，原件在途');
      const audit = await admin.get(`/api/audit?entity=contract&entityId=${other.id}`);
      assert.ok(JSON.stringify(audit.body).includes('override_guard'), audit.text);
      const counts = await u.tm.client.get('/api/guard-overrides/counts');
      assert.equal(counts.status, 200, counts.text);
      const row = (counts.body.items ?? counts.body).find((c: { rule: string }) => c.rule === 'R-INST-8');
      assert.ok(row && row.count >= 1 && row.ruleLabel.zh, JSON.stringify(counts.body));
    });

    it('R-INST-11 the debrief is written after closing, and the weekly note to sales lists it (page and .xlsx) for the technical manager and the sales owner only', async () => {
      const early = await u.eng.client.post(`/api/service-requests/${pmRequest.id}/debrief`, {
        howItWent: '顺利',
        lessons: '带备用硬盘',
        customerSituation: '扩容计划中',
      });
      assert.equal(early.status, 422, early.text);
      assert.equal(early.body.code, 'DEBRIEF_REQUEST_NOT_CLOSED');
      for (const [who, action] of [
        [u.eng.client, 'accept'],
        [u.eng.client, 'resolve'],
        [u.eng.client, 'follow_up'],
        [u.tm.client, 'close'],
      ] as const) {
        const reason = action === 'resolve' ? '更换风扇，温度恢复正常' : action === 'close' ? '客户确认，无遗留问题' : undefined;
        const r = await who.post(`/api/service-requests/${pmRequest.id}/${action}`, reason ? { reason } : {});
        assert.equal(r.status, 200, `${action}: ${r.text}`);
      }
      const d = await u.eng.client.post(`/api/service-requests/${pmRequest.id}/debrief`, {
        howItWent: '按计划完成巡检，发现温度偏高',
        lessons: '夏季前提醒客户检修空调',
        customerSituation: '客户明年计划扩容存储',
      });
      assert.equal(d.status, 201, d.text);
      assert.equal(d.body.salesOwner.id, u.sales.user.id);
      assert.equal((await u.sales.client.get(`/api/service-requests/${pmRequest.id}/debrief`)).body.debrief.id, d.body.id);
      assert.equal(
        (await u.eng.client.post(`/api/service-requests/${pmRequest.id}/debrief`, { howItWent: 'x', lessons: 'y', customerSituation: 'z' }))
          .body.code,
        'DEBRIEF_EXISTS',
      );
      const week = (who: Client) => who.get('/api/debriefs/weekly');
      const tmWeek = await week(u.tm.client);
      assert.equal(tmWeek.status, 200, tmWeek.text);
      assert.ok(tmWeek.body.items.some((x: { id: number }) => x.id === d.body.id));
      assert.ok((await week(u.sales.client)).body.items.some((x: { id: number }) => x.id === d.body.id));
      assert.ok(!(await week(u.sales2.client)).body.items.some((x: { id: number }) => x.id === d.body.id));
      assert.equal((await week(u.eng.client)).status, 403);
      const x = await t.app.inject({ method: 'GET', url: '/api/debriefs/weekly.xlsx', headers: { cookie: u.tm.client.cookie ?? '' } });
      assert.equal(x.statusCode, 200);
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytesOf(x) as never);
      const cells = JSON.stringify(wb.worksheets[0].getSheetValues());
      for (const s of [pmRequest.number, customerName, '夏季前提醒客户检修空调', '王工程师', '钱销售']) assert.ok(cells.includes(s), s);
    });
  });
}
