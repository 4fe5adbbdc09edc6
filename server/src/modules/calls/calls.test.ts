import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { applyCallAction, CALL_ACTION_LABELS } from '@contract/calls';
import { NO_RELATION } from '@contract/workflow';
import type { TRole } from '@contract/roles';
import { systemActor } from '../../actor';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { calendarSpecOf } from '../calendar/holidays';
import { coveredMinutesBetween } from '../calendar/working-calendar';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeCustomer } from '../customers/customers.fixtures';
import { createEquipment } from '../equipment/equipment.service';
import { ZCreateEquipment } from '@contract/equipment';
import { startRobotReceiver, startSmtpReceiver } from '../../testing/receivers';
import { type DeliveryDeps, deliverDue, type Mailer, smtpMailer } from '../notifications/delivery.sender';
import { indexTokens, kindPrefix, numberedText, scopeTokens } from '../search/search-tokens';
import { drainSearchQueue, numberedTokensSql, PENDING_SEARCH_BATCH } from '../search/search.service';

describe('call workflow (pure)', () => {
  const holder = { ...NO_RELATION, isResponsible: true };
  it('R-CALL-1 the receiver forwards but does not triage', () => {
    assert.deepEqual(applyCallAction('new', 'forward', ['receiver'], NO_RELATION), { ok: true, to: 'forwarded' });
    assert.equal(applyCallAction('new', 'assign_remote', ['receiver'], NO_RELATION).ok, false);
    assert.equal(applyCallAction('new', 'convert', ['receiver'], NO_RELATION).ok, false);
  });
  it('R-CALL-3 the technical manager or sales decide; a closed call moves no more', () => {
    for (const role of ['tech_manager', 'sales'] as TRole[]) {
      assert.deepEqual(applyCallAction('forwarded', 'assign_remote', [role], NO_RELATION), { ok: true, to: 'remote' });
      assert.deepEqual(applyCallAction('forwarded', 'convert', [role], NO_RELATION), { ok: true, to: 'converted' });
      assert.deepEqual(applyCallAction('chargeable', 'convert', [role], NO_RELATION), { ok: true, to: 'converted' });
    }
    const r = applyCallAction('converted', 'decline', ['tech_manager'], NO_RELATION);
    assert.equal(r.ok === false && r.reason, 'illegal_transition');
  });
  it('R-CALL-4 an engineer resolves only the call he holds', () => {
    assert.deepEqual(applyCallAction('remote', 'resolve', ['engineer'], holder), { ok: true, to: 'resolved' });
    const r = applyCallAction('remote', 'resolve', ['engineer'], NO_RELATION);
    assert.equal(r.ok === false && r.reason, 'not_assigned');
  });
});

const ROLES = {
  receiver: ['receiver'],
  receiver2: ['receiver'],
  tm: ['tech_manager'],
  sales: ['sales'],
  sales2: ['sales'],
  eng1: ['engineer'],
  eng2: ['engineer'],
  commerce: ['commerce'],
} satisfies Record<string, TRole[]>;

const PHONE = '138 0013 8000';

for (const engine of engines()) {
  describe(`calls (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let customerId: number;
    let contactId: number;
    let contractId: number;
    let unitId: number;
    let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
    let robots: Awaited<ReturnType<typeof startRobotReceiver>>;
    let mailer: Mailer;
    const db = () => t.app.deps.database.db;
    /** Send what is due by `at` (the delivery worker's rounds, driven by the test). */
    const drain = async (deps: Partial<DeliveryDeps> = {}, at = new Date()) => {
      while ((await deliverDue(db(), { mailer, publicUrl: 'https://fuwu.example.com', ...deps }, at)).claimed > 0);
    };

    before(async () => {
      smtp = await startSmtpReceiver();
      robots = await startRobotReceiver();
      mailer = smtpMailer(smtp.url, 'Fuwu <noreply@fuwu.example.com>');
      t = await startTestApp(engine, { SMTP_URL: smtp.url, FUWU_PUBLIC_URL: 'https://fuwu.example.com' });
      u = await t.usersWith(ROLES);
      const customer = await makeCustomer(db(), {
        name: '华东精密制造有限公司',
        contacts: [{ name: '王建国', phones: ['+86 138-0013-8000'], email: 'wang@hdjm.example' }],
      });
      customerId = customer.id;
      contactId = customer.contacts[0].id;
      const c = await makeContract(db(), {
        customerId,
        status: 'active',
        salesOwnerId: u.sales.user.id,
        commitments: { coverage: { kind: '5x8' }, responseHours: 4, arrivalHours: 8, resolutionHours: 24 },
      });
      contractId = c.id;
      const unit = await createEquipment(
        db(),
        systemActor('test'),
        ZCreateEquipment.parse({
          contractId,
          productType: '存储',
          brand: 'Huawei',
          model: 'OceanStor 5300',
          sn: 'SN-CALL-0001',
          warrantyEnd: '2027-06-30',
          vendorWarrantyEnd: '2026-01-31',
        }),
        '2026-12-07',
      );
      unitId = unit.id;
    });
    after(async () => {
      mailer.close();
      await t.close();
      await smtp.close();
      await robots.close();
    });

    const intake = (over: Record<string, unknown> = {}) => ({
      callerName: '王建国',
      company: '华东精密制造有限公司',
      phone: PHONE,
      productType: '存储',
      symptom: '存储阵列硬盘告警，业务变慢',
      customerId,
      contactId,
      contractId,
      ...over,
    });
    const record = async (over: Record<string, unknown> = {}, as = u.receiver.client) => {
      const r = await as.post('/api/calls', intake(over));
      assert.equal(r.status, 201, r.text);
      return r.body;
    };
    const countCalls = async () =>
      Number(
        (
          await db()
            .selectFrom('phone_call')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const notices = async (who: TSignedIn) =>
      (await who.client.get('/api/notifications?pageSize=200')).body.items as { kind: string; entityId: number }[];

    it('R-CALL-1 records caller, company, phone, product type, symptom and call time with a gap-free CALL number', async () => {
      const a = await record({ calledAt: '2026-12-07T01:00:00Z' });
      assert.match(a.number, /^CALL-2026-\d{5}$/);
      assert.equal(a.state, 'new');
      assert.equal(a.callerName, '王建国');
      assert.equal(a.phoneNumber, '13800138000');
      assert.equal(a.calledAt, '2026-12-07T01:00:00.000Z');
      assert.equal(a.receivedBy.id, u.receiver.user.id);
      assert.equal(a.knownCustomer, true);
      const bad = await u.receiver.client.post('/api/calls', intake({ contractId: 999999 }));
      assert.equal(bad.status, 400);
      const b = await record();
      assert.equal(Number(b.number.slice(-5)), Number(a.number.slice(-5)) + 1, 'a refused call takes no number');
    });

    it('R-CALL-1 a call missing required fields is refused naming each field, and nothing is saved', async () => {
      const before = await countCalls();
      const r = await u.receiver.client.post('/api/calls', { phone: '', symptom: '   ' }, { 'accept-language': 'zh-CN' });
      assert.equal(r.status, 400);
      const paths = new Set((r.body.issues as { path: string }[]).map((i) => i.path));
      for (const f of ['callerName', 'company', 'phone', 'productType', 'symptom']) assert.ok(paths.has(f), `${f} named: ${r.text}`);
      assert.equal(await countCalls(), before);
    });

    it('R-CALL-1 an unknown caller or company is recorded all the same, as not a customer yet', async () => {
      const c = await record({
        customerId: undefined,
        contactId: undefined,
        contractId: undefined,
        company: '新来的公司',
        phone: '021-5555 6666',
      });
      assert.equal(c.knownCustomer, false);
      assert.equal(c.customer, null);
      const d = (await u.receiver.client.get(`/api/calls/${c.id}`)).body;
      assert.equal(d.entitlement.verdict, 'unknown_customer');
      assert.deepEqual(d.entitlement.choices, ['chargeable', 'decline']);
    });

    it('R-CALL-1 forwarding to the technical manager at intake hands him the call and notifies him', async () => {
      const c = await record({ forwardToId: u.tm.user.id });
      assert.equal(c.state, 'forwarded');
      assert.equal(c.holder.id, u.tm.user.id);
      assert.ok((await notices(u.tm)).some((n) => n.kind === 'call_forwarded' && n.entityId === c.id));
      const wrong = await u.receiver.client.post('/api/calls', intake({ forwardToId: u.eng1.user.id }));
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.issues[0].path, 'forwardToId');
    });

    it('R-CALL-2 the receiver sees every call he took with its live status and holder; another receiver sees none of them', async () => {
      const c = await record({ forwardToId: u.tm.user.id });
      const mine = (await u.receiver.client.get('/api/calls?pageSize=200')).body;
      const row = mine.items.find((x: { id: number }) => x.id === c.id);
      assert.equal(row.state, 'forwarded');
      assert.equal(row.holder.name, u.tm.user.name);
      assert.ok(mine.items.every((x: { receivedBy: { id: number } }) => x.receivedBy.id === u.receiver.user.id));
      const other = (await u.receiver2.client.get('/api/calls?pageSize=200')).body;
      assert.equal(
        other.items.some((x: { id: number }) => x.id === c.id),
        false,
      );
      assert.equal((await u.receiver2.client.get(`/api/calls/${c.id}`)).status, 404);
    });

    it('R-CALL-2 remind notifies the holder, at most once an hour per call', async () => {
      const c = await record({ forwardToId: u.tm.user.id });
      const r1 = await u.receiver.client.post(`/api/calls/${c.id}/remind`);
      assert.equal(r1.status, 200, r1.text);
      assert.ok(r1.body.lastRemindedAt);
      assert.ok((await notices(u.tm)).some((n) => n.kind === 'call_reminder' && n.entityId === c.id));
      const r2 = await u.receiver.client.post(`/api/calls/${c.id}/remind`);
      assert.equal(r2.status, 422);
      assert.equal(r2.body.code, 'CALL_REMIND_TOO_SOON');
      // An hour later he may remind again.
      await db()
        .updateTable('phone_call')
        .set({ last_reminded_at: new Date(Date.now() - 3_601_000).toISOString() })
        .where('id', '=', c.id)
        .execute();
      assert.equal((await u.receiver.client.post(`/api/calls/${c.id}/remind`)).status, 200);
      const unheld = await record();
      assert.equal((await u.receiver.client.post(`/api/calls/${unheld.id}/remind`)).body.code, 'CALL_NOT_HELD');
    });

    it('R-CALL-3 triage: severity, remote handling by a named engineer; the receiver may not triage', async () => {
      const c = await record({ forwardToId: u.tm.user.id });
      assert.equal((await u.receiver.client.post(`/api/calls/${c.id}/assign_remote`, { engineerId: u.eng1.user.id })).status, 403);
      const p = await u.tm.client.patch(`/api/calls/${c.id}`, { version: c.version, severity: 'high' });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.body.severity, 'high');
      const noEngineer = await u.tm.client.post(`/api/calls/${c.id}/assign_remote`, {});
      assert.equal(noEngineer.status, 400);
      assert.equal(noEngineer.body.issues[0].path, 'engineerId');
      const r = await u.tm.client.post(`/api/calls/${c.id}/assign_remote`, { engineerId: u.eng1.user.id });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.state, 'remote');
      assert.equal(r.body.holder.id, u.eng1.user.id);
      // The engineer now reads it; another engineer does not.
      assert.equal((await u.eng1.client.get(`/api/calls/${c.id}`)).status, 200);
      assert.equal((await u.eng2.client.get(`/api/calls/${c.id}`)).status, 404);
      const ids = async (who: TSignedIn, qs = '') =>
        ((await who.client.get(`/api/calls?pageSize=200${qs}`)).body.items as { id: number }[]).map((x) => x.id);
      assert.ok((await ids(u.eng1)).includes(c.id));
      assert.equal((await ids(u.eng2)).includes(c.id), false);
      assert.ok(
        (await ids(u.tm, '&mine=held')).every((x) => x !== c.id),
        'no longer held by the manager',
      );
      assert.deepEqual(await ids(u.tm, '&mine=received'), [], 'the manager took no call himself');
    });

    it("a call naming a customer that does not exist, or another customer's contact, is refused naming the field, and nothing is saved", async () => {
      const other = await makeCustomer(db(), { name: '别家公司', contacts: [{ name: '赵六', phones: ['13700000000'] }] });
      const n = await countCalls();
      const noCustomer = await u.receiver.client.post(
        '/api/calls',
        intake({ customerId: 999_999, contactId: undefined, contractId: undefined }),
      );
      assert.equal(noCustomer.status, 400, noCustomer.text);
      assert.equal(noCustomer.body.issues[0].path, 'customerId');
      const wrongContact = await u.receiver.client.post('/api/calls', intake({ contactId: other.contacts[0].id }));
      assert.equal(wrongContact.status, 400, wrongContact.text);
      assert.equal(wrongContact.body.issues[0].path, 'contactId');
      assert.equal(await countCalls(), n);
    });

    it('R-CALL-3 converting a call of no known customer is refused naming the customer, and no request is made', async () => {
      const c = await record({ customerId: undefined, contactId: undefined, contractId: undefined, company: '未知公司' });
      const before = (await u.tm.client.get('/api/service-requests?pageSize=1')).body.total;
      const r = await u.tm.client.post(`/api/calls/${c.id}/convert`, {});
      assert.equal(r.status, 400);
      assert.equal(r.body.issues[0].path, 'customerId');
      assert.equal((await u.tm.client.get('/api/service-requests?pageSize=1')).body.total, before);
      assert.equal((await u.tm.client.get(`/api/calls/${c.id}`)).body.state, 'new');
    });

    it('R-CALL-3 declining needs a reason; duplicate names the original call', async () => {
      const a = await record();
      const b = await record();
      const noReason = await u.sales.client.post(`/api/calls/${b.id}/decline`, {});
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.issues[0].path, 'reason');
      assert.equal((await u.tm.client.get(`/api/calls/${b.id}`)).body.state, 'new', 'nothing changed');
      const dup = await u.tm.client.post(`/api/calls/${b.id}/mark_duplicate`, { duplicateOfId: a.id });
      assert.equal(dup.status, 200, dup.text);
      assert.equal(dup.body.state, 'duplicate');
      assert.equal(dup.body.duplicateOf.number, a.number);
      const d = await u.sales.client.post(`/api/calls/${a.id}/decline`, { reason: '非我司销售产品' });
      assert.equal(d.body.state, 'declined');
      assert.equal(d.body.outcomeNote, '非我司销售产品');
    });

    it('R-CALL-3 on-site: converting creates the service request from the call, linked both ways', async () => {
      const c = await record({ forwardToId: u.tm.user.id, equipmentId: unitId, seriousProblem: 'system_down' });
      const r = await u.tm.client.post(`/api/calls/${c.id}/convert`, {
        responsibleEngineerId: u.eng2.user.id,
        siteAddress: '上海市浦东新区张江路 88 号',
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.state, 'converted');
      assert.match(r.body.serviceRequest.number, /^SR-/);
      const sr = (await u.tm.client.get(`/api/service-requests/${r.body.serviceRequest.id}`)).body;
      assert.equal(sr.origin, 'call');
      assert.equal(sr.originRef, c.number);
      assert.equal(sr.customer.id, customerId);
      assert.equal(sr.contract.id, contractId);
      assert.equal(sr.contactName, '王建国');
      assert.equal(sr.contactPhone, PHONE);
      assert.ok(sr.description.includes('存储阵列硬盘告警'));
      assert.deepEqual(
        sr.equipment.map((e: { id: number }) => e.id),
        [unitId],
      );
      assert.equal(sr.priority, 'urgent');
      assert.equal(sr.state, 'issued');
      const list = (await u.receiver.client.get('/api/calls?state=converted')).body.items;
      assert.equal(list.find((x: { id: number }) => x.id === c.id).serviceRequest.number, r.body.serviceRequest.number);
    });

    it('R-CALL-4 the holding engineer logs contacts and sends diagnostic steps by e-mail, kept on the call; the customer gets status e-mails', async () => {
      const c = await record({ email: 'wang@hdjm.example', statusEmails: true, calledAt: '2026-12-04T08:00:00Z' });
      await u.tm.client.post(`/api/calls/${c.id}/assign_remote`, { engineerId: u.eng1.user.id });
      assert.equal((await u.eng2.client.post(`/api/calls/${c.id}/log`, { channel: 'phone', text: '回电' })).status, 404);
      const l = await u.eng1.client.post(`/api/calls/${c.id}/log`, { channel: 'phone', text: '回电客户，确认 3 号盘故障', hours: 0.5 });
      assert.equal(l.status, 200, l.text);
      assert.ok(l.body.firstResponseAt);
      const e = await u.eng1.client.post(`/api/calls/${c.id}/emails`, { subject: '诊断步骤', text: '1. 登录管理界面 2. 导出日志' });
      assert.equal(e.status, 200, e.text);
      const mail = e.body.log.find((x: { kind: string }) => x.kind === 'diagnostic_email');
      assert.equal(mail.channel, 'email');
      assert.equal(mail.emailTo, 'wang@hdjm.example');
      assert.equal(mail.deliveryState, 'pending');
      const status = e.body.log.filter((x: { kind: string }) => x.kind === 'status_email');
      assert.equal(status.length, 1, 'the move to remote handling was e-mailed');
      assert.equal(status[0].deliveryState, 'pending');
      const contact = e.body.log.find((x: { kind: string }) => x.kind === 'contact');
      assert.equal(contact.hours, 0.5);
      assert.equal(contact.by.id, u.eng1.user.id);
    });

    it("R-FLOW-1 the remote handling's hours are the engineer's hours of that day, replaced as the call's log grows", async () => {
      const c = await record({ calledAt: '2026-12-03T01:00:00Z' });
      await u.tm.client.post(`/api/calls/${c.id}/assign_remote`, { engineerId: u.eng1.user.id });
      const log = (at: string, hours: number) =>
        u.eng1.client.post(`/api/calls/${c.id}/log`, { at, channel: 'phone', text: '远程指导更换硬盘', hours });
      assert.equal((await log('2026-12-03T02:00:00Z', 0.5)).status, 200);
      assert.equal((await log('2026-12-03T17:00:00Z', 1.25)).status, 200);
      const hours = async (day: string) =>
        (
          (await u.eng1.client.get(`/api/work-hours?from=${day}&to=${day}`)).body.items as {
            kind: string;
            hours: number;
            source: { entity: string; id: number };
          }[]
        )
          .filter((e) => e.source.entity === 'phone_call' && e.source.id === c.id)
          .map((e) => [e.kind, e.hours]);
      // 17:00 UTC is 01:00 the next day in the company's zone.
      assert.deepEqual(await hours('2026-12-03'), [['remote', 0.5]]);
      assert.deepEqual(await hours('2026-12-04'), [['remote', 1.25]]);
    });

    it('R-CALL-4 the customer e-mails go out through the delivery outbox: a failure is shown with its error and retried, then sent', async () => {
      const c = await record({ email: `kehu-${engine}@hdjm.example`, statusEmails: true });
      await u.tm.client.post(`/api/calls/${c.id}/assign_remote`, { engineerId: u.eng1.user.id });
      const e = await u.eng1.client.post(`/api/calls/${c.id}/emails`, {
        subject: `诊断步骤 ${c.number}`,
        text: '1. 登录管理界面\n2. 导出日志',
      });
      assert.equal(e.status, 200, e.text);
      const refusing: Mailer = {
        send: async () => {
          throw new Error('550 mailbox unavailable');
        },
        close() {},
      };
      await drain({ mailer: refusing });
      const failed = (await u.eng1.client.get(`/api/calls/${c.id}`)).body.log.filter((x: { channel: string }) => x.channel === 'email');
      assert.equal(failed.length, 2);
      for (const m of failed) {
        assert.equal(m.deliveryState, 'failed');
        assert.equal(m.deliveryError, '550 mailbox unavailable');
      }
      assert.equal(
        smtp.received.some((m) => m.to.includes(`kehu-${engine}@hdjm.example`)),
        false,
      );
      // Due again after the backoff (a minute), then sent to the real SMTP server.
      await drain({}, new Date(Date.now() + 61_000));
      const mails = smtp.received.filter((m) => m.to.includes(`kehu-${engine}@hdjm.example`));
      assert.equal(mails.length, 2);
      const raw = mails.map((m) => m.raw.replace(/=\r\n/g, '')).join('\n');
      assert.match(raw, /Subject: /);
      assert.match(raw, /do not know your language/, 'the status e-mail says in English why it is in Chinese');
      const sent = (await u.eng1.client.get(`/api/calls/${c.id}`)).body.log.filter((x: { channel: string }) => x.channel === 'email');
      assert.deepEqual(
        sent.map((m: { deliveryState: string; deliveryError: string | null }) => [m.deliveryState, m.deliveryError]),
        [
          ['sent', null],
          ['sent', null],
        ],
      );
    });

    it('R-CALL-4 a customer who did not agree gets no status e-mail', async () => {
      const c = await record({ email: 'no-status@hdjm.example', statusEmails: false });
      await u.tm.client.post(`/api/calls/${c.id}/assign_remote`, { engineerId: u.eng1.user.id });
      const d = (await u.tm.client.get(`/api/calls/${c.id}`)).body;
      assert.equal(d.log.filter((x: { kind: string }) => x.kind === 'status_email').length, 0);
    });

    it('R-CALL-5 a serious problem at intake notifies every technical manager and the sales owner at once, listed on the call', async () => {
      const c = await record({ seriousProblem: 'frequent_errors' });
      assert.equal(c.severity, 'critical');
      for (const who of [u.tm, u.sales]) assert.ok((await notices(who)).some((n) => n.kind === 'call_critical' && n.entityId === c.id));
      assert.equal(
        (await notices(u.sales2)).some((n) => n.entityId === c.id),
        false,
        'not the sales who does not own the contract',
      );
      const d = (await u.tm.client.get(`/api/calls/${c.id}`)).body;
      assert.equal(d.log.filter((x: { kind: string }) => x.kind === 'notice').length, 2);
    });

    it('R-CALL-5 every delivery attempt of a critical call is listed on it: e-mail and the DingTalk robot, with state, attempts and error', async () => {
      const admin = await t.admin();
      const robot = await admin.post('/api/notification-robots', {
        name: '技术部值班群',
        kind: 'dingtalk',
        webhookUrl: robots.url(`/ding-${engine}?access_token=t`),
        secret: 'SEC-call-critical',
        notificationKinds: ['call_critical'],
      });
      assert.equal(robot.status, 201, robot.text);
      try {
        await drain();
        const c = await record({ seriousProblem: 'system_down' });
        const queued = (await u.tm.client.get(`/api/calls/${c.id}`)).body.deliveries as {
          channel: string;
          target: string;
          state: string;
          attempts: number;
          lastError: string | null;
        }[];
        assert.deepEqual(queued.map((d) => d.channel).sort(), ['email', 'email', 'robot']);
        assert.ok(queued.every((d) => d.state === 'pending' && d.attempts === 0));
        assert.equal(queued.find((d) => d.channel === 'robot')?.target, '技术部值班群');
        robots.answerWith(() => ({ status: 200, body: { errcode: 310000, errmsg: 'sign not match' } }));
        await drain();
        robots.answerWith(() => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }));
        const failed = (await u.tm.client.get(`/api/calls/${c.id}`)).body.deliveries.find(
          (d: { channel: string }) => d.channel === 'robot',
        );
        assert.equal(failed.state, 'pending');
        assert.equal(failed.attempts, 1);
        assert.match(failed.lastError, /sign not match/);
        await drain({}, new Date(Date.now() + 61_000));
        const done = (await u.tm.client.get(`/api/calls/${c.id}`)).body.deliveries as typeof queued;
        assert.ok(done.every((d) => d.state === 'sent'));
        assert.equal(done.find((d) => d.channel === 'robot')?.attempts, 2);
        const posts = robots.received.filter((p) => p.url.startsWith(`/ding-${engine}`));
        assert.equal(posts.length, 2);
        const q = new URL(posts[1].url, 'http://x').searchParams;
        const ts = Number(q.get('timestamp'));
        assert.equal(q.get('sign'), createHmac('sha256', 'SEC-call-critical').update(`${ts}\nSEC-call-critical`).digest('base64'));
        assert.match(posts[1].body.markdown.text, new RegExp(c.number));
      } finally {
        const r = (await admin.get('/api/notification-robots')).body.items.find((x: { id: number }) => x.id === robot.body.id);
        await admin.patch(`/api/notification-robots/${r.id}`, { version: r.version, active: false });
      }
    });

    it('R-CALL-5 raising a call to critical in triage alarms once', async () => {
      const c = await record();
      const p = await u.tm.client.patch(`/api/calls/${c.id}`, { version: c.version, severity: 'critical' });
      assert.equal(p.status, 200, p.text);
      const p2 = await u.tm.client.patch(`/api/calls/${c.id}`, { version: p.body.version, symptom: '存储阵列整体宕机' });
      assert.equal(p2.status, 200);
      const n = (await notices(u.sales)).filter((x) => x.kind === 'call_critical' && x.entityId === c.id);
      assert.equal(n.length, 1);
    });

    it('R-CALL-6 the outcome keeps time to first response and to resolution in working time', async () => {
      // Friday 16:00 in Shanghai: one working hour that day, the rest from Monday 09:00.
      const c = await record({ calledAt: '2026-12-04T08:00:00Z' });
      await u.tm.client.post(`/api/calls/${c.id}/assign_remote`, { engineerId: u.eng1.user.id });
      const r = await u.eng1.client.post(`/api/calls/${c.id}/resolve`, { note: '更换热备盘后恢复' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.state, 'resolved');
      const expected = Math.round(
        coveredMinutesBetween(new Date(c.calledAt), new Date(r.body.outcomeAt), { kind: '5x8' }, calendarSpecOf()),
      );
      assert.equal(r.body.resolutionMinutes, expected);
      assert.equal(r.body.firstResponseMinutes, expected, 'no contact logged: the outcome is the first response');
      assert.ok(expected >= 60, 'Friday 16:00–17:00 counts');
      const listed = (await u.tm.client.get('/api/calls?state=resolved')).body.items.find((x: { id: number }) => x.id === c.id);
      assert.equal(listed.resolutionMinutes, expected);
    });

    it('R-EMER-3 entitlement: contract, coverage window at this minute on the working calendar, targets, warranty per unit', async () => {
      const monday10 = (await u.receiver.client.get(`/api/calls/entitlement?customerId=${customerId}&at=2026-12-07T02:00:00Z`)).body;
      assert.equal(monday10.verdict, 'covered');
      assert.equal(monday10.inWorkingHours, true);
      const k = monday10.contracts.find((x: { id: number }) => x.id === contractId);
      assert.equal(k.inCoverageNow, true);
      assert.equal(k.responseDueAt, '2026-12-07T06:00:00.000Z');
      assert.equal(k.salesOwner.id, u.sales.user.id);
      const unit = monday10.units.find((x: { id: number }) => x.id === unitId);
      assert.equal(unit.underWarranty, true);
      assert.equal(unit.underVendorWarranty, false);
      const saturday = (await u.receiver.client.get(`/api/calls/entitlement?customerId=${customerId}&at=2026-12-05T02:00:00Z`)).body;
      assert.equal(saturday.contracts[0].inCoverageNow, false);
      assert.equal(saturday.inWorkingHours, false);
      const holiday = (await u.receiver.client.get(`/api/calls/entitlement?customerId=${customerId}&at=2026-10-01T02:00:00Z`)).body;
      assert.equal(holiday.contracts[0].inCoverageNow, false, 'National Day is no working day');
    });

    it('R-EMER-3 out of contract is said plainly with the choices left: chargeable or decline; remote-only contracts are told apart', async () => {
      const expired = await makeContract(db(), { status: 'expired' });
      const e = (await u.receiver.client.get(`/api/calls/entitlement?customerId=${expired.customer.id}`)).body;
      assert.equal(e.verdict, 'out_of_contract');
      assert.deepEqual(e.choices, ['chargeable', 'decline']);
      const remote = await makeContract(db(), { status: 'active', serviceKinds: ['distribution_standard'] });
      const r = (await u.receiver.client.get(`/api/calls/entitlement?customerId=${remote.customer.id}`)).body;
      assert.equal(r.verdict, 'remote_only');
      assert.deepEqual(r.choices, []);
    });

    it('R-CALL-1 the last calls of the customer and of the number are listed beside the intake', async () => {
      const r = (await u.receiver2.client.get(`/api/calls/recent?phone=${encodeURIComponent('13800138000')}&limit=3`)).body;
      assert.equal(r.items.length, 3);
      const byCustomer = (await u.receiver2.client.get(`/api/calls/recent?customerId=${customerId}`)).body;
      assert.ok(byCustomer.items.length > 0);
      assert.ok(byCustomer.items[0].calledAt >= byCustomer.items[byCustomer.items.length - 1].calledAt);
    });

    it('lists filter by severity, customer, product type, receiver, holder, dates and free text (Chinese two-character terms too)', async () => {
      const c = await record({ symptom: '机房空调漏水导致服务器宕机', productType: '服务器', calledAt: '2026-11-02T03:00:00Z' });
      const q = async (qs: string) =>
        ((await u.tm.client.get(`/api/calls?pageSize=200&${qs}`)).body.items as { id: number }[]).map((x) => x.id);
      assert.ok((await q(`q=${encodeURIComponent('漏水')}`)).includes(c.id));
      assert.equal((await q(`q=${encodeURIComponent('漏水')}`)).length, 1);
      assert.ok((await q(`q=${encodeURIComponent(c.number)}`)).includes(c.id));
      assert.ok((await q('q=13800138000')).includes(c.id));
      assert.ok((await q(`q=${encodeURIComponent('138-0013-8000')}`)).includes(c.id));
      assert.ok((await q(`productType=${encodeURIComponent('服务')}`)).includes(c.id));
      assert.deepEqual(await q('from=2026-11-01T00:00:00Z&to=2026-11-03T00:00:00Z'), [c.id]);
      assert.ok((await q(`customerId=${customerId}&receivedById=${u.receiver.user.id}`)).includes(c.id));
      assert.equal((await q('severity=critical')).includes(c.id), false);
      assert.equal((await q(`holderId=${u.tm.user.id}`)).includes(c.id), false);
    });

    it('calls are found in the global search by number, caller and phone', async () => {
      const c = await record({ callerName: '欧阳明' });
      for (const term of [c.number, '欧阳', '13800138000']) {
        const r = (await u.tm.client.get(`/api/search?q=${encodeURIComponent(term)}&kinds=call&limit=50`)).body;
        const hits = r.groups.find((g: { kind: string }) => g.kind === 'call')?.items ?? [];
        assert.ok(
          hits.some((h: { id: number }) => h.id === c.id),
          `${term}: ${JSON.stringify(r)}`,
        );
      }
    });

    it("a saved call is found by the global search and the list's free text while its index entry is queued and after the queue drains; an edit meanwhile re-indexes it", async () => {
      const pending = async () => Number((await sql<{ n: number }>`select count(*) as n from search_fts_pending`.execute(db())).rows[0].n);
      const inSearch = async (term: string) => {
        const r = (await u.tm.client.get(`/api/search?q=${encodeURIComponent(term)}&kinds=call&limit=50`)).body;
        return ((r.groups.find((g: { kind: string }) => g.kind === 'call')?.items ?? []) as { id: number }[]).map((h) => h.id);
      };
      const inList = async (term: string) =>
        ((await u.tm.client.get(`/api/calls?pageSize=200&q=${encodeURIComponent(term)}`)).body.items as { id: number }[]).map((x) => x.id);
      await drainSearchQueue(db());
      const c = await record({ callerName: '司马青云', symptom: '磁带库机械臂卡住无法换带' });
      const edited = await record({ callerName: '上官晓', symptom: '光纤交换机端口闪断' });
      // SQLite queues the new entries' tokens; PostgreSQL writes them at once.
      assert.equal(await pending(), engine === 'sqlite' ? 2 : 0);
      for (const term of [c.number, '司马', '机械臂']) assert.ok((await inSearch(term)).includes(c.id), `${term} while queued`);
      assert.deepEqual(await inList('机械臂'), [c.id]);
      const p = await u.tm.client.patch(`/api/calls/${edited.id}`, { version: edited.version, symptom: '光纤跳线松动' });
      assert.equal(p.status, 200, p.text);
      assert.equal((await inSearch('闪断')).includes(edited.id), false, 'the old words no longer find it');
      assert.ok((await inSearch('跳线')).includes(edited.id));
      await drainSearchQueue(db());
      assert.equal(await pending(), 0);
      for (const term of [c.number, '司马', '机械臂']) assert.ok((await inSearch(term)).includes(c.id), `${term} after the drain`);
      assert.deepEqual(await inList('机械臂'), [c.id]);
      assert.ok((await inSearch('跳线')).includes(edited.id));
      assert.equal((await inSearch('闪断')).includes(edited.id), false);
      // A batch of saves moves the queue into the index by itself; every call stays findable.
      const batch = [];
      for (let i = 0; i < PENDING_SEARCH_BATCH + 3; i++) batch.push((await record({ symptom: `批量来电测试第${i}号` })).id);
      assert.ok((await pending()) < PENDING_SEARCH_BATCH);
      assert.deepEqual(
        (await inList('批量来电')).sort((a, b) => a - b),
        batch,
      );
    });

    it('R-CALL-1 R-CALL-5 a save writes the call whole: log entries, notices with their outbox rows, search entry and audit entry as the call itself says', async () => {
      // A caller's name starting with digits runs on the number's code in the tokenizer: the
      // PostgreSQL statement must make the same tokens.
      const c = await record({
        callerName: '88号 王',
        forwardToId: u.tm.user.id,
        seriousProblem: 'system_down',
        email: 'wang@hdjm.example',
        statusEmails: true,
      });
      const { id, number } = c;
      const { body: detail } = await u.receiver.client.get(`/api/calls/${id}`);
      const { log, entitlement: _e, deliveries: _d, may: _m, ...shown } = detail;
      assert.deepEqual(c, shown, 'the answer is the call as read back');

      const managers = (
        await sql<{ id: number }>`select u.id from app_user u join user_role r on r.user_id = u.id
          where r.role = 'tech_manager' and u.active = 1 order by u.id`.execute(db())
      ).rows.map((r) => Number(r.id));
      const told = [...new Set([...managers, u.sales.user.id])];
      const nameOf = new Map(
        (await sql<{ id: number; name: string }>`select id, name from app_user`.execute(db())).rows.map((r) => [Number(r.id), r.name]),
      );
      const customer = c.customer.name;
      const notices = await sql<{
        id: number;
        user_id: number;
        kind: string;
        title_zh: string;
        title_en: string;
        body: string;
        dedupe_key: string;
      }>`select id, user_id, kind, title_zh, title_en, body, dedupe_key from notification
        where entity = 'call' and entity_id = ${id} order by kind, user_id`.execute(db());
      assert.deepEqual(
        notices.rows.map((n) => [n.kind, Number(n.user_id), n.title_zh, n.title_en, n.body, n.dedupe_key]),
        [
          ...told
            .sort((a, b) => a - b)
            .map((who) => [
              'call_critical',
              who,
              `严重来电 ${number} (系统完全停机)：${customer}`,
              `Critical call ${number}: ${customer}`,
              c.symptom,
              `call-critical:${id}`,
            ]),
          [
            'call_forwarded',
            u.tm.user.id,
            `来电 ${number} 已转交给您：${customer}`,
            `Call ${number} passed to you: ${customer}`,
            c.symptom,
            `call-hold:${id}:${u.tm.user.id}:v1`,
          ],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1])),
      );
      // Each notice e-mailed (SMTP is on), through the outbox.
      const mails = await sql<{ dedupe_key: string }>`select o.dedupe_key from delivery_outbox o
        join notification n on n.id = o.notification_id where n.entity = 'call' and n.entity_id = ${id} and o.channel = 'email'
        order by o.dedupe_key`.execute(db());
      assert.deepEqual(
        mails.rows.map((m) => m.dedupe_key),
        notices.rows.map((n) => `email:${n.id}`).sort(),
      );
      const forward = CALL_ACTION_LABELS.forward;
      assert.deepEqual(
        log.map((l: { kind: string; channel: string; text: string; by: { id: number } | null; at: string }) => [
          l.kind,
          l.channel,
          l.text,
          l.by?.id ?? null,
          l.at,
        ]),
        [
          ['step', 'in_app', `${forward.zh} / ${forward.en}: ${u.tm.user.name}`, u.receiver.user.id, c.createdAt],
          ...told.map((who) => [
            'notice',
            'in_app',
            `严重来电已通知 ${nameOf.get(who)} / Critical call notified to ${nameOf.get(who)}`,
            null,
            c.createdAt,
          ]),
        ],
      );
      const audit = await sql<{ after: string; actor_id: number }>`select after, actor_id from audit_event
        where entity = 'call' and entity_id = ${String(id)} and action = 'create'`.execute(db());
      assert.equal(audit.rows.length, 1);
      assert.deepEqual(JSON.parse(audit.rows[0].after), c);
      assert.equal(Number(audit.rows[0].actor_id), u.receiver.user.id);

      const entry = await sql<{ id: number; title: string; subtitle: string; customer_id: number; contract_id: number }>`
        select id, title, subtitle, customer_id, contract_id from search_entry where kind = 'call' and entity_id = ${id}`.execute(db());
      assert.deepEqual(
        entry.rows.map((e) => [e.title, e.subtitle, Number(e.customer_id), Number(e.contract_id)]),
        [[`${number} 88号 王`, customer, customerId, contractId]],
      );
      const tokens = scopeTokens(
        'call',
        indexTokens(
          [`${number} 88号 王`, customer, [c.company, c.phone, c.phoneNumber, c.productType, c.symptom, customer].join('\n')].join('\n'),
        ),
        false,
      ).join(' ');
      const entryId = entry.rows[0].id;
      if (engine === 'postgres') {
        const same = await sql<{
          ok: boolean;
        }>`select tsv = strip(to_tsvector('simple', ${tokens})) as ok from search_entry where id = ${entryId}`.execute(db());
        assert.equal(same.rows[0].ok, true, "the statement made the tokenizer's tokens");
      } else {
        const waiting = await sql<{ tokens: string }>`select tokens from search_fts_pending where id = ${entryId}`.execute(db());
        const indexed = await sql<{ tokens: string }>`select tokens from search_fts where rowid = ${entryId}`.execute(db());
        assert.deepEqual([...waiting.rows, ...indexed.rows], [{ tokens }]);
      }
      // `${digits}88`: inside the code the number and the name's digits make together.
      for (const term of [number, number.slice(-5), `${number.slice(-3)}88`, '王', '13800138000']) {
        const r = (await u.tm.client.get(`/api/search?q=${encodeURIComponent(term)}&kinds=call&limit=50`)).body;
        const hits = r.groups.find((g: { kind: string }) => g.kind === 'call')?.items ?? [];
        assert.ok(
          hits.some((h: { id: number }) => h.id === id),
          `${term}: ${JSON.stringify(r)}`,
        );
      }
    });

    it('R-CALL-1 calls saved at once get consecutive numbers, each once, each with its own entries', async () => {
      const saved = await Promise.all(Array.from({ length: 24 }, (_, i) => record({ callerName: `并发${i}`, symptom: `并发来电${i}` })));
      const numbers = saved.map((c) => Number(c.number.slice(-5))).sort((a, b) => a - b);
      assert.deepEqual(
        numbers,
        numbers.map((_, i) => numbers[0] + i),
      );
      for (const c of saved) {
        const entry = await sql<{ title: string }>`select title from search_entry where kind = 'call' and entity_id = ${c.id}`.execute(
          db(),
        );
        assert.deepEqual(entry.rows, [{ title: `${c.number} ${c.callerName}` }]);
        const audit = await sql<{
          after: string;
        }>`select after from audit_event where entity = 'call' and entity_id = ${String(c.id)}`.execute(db());
        assert.deepEqual(
          audit.rows.map((a) => JSON.parse(a.after).number),
          [c.number],
        );
      }
    });

    it("PostgreSQL: the statement makes the tokenizer's tokens of a number it draws, at any width and whatever follows it", {
      skip: engine !== 'postgres' && 'PostgreSQL only',
    }, async () => {
      for (const rest of ['', ' 王建国\n华东精密', ' 12 34号\n-', ' 7/ab-9 x', '\nＨＴ-２０２４'])
        for (const digits of ['00001', '00042', '09999', '12345', '100000', '2147483648']) {
          const expected = scopeTokens('call', indexTokens(`CALL-2026-${digits}${rest}`), false).join(' ');
          const made = numberedTokensSql(numberedText('CALL-2026-', rest), sql<string>`${digits}::text`, kindPrefix('call'));
          const got = await sql<{
            ok: boolean;
          }>`select strip(to_tsvector('simple', ${made})) = strip(to_tsvector('simple', ${expected})) as ok`.execute(db());
          assert.equal(got.rows[0].ok, true, `${digits}${rest}`);
        }
    });

    it('exports the filtered list as .xlsx', async () => {
      const r = await u.tm.client.get('/api/calls/export.xlsx?severity=critical');
      assert.equal(r.status, 200);
      assert.match(String(r.headers['content-type']), /spreadsheetml/);
      assert.equal((await u.receiver.client.get('/api/calls/export.xlsx')).status, 403);
    });
  });
}
