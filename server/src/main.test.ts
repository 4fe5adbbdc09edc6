import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, serverReady, spawnServer, stopServer } from './testing/spawn';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-main-'));

/** Sign in to the server on `port`: the status, the roles and the session cookie. */
async function signIn(port: number, email: string, password: string | undefined) {
  const r = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await r.json();
  return { status: r.status, roles: body.user?.roles, cookie: String(r.headers.get('set-cookie')).split(';')[0] };
}

describe('server process', () => {
  it('R-ORG-1 first start migrates, creates the administrator and prints a generated password once', async () => {
    const dir = tmp();
    const s = spawnServer({ FUWU_DATA_DIR: dir, FUWU_ADMIN_EMAIL: 'boss@corp.cn' });
    try {
      const port = await serverReady(s);
      const password = s.output().match(/Password \(shown once\): (\S+)/)?.[1];
      assert.ok(password, s.output());
      const login = await signIn(port, 'boss@corp.cn', password);
      assert.equal(login.status, 200);
      assert.deepEqual(login.roles, ['admin']);
    } finally {
      await stopServer(s);
    }
    // Second start: nothing printed again.
    const again = spawnServer({ FUWU_DATA_DIR: dir });
    try {
      await serverReady(again);
      assert.equal(/shown once/.test(again.output()), false);
    } finally {
      await stopServer(again);
    }
  });

  it('R-ORG-1 the demo loaded before the first start: the demo says where it wrote, and start-up creates and announces the administrator', async () => {
    const dir = tmp();
    const demo = runCli(['demo'], { FUWU_DATA_DIR: dir });
    assert.equal(demo.status, 0, demo.out);
    assert.ok(demo.out.includes(path.join(dir, 'fuwu.sqlite')), demo.out);
    assert.match(demo.out, /password for all, see README: fuwu-demo-2026/);
    assert.equal(/shown once/.test(demo.out), false);
    const s = spawnServer({ FUWU_DATA_DIR: dir, FUWU_ADMIN_EMAIL: 'boss@corp.cn' });
    try {
      const port = await serverReady(s);
      assert.match(s.output(), /No active administrator existed/);
      const password = s.output().match(/Password \(shown once\): (\S+)/)?.[1];
      assert.ok(password, s.output());
      const login = await signIn(port, 'boss@corp.cn', password);
      assert.equal(login.status, 200);
      assert.deepEqual(login.roles, ['admin']);
      // The demo's documented password signs its people in; its requests name real-looking contacts.
      const manager = await signIn(port, 'zhang.wei@demo.fuwu', 'fuwu-demo-2026');
      assert.equal(manager.status, 200);
      const list = await (
        await fetch(`http://127.0.0.1:${port}/api/service-requests?pageSize=50`, { headers: { cookie: manager.cookie } })
      ).json();
      const names = new Set((list.items as { contactName: string }[]).map((r) => r.contactName));
      assert.ok(names.size > 1, [...names].join(', '));
      assert.equal(names.has('客户联系人'), false);
    } finally {
      await stopServer(s);
    }
  });

  it('R-ORG-1 SIGTERM lets in-flight requests finish, then the process exits 0', async () => {
    const dir = tmp();
    const s = spawnServer({ FUWU_DATA_DIR: dir, FUWU_ADMIN_PASSWORD: 'graceful-pass-1' });
    const port = await serverReady(s);
    // A sign-in whose headers the server has taken (it answers `100 Continue`) is in flight: the
    // signal lands then, and the body follows. Timing alone (a few ms) raced on a loaded machine.
    const body = JSON.stringify({ email: 'admin@fuwu.local', password: 'graceful-pass-1' });
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: '/api/auth/login',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
      });
      req.on('continue', () => {
        s.child.kill('SIGTERM');
        setTimeout(() => req.end(body), 50);
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    assert.equal(status, 200);
    assert.equal(await stopServer(s), 0);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'no new connections after shutdown');
  });

  it('R-ORG-1 a bad configuration stops start-up naming the variable', () => {
    const r = runCli(['migrate'], { FUWU_DATA_DIR: tmp(), FUWU_TIMEZONE: 'Nowhere/Land' });
    assert.notEqual(r.status, 0);
    assert.match(r.out, /FUWU_TIMEZONE: must be an IANA time zone/);
  });
});

describe('admin CLI', () => {
  it('R-ORG-1 create-user, reset-password, backup and restore work on the embedded database', async () => {
    const dir = tmp();
    const env = { FUWU_DATA_DIR: dir };
    const created = runCli(['create-user', '--email', 'Cli@Corp.cn', '--name', '命令行', '--roles', 'engineer,sales'], env);
    assert.equal(created.status, 0, created.out);
    assert.match(created.out, /created user \d+ cli@corp\.cn \[engineer, sales\]/);
    assert.match(created.out, /password: \S{10,}/);
    const bad = runCli(['create-user', '--email', 'x@corp.cn', '--name', 'x', '--roles', 'wizard'], env);
    assert.equal(bad.status, 2);
    assert.match(bad.out, /--roles/);
    const reset = runCli(['reset-password', '--email', 'cli@corp.cn', '--password', 'cli-reset-pass-1'], env);
    assert.equal(reset.status, 0, reset.out);

    // Backup while a server is running on the same database, then change it, then restore.
    const file = path.join(dir, 'backup.sqlite');
    const s = spawnServer({ ...env, FUWU_ADMIN_PASSWORD: 'backup-admin-1' });
    try {
      await serverReady(s);
      const backup = runCli(['backup', file], env);
      assert.equal(backup.status, 0, backup.out);
    } finally {
      await stopServer(s);
    }
    assert.equal(runCli(['create-user', '--email', 'later@corp.cn', '--name', '后来', '--roles', 'sales'], env).status, 0);
    const restore = runCli(['restore', file], env);
    assert.equal(restore.status, 0, restore.out);
    assert.equal(runCli(['reset-password', '--email', 'later@corp.cn'], env).status, 2, 'the later user is gone after restore');
    assert.equal(runCli(['reset-password', '--email', 'cli@corp.cn', '--password', 'cli-reset-pass-2'], env).status, 0);
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database');
    assert.notEqual(runCli(['restore', junk], env).status, 0);
  });
});
