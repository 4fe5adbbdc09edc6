import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { TNotificationKind } from '@contract/notifications';
import { testEnv } from '../../config';
import { type Db, openPostgres } from '../../db/database';
import { transact } from '../../db/transaction';
import { startRobotReceiver, startSmtpReceiver } from '../../testing/receivers';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { dingtalkSign, feishuSign } from './delivery.formats';
import { claimDue } from './delivery.repo';
import { startDelivery } from '../../jobs/delivery';
import { BACKOFF_BASE_MS, type DeliveryDeps, deliverDue, LEASE_MS, MAX_ATTEMPTS, smtpMailer } from './delivery.sender';
import { notify } from './notifications.service';

const SECRET = 'SECdingtalk-very-secret-1234';

for (const engine of engines()) {
  describe(`notification delivery (${engine})`, () => {
    let t: TestApp;
    let robots: Awaited<ReturnType<typeof startRobotReceiver>>;
    let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
    let deps: DeliveryDeps;
    let eng: TSignedIn;
    let tm: TSignedIn;
    const db = () => t.app.deps.database.db;
    let seq = 0;

    before(async () => {
      robots = await startRobotReceiver();
      smtp = await startSmtpReceiver();
      t = await startTestApp(engine, { SMTP_URL: smtp.url, FUWU_PUBLIC_URL: 'https://fuwu.example.com' });
      deps = { mailer: smtpMailer(smtp.url, 'Fuwu <noreply@fuwu.example.com>'), publicUrl: 'https://fuwu.example.com' };
      eng = await t.userWith(['engineer']);
      tm = await t.userWith(['tech_manager']);
    });
    after(async () => {
      deps.mailer?.close();
      await t.close();
      await robots.close();
      await smtp.close();
    });

    /** Notify one user of one kind, as a cause would (in its own transaction). */
    const tell = (userId: number, kind: TNotificationKind, title: string) =>
      transact(db(), (trx) =>
        notify(trx, [
          {
            userId,
            kind,
            titleZh: `${title} 中`,
            titleEn: `${title} en`,
            body: '详情',
            entity: 'service_request',
            entityId: 7,
            dedupeKey: `test:${++seq}`,
          },
        ]),
      );
    /** Send everything due now (and what falls due by `at`). */
    const drain = async (at = new Date()) => {
      while ((await deliverDue(db(), deps, at)).claimed > 0);
    };
    const outboxOf = (title: string) =>
      sql<{ id: number; channel: string; state: string; attempts: number; last_error: string | null; due_at: string }>`
        select o.id, o.channel, o.state, o.attempts, o.last_error, o.due_at from delivery_outbox o join notification n on n.id = o.notification_id
        where n.title_en = ${`${title} en`} order by o.id`
        .execute(db())
        .then((r) => r.rows);
    const addRobot = async (over: Record<string, unknown>) => {
      const r = await (await t.admin()).post('/api/notification-robots', {
        name: '值班群',
        kind: 'dingtalk',
        notificationKinds: [],
        ...over,
      });
      assert.equal(r.status, 201, r.text);
      return r.body;
    };
    const deactivate = async (robot: { id: number; version: number }) => {
      const r = await (await t.admin()).patch(`/api/notification-robots/${robot.id}`, { version: robot.version, active: false });
      assert.equal(r.status, 200, r.text);
    };

    it('a robot’s secret is saved but never answered, nor written to the audit trail', async () => {
      const robot = await addRobot({ webhookUrl: robots.url('/ding?access_token=abc'), secret: SECRET, notificationKinds: ['escalation'] });
      assert.equal(robot.hasSecret, true);
      assert.equal('secret' in robot, false);
      const admin = await t.admin();
      const list = await admin.get('/api/notification-robots');
      assert.equal(list.status, 200);
      assert.equal(list.text.includes(SECRET), false);
      const edited = await admin.patch(`/api/notification-robots/${robot.id}`, {
        version: robot.version,
        secret: 'another-secret-5678',
        active: false,
      });
      assert.equal(edited.status, 200, edited.text);
      assert.equal(edited.text.includes('another-secret'), false);
      const audit = await sql<{
        before: string | null;
        after: string | null;
      }>`select before, after from audit_event where entity = 'delivery_robot'`.execute(db());
      assert.ok(audit.rows.length >= 2);
      for (const a of audit.rows) assert.equal(`${a.before}${a.after}`.includes('secret-'), false);
      const stored = await sql<{ secret: string }>`select secret from delivery_robot where id = ${robot.id}`.execute(db());
      assert.equal(stored.rows[0].secret, 'another-secret-5678');
    });

    it('a webhook URL that is not http(s) is refused naming the field, and nothing is saved', async () => {
      const admin = await t.admin();
      const before = (await admin.get('/api/notification-robots')).body.items.length;
      for (const webhookUrl of ['ftp://robots.example.com/hook', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
        const r = await admin.post('/api/notification-robots', {
          name: '坏',
          kind: 'wecom',
          webhookUrl,
          notificationKinds: ['assignment'],
        });
        assert.equal(r.status, 400, webhookUrl);
        assert.equal(r.body.issues[0].path, 'webhookUrl');
      }
      assert.equal((await admin.get('/api/notification-robots')).body.items.length, before);
    });

    it('only an administrator manages robots and sees the outbox; every user manages their own preferences', async () => {
      assert.equal((await tm.client.get('/api/notification-robots')).status, 403);
      assert.equal(
        (
          await tm.client.post('/api/notification-robots', {
            name: 'x',
            kind: 'wecom',
            webhookUrl: 'https://a.example.com',
            notificationKinds: [],
          })
        ).status,
        403,
      );
      assert.equal((await tm.client.get('/api/notification-deliveries')).status, 403);
      assert.equal((await tm.client.get('/api/notification-preferences')).status, 200);
    });

    it('a DingTalk robot in signed mode gets its markdown message at the local receiver with a valid signature', async () => {
      const robot = await addRobot({
        webhookUrl: robots.url('/robot/send?access_token=tok'),
        secret: SECRET,
        notificationKinds: ['escalation'],
      });
      await tell(eng.user.id, 'escalation', 'ding-1');
      await drain();
      const got = robots.received.filter((p) => p.url.startsWith('/robot/send') && JSON.stringify(p.body).includes('ding-1'));
      assert.equal(got.length, 1);
      const url = new URL(got[0].url, 'http://x');
      assert.equal(url.searchParams.get('access_token'), 'tok');
      const ts = Number(url.searchParams.get('timestamp'));
      assert.ok(Math.abs(Date.now() - ts) < 60_000);
      const expected = createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64');
      assert.equal(url.searchParams.get('sign'), expected);
      assert.equal(dingtalkSign(SECRET, ts), expected);
      assert.equal(got[0].body.msgtype, 'markdown');
      assert.equal(got[0].body.markdown.title, 'ding-1 中');
      assert.match(got[0].body.markdown.text, /ding-1 en/);
      assert.match(got[0].body.markdown.text, /https:\/\/fuwu\.example\.com\/service-requests\/7/);
      const rows = await outboxOf('ding-1');
      assert.deepEqual(
        rows.map((r) => [r.channel, r.state]),
        [
          ['robot', 'sent'],
          ['email', 'sent'],
        ],
      );
      await deactivate(robot);
    });

    it('WeCom and Feishu robots get their own formats; Feishu’s signature checks out', async () => {
      const wecom = await addRobot({ kind: 'wecom', webhookUrl: robots.url('/wecom'), notificationKinds: ['sla_warning'] });
      const feishu = await addRobot({
        kind: 'feishu',
        webhookUrl: robots.url('/feishu'),
        secret: 'fs-secret',
        notificationKinds: ['sla_warning'],
      });
      await tell(eng.user.id, 'sla_warning', 'formats-1');
      await drain();
      const w = robots.received.filter((p) => p.url === '/wecom' && JSON.stringify(p.body).includes('formats-1'));
      assert.equal(w.length, 1);
      assert.equal(w[0].body.msgtype, 'markdown');
      assert.match(w[0].body.markdown.content, /\*\*formats-1 中\*\*/);
      const f = robots.received.filter((p) => p.url === '/feishu' && JSON.stringify(p.body).includes('formats-1'));
      assert.equal(f.length, 1);
      assert.equal(f[0].body.msg_type, 'text');
      assert.match(f[0].body.content.text, /formats-1 en/);
      const ts = Number(f[0].body.timestamp);
      assert.ok(Math.abs(Date.now() / 1000 - ts) < 60);
      assert.equal(f[0].body.sign, createHmac('sha256', `${ts}\nfs-secret`).update('').digest('base64'));
      assert.equal(feishuSign('fs-secret', ts), f[0].body.sign);
      await deactivate(wecom);
      await deactivate(feishu);
    });

    it('a robot answering an error keeps the message with the error text, retried with backoff, dead after the last attempt; an administrator retries it', async () => {
      const robot = await addRobot({ webhookUrl: robots.url('/failing'), secret: SECRET, notificationKinds: ['sla_breach'] });
      robots.answerWith(() => ({ status: 200, body: { errcode: 310000, errmsg: 'sign not match' } }));
      try {
        await tell(tm.user.id, 'sla_breach', 'fail-1');
        const start = Date.now();
        await drain();
        let [row] = (await outboxOf('fail-1')).filter((r) => r.channel === 'robot');
        assert.equal(row.state, 'pending');
        assert.equal(row.attempts, 1);
        assert.match(row.last_error ?? '', /sign not match/);
        const wait = Date.parse(row.due_at) - start;
        assert.ok(wait >= BACKOFF_BASE_MS - 1000 && wait <= BACKOFF_BASE_MS + 5000, `first retry after about a minute, was ${wait} ms`);
        // Not due yet: nothing is sent again now.
        const posts = robots.received.length;
        await drain();
        assert.equal(robots.received.length, posts);
        for (let i = 1; i < MAX_ATTEMPTS; i++) await drain(new Date(Date.now() + 24 * 3600_000 * i));
        [row] = (await outboxOf('fail-1')).filter((r) => r.channel === 'robot');
        assert.equal(row.state, 'dead');
        assert.equal(row.attempts, MAX_ATTEMPTS);
        const admin = await t.admin();
        const dead = await admin.get('/api/notification-deliveries?state=dead');
        assert.equal(dead.status, 200);
        const listed = dead.body.items.find((d: any) => d.id === Number(row.id));
        assert.equal(listed.target, '值班群');
        assert.match(listed.lastError, /sign not match/);
        assert.equal((await admin.get('/api/notification-deliveries/counts')).body.dead >= 1, true);
        robots.answerWith(() => ({ status: 200, body: { errcode: 0 } }));
        const retried = await admin.post(`/api/notification-deliveries/${row.id}/retry`);
        assert.equal(retried.status, 200, retried.text);
        assert.equal(retried.body.state, 'pending');
        assert.equal((await admin.post(`/api/notification-deliveries/${row.id}/retry`)).body.code, 'DELIVERY_NOT_DEAD');
        await drain();
        [row] = (await outboxOf('fail-1')).filter((r) => r.channel === 'robot');
        assert.equal(row.state, 'sent');
      } finally {
        robots.answerWith(() => ({ status: 200, body: { errcode: 0 } }));
        await deactivate(robot);
      }
    });

    it('a robot failing never blocks the request that caused the notification (the service-request create path)', async () => {
      const robot = await addRobot({ kind: 'wecom', webhookUrl: robots.url('/down'), notificationKinds: ['assignment'] });
      robots.answerWith(() => ({ status: 500, body: { errcode: -1, errmsg: 'system busy' } }));
      try {
        const c = await makeContract(db(), { status: 'active' });
        const r = await tm.client.post('/api/service-requests', {
          kind: 'emergency_repair',
          customerId: c.customer.id,
          contractId: c.id,
          contactName: '赵立新',
          contactPhone: '139 1001 2001',
          siteAddress: '北京市西城区金融大街 18 号',
          description: '硬盘故障灯亮',
          responsibleEngineerId: eng.user.id,
          issue: true,
        });
        assert.equal(r.status, 201, r.text);
        const rows = await sql<{ channel: string; state: string }>`select o.channel, o.state from delivery_outbox o
          join notification n on n.id = o.notification_id where n.entity = 'service_request' and n.entity_id = ${r.body.id} order by o.channel`.execute(
          db(),
        );
        assert.deepEqual(
          rows.rows.map((x) => x.channel),
          ['email', 'robot'],
        );
        await drain();
        const after = await sql<{
          channel: string;
          state: string;
          last_error: string | null;
        }>`select o.channel, o.state, o.last_error from delivery_outbox o
          join notification n on n.id = o.notification_id where n.entity = 'service_request' and n.entity_id = ${r.body.id} and o.channel = 'robot'`.execute(
          db(),
        );
        assert.equal(after.rows[0].state, 'pending');
        assert.match(after.rows[0].last_error ?? '', /HTTP 500.*system busy/);
      } finally {
        robots.answerWith(() => ({ status: 200, body: { errcode: 0 } }));
        await deactivate(robot);
      }
    });

    it('an e-mail reaches a real SMTP server; a user who switched e-mail off for a kind gets none of that kind', async () => {
      const me = await t.userWith(['engineer'], { email: `mail-${engine}@test.local` });
      const prefs = await me.client.get('/api/notification-preferences');
      assert.deepEqual(prefs.body, { emailAvailable: true, emailOff: [] });
      await tell(me.user.id, 'task_assignment', 'mail-1');
      await drain();
      const mail = smtp.received.filter((m) => m.to.includes(me.user.email));
      assert.equal(mail.length, 1);
      assert.match(mail[0].raw, /Subject: /);
      // Quoted-printable: soft line breaks undone.
      assert.match(mail[0].raw.replace(/=\r\n/g, ''), /https:\/\/fuwu\.example\.com\/service-requests\/7/);
      const off = await me.client.request('PUT', '/api/notification-preferences', { emailOff: ['task_assignment'] });
      assert.equal(off.status, 200, off.text);
      assert.deepEqual(off.body.emailOff, ['task_assignment']);
      await tell(me.user.id, 'task_assignment', 'mail-2');
      await tell(me.user.id, 'incomplete_reminder', 'mail-3');
      await drain();
      assert.deepEqual(
        (await outboxOf('mail-2')).map((r) => r.channel),
        [],
      );
      assert.deepEqual(
        (await outboxOf('mail-3')).map((r) => r.channel),
        ['email'],
      );
      assert.equal(smtp.received.filter((m) => m.to.includes(me.user.email)).length, 2);
    });

    it('preferences: an unknown kind or field is refused naming it, and nothing changes', async () => {
      const before = (await eng.client.get('/api/notification-preferences')).body;
      const bad = await eng.client.request('PUT', '/api/notification-preferences', { emailOff: ['gossip'] });
      assert.equal(bad.status, 400);
      assert.match(bad.body.issues[0].path, /^emailOff/);
      const extra = await eng.client.request('PUT', '/api/notification-preferences', { emailOff: [], sms: true });
      assert.equal(extra.status, 400);
      assert.deepEqual((await eng.client.get('/api/notification-preferences')).body, before);
    });

    it('a claim whose lease ran out is taken again, and the late sender cannot mark it', async () => {
      await tell(eng.user.id, 'incomplete_reminder', 'lease-1');
      const [row] = await outboxOf('lease-1');
      const now = new Date();
      const common = { limit: 1000, maxAttempts: MAX_ATTEMPTS };
      const first = await claimDue(db(), {
        ...common,
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
        token: 'a',
      });
      assert.ok(first.some((r) => r.id === Number(row.id)));
      const meanwhile = await claimDue(db(), {
        ...common,
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
        token: 'b',
      });
      assert.equal(
        meanwhile.some((r) => r.id === Number(row.id)),
        false,
      );
      const later = new Date(now.getTime() + LEASE_MS + 1000);
      const again = await claimDue(db(), {
        ...common,
        now: later.toISOString(),
        leaseUntil: new Date(later.getTime() + LEASE_MS).toISOString(),
        token: 'c',
      });
      assert.ok(again.some((r) => r.id === Number(row.id) && r.attempts === 2));
      const { markSent } = await import('./delivery.repo');
      assert.equal(await markSent(db(), Number(row.id), 'a', later.toISOString()), false);
      assert.equal(await markSent(db(), Number(row.id), 'c', later.toISOString()), true);
      // Everything else the claims above took is sent normally once their lease runs out.
      await drain(new Date(later.getTime() + LEASE_MS + 1000));
    });

    it('the worker main.ts starts sends without being asked, and stops cleanly', async () => {
      const robot = await addRobot({ kind: 'feishu', webhookUrl: robots.url('/worker'), notificationKinds: ['escalation'] });
      const worker = startDelivery(db(), t.app.log, t.app.deps.config, 50);
      try {
        await tell(eng.user.id, 'escalation', 'worker-1');
        const deadline = Date.now() + 10_000;
        while (!robots.received.some((p) => p.url === '/worker') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        assert.equal(robots.received.filter((p) => p.url === '/worker').length, 1);
      } finally {
        await worker.stop();
        await deactivate(robot);
      }
    });

    it('two senders on two connections, 1,000 queued notifications: every message delivered exactly once', async () => {
      const robot = await addRobot({ kind: 'wecom', webhookUrl: robots.url('/once'), notificationKinds: ['assignment'] });
      const users = [eng.user.id, tm.user.id];
      await transact(db(), (trx) =>
        notify(
          trx,
          Array.from({ length: 1000 }, (_, i) => ({
            userId: users[i % 2],
            kind: 'assignment' as const,
            titleZh: `once-${i} 中`,
            titleEn: `once-${i} en`,
            dedupeKey: `once:${i}`,
          })),
        ),
      );
      const url = testEnv().TEST_DATABASE_URL;
      let second: { db: Db; close: () => Promise<void> } | null = null;
      if (engine === 'postgres' && url) {
        const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db())).rows[0].s;
        second = openPostgres(url, { schema, max: 5 });
      }
      try {
        const sender = async (on: Db) => {
          let claimed = 0;
          for (;;) {
            const n = (await deliverDue(on, deps)).claimed;
            if (n === 0) return claimed;
            claimed += n;
          }
        };
        const claims = await Promise.all([sender(db()), sender(second?.db ?? db())]);
        // Both took part: the test is of two senders competing, not of one doing all the work.
        assert.ok(claims[0] > 0 && claims[1] > 0, `claims ${claims}`);
        const once = robots.received.filter((p) => p.url === '/once');
        const titles = once.map((p) => /once-(\d+) 中/.exec(p.body.markdown.content)?.[1]);
        assert.equal(once.length, 1000);
        assert.equal(new Set(titles).size, 1000);
        const left = await sql<{ n: number }>`select count(*) as n from delivery_outbox where state <> 'sent'`.execute(db());
        assert.equal(Number(left.rows[0].n), 0);
      } finally {
        await second?.close();
        await deactivate(robot);
      }
    });
  });
}
