import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from './child-server';

/** The demo's engineer (server/src/demo.ts) and the password of every demo person. */
export const DEMO_ENGINEER = 'chen.jie@demo.fuwu';
export const DEMO_PASSWORD = 'fuwu-demo-2026';

export interface DemoServer {
  url: string;
  /** Sign in and answer the session cookie (`fuwu_session=…`). */
  signIn(email: string, password?: string): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/**
 * The production build (`npm start`'s dist/, built here when stale) on a fresh SQLite data folder
 * with the demo company loaded, as a new user sees it after `npm run demo && npm start`.
 */
export async function startDemoServer(): Promise<DemoServer> {
  execFileSync(process.execPath, [path.join(ROOT_DIR, 'scripts/build.mjs'), '--if-stale'], { cwd: ROOT_DIR, stdio: 'inherit' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-demo-'));
  const env: NodeJS.ProcessEnv = { ...process.env, FUWU_DATA_DIR: dataDir, LOG_LEVEL: 'warn', FUWU_ADMIN_PASSWORD: 'bench-admin-password' };
  delete env.DATABASE_URL;
  execFileSync(process.execPath, [path.join(ROOT_DIR, 'dist/server/cli.js'), 'demo'], { cwd: ROOT_DIR, env, stdio: 'ignore' });
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT_DIR, 'dist/server/main.js')], {
    cwd: ROOT_DIR,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the server did not become ready in 30 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    async signIn(email, password = DEMO_PASSWORD) {
      const r = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const cookie = r.headers.getSetCookie().find((c) => c.startsWith('fuwu_session='));
      if (!r.ok || !cookie) throw new Error(`sign-in as ${email} failed: ${r.status} ${await r.text()}`);
      return cookie.split(';')[0];
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          fs.rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The id of a service request the engineer may open (the first of his work). */
export async function firstRequestOf(server: DemoServer, cookie: string): Promise<number> {
  const r = await fetch(`${server.url}/api/service-requests?page=1&pageSize=1`, { headers: { cookie } });
  const page = (await r.json()) as { items: { id: number }[] };
  if (!page.items[0]) throw new Error('the demo engineer has no service request');
  return page.items[0].id;
}
