/**
 * Process start → first 200 from /readyz, for the production bundle (`node dist/server/main.js`):
 * first start on an empty data folder (migrations + first administrator) and warm start on
 * the same folder. Median of 5 each; target < 2 s. Prints, never asserts.
 *
 *   node --import tsx bench/cold-start.bench.ts [--runs 5]
 *
 * SQLite only: main.ts migrates DATABASE_URL itself, so PostgreSQL would need a fresh
 * database per run.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from './lib/child-server';
import { machineLine, processCpuSeconds } from './lib/machine';
import { argValue, fmt, median } from './lib/stats';

const MAIN = path.join(ROOT_DIR, 'dist/server/main.js');
const POLL_MS = 10;
const TARGET_MS = 2000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const f of fs.readdirSync(dir, { recursive: true })) newest = Math.max(newest, fs.statSync(path.join(dir, String(f))).mtimeMs);
  return newest;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function readyzStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/readyz', timeout: 1000, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
  });
}

/**
 * Milliseconds from spawning the process to the first 200 from /readyz, and the CPU time the
 * process had used by then (less sensitive than wall time to other load on the machine).
 */
async function timeStart(dataDir: string): Promise<{ wallMs: number; cpuMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FUWU_DATA_DIR: dataDir,
      DATABASE_URL: '',
      FUWU_ADMIN_EMAIL: 'admin@bench.local',
      FUWU_ADMIN_PASSWORD: 'bench-password-1',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${stderr}`);
      if ((await readyzStatus(port)) === 200) {
        const wallMs = performance.now() - t0;
        return { wallMs, cpuMs: processCpuSeconds(child.pid ?? -1) * 1000 };
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function main() {
  const runs = Number(argValue(process.argv, '--runs') ?? 5);
  console.log(`cold-start.bench — ${machineLine()}`);
  if (!fs.existsSync(MAIN)) {
    console.log('dist/server/main.js missing: building it (node scripts/build.mjs --server)');
    execFileSync(process.execPath, [path.join(ROOT_DIR, 'scripts/build.mjs'), '--server'], { cwd: ROOT_DIR, stdio: 'inherit' });
  }
  const built = fs.statSync(MAIN).mtime;
  console.log(
    `bundle dist/server/main.js built ${built.toISOString()} (${(fs.statSync(MAIN).size / 1024).toFixed(0)} KB); SQLite; LOG_LEVEL=info to a discarded stdout`,
  );
  if (newestMtime(path.join(ROOT_DIR, 'server/src')) > built.getTime()) {
    console.log(
      '  note: server/src has changed since this bundle was built; `node scripts/build.mjs --server` to measure the current code',
    );
  }
  const first: { wallMs: number; cpuMs: number }[] = [];
  const warm: { wallMs: number; cpuMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-cold-'));
    try {
      first.push(await timeStart(dataDir));
      warm.push(await timeStart(dataDir));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    console.log(
      `  run ${i + 1}: first start ${fmt(first[i].wallMs, 0)} ms (CPU ${fmt(first[i].cpuMs, 0)} ms), warm start ${fmt(warm[i].wallMs, 0)} ms (CPU ${fmt(warm[i].cpuMs, 0)} ms)`,
    );
  }
  const report = (label: string, rs: { wallMs: number; cpuMs: number }[]) =>
    console.log(
      `${label} median ${fmt(median(rs.map((r) => r.wallMs)), 0)} ms of ${runs} (target < ${TARGET_MS} ms); CPU used by then ${fmt(median(rs.map((r) => r.cpuMs)), 0)} ms`,
    );
  report('first start (migrations + first administrator):', first);
  report('warm start (same data folder):                 ', warm);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
