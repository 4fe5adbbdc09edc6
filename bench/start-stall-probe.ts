/**
 * What the first seconds after a start feel like: the bench app server (bundled, as production
 * runs) on an existing SQLite file, probed with `GET /readyz` every 10 ms for `--seconds`, printing
 * every response slower than `--over` ms with its time since the server listened. Shows one-off
 * event-loop stalls after a start (exceljs' warm-up, 2 s after listening: spreadsheets/exceljs.ts).
 * Prints, never asserts.
 *
 *   node --import tsx bench/start-stall-probe.ts --file PATH.sqlite [--seconds 5]
 */
import http from 'node:http';
import { startServer } from './lib/child-server';
import { machineLine } from './lib/machine';
import { argValue, fmt } from './lib/stats';

async function main() {
  const argv = process.argv.slice(2);
  const file = argValue(argv, '--file');
  if (!file) throw new Error('--file PATH.sqlite (e.g. one seeded by calls.bench.ts --file … --reuse)');
  const seconds = Number(argValue(argv, '--seconds') ?? 5);
  console.log(machineLine());
  const app = await startServer('../service-requests-server.ts', { SR_SQLITE_FILE: file }, [], { built: true });
  const t0 = performance.now();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const get = () =>
    new Promise<number>((resolve) => {
      const s = performance.now();
      http.get(`${app.url}/readyz`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - s));
      });
    });
  const slowest = new Array<number>(seconds * 4).fill(0);
  let n = 0;
  const inFlight: Promise<void>[] = [];
  while (performance.now() - t0 < seconds * 1000) {
    const at = performance.now() - t0;
    n++;
    inFlight.push(
      get().then((ms) => {
        const q = Math.min(slowest.length - 1, Math.floor(at / 250));
        slowest[q] = Math.max(slowest[q], ms);
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(inFlight);
  agent.destroy();
  await app.stop();
  console.log(`${n} probes over ${seconds} s; the slowest sent in each quarter second after listening, ms:`);
  for (let q = 0; q < slowest.length; q += 4) {
    console.log(
      `  ${fmt(q / 4, 0)} s: ${slowest
        .slice(q, q + 4)
        .map((x) => fmt(x, 0).padStart(6))
        .join('')}`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
