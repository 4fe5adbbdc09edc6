import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TRole } from '@contract/roles';
import type { TUser } from '@contract/users';
import { type App, buildApp } from '../app';
import { parseConfig } from '../config';
import type { Engine } from '../db/database';
import { ensureFirstAdmin } from '../modules/users/users.service';
import { createTestDatabase } from './test-db';

export const ADMIN_EMAIL = 'admin@test.local';
export const ADMIN_PASSWORD = 'admin-password-1';
export const USER_PASSWORD = 'user-password-1';

export interface Reply {
  status: number;
  body: any;
  text: string;
  headers: Record<string, string | string[] | number | undefined>;
}

/**
 * A signed-in (or anonymous) browser-like client over `app.inject`: keeps the session
 * cookie and sends the CSRF token on every write, as the web UI does.
 */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(private readonly app: App) {}

  async request(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      ...(payload !== undefined && { payload: payload as object }),
      headers: {
        ...(this.cookie && { cookie: this.cookie }),
        ...(this.csrf && method !== 'GET' && { 'x-csrf-token': this.csrf }),
        ...headers,
      },
    });
    const setCookie = res.cookies.find((c) => c.name === 'fuwu_session');
    if (setCookie) this.cookie = setCookie.value ? `fuwu_session=${setCookie.value}` : null;
    let body: unknown = null;
    try {
      body = res.json();
    } catch {
      body = null;
    }
    return { status: res.statusCode, body, text: res.body, headers: res.headers };
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body ?? {});
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }

  async login(email: string, password: string): Promise<Reply> {
    const r = await this.post('/api/auth/login', { email, password });
    if (r.status === 200) this.csrf = r.body.csrfToken;
    return r;
  }
}

export interface TestApp {
  app: App;
  engine: Engine;
  dataDir: string;
  /** A new anonymous client. */
  client(): Client;
  /** A client signed in as the first administrator. */
  admin(): Promise<Client>;
  /** Create a user holding the roles (through the API, as an admin would) and sign in as them. */
  userWith(roles: TRole[], fields?: Partial<{ email: string; name: string }>): Promise<TSignedIn>;
  /** One signed-in user per key, holding that key's roles (named by `nameOf(key)` if given). */
  usersWith<K extends string>(roles: Record<K, TRole[]>, nameOf?: (key: K) => string): Promise<Record<K, TSignedIn>>;
  close(): Promise<void>;
}

/** A user of a test, with a client signed in as them. */
export interface TSignedIn {
  client: Client;
  user: TUser;
}

let seq = 0;

/** A fully built app on a freshly migrated database of the given engine. */
export async function startTestApp(engine: Engine, env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-test-'));
  const config = parseConfig({ FUWU_DATA_DIR: dataDir, LOG_LEVEL: 'silent', FUWU_LOGIN_RATE_PER_MINUTE: '100000', ...env });
  const database = await createTestDatabase(engine);
  await ensureFirstAdmin(database.db, ADMIN_EMAIL, ADMIN_PASSWORD);
  const app = await buildApp({ config, database, logger: false });
  let adminClient: Client | null = null;
  const t: TestApp = {
    app,
    engine,
    dataDir,
    client: () => new Client(app),
    async admin() {
      if (!adminClient) {
        adminClient = new Client(app);
        const r = await adminClient.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        if (r.status !== 200) throw new Error(`admin login failed: ${r.text}`);
      }
      return adminClient;
    },
    async userWith(roles, fields = {}) {
      const admin = await t.admin();
      const email = fields.email ?? `u${++seq}-${roles.join('-').replace(/_/g, '')}@test.local`;
      const r = await admin.post('/api/users', { email, name: fields.name ?? `用户${seq}`, roles, password: USER_PASSWORD });
      if (r.status !== 201) throw new Error(`create user failed: ${r.text}`);
      const client = new Client(app);
      const l = await client.login(email, USER_PASSWORD);
      if (l.status !== 200) throw new Error(`login failed: ${l.text}`);
      return { client, user: r.body };
    },
    async usersWith(roles, nameOf) {
      const users = {} as Record<keyof typeof roles, TSignedIn>;
      for (const key of Object.keys(roles) as (keyof typeof roles)[]) {
        users[key] = await t.userWith(roles[key], nameOf ? { name: nameOf(key) } : {});
      }
      return users;
    },
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
