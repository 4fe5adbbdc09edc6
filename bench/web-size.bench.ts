/**
 * Gzipped JavaScript the sign-in page loads, against the 300 kB budget. Prints, never asserts
 * (bench/check-web-budget.ts is the CI check).
 *
 *   node --import tsx bench/web-size.bench.ts [--dist web/dist]
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from './lib/child-server';
import { loginPageJs, printLoginPageJs } from './lib/login-page-js';
import { argValue } from './lib/stats';

export { loginPageJsGzipBytes } from './lib/login-page-js';

const distDir = path.resolve(ROOT_DIR, argValue(process.argv, '--dist') ?? 'web/dist');
console.log(`web-size.bench — login page JS in ${path.relative(ROOT_DIR, distDir) || distDir}`);
if (!fs.existsSync(path.join(distDir, 'index.html'))) {
  console.log(`  ${path.join(distDir, 'index.html')} does not exist: no web build to measure (node scripts/build.mjs --web)`);
} else {
  printLoginPageJs(loginPageJs(distDir));
}
