/**
 * Proves the module-boundary lint rules (biome.json, noRestrictedImports) refuse what they are
 * for: biome is run on sample files written under server/src/modules/ (the rules are scoped by
 * path) and must report exactly the imports marked `refused` below, and nothing in the samples
 * that are allowed. Run by .ci/run after the lint step: `node scripts/check-lint-rules.mjs`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'server/src/modules', `zz-lint-sample-${process.pid}`);

/** Each sample: file name, lines (`// refused` marks the ones biome must report). */
const samples = {
  // A service builds no query: Kysely's `sql` belongs in repos.
  'zz-lint-sample.service.ts': [
    "import { sql } from 'kysely'; // refused",
    "import { type Kysely } from 'kysely';",
    "import { listRows } from './zz-lint-sample.repo';",
    "import { createServiceRequest } from '../service-requests/service-requests.service';",
    "import { queueNewRequest } from '../service-requests/service-requests.search.repo'; // refused",
    "import { reindexContractsOfCustomer } from '../contracts/contracts.search'; // refused",
    "import { readableRequests } from '../service-requests/read-scope'; // refused",
    "import { listAuditEvents } from '../audit/audit.repo'; // refused",
    'export const used = [sql, listRows, createServiceRequest, queueNewRequest, reindexContractsOfCustomer, readableRequests, listAuditEvents];',
    'export type K = Kysely<unknown>;',
  ],
  // A repo may build SQL, and may use its own module's search and read scope, never another's.
  'zz-lint-sample.repo.ts': [
    "import { sql } from 'kysely';",
    "import { helper } from './zz-lint-sample.search';",
    "import { scope } from './read-scope';",
    "import { contractEntry } from '../contracts/contracts.search'; // refused",
    'export const listRows = [sql, helper, scope, contractEntry];',
  ],
};

fs.mkdirSync(dir, { recursive: true });
let failed = 0;
try {
  const expected = new Set();
  for (const [name, lines] of Object.entries(samples)) {
    fs.writeFileSync(path.join(dir, name), `${lines.join('\n')}\n`);
    lines.forEach((l, i) => {
      if (l.endsWith('// refused')) expected.add(`${name}:${i + 1}`);
    });
  }
  const biome = path.join(root, 'node_modules/.bin/biome');
  const r = spawnSync(biome, ['lint', '--max-diagnostics=200', '--colors=off', path.relative(root, dir)], { cwd: root, encoding: 'utf8' });
  const output = `${r.stdout}\n${r.stderr}`;
  const reported = new Set([...output.matchAll(/([\w.-]+\.ts):(\d+):\d+ lint\/style\/noRestrictedImports/g)].map((m) => `${m[1]}:${m[2]}`));
  for (const e of expected)
    if (!reported.has(e)) {
      failed++;
      console.error(`not refused: ${e}`);
    }
  for (const got of reported)
    if (!expected.has(got)) {
      failed++;
      console.error(`refused but allowed: ${got}`);
    }
  if (failed) console.error(output);
  else console.log(`lint rules: the ${expected.size} forbidden imports are refused, the allowed ones pass`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
