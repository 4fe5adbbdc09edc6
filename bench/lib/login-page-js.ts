import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The sign-in page's JavaScript budget, gzipped, in kB of 1,000 bytes (as Vite prints sizes). */
export const LOGIN_JS_BUDGET_BYTES = 300_000;

export interface JsFile {
  /** Path inside the dist folder, e.g. `assets/index-abc123.js`. */
  file: string;
  rawBytes: number;
  gzipBytes: number;
  /** Why the login page loads it. */
  reason: string;
}

export interface LoginPageJs {
  files: JsFile[];
  totalGzipBytes: number;
  usedManifest: boolean;
  notes: string[];
}

interface ManifestChunk {
  file: string;
  src?: string;
  isDynamicEntry?: boolean;
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
}

/** JS that index.html itself loads: module scripts and modulepreload links (local files only). */
function indexHtmlScripts(html: string): string[] {
  const out: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src) out.push(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = attr(tag, 'href');
    if (href && attr(tag, 'rel')?.toLowerCase() === 'modulepreload') out.push(href);
  }
  return out.filter((u) => !/^(https?:)?\/\//.test(u) && u.endsWith('.js')).map((u) => u.replace(/^\//, ''));
}

/**
 * Static imports of a built chunk (`import{a}from"./x.js"`, `import"./x.js"`), as dist paths.
 * Dynamic `import("./x.js")` is skipped: that code loads later, on another route.
 */
function staticImports(distDir: string, file: string): string[] {
  const code = fs.readFileSync(path.join(distDir, file), 'utf8');
  const out: string[] = [];
  for (const [, spec] of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
    out.push(path.posix.join(path.posix.dirname(file), spec));
  }
  return out;
}

/** The login route's lazy chunk: by source path in the Vite manifest, else by file name. */
function findLoginChunk(distDir: string, notes: string[]): string | undefined {
  const manifestFile = path.join(distDir, '.vite/manifest.json');
  if (fs.existsSync(manifestFile)) {
    const lazy = Object.entries(JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>).filter(
      ([, c]) => c.isDynamicEntry,
    );
    const bySource = (re: RegExp) => lazy.find(([key, c]) => re.test(c.src ?? key))?.[1].file;
    const found = bySource(/login/i) ?? bySource(/features\/auth/i);
    if (!found) notes.push('no lazy chunk whose source contains "login" or "features/auth" in the manifest');
    return found;
  }
  const assets = path.join(distDir, 'assets');
  const byName = fs.existsSync(assets) ? fs.readdirSync(assets).filter((f) => /login/i.test(f) && f.endsWith('.js')) : [];
  notes.push(
    byName.length === 1
      ? 'no .vite/manifest.json: the login route chunk was found by its file name (build.manifest: true in web/vite.config.ts makes it exact)'
      : `no .vite/manifest.json and ${byName.length} files named *login*.js: login route chunk not counted`,
  );
  return byName.length === 1 ? `assets/${byName[0]}` : undefined;
}

/**
 * The JavaScript the sign-in page loads, each file gzipped at level 9: the scripts and
 * modulepreloads of index.html, the login route's lazy chunk, and every chunk these import
 * statically (read from the built files, so it works with or without a Vite manifest).
 * Throws when `distDir` has no index.html.
 */
export function loginPageJs(distDir: string): LoginPageJs {
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`${indexFile} does not exist: build the web UI first (node scripts/build.mjs --web)`);
  const notes: string[] = [];
  const reasons = new Map<string, string>();
  const visit = (file: string, reason: string) => {
    if (reasons.has(file)) return;
    reasons.set(file, reason);
    for (const dep of staticImports(distDir, file)) visit(dep, `imported by ${path.posix.basename(file)}`);
  };
  for (const f of indexHtmlScripts(fs.readFileSync(indexFile, 'utf8'))) visit(f, 'index.html');
  const login = findLoginChunk(distDir, notes);
  if (login) visit(login, 'login route (lazy)');

  const files = [...reasons].map(([file, reason]) => {
    const buf = fs.readFileSync(path.join(distDir, file));
    return { file, rawBytes: buf.length, gzipBytes: zlib.gzipSync(buf, { level: 9 }).length, reason };
  });
  return {
    files,
    totalGzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
    usedManifest: fs.existsSync(path.join(distDir, '.vite/manifest.json')),
    notes,
  };
}

/** Total gzipped bytes of the sign-in page's JavaScript. */
export function loginPageJsGzipBytes(distDir: string): number {
  return loginPageJs(distDir).totalGzipBytes;
}

export function printLoginPageJs(result: LoginPageJs): void {
  for (const f of result.files) {
    console.log(
      `  ${f.file.padEnd(44)} ${(f.rawBytes / 1000).toFixed(1).padStart(8)} kB  gzip ${(f.gzipBytes / 1000).toFixed(1).padStart(7)} kB  ${f.reason}`,
    );
  }
  for (const n of result.notes) console.log(`  note: ${n}`);
  const total = result.totalGzipBytes;
  console.log(
    `  total gzip (level 9): ${(total / 1000).toFixed(1)} kB of a ${LOGIN_JS_BUDGET_BYTES / 1000} kB budget (${((total / LOGIN_JS_BUDGET_BYTES) * 100).toFixed(0)} %)`,
  );
}
