/**
 * Fuzzing from the contract: every route and method of /api/openapi.json, called as each role of
 * the demo company (and anonymously) with generated path ids, query strings and bodies — valid,
 * boundary and malformed — against the built server (dist/server, as `npm start` runs it) on a
 * fresh SQLite data folder loaded with `demo`. Prints status counts, the slowest responses, every
 * 5xx (with what was sent) and /readyz afterwards. Prints, never asserts; exits 1 when a 5xx, a
 * response slower than --slow-ms or an unhealthy server is seen, so a run can be scripted.
 *
 *   npm run build   # or: node scripts/build.mjs --server
 *   node --import tsx bench/contract-fuzz.bench.ts [--requests 20000] [--seconds 300]
 *        [--concurrency 4] [--seed 1] [--slow-ms 1000]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from './lib/child-server';
import { argValue } from './lib/stats';

const REQUESTS = Number(argValue(process.argv, '--requests') ?? 20_000);
const SECONDS = Number(argValue(process.argv, '--seconds') ?? 300);
const CONCURRENCY = Number(argValue(process.argv, '--concurrency') ?? 4);
const SLOW_MS = Number(argValue(process.argv, '--slow-ms') ?? 1000);
let seed = Number(argValue(process.argv, '--seed') ?? 1);

const ADMIN_EMAIL = 'admin@fuzz.local';
const ADMIN_PASSWORD = 'fuzz-admin-password-1';
/** The demo company's people (server/src/demo.ts): one or more for every role. */
const DEMO_USERS = [
  'zhang.wei@demo.fuwu',
  'li.na@demo.fuwu',
  'wang.fang@demo.fuwu',
  'liu.yang@demo.fuwu',
  'chen.jie@demo.fuwu',
  'zhao.lei@demo.fuwu',
  'sun.li@demo.fuwu',
];
const DEMO_PASSWORD = 'fuwu-demo-2026';

/**
 * Routes that end the fuzzer's own sessions (sign-out; an administrator's password reset signs the
 * user out everywhere) or sign in again are left out; the auth tests cover them. Changing one's own
 * password needs the current one, which the fuzzer never sends, so it stays in.
 */
const SKIPPED = new Set(['POST /api/auth/logout', 'POST /api/auth/login', 'POST /api/users/{id}/password']);

// ── Deterministic randomness ──

function rand(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

// ── Values from JSON Schema ──

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
  additionalProperties?: boolean | Schema;
};

type Mode = 'valid' | 'boundary' | 'malformed';

const WEIRD_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  'null',
  'true',
  "'; drop table app_user; --",
  '%',
  '_',
  '\\',
  '"',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '硬盘故障',
  '𠀀𠀁',
  '\u0000',
  '\uD800',
  'a'.repeat(10_000),
  '9'.repeat(400),
  '2026-02-30',
  '2026-13-01T25:61:00Z',
  '1e309',
  'NaN',
  '{"$ne":null}',
];

const WEIRD_NUMBERS = [0, -1, 1, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, -(2 ** 53), 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2];

/** Ids the fuzzer has seen in answers, by resource (the first path segment after /api). */
const knownIds = new Map<string, number[]>();

function stringOf(s: Schema, mode: Mode): string {
  if (mode === 'malformed' || (mode === 'boundary' && chance(0.5))) return pick(WEIRD_STRINGS);
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, 200);
  switch (s.format) {
    case 'date':
      return pick(['2026-12-07', '2026-01-01', '2027-02-28', '2026-10-01']);
    case 'date-time':
      return pick(['2026-12-07T02:00:00.000Z', '2026-12-31T23:59:59Z', '2026-01-01T00:00:00+08:00']);
    case 'email':
      return pick(['fuzz@example.com', 'zhang.wei@demo.fuwu', `f${Math.floor(rand() * 1e6)}@x.cn`]);
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
  }
  if (mode === 'boundary') return 'x'.repeat(pick([min, max, Math.max(0, min - 1), max + 1]));
  const len = Math.max(min, Math.min(max, 1 + Math.floor(rand() * 12)));
  return pick(['服务器', 'Huawei', 'SN', '北京', 'a', '测试']).repeat(len).slice(0, Math.max(len, min)) || 'x'.repeat(min);
}

function numberOf(s: Schema, integer: boolean, mode: Mode, resource?: string): number {
  if (mode === 'malformed' || (mode === 'boundary' && chance(0.4))) return pick(WEIRD_NUMBERS);
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000);
  if (mode === 'boundary') return pick([lo, hi, lo - 1, hi + 1]);
  const ids = resource ? knownIds.get(resource) : undefined;
  if (integer && ids?.length && chance(0.7)) return pick(ids);
  const v = lo + rand() * Math.min(hi - lo, 1000);
  return integer ? Math.floor(v) : v;
}

function generate(s: Schema | undefined, mode: Mode, depth = 0, key = ''): unknown {
  if (!s) return null;
  if (mode === 'malformed' && chance(0.3)) return pick([null, 42, 'x', [], {}, true, [[[]]], { a: { b: { c: 1 } } }]);
  if (s.const !== undefined) return s.const;
  if (s.enum) return mode === 'malformed' ? 'not-in-enum' : pick(s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union) return generate(pick(union), mode, depth, key);
  if (s.allOf?.length) return generate(Object.assign({}, ...s.allOf), mode, depth, key);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const type = pick(types.length ? types : ['string']);
  const resource = key.endsWith('Id') ? `${key.slice(0, -2)}` : undefined;
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return chance(0.5);
    case 'integer':
      return numberOf(s, true, mode, resource && resourceOfKey(resource));
    case 'number':
      return numberOf(s, false, mode);
    case 'array': {
      if (depth > 4) return [];
      const max = Math.min(s.maxItems ?? 3, 5);
      const n = mode === 'boundary' ? pick([s.minItems ?? 0, max, max + 1]) : Math.floor(rand() * (max + 1));
      return Array.from({ length: Math.max(n, s.minItems ?? 0) }, () => generate(s.items, mode, depth + 1, key.replace(/Ids$/, 'Id')));
    }
    case 'object': {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      const required = new Set(s.required ?? []);
      for (const [k, sub] of Object.entries(s.properties ?? {})) {
        if (required.has(k) ? mode === 'malformed' && chance(0.1) : chance(0.5)) continue;
        out[k] = generate(sub, mode === 'malformed' && chance(0.5) ? 'valid' : mode, depth + 1, k);
      }
      if (mode === 'malformed' && chance(0.3)) out.unknownField = 'x';
      return out;
    }
    default:
      return stringOf(s, mode);
  }
}

/** `customerId` → `customers`, `serviceRequestId` → `service-requests`, … */
function resourceOfKey(name: string): string {
  const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  if (['engineer', 'responsible-engineer', 'backup-engineer', 'assignee', 'project-manager', 'user', 'member'].includes(kebab)) return 'users';
  return kebab.endsWith('y') ? `${kebab.slice(0, -1)}ies` : `${kebab}s`;
}

// ── The contract ──

interface Operation {
  method: string;
  path: string;
  pathParams: { name: string; schema: Schema }[];
  query: Schema;
  body?: { type: 'json' | 'multipart'; schema?: Schema };
}

function operationsOf(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params: any[] = op.parameters ?? [];
      const query: Schema = { type: 'object', properties: {}, required: [] };
      for (const q of params.filter((x) => x.in === 'query')) {
        query.properties![q.name] = q.schema ?? {};
        if (q.required) query.required!.push(q.name);
      }
      const content = op.requestBody?.content ?? {};
      const body = content['application/json']
        ? { type: 'json' as const, schema: content['application/json'].schema }
        : content['multipart/form-data']
          ? { type: 'multipart' as const, schema: content['multipart/form-data'].schema }
          : undefined;
      ops.push({
        method: method.toUpperCase(),
        path: p,
        pathParams: params.filter((x) => x.in === 'path').map((x) => ({ name: x.name, schema: x.schema ?? {} })),
        query,
        body,
      });
    }
  }
  return ops;
}

function pathValue(op: Operation, name: string, schema: Schema, mode: Mode): string {
  const resource = op.path.split('/')[2];
  if (mode === 'malformed') return encodeURIComponent(pick(['abc', '-1', '0', '1.5', '1e3', '9'.repeat(40), ' ', '%00', '😀', '..']));
  if (mode === 'boundary') return pick(['1', '2147483647', '2147483648', '9007199254740991', '999999999']);
  if (schema.enum) return String(pick(schema.enum));
  if (name === 'id' || name.endsWith('Id')) {
    const ids = knownIds.get(name === 'id' ? resource : resourceOfKey(name.slice(0, -2)));
    if (ids?.length && chance(0.85)) return String(pick(ids));
    if (schema.format === 'uuid' || schema.type === 'string') return pick(['00000000-0000-4000-8000-000000000000', 'not-a-uuid']);
    return String(1 + Math.floor(rand() * 50));
  }
  if (name === 'year') return pick(['2026', '2027', '1999']);
  return encodeURIComponent(stringOf(schema, 'valid'));
}

function queryString(q: Schema, mode: Mode): string {
  const v = generate(q, mode) as Record<string, unknown> | null;
  const sp = new URLSearchParams();
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      sp.append(k, typeof x === 'object' ? JSON.stringify(x) : String(x));
    }
  } else if (mode === 'malformed') sp.append('page', 'abc');
  if (mode === 'malformed' && chance(0.3)) sp.append('page', '-5');
  const s = sp.toString();
  return s ? `?${s}` : '';
}

function multipart(fields: Record<string, unknown>, withFile: boolean): { body: Buffer; type: string } {
  const boundary = `----fuzz${Math.floor(rand() * 1e12)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${typeof v === 'object' ? JSON.stringify(v) : String(v)}\r\n`));
  if (withFile) {
    const content = pick([
      Buffer.from('%PDF-1.4\n%fuzz\n'),
      Buffer.from('just text'),
      Buffer.alloc(0),
      Buffer.from(Array.from({ length: 2048 }, () => Math.floor(rand() * 256))),
      Buffer.from('PK\u0003\u0004garbage'),
    ]);
    const name = pick(['a.pdf', 'b.xlsx', '../../evil.pdf', '报告.docx', 'x'.repeat(300)]);
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

// ── The server ──

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

async function startBuiltServer(): Promise<{ url: string; child: ChildProcess; dataDir: string; exited: () => boolean }> {
  const main = path.join(ROOT_DIR, 'dist/server/main.js');
  const cli = path.join(ROOT_DIR, 'dist/server/cli.js');
  if (!fs.existsSync(main) || !fs.existsSync(cli)) throw new Error('dist/server is missing: run `npm run build` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-fuzz-'));
  const port = await freePort();
  const env = {
    ...process.env,
    FUWU_DATA_DIR: dataDir,
    DATABASE_URL: '',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    FUWU_ADMIN_EMAIL: ADMIN_EMAIL,
    FUWU_ADMIN_PASSWORD: ADMIN_PASSWORD,
    FUWU_LOGIN_RATE_PER_MINUTE: '10000',
  };
  const runCli = (cmd: string) => {
    const r = spawnSync(process.execPath, [cli, cmd], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cli ${cmd} failed: ${r.stderr}${r.stdout}`);
  };
  runCli('migrate');
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[server] ${d}`));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (exited) throw new Error('the server exited before it was ready');
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) {
        // The server made its first administrator on the empty database; the demo company joins it.
        runCli('demo');
        return { url, child, dataDir, exited: () => exited };
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not become ready in 30 s');
}

interface Session {
  who: string;
  cookie: string;
  csrf: string;
  userId: number | null;
}

async function signIn(url: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as any;
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(body)}`);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('fuwu_session='))!
    .split(';')[0];
  return { who: `${email.split('@')[0]} [${body.user.roles.join(',')}]`, cookie, csrf: body.csrfToken, userId: body.user.id };
}

/** Collect real ids from every list route, as the admin, so path ids often name real records. */
async function harvestIds(url: string, ops: Operation[], admin: Session) {
  for (const op of ops.filter((o) => o.method === 'GET' && o.pathParams.length === 0)) {
    const res = await fetch(`${url}${op.path}?pageSize=200`, { headers: { cookie: admin.cookie } }).catch(() => null);
    if (res?.status !== 200 || !String(res.headers.get('content-type')).includes('json')) continue;
    const body = (await res.json()) as any;
    const items: any[] = Array.isArray(body) ? body : Array.isArray(body?.items) ? body.items : [];
    const ids = items.map((i) => i?.id).filter((id) => Number.isInteger(id));
    if (ids.length) knownIds.set(op.path.split('/')[2], [...new Set([...(knownIds.get(op.path.split('/')[2]) ?? []), ...ids])]);
  }
}

// ── The run ──

interface Outcome {
  status: number;
  ms: number;
  label: string;
}

async function main() {
  const started = Date.now();
  const server = await startBuiltServer();
  const { url } = server;
  console.log(`built server on ${url}, data in ${server.dataDir} (SQLite, demo company)`);
  try {
    const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, any>> };
    const ops = operationsOf(doc).filter((o) => !SKIPPED.has(`${o.method} ${o.path}`));
    const admin = await signIn(url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const sessions: (Session | null)[] = [admin, ...(await Promise.all(DEMO_USERS.map((e) => signIn(url, e, DEMO_PASSWORD)))), null];
    const ownIds = new Set(sessions.flatMap((s) => (s?.userId ? [s.userId] : [])));
    await harvestIds(url, ops, admin);
    console.log(
      `${ops.length} operations from /api/openapi.json (${SKIPPED.size} left out: ${[...SKIPPED].join(', ')}); ${sessions.length} callers; ids known for ${[...knownIds.keys()].join(', ')}`,
    );

    const statusCounts = new Map<number, number>();
    const byMode = new Map<Mode, number>();
    const failures: string[] = [];
    const slowest: Outcome[] = [];
    let sent = 0;
    let networkErrors = 0;
    let overSlow = 0;
    const deadline = started + SECONDS * 1000;

    async function one() {
      const op = ops[sent % ops.length];
      sent++;
      const mode: Mode = pick(['valid', 'valid', 'boundary', 'malformed']);
      byMode.set(mode, (byMode.get(mode) ?? 0) + 1);
      const session = pick(sessions);
      let p = op.path;
      for (const param of op.pathParams) {
        let v = pathValue(op, param.name, param.schema, mode);
        // The fuzzer's own users keep their roles and stay active, or later calls are all 401.
        if (op.path.startsWith('/api/users/{id}') && ownIds.has(Number(v))) v = '999999';
        p = p.replace(`{${param.name}}`, v);
      }
      const target = `${p}${queryString(op.query, mode)}`;
      const headers: Record<string, string> = {};
      if (session) headers.cookie = session.cookie;
      if (session && op.method !== 'GET' && !(mode === 'malformed' && chance(0.1))) headers['x-csrf-token'] = session.csrf;
      let body: BodyInit | undefined;
      if (op.method !== 'GET') {
        if (op.body?.type === 'multipart') {
          const m = multipart((generate(op.body.schema, mode) as Record<string, unknown>) ?? {}, !(mode === 'malformed' && chance(0.3)));
          body = new Uint8Array(m.body);
          headers['content-type'] = m.type;
        } else if (op.body || op.method !== 'DELETE') {
          if (mode === 'malformed' && chance(0.2)) {
            body = pick(['{', '{"a":', 'null', '[]', '"x"', '\u0000', '{"__proto__":{"admin":true}}', 'not json at all']);
          } else body = JSON.stringify(generate(op.body?.schema ?? { type: 'object' }, mode));
          headers['content-type'] = mode === 'malformed' && chance(0.1) ? 'text/plain' : 'application/json';
        }
      }
      const t0 = performance.now();
      let status = 0;
      let text = '';
      try {
        const res = await fetch(`${url}${target}`, { method: op.method, headers, body, signal: AbortSignal.timeout(30_000) });
        status = res.status;
        text = await res.text();
      } catch (err) {
        networkErrors++;
        text = String(err);
      }
      const ms = performance.now() - t0;
      statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
      const label = `${op.method} ${target.slice(0, 160)} as ${session?.who ?? 'anonymous'} (${mode})`;
      if (status >= 500 || status === 0)
        failures.push(`${status} ${label}\n    sent: ${String(body ?? '').slice(0, 300)}\n    got: ${text.slice(0, 300)}`);
      if (ms > SLOW_MS) overSlow++;
      slowest.push({ status, ms, label });
      slowest.sort((a, b) => b.ms - a.ms);
      slowest.length = Math.min(slowest.length, 10);
    }

    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (sent < REQUESTS && Date.now() < deadline && !server.exited()) await one();
    });
    await Promise.all(workers);
    const elapsed = (Date.now() - started) / 1000;

    const ready = await fetch(`${url}/readyz`).then(
      async (r) => `${r.status} ${await r.text()}`,
      (e) => `unreachable: ${e}`,
    );
    console.log(`\nsent ${sent} requests in ${elapsed.toFixed(0)} s (concurrency ${CONCURRENCY}, seed ${argValue(process.argv, '--seed') ?? 1})`);
    console.log(`modes: ${[...byMode].map(([m, n]) => `${m} ${n}`).join(', ')}`);
    console.log(`status counts: ${[...statusCounts].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`).join(', ')}`);
    console.log(`network errors: ${networkErrors}`);
    console.log(`slowest responses:\n${slowest.map((s) => `  ${s.ms.toFixed(0).padStart(6)} ms  ${s.status}  ${s.label}`).join('\n')}`);
    console.log(`responses over ${SLOW_MS} ms: ${overSlow}`);
    console.log(`5xx or no answer: ${failures.length}${failures.length ? `\n${failures.slice(0, 50).join('\n')}` : ''}`);
    console.log(`/readyz after: ${ready}; server process ${server.exited() ? 'EXITED' : 'running'}`);
    if (failures.length || overSlow || !ready.startsWith('200') || server.exited()) process.exitCode = 1;
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
