/**
 * Run benchmarks one after another, each in its own process.
 *
 *   npm run bench                          # every bench/*.bench.ts
 *   npm run bench -- me cold-start         # some of them (name or file name)
 *   npm run bench -- me --seconds 3        # other arguments go to every benchmark
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DIR } from './lib/child-server';

const all = fs
  .readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const nameOf = (arg: string) =>
  `${path
    .basename(arg)
    .replace(/\.ts$/, '')
    .replace(/\.bench$/, '')}.bench.ts`;
const args = process.argv.slice(2);
const chosen = args.filter((a) => all.includes(nameOf(a))).map(nameOf);
const passThrough = args.filter((a) => !all.includes(nameOf(a)));
const unknown = passThrough.filter((a, i) => !a.startsWith('--') && !passThrough[i - 1]?.startsWith('--'));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.map((f) => f.replace('.bench.ts', '')).join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const file of chosen.length ? chosen : all) {
  console.log(`\n### ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, file), ...passThrough], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`### ${file} exited with ${r.status ?? r.signal}`);
  }
}
process.exitCode = failed ? 1 : 0;
