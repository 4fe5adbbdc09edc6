// Build the server bundle (esbuild) and the web UI (Vite). `--if-stale` skips what is up to date.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import { SERVER_BUNDLE } from './server-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ifStale = process.argv.includes('--if-stale');
const only = process.argv.find((a) => a === '--server' || a === '--web');

function newest(dirs) {
  let t = 0;
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      if (p.endsWith('node_modules') || p.endsWith('dist')) return;
      for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    } else t = Math.max(t, st.mtimeMs);
  };
  for (const d of dirs) walk(path.join(root, d));
  return t;
}
const mtime = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);

const serverOut = path.join(root, 'dist/server');
if (only !== '--web' && (!ifStale || mtime(path.join(serverOut, 'main.js')) < newest(['server/src', 'contract', 'package-lock.json']))) {
  const t = Date.now();
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'server/src/main.ts', cli: 'server/src/cli.ts', 'pdf-worker': 'server/src/pdf/pdf-worker.ts' },
    outdir: serverOut,
    ...SERVER_BUNDLE,
  });
  console.log(`server built in ${Date.now() - t} ms`);
}

const webIndex = path.join(root, 'web/dist/index.html');
if (
  only !== '--server' &&
  (!ifStale || mtime(webIndex) < newest(['web/src', 'web/index.html', 'web/vite.config.ts', 'web/antd-static-css.ts', 'contract', 'package-lock.json']))
) {
  const t = Date.now();
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  precompress(path.join(root, 'web/dist'));
  console.log(`web built in ${Date.now() - t} ms`);
}

/**
 * Brotli and gzip copies beside every text asset, made once here at the highest levels (too slow
 * to do per request), served by the app as the browser's accept-encoding asks (server/src/http/web-app.ts).
 */
function precompress(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(e.parentPath, e.name);
    if (!e.isFile() || !/\.(js|css|svg|json|webmanifest)$/.test(e.name) || fs.statSync(file).size < 1024) continue;
    const data = fs.readFileSync(file);
    fs.writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(data, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      }),
    );
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
  }
}
