// The whole suite in one run of node's test runner: unit tests (contract/, web/src/'s pure logic) and API tests on SQLite (and on
// PostgreSQL when TEST_DATABASE_URL is set), then the browser flows in Chromium.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith('--'));

const files = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'dist') walk(rel);
    else if (/\.test\.tsx?$/.test(e.name)) files.push(rel);
  }
};
for (const d of ['contract', 'server', 'web/src', 'e2e']) if (fs.existsSync(path.join(root, d))) walk(d);
const selected = files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();

if (selected.some((f) => f.startsWith('e2e'))) {
  const b = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale', '--web'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

// The spec reporter ends with the failing tests and their errors, so the tail of a long CI log names what failed.
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=120000', ...selected], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
