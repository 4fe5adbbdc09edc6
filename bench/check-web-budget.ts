/**
 * CI check: exits 1 when the sign-in page's gzipped JavaScript exceeds the budget,
 * 2 when there is no web build to check.
 *
 *   node --import tsx bench/check-web-budget.ts [--dist web/dist]
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from './lib/child-server';
import { LOGIN_JS_BUDGET_BYTES, loginPageJs, printLoginPageJs } from './lib/login-page-js';
import { argValue } from './lib/stats';

const distDir = path.resolve(ROOT_DIR, argValue(process.argv, '--dist') ?? 'web/dist');
if (!fs.existsSync(path.join(distDir, 'index.html'))) {
  console.error(`${path.join(distDir, 'index.html')} does not exist: build the web UI first (node scripts/build.mjs --web)`);
  process.exit(2);
}
const result = loginPageJs(distDir);
printLoginPageJs(result);
if (result.totalGzipBytes > LOGIN_JS_BUDGET_BYTES) {
  console.error(`login page JS is over budget: ${result.totalGzipBytes} > ${LOGIN_JS_BUDGET_BYTES} bytes gzipped`);
  process.exit(1);
}
console.log('login page JS within budget');
