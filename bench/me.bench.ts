/**
 * GET /api/me — the request every page makes — against a bare Fastify route returning the
 * same JSON, interleaved (app, bare, app, bare) so drift hits both alike. Prints, never asserts.
 *
 *   node --import tsx bench/me.bench.ts [--seconds 10] [--rounds 2] [--engine sqlite,postgres]
 *                                       [--log-levels info,warn] [--cpu-prof DIR]
 *
 * --cpu-prof writes V8 CPU profiles of each app server to DIR/app-<engine>-<level>/ when it
 * stops (the main thread's file has `.0.` before its sequence number; with BENCH_TSX=1 another
 * is tsx's loader thread); summarise with `node --import tsx bench/cpu-profile-summary.ts <file>.cpuprofile`.
 *
 * Each server runs in its own process, bundled by esbuild as `npm start` runs it (dist/bench/,
 * plain node, no tsx; BENCH_TSX=1 runs the sources through tsx instead); the client
 * (autocannon) runs here. PostgreSQL runs too when TEST_DATABASE_URL is set.
 */
import path from 'node:path';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD } from './lib/bench-admin';
import { type ChildServer, startServer } from './lib/child-server';
import { type LoadResult, runLoad } from './lib/load';
import { machineLine } from './lib/machine';
import { argValue, fmt, median, pct } from './lib/stats';

const CONNECTIONS = 50;
const NOMINAL_RATE = 50;
const TARGET_RATIO = 0.5;

interface Target {
  name: string;
  server: ChildServer;
  headers: Record<string, string>;
  saturated: LoadResult[];
  nominal: LoadResult[];
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_ADMIN_EMAIL, password: BENCH_ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('fuwu_session='));
  if (!cookie) throw new Error('login set no fuwu_session cookie');
  return cookie.split(';')[0];
}

async function fetchMe(url: string, cookie: string): Promise<string> {
  const res = await fetch(`${url}/api/me`, { headers: { cookie } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET /api/me: ${res.status} ${text}`);
  return text;
}

function runLine(label: string, r: LoadResult, cpuPerRequest = true): string {
  const bad = r.non2xx || r.errors ? `  !! non-2xx ${r.non2xx}, errors ${r.errors}` : '';
  return (
    `  ${label.padEnd(34)} ${fmt(r.reqPerSec, 0).padStart(7)} req/s  p50 ${fmt(r.p50)} p95 ${fmt(r.p95)} p99 ${fmt(r.p99)} ms` +
    `  CPU cores: server ${fmt(r.serverCores)}${cpuPerRequest ? ` (${fmt(r.serverCpuUsPerRequest, 0)} µs/req)` : ''}, client ${fmt(r.clientCores)}, other ${fmt(r.otherCores)}${bad}`
  );
}

async function benchEngine(engine: string, opts: { seconds: number; rounds: number; logLevels: string[]; cpuProfDir?: string }) {
  console.log(`\n== ${engine}: GET /api/me, ${CONNECTIONS} connections, ${opts.seconds} s a run, ${opts.rounds} rounds ==`);
  const targets: Target[] = [];
  try {
    for (const level of opts.logLevels) {
      const profDir = opts.cpuProfDir && path.join(opts.cpuProfDir, `app-${engine}-${level}`);
      const nodeArgs = profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [];
      const server = await startServer('app-server.ts', { BENCH_ENGINE: engine, LOG_LEVEL: level }, nodeArgs, { built: true });
      const cookie = await login(server.url);
      targets.push({ name: `app LOG_LEVEL=${level}`, server, headers: { cookie }, saturated: [], nominal: [] });
    }
    const body = await fetchMe(targets[0].server.url, targets[0].headers.cookie);
    console.log(`  /api/me body (${Buffer.byteLength(body)} bytes), copied to the bare server: ${body.slice(0, 120)}…`);
    const bare = await startServer('bare-server.ts', { BENCH_BODY: body }, [], { built: true });
    // Same request headers (the cookie) to both, so only the server side differs.
    targets.push({ name: 'bare Fastify', server: bare, headers: { ...targets[0].headers }, saturated: [], nominal: [] });
    console.log('  app logs: JSON at the level shown, to /dev/null as production writes them to stdout (a turn’s lines in one write)');

    const warm = Math.min(2, opts.seconds);
    for (const t of targets)
      await runLoad({
        url: `${t.server.url}/api/me`,
        serverPid: t.server.pid,
        seconds: warm,
        connections: CONNECTIONS,
        headers: t.headers,
      });

    for (let round = 1; round <= opts.rounds; round++) {
      for (const t of targets) {
        const r = await runLoad({
          url: `${t.server.url}/api/me`,
          serverPid: t.server.pid,
          seconds: opts.seconds,
          connections: CONNECTIONS,
          headers: t.headers,
        });
        t.saturated.push(r);
        console.log(runLine(`[saturated ${round}] ${t.name}`, r));
      }
    }
    // Nominal load: autocannon paces each connection per second; one connection sends the
    // second's requests one after another, so this is latency without queueing.
    for (let round = 1; round <= opts.rounds; round++) {
      for (const t of targets) {
        const r = await runLoad({
          url: `${t.server.url}/api/me`,
          serverPid: t.server.pid,
          seconds: opts.seconds,
          connections: 1,
          overallRate: NOMINAL_RATE,
          headers: t.headers,
        });
        t.nominal.push(r);
        console.log(runLine(`[${NOMINAL_RATE} req/s ${round}] ${t.name}`, r, false));
      }
    }

    const m = (rs: LoadResult[], k: keyof LoadResult) => median(rs.map((r) => r[k]));
    const bareRps = m(targets[targets.length - 1].saturated, 'reqPerSec');
    console.log(`\n  ${engine} summary (medians of ${opts.rounds} runs):`);
    console.log(
      `  ${'server'.padEnd(20)} ${'req/s'.padStart(7)}  ${'ratio'.padStart(7)}  p50/p95/p99 ms (saturated)  server CPU  CPU/req  ${'ratio'.padStart(7)}  p95 @${NOMINAL_RATE} req/s`,
    );
    const bareUs = m(targets[targets.length - 1].saturated, 'serverCpuUsPerRequest');
    for (const t of targets) {
      const rps = m(t.saturated, 'reqPerSec');
      console.log(
        `  ${t.name.padEnd(20)} ${fmt(rps, 0).padStart(7)}  ${pct(rps / bareRps).padStart(7)}  ` +
          `${fmt(m(t.saturated, 'p50'))} / ${fmt(m(t.saturated, 'p95'))} / ${fmt(m(t.saturated, 'p99'))}`.padEnd(27) +
          `  ${fmt(m(t.saturated, 'serverCores'))} cores  ${fmt(m(t.saturated, 'serverCpuUsPerRequest'), 0).padStart(4)} µs  ${pct(bareUs / m(t.saturated, 'serverCpuUsPerRequest')).padStart(7)}` +
          `  ${fmt(m(t.nominal, 'p95'))} ms`,
      );
    }
    const appRps = m(targets[0].saturated, 'reqPerSec');
    const appUs = m(targets[0].saturated, 'serverCpuUsPerRequest');
    console.log(
      `  app/bare = ${pct(appRps / bareRps)} by req/s (target ≥ ${pct(TARGET_RATIO)}); ${pct(bareUs / appUs)} by server CPU per request`,
    );
    const starved = targets.filter((t) => m(t.saturated, 'serverCores') < 0.85).map((t) => t.name);
    if (starved.length) {
      console.log(
        `  note: ${starved.join(', ')} used clearly less than one core: the client, the database or other load on the machine held it back ("other" above)`,
      );
    }
  } finally {
    for (const t of targets) await t.server.stop();
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const seconds = Number(argValue(argv, '--seconds') ?? 10);
  const rounds = Number(argValue(argv, '--rounds') ?? 2);
  const logLevels = (argValue(argv, '--log-levels') ?? 'info').split(',');
  const cpuProfDir = argValue(argv, '--cpu-prof');
  const engines = argValue(argv, '--engine')?.split(',') ?? (process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']);
  console.log(`me.bench — ${machineLine()}`);
  if (!process.env.TEST_DATABASE_URL) console.log('TEST_DATABASE_URL unset: SQLite only');
  for (const engine of engines) await benchEngine(engine, { seconds, rounds, logLevels, cpuProfDir });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
