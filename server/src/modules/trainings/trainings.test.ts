import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ical from 'node-ical';
import type { TRole } from '@contract/roles';
import { closeFormPrinter } from '../../pdf/form-pdf';
import { holdsText, pdfText } from '../../pdf/pdf-tools.fixtures';
import { startSmtpReceiver } from '../../testing/receivers';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { todayIn } from '@contract/zoned-time';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeCustomer } from '../customers/customers.fixtures';
import { multipartBody, SAMPLE_PNG, samplePdf } from '../files/files.fixtures';
import { deliverDue, type Mailer, smtpMailer } from '../notifications/delivery.sender';

const ROLES = {
  tm: ['tech_manager'],
  eng: ['engineer'],
  other: ['engineer'],
  sales: ['sales'],
  rcv: ['receiver'],
  sales2: ['sales'],
} satisfies Record<string, TRole[]>;
const NAMES: Record<keyof typeof ROLES, string> = {
  tm: '周经理',
  eng: '王培训',
  other: '赵工',
  sales: '钱销售',
  rcv: '孙前台',
  sales2: '李销售',
};

/** The parts of a MIME message (one level of multipart), decoded. */
function mimeParts(raw: string): { type: string; body: Buffer }[] {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) return [];
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const at = part.indexOf('\r\n\r\n');
      const head = part.slice(0, at);
      const text = part.slice(at + 4);
      const type = /content-type:\s*([^;\r\n]+)/i.exec(head)?.[1]?.toLowerCase() ?? '';
      const enc = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase();
      const body =
        enc === 'base64'
          ? Buffer.from(text.replace(/\s+/g, ''), 'base64')
          : enc === 'quoted-printable'
            ? Buffer.from(
                text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(Number.parseInt(h, 16))),
                'latin1',
              )
            : Buffer.from(text);
      return { type, body };
    });
}

const RATINGS = { content: 5, trainer: 4, materials: 4, organisation: 5, usefulness: 3 };

for (const engine of engines()) {
  describe(`customer training (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
    let mailer: Mailer;
    let contractId: number;
    let customerId: number;
    let noTrainingContractId: number;
    let planId: number;
    let sessionId: number;
    let otherSessionId: number;
    const db = () => t.app.deps.database.db;
    const bytes = (who: TSignedIn | null, url: string) =>
      t.app.inject({ method: 'GET', url, headers: who ? { cookie: who.client.cookie ?? '' } : {} }).then((r) => {
        assert.equal(r.statusCode, 200, r.body);
        return r.rawPayload;
      });
    const session = (id = sessionId) => u.tm.client.get(`/api/training-sessions/${id}`).then((r) => r.body);
    const counts = async () => ({
      plans: Number(
        (
          await db()
            .selectFrom('training_plan')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      feedback: Number(
        (
          await db()
            .selectFrom('training_feedback')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      sessions: Number(
        (
          await db()
            .selectFrom('training_session')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    });
    const publicPost = (token: string, body: unknown, cookie?: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/public/training-feedback/${token}`,
        payload: body as object,
        headers: cookie ? { cookie } : {},
      });

    before(async () => {
      smtp = await startSmtpReceiver();
      mailer = smtpMailer(smtp.url, 'Fuwu <noreply@fuwu.example.cn>');
      t = await startTestApp(engine, { SMTP_URL: smtp.url, FUWU_PUBLIC_URL: 'https://fuwu.example.cn' });
      u = await t.usersWith(ROLES, (k) => NAMES[k]);
      const customer = await makeCustomer(db(), { name: `苏州精工电子有限公司${engine}` });
      const contract = await makeContract(db(), {
        status: 'active',
        customerId: customer.id,
        serviceKinds: ['onsite_maintenance'],
        commitments: { trainingDays: 2, trainingAttendees: 12 },
        salesOwnerId: u.sales.user.id,
      });
      contractId = contract.id;
      customerId = customer.id;
      noTrainingContractId = (await makeContract(db(), { status: 'active', customerId: customer.id })).id;
    });
    after(async () => {
      await t.close();
      await smtp.close();
      mailer.close();
      await closeFormPrinter();
    });

    const planBody = () => ({
      contractId,
      title: '存储系统运维培训',
      contactName: '陈主任',
      contactEmail: 'chen@jinggong.example',
      sessions: [
        {
          course: '存储基础与日常巡检',
          date: '2026-12-15',
          startTime: '09:30',
          hours: 3,
          place: '客户三楼会议室',
          trainerId: u.eng.user.id,
          expectedAttendees: 12,
        },
        {
          course: '故障处理与备件更换',
          date: '2026-12-16',
          startTime: '14:00',
          hours: 3.5,
          place: '客户机房',
          trainerId: u.other.user.id,
          expectedAttendees: 8,
        },
      ],
    });

    it('R-TRAIN-1 the manager drafts the plan from a training contract; a contract without training and a session with 0 attendees are refused, nothing saved', async () => {
      const before0 = await counts();
      const none = await u.tm.client.post('/api/training-plans', { ...planBody(), contractId: noTrainingContractId });
      assert.equal(none.status, 422, none.text);
      assert.equal(none.body.code, 'TRAINING_CONTRACT_NO_TRAINING');
      assert.equal(none.body.rule, 'R-TRAIN-1');
      const zero = planBody();
      zero.sessions[0].expectedAttendees = 0;
      const refused = await u.tm.client.post('/api/training-plans', zero);
      assert.equal(refused.status, 400, refused.text);
      assert.equal(refused.body.issues[0].path, 'sessions.0.expectedAttendees');
      assert.match(refused.body.issues[0].message, /1/);
      const notEngineer = planBody();
      notEngineer.sessions[1].trainerId = u.sales.user.id;
      assert.equal((await u.tm.client.post('/api/training-plans', notEngineer)).status, 400);
      assert.equal((await u.eng.client.post('/api/training-plans', planBody())).status, 403, 'an engineer does not plan');
      assert.deepEqual(await counts(), before0);

      const r = await u.tm.client.post('/api/training-plans', planBody());
      assert.equal(r.status, 201, r.text);
      planId = r.body.id;
      assert.match(r.body.number, /^TP-\d{4}-\d{5}$/);
      assert.equal(r.body.committedDays, 2);
      assert.equal(r.body.committedAttendees, 12);
      assert.equal(r.body.plannedHours, 6.5);
      assert.equal(r.body.sessions.length, 2);
      const [first, second] = r.body.sessions;
      sessionId = first.id;
      otherSessionId = second.id;
      assert.equal(first.startsAt, '2026-12-15T01:30:00.000Z', 'Asia/Shanghai 09:30');
      assert.equal(first.startTime, '09:30');
      assert.equal(first.trainer.name, '王培训');
      assert.equal(first.state, 'planned');
      const notes = (await u.eng.client.get('/api/notifications')).body.items;
      const note = notes.find((n: { entity: string; entityId: number }) => n.entity === 'training_session' && n.entityId === sessionId);
      assert.ok(note, 'the trainer is told');
      assert.match(note.titleZh, /存储基础与日常巡检/);
    });

    it('R-TRAIN-1 R-FORM-1 the plan is sent to the customer contact as PDF and .ics (stable UIDs, SEQUENCE bumped on change) through the outbox', async () => {
      const sent = await u.tm.client.post(`/api/training-plans/${planId}/send`, {});
      assert.equal(sent.status, 200, sent.text);
      assert.equal(sent.body.sentCount, 1);
      assert.equal(sent.body.unsentChanges, 0);
      while ((await deliverDue(db(), { mailer, publicUrl: 'https://fuwu.example.cn' })).claimed > 0);
      const mail = smtp.received.find((m) => m.to.includes('chen@jinggong.example'));
      assert.ok(mail, 'the contact got the e-mail');
      const parts = mimeParts(mail.raw);
      const pdf = parts.find((p) => p.type === 'application/pdf');
      const ics = parts.find((p) => p.type === 'text/calendar');
      assert.ok(pdf && ics, `attachments: ${parts.map((p) => p.type).join(', ')}`);
      const text = await pdfText(pdf.body);
      assert.ok(holdsText(text, '培训计划'), text);
      assert.ok(holdsText(text, '存储基础与日常巡检'));
      assert.ok(holdsText(text, '2026-12-15 09:30'), text);
      const events = Object.values(ical.sync.parseICS(ics.body.toString('utf8'))).filter((e) => e?.type === 'VEVENT') as ical.VEvent[];
      assert.equal(events.length, 2);
      const ev = events.find((e) => String(e.summary).startsWith('存储基础与日常巡检'));
      assert.ok(ev);
      assert.equal(new Date(ev.start).toISOString(), '2026-12-15T01:30:00.000Z');
      assert.equal(new Date(ev.end as Date).toISOString(), '2026-12-15T04:30:00.000Z');
      assert.equal(ev.location, '客户三楼会议室');
      assert.equal(Number(ev.sequence), 0);
      const uid = ev.uid;

      // A change to a sent session: same UID, higher SEQUENCE; the plan shows an unsent change.
      const s = await session();
      const moved = await u.tm.client.patch(`/api/training-sessions/${sessionId}`, { version: s.version, startTime: '10:00' });
      assert.equal(moved.status, 200, moved.text);
      assert.equal(moved.body.sequence, 1);
      assert.equal((await u.tm.client.get(`/api/training-plans/${planId}`)).body.unsentChanges, 1);
      const again = (
        await t.app.inject({
          method: 'GET',
          url: `/api/training-plans/${planId}/plan.ics`,
          headers: { cookie: u.sales.client.cookie ?? '' },
        })
      ).body;
      const changed = (Object.values(ical.sync.parseICS(again)) as ical.VEvent[]).find((e) => e.uid === uid);
      assert.ok(changed, 'the UID is kept');
      assert.equal(Number(changed.sequence), 1);
      assert.equal(new Date(changed.start).toISOString(), '2026-12-15T02:00:00.000Z');
    });

    it('R-TRAIN-2 the trainer confirms time, place and number of attendees; another engineer may not; 0 attendees refused', async () => {
      const s = await session();
      const body = { version: s.version, date: '2026-12-15', startTime: '09:30', place: '客户三楼 301 培训室', attendees: 10 };
      const other = await u.other.client.post(`/api/training-sessions/${sessionId}/confirm`, body);
      assert.equal(other.status, 403, other.text);
      assert.equal(other.body.code, 'TRAINING_NOT_TRAINER');
      const zero = await u.eng.client.post(`/api/training-sessions/${sessionId}/confirm`, { ...body, attendees: 0 });
      assert.equal(zero.status, 400);
      assert.equal(zero.body.issues[0].path, 'attendees');
      assert.equal((await session()).state, 'planned', 'nothing saved');
      const ok = await u.eng.client.post(`/api/training-sessions/${sessionId}/confirm`, body);
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.state, 'confirmed');
      assert.equal(ok.body.confirmedAttendees, 10);
      assert.equal(ok.body.confirmedBy.name, '王培训');
      assert.equal(ok.body.place, '客户三楼 301 培训室');
      assert.equal(ok.body.sequence, 2, 'time and place changed again');
    });

    it('R-TRAIN-3 the training room checklist is stored with its template version and evaluated', async () => {
      const s = await session();
      assert.equal(s.checklist.nameZh, '培训场地检查');
      assert.ok(s.checklist.missing.length > 0);
      const answers = {
        equipment_installed: true,
        room_temperature: 30,
        supply_voltage: 220,
        power_signal_ok: true,
        seats: 12,
        headcount_fits: true,
        sign_in_sheet: true,
        feedback_forms: true,
        certificates: true,
      };
      const bad = await u.eng.client.request('PUT', `/api/training-sessions/${sessionId}/checklist`, {
        version: s.version,
        answers: { ...answers, seats: 'twelve' },
      });
      assert.equal(bad.status, 400, bad.text);
      assert.equal(bad.body.issues[0].path, 'answers.seats');
      const r = await u.eng.client.request('PUT', `/api/training-sessions/${sessionId}/checklist`, { version: s.version, answers });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.checklistComplete, true);
      assert.equal(r.body.checklist.versionNo, 1);
      assert.deepEqual(
        r.body.checklist.outOfRange.map((o: { key: string }) => o.key),
        ['room_temperature'],
      );
    });

    it('R-TRAIN-3 attendees sign in on the tablet (with signature) or from the paper sheet; the sheet prints with blank rows', async () => {
      const url = `/api/training-sessions/${sessionId}/attendees`;
      const noSig = await u.eng.client.post(url, { name: '李娜', method: 'pad' });
      assert.equal(noSig.status, 400);
      assert.equal(noSig.body.code, 'TRAINING_SIGNATURE_REQUIRED');
      const notImage = await u.eng.client.post(url, { name: '李娜', method: 'pad', signature: Buffer.from('hello').toString('base64') });
      assert.equal(notImage.status, 400);
      assert.equal(notImage.body.issues[0].path, 'signature');
      const pad = await u.eng.client.post(url, {
        name: '李娜',
        company: '苏州精工 / 信息部',
        contact: '139 1234 5678',
        method: 'pad',
        signature: `data:image/png;base64,${SAMPLE_PNG.toString('base64')}`,
      });
      assert.equal(pad.status, 201, pad.text);
      assert.equal(pad.body.hasSignature, true);
      const sig = await db().selectFrom('signature').selectAll().where('id', '=', pad.body.signatureId).executeTakeFirstOrThrow();
      assert.equal(sig.entity, 'training_attendee');
      assert.equal(sig.signer_name, '李娜');
      assert.equal(sig.signer_role, 'attendee');
      assert.match(sig.content_hash, /^[0-9a-f]{64}$/);
      const image = await bytes(u.sales, `/api/training-sessions/${sessionId}/attendees/${pad.body.id}/signature`);
      assert.deepEqual(image, SAMPLE_PNG);
      const paper = await u.eng.client.post(url, { name: '欧阳建国', company: '苏州精工 / 设备部', method: 'paper' });
      assert.equal(paper.status, 201, paper.text);
      assert.equal((await u.other.client.post(url, { name: '外人', method: 'paper' })).status, 403);
      const s = await session();
      assert.deepEqual(
        s.attendees.map((a: { name: string }) => a.name),
        ['李娜', '欧阳建国'],
      );
      const text = await pdfText(await bytes(u.sales, `/api/training-sessions/${sessionId}/sign-in-sheet.pdf`));
      for (const w of ['培训签到表', '李娜', '苏州精工/信息部', '客户三楼301培训室', '王培训', '签名'])
        assert.ok(holdsText(text, w), `${w} in ${text}`);
    });

    it('R-TRAIN-4 the scanned paper sign-in sheet is filed in the customer archive', async () => {
      const { payload, headers } = multipartBody({}, { name: '签到表扫描.pdf', content: await samplePdf('sign-in') });
      const r = await u.eng.client.request('POST', `/api/training-sessions/${sessionId}/sign-in-scan`, payload, headers);
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.type, 'training_sign_in');
      assert.equal(r.body.contractId, contractId);
    });

    let token: string;
    it('R-TRAIN-3 an attendee answers on his phone through the link, without an account, once per device; bad scores, expired or foreign links are refused, nothing saved', async () => {
      const link = await u.eng.client.post(`/api/training-sessions/${sessionId}/feedback-link`, { hours: 2 });
      assert.equal(link.status, 201, link.text);
      token = link.body.token;
      assert.equal(link.body.url, `https://fuwu.example.cn/feedback/${token}`);
      const page = await t.client().get(`/api/public/training-feedback/${token}`);
      assert.equal(page.status, 200, page.text);
      assert.deepEqual(Object.keys(page.body).sort(), ['answered', 'course', 'date', 'expiresAt', 'sessionId', 'trainer']);
      assert.equal(page.body.course, '存储基础与日常巡检');
      assert.equal(page.body.trainer, '王培训');

      const before0 = await counts();
      const bad = await publicPost(token, { sessionId, ratings: { ...RATINGS, content: 6 } });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(JSON.parse(bad.body).issues[0].path, 'ratings.content');
      const zero = await publicPost(token, { sessionId, ratings: { ...RATINGS, trainer: 0 } });
      assert.equal(zero.statusCode, 400);
      const other = await publicPost(token, { sessionId: otherSessionId, ratings: RATINGS });
      assert.equal(other.statusCode, 422);
      assert.equal(JSON.parse(other.body).code, 'TRAINING_FEEDBACK_OTHER_SESSION');
      const forged = await publicPost('x'.repeat(32), { sessionId, ratings: RATINGS });
      assert.equal(forged.statusCode, 404);
      assert.deepEqual(await counts(), before0, 'nothing saved');

      const ok = await publicPost(token, { sessionId, ratings: RATINGS, comments: '讲解清楚，希望增加实操时间' });
      assert.equal(ok.statusCode, 201, ok.body);
      const device = ok.cookies.find((c) => c.name === 'fuwu_feedback_device');
      assert.ok(device?.value && device.httpOnly);
      const cookie = `fuwu_feedback_device=${device.value}`;
      const twice = await publicPost(token, { sessionId, ratings: RATINGS }, cookie);
      assert.equal(twice.statusCode, 409);
      assert.equal(JSON.parse(twice.body).code, 'TRAINING_FEEDBACK_ALREADY_GIVEN');
      const answered = await t.app.inject({ method: 'GET', url: `/api/public/training-feedback/${token}`, headers: { cookie } });
      assert.equal(JSON.parse(answered.body).answered, true);
      const second = await publicPost(token, {
        sessionId,
        ratings: { content: 4, trainer: 4, materials: 3, organisation: 4, usefulness: 4 },
        attendeeName: '李娜',
      });
      assert.equal(second.statusCode, 201);

      // Expired: the link's time is over.
      await db().updateTable('training_feedback_link').set({ expires_at: '2020-01-01T00:00:00.000Z' }).execute();
      const late = await publicPost(token, { sessionId, ratings: RATINGS });
      assert.equal(late.statusCode, 422);
      assert.equal(JSON.parse(late.body).code, 'TRAINING_FEEDBACK_LINK_EXPIRED');
      assert.match(JSON.parse(late.body).message, /过期/);
      assert.equal((await t.client().get(`/api/public/training-feedback/${token}`)).status, 422);
      assert.equal((await counts()).feedback, before0.feedback + 2);
    });

    it('R-TRAIN-3 paper feedback is typed in; averages per session, trainer and course; scores export as .xlsx', async () => {
      const bad = await u.eng.client.post(`/api/training-sessions/${sessionId}/feedback`, { ratings: { ...RATINGS, usefulness: 7 } });
      assert.equal(bad.status, 400);
      const paper = await u.eng.client.post(`/api/training-sessions/${sessionId}/feedback`, {
        ratings: { content: 3, trainer: 5, materials: 5, organisation: 3, usefulness: 5 },
        comments: '纸质反馈',
      });
      assert.equal(paper.status, 201, paper.text);
      assert.equal(paper.body.source, 'paper');
      const s = await session();
      assert.equal(s.feedback.length, 3);
      assert.equal(s.averages.content, 4);
      assert.equal(s.averages.trainer, 4.33);
      const byTrainer = await u.sales.client.get('/api/training-feedback/scores?by=trainer');
      assert.equal(byTrainer.status, 200, byTrainer.text);
      assert.deepEqual(
        byTrainer.body.items.map((i: { label: string; answers: number }) => [i.label, i.answers]),
        [['王培训', 3]],
      );
      const byCourse = await u.sales.client.get('/api/training-feedback/scores?by=course');
      assert.equal(byCourse.body.items[0].averages.content, 4);
      const xlsx = await bytes(u.sales, '/api/training-feedback/scores.xlsx?by=session');
      assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
      const sessions = await bytes(u.tm, '/api/training-sessions/export.xlsx');
      assert.equal(sessions.subarray(0, 2).toString(), 'PK');
      const list = await u.eng.client.get('/api/training-sessions?from=2026-12-01&to=2026-12-31');
      assert.equal(list.body.total, 2);
      assert.equal((await u.rcv.client.get('/api/training-sessions')).status, 403);
    });

    it('R-TRAIN-3 R-FORM-1 certificates: gap-free numbers, a PDF with the attendee’s Chinese name, a QR link verified on a public page', async () => {
      const none = await u.other.client.post(`/api/training-sessions/${otherSessionId}/certificates`);
      assert.equal(none.status, 422);
      assert.equal(none.body.code, 'TRAINING_NO_ATTENDEES');
      const r = await u.eng.client.post(`/api/training-sessions/${sessionId}/certificates`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.state, 'held');
      const numbers = r.body.attendees.map((a: { certificateNumber: string }) => a.certificateNumber);
      assert.deepEqual(numbers, ['TC-2026-00001', 'TC-2026-00002']);
      const again = await u.eng.client.post(`/api/training-sessions/${sessionId}/certificates`);
      assert.deepEqual(
        again.body.attendees.map((a: { certificateNumber: string }) => a.certificateNumber),
        numbers,
        'issued once',
      );
      const ouyang = r.body.attendees[1];
      const pdf = await bytes(u.sales, `/api/training-sessions/${sessionId}/certificate.pdf?attendeeId=${ouyang.id}`);
      const text = await pdfText(pdf);
      for (const w of ['培训证书', '欧阳建国', '存储基础与日常巡检', 'TC-2026-00002', '3'])
        assert.ok(holdsText(text, w), `${w} in ${text}`);
      const all = await pdfText(await bytes(u.sales, `/api/training-sessions/${sessionId}/certificate.pdf`));
      assert.equal(all.split('\f').filter((p) => p.trim()).length, 2, 'a page per certificate');
      for (const w of ['李娜', '欧阳建国', 'TC-2026-00001', 'TC-2026-00002', '扫码验证证书'])
        assert.ok(holdsText(all, w), `${w} in ${all}`);
      const code = /\/certificates\/([A-Za-z0-9_-]+)/.exec(text.replace(/\s+/g, ''))?.[1];
      assert.ok(code, 'the verification link is printed');
      const check = await t.client().get(`/api/public/training-certificates/${code}`);
      assert.equal(check.status, 200, check.text);
      assert.deepEqual(Object.keys(check.body).sort(), ['attendee', 'course', 'date', 'hours', 'issuedAt', 'issuer', 'number']);
      assert.equal(check.body.attendee, '欧阳建国');
      assert.equal(check.body.number, 'TC-2026-00002');
      assert.equal(check.body.date, '2026-12-15');
      assert.equal((await t.client().get(`/api/public/training-certificates/${'y'.repeat(16)}`)).status, 404);
    });

    it("R-INST-11 after a held session the trainer writes the debrief; the technical manager and the contract's sales owner read it, other sales do not; it joins the week's note to sales", async () => {
      const url = `/api/training-sessions/${sessionId}/debrief`;
      const body = { howItWent: '学员积极，实操时间不够', lessons: '下次多带一台演示设备', customerSituation: '客户计划明年扩容存储' };
      const debriefs = async () =>
        Number(
          (
            await db()
              .selectFrom('service_debrief')
              .select((e) => e.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      assert.equal((await u.tm.client.get(url)).body.written, false);
      const notHeld = await u.tm.client.post(`/api/training-sessions/${otherSessionId}/debrief`, body);
      assert.equal(notHeld.body.code, 'DEBRIEF_SESSION_NOT_HELD', notHeld.text);
      assert.equal(notHeld.body.rule, 'R-INST-11');
      const notTrainer = await u.other.client.post(url, body);
      assert.equal(notTrainer.status, 403);
      assert.equal(notTrainer.body.code, 'TRAINING_NOT_TRAINER');
      assert.equal((await u.sales.client.post(url, body)).status, 403, 'sales does not write debriefs');
      const empty = await u.eng.client.post(url, { ...body, lessons: ' ' });
      assert.equal(empty.status, 400, empty.text);
      assert.equal(await debriefs(), 0, 'nothing saved');

      const r = await u.eng.client.post(url, body);
      assert.equal(r.status, 201, r.text);
      const d = r.body.debrief;
      assert.equal(d.serviceRequest, null);
      assert.deepEqual(d.trainingSession, {
        id: sessionId,
        planNumber: d.trainingSession.planNumber,
        course: '存储基础与日常巡检',
        startsAt: d.trainingSession.startsAt,
      });
      assert.equal(d.author.name, '王培训');
      assert.equal(d.salesOwner.id, u.sales.user.id);
      assert.equal(d.contract.id, contractId);
      const again = await u.eng.client.post(url, body);
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'TRAINING_DEBRIEF_EXISTS');

      // Who reads it: the technical manager, the contract's sales owner, the trainer; not other sales, not other engineers.
      for (const who of [u.tm, u.sales, u.eng]) {
        const got = await who.client.get(url);
        assert.equal(got.status, 200, got.text);
        assert.equal(got.body.debrief?.howItWent, body.howItWent, who.user.name);
      }
      for (const who of [u.sales2, u.other]) {
        const got = await who.client.get(url);
        assert.equal(got.status, 200, got.text);
        assert.deepEqual(got.body, { debrief: null, written: true }, who.user.name);
      }
      assert.equal((await u.rcv.client.get(url)).status, 403);
      for (const who of [u.tm, u.sales]) {
        const notes = (await who.client.get('/api/notifications')).body.items;
        assert.ok(
          notes.some(
            (n: { entity: string; entityId: number; titleZh: string }) =>
              n.entity === 'training_session' && n.entityId === sessionId && n.titleZh.startsWith('培训总结'),
          ),
          `${who.user.name} is told`,
        );
      }
      assert.equal(
        (await u.sales2.client.get('/api/notifications')).body.items.some((n: { entity: string }) => n.entity === 'training_session'),
        false,
      );

      // The week's debriefs and the note to sales hold it beside the service requests' debriefs.
      const week = todayIn('Asia/Shanghai');
      const mine = (await u.sales.client.get(`/api/debriefs/weekly?week=${week}`)).body.items;
      assert.deepEqual(
        mine.map((x: { trainingSession: { id: number } | null }) => x.trainingSession?.id),
        [sessionId],
      );
      assert.deepEqual((await u.sales2.client.get(`/api/debriefs/weekly?week=${week}`)).body.items, []);
      assert.equal((await u.tm.client.get(`/api/debriefs/weekly?week=${week}`)).body.items.length, 1);
      const xlsx = await t.app.inject({
        method: 'GET',
        url: `/api/debriefs/weekly.xlsx?week=${week}`,
        headers: { cookie: u.tm.client.cookie ?? '' },
      });
      assert.equal(xlsx.statusCode, 200);
      const notes = await u.tm.client.get(`/api/weekly-records/sales-notes?week=${week}`);
      assert.equal(notes.status, 200, notes.text);
      const note = notes.body.items.find((n: { salesOwner: { id: number } }) => n.salesOwner.id === u.sales.user.id);
      assert.ok(note, 'the sales owner gets a note');
      assert.equal(note.debriefs.length, 1);
      assert.match(note.debriefs[0].label, /存储基础与日常巡检/);
      assert.match(note.debriefs[0].label, /学员积极/);
      const audit = await db()
        .selectFrom('audit_event')
        .select(['action', 'actor_id'])
        .where('entity', '=', 'service_debrief')
        .where('entity_id', '=', String(d.id))
        .execute();
      assert.deepEqual(
        audit.map((e) => [e.action, Number(e.actor_id)]),
        [['create', u.eng.user.id]],
      );
    });

    it("R-TRAIN-3 the trainer chooses how long the feedback link stays valid, within the server's bound", async () => {
      const url = `/api/training-sessions/${otherSessionId}/feedback-link`;
      const links = async () =>
        Number(
          (
            await db()
              .selectFrom('training_feedback_link')
              .select((e) => e.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before0 = await links();
      for (const hours of [0, 73, 1.5]) {
        const bad = await u.tm.client.post(url, { hours });
        assert.equal(bad.status, 400, `${hours}: ${bad.text}`);
        assert.equal(bad.body.issues[0].path, 'hours');
      }
      assert.equal(await links(), before0, 'nothing saved');
      for (const hours of [1, 24, 72]) {
        const at = Date.now();
        const r = await u.tm.client.post(url, { hours });
        assert.equal(r.status, 201, r.text);
        const left = Date.parse(r.body.expiresAt) - at;
        assert.ok(Math.abs(left - hours * 3_600_000) < 60_000, `${hours} h: ${left} ms`);
      }
    });

    it('R-TRAIN-1 the plan goes to the customer contact chosen; a contact of another customer or without an address is refused', async () => {
      const added = await u.tm.client.post(`/api/customers/${customerId}/contacts`, { name: '刘工', email: 'liu@jinggong.example' });
      assert.equal(added.status, 201, added.text);
      const noMail = await u.tm.client.post(`/api/customers/${customerId}/contacts`, { name: '无邮箱', phones: ['13800138000'] });
      assert.equal(noMail.status, 201, noMail.text);
      const stranger = await makeCustomer(db(), { name: `别家公司${engine}` });
      const strangerContact = await u.tm.client.post(`/api/customers/${stranger.id}/contacts`, { name: '外人', email: 'x@other.example' });
      const sentBefore = (await u.tm.client.get(`/api/training-plans/${planId}`)).body.sentCount;
      const foreign = await u.tm.client.post(`/api/training-plans/${planId}/send`, { contactId: strangerContact.body.id });
      assert.equal(foreign.body.code, 'REFERENCE_INVALID', foreign.text);
      assert.equal(foreign.body.issues[0].path, 'contactId');
      const none = await u.tm.client.post(`/api/training-plans/${planId}/send`, { contactId: noMail.body.id });
      assert.equal(none.body.code, 'TRAINING_NO_RECIPIENT', none.text);
      assert.equal((await u.tm.client.get(`/api/training-plans/${planId}`)).body.sentCount, sentBefore, 'nothing sent');
      const sent = await u.tm.client.post(`/api/training-plans/${planId}/send`, { contactId: added.body.id });
      assert.equal(sent.status, 200, sent.text);
      while ((await deliverDue(db(), { mailer, publicUrl: 'https://fuwu.example.cn' })).claimed > 0);
      const mail = smtp.received.find((m) => m.to.includes('liu@jinggong.example'));
      assert.ok(mail, 'the chosen contact got the e-mail');
    });

    it('R-TRAIN-2 certificates for a session never confirmed are refused; only a technical manager overrides, with a reason on record', async () => {
      const url = `/api/training-sessions/${otherSessionId}`;
      assert.equal((await u.other.client.post(`${url}/attendees`, { name: '司马光', method: 'paper' })).status, 201);
      const refused = await u.other.client.post(`${url}/certificates`, {});
      assert.equal(refused.status, 422, refused.text);
      assert.equal(refused.body.code, 'TRAINING_NOT_CONFIRMED');
      assert.equal(refused.body.rule, 'R-TRAIN-2');
      const byEngineer = await u.other.client.post(`${url}/certificates`, { override: { reason: '客户临时改期，现场已确认' } });
      assert.equal(byEngineer.status, 403, byEngineer.text);
      assert.equal((await u.tm.client.get(url)).body.certificateCount, 0, 'nothing issued');
      const byManager = await u.tm.client.post(`${url}/certificates`, { override: { reason: '客户临时改期，现场已确认' } });
      assert.equal(byManager.status, 200, byManager.text);
      assert.equal(byManager.body.attendees[0].certificateNumber, 'TC-2026-00003');
      const overrides = await db().selectFrom('guard_override').selectAll().where('entity', '=', 'training_session').execute();
      assert.deepEqual(
        overrides.map((o) => [o.rule, o.entity_id, o.reason]),
        [['R-TRAIN-2', String(otherSessionId), '客户临时改期，现场已确认']],
      );
    });

    it('R-TRAIN-4 R-FORM-1 the sign-in sheet and the Training Feedback Form are filed in the customer archive', async () => {
      const text = await pdfText(await bytes(u.tm, `/api/training-sessions/${sessionId}/feedback-form.pdf`));
      for (const w of ['培训反馈表', '讲解清楚，希望增加实操时间', '王培训', '4.33']) assert.ok(holdsText(text, w), `${w} in ${text}`);
      const r = await u.eng.client.post(`/api/training-sessions/${sessionId}/archive`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.items.map((d: { type: string }) => d.type),
        ['training_sign_in', 'training_feedback'],
      );
      const docs = await u.tm.client.get(`/api/documents?contract=${contractId}&pageSize=50`);
      const types = docs.body.items.map((d: { type: string }) => d.type).sort();
      assert.deepEqual(types, ['training_feedback', 'training_sign_in', 'training_sign_in']);
    });

    it('R-TRAIN-3 the public pages are rate-limited per address', async () => {
      const answers = [];
      for (let i = 0; i < 35; i++) answers.push((await t.client().get(`/api/public/training-certificates/${'z'.repeat(20)}`)).status);
      assert.ok(answers.includes(404));
      assert.equal(answers.at(-1), 429, answers.join(','));
    });
  });
}
