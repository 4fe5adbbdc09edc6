import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type App, buildApp } from '../server/src/app';
import { parseConfig } from '../server/src/config';
import type { Engine } from '../server/src/db/database';
import { warmFormPrinter } from '../server/src/pdf/form-pdf';
import { projectPath } from '../server/src/project-path';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../server/src/testing/test-app';
import { createTestDatabase } from '../server/src/testing/test-db';
import { ensureFirstAdmin } from '../server/src/modules/users/users.service';

export { ADMIN_EMAIL, ADMIN_PASSWORD };

export const ARTIFACTS = projectPath('test-artifacts');

/** The built UI and the API on a real port, over a fresh database; `env` sets configuration (FUWU_TIMEZONE…). */
export async function startServer(engine: Engine = 'sqlite', env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-e2e-'));
  const database = await createTestDatabase(engine);
  await ensureFirstAdmin(database.db, ADMIN_EMAIL, ADMIN_PASSWORD);
  const config = parseConfig({ FUWU_DATA_DIR: dataDir, LOG_LEVEL: 'silent', FUWU_LOGIN_RATE_PER_MINUTE: '1000', ...env });
  const app: App = await buildApp({ config, database, webDir: projectPath('web/dist'), logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // As main.ts does: the first form a flow prints must not wait for tsx to compile the PDF worker
  // (2–8 s measured at load 8–20, the whole of a 30 s step under CI's load).
  warmFormPrinter();
  const { port } = app.server.address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium and the flags this machine needs (headless, no sandbox, no network of its own). */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(CHROMIUM);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}
