import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { antdStaticStyles } from './antd-static-css';

const require = createRequire(import.meta.url);

const webRoot = fileURLToPath(new URL('.', import.meta.url));
/** Where `vite` (dev) and `vite preview` send `/api`; FUWU_API_PROXY overrides it (dev only). */
const apiTarget = process.env.FUWU_API_PROXY ?? 'http://127.0.0.1:3000';
const api = { '/api': { target: apiTarget, changeOrigin: false } };

/** `genStyleHooks('Button', …)`, `genSubStyleComponent(['Form', 'item-item'], …)`: the names an antd module styles. */
const STYLE_HOOK = /gen(?:StyleHooks|SubStyleComponent|ComponentStyleHook)\(\s*(\[[^\]]*\]|'[^']*')/g;

function styledNames(code: string): string[] {
  return [...code.matchAll(STYLE_HOOK)].map(([, arg]) => {
    const cells = [...arg.matchAll(/'([^']*)'/g)].map((m) => m[1]);
    return (cells.length === 1 ? [cells[0], cells[0]] : cells).join('-');
  });
}

/**
 * antd's styles for the app's theme, written when the build (or the dev server) starts
 * (antd-static-css.ts), as CSS modules that follow antd's code: the module of antd that defines a
 * component's style hook imports that component's stylesheet, so a chunk with antd's Table brings
 * the table's CSS and the engineer's work page only the CSS of what it draws. What no antd module
 * claims (the shared reset) is `virtual:antd-static.css`, imported with the signed-in frame. In
 * the dev server, where antd is pre-bundled without this plugin, that one holds everything.
 * Each stylesheet resolves to a path inside web/ that exists nowhere on disk, so Vite treats it as
 * any CSS file: minified, hashed and loaded with the chunk that imports it.
 */
function antdStylesPlugin(): Plugin {
  const dir = fileURLToPath(new URL('./.antd-styles/', import.meta.url));
  const shell = `${dir}shell.css`;
  let sheets: Map<string, string> | undefined;
  let split = true;
  const load = () => (sheets ??= antdStaticStyles(fileURLToPath(new URL('./src', import.meta.url))));
  let claimed: Set<string> | undefined;
  const claimedNames = () => {
    if (claimed) return claimed;
    claimed = new Set();
    const antdEs = path.join(path.dirname(require.resolve('antd/package.json')), 'es');
    for (const e of fs.readdirSync(antdEs, { withFileTypes: true, recursive: true }))
      if (e.isFile() && e.name.endsWith('.js'))
        for (const n of styledNames(fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))) claimed.add(n);
    return claimed;
  };
  return {
    name: 'fuwu-antd-static-css',
    enforce: 'pre',
    configResolved(config) {
      split = config.command === 'build';
    },
    resolveId(source) {
      if (source === 'virtual:antd-static.css') return shell;
      if (source.startsWith('virtual:antd-style/')) return `${dir}${source.slice('virtual:antd-style/'.length)}`;
      return undefined;
    },
    load(id) {
      if (!id.startsWith(dir)) return undefined;
      const all = load();
      if (id === shell)
        return [...all]
          .filter(([name]) => !split || !claimedNames().has(name))
          .map(([, css]) => css)
          .join('\n');
      return all.get(path.basename(id, '.css')) ?? '';
    },
    transform(code, id) {
      if (!split || !/[\\/]antd[\\/]es[\\/].*\.js$/.test(id)) return undefined;
      const names = styledNames(code).filter((n) => load().has(n));
      if (names.length === 0) return undefined;
      return { code: `${names.map((n) => `import 'virtual:antd-style/${n}.css';`).join('\n')}\n${code}`, map: null };
    },
  };
}

/** antd's index file, the icons' index file: each re-exports all of its package. */
const BARREL = /[\\/]node_modules[\\/](antd|@ant-design[\\/]icons)[\\/]es[\\/]index\.js$/;

/** A module of web/src by its path there, as the bundler names it. */
const src = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

/**
 * What the signed-in pages load, in a few files rather than sixty. Lighthouse's slow 4G allows
 * six connections to the server (HTTP/1.1) at 150 ms a round trip, so the ≈ 60 small chunks that
 * automatic splitting gives the engineer's work page and a request's page queued for ten rounds.
 * At the end of the build this plugin takes the static import closure of each of three screens —
 * sign-in, the engineer's work page (the signed-in frame and my-work) and a request's page (the
 * frame and the request) — and names every module outside the entry by the screens that need it:
 * `common` (all three), `frame` (both signed-in screens), `my-work`, `sr-detail`; the entry's own
 * modules are `boot`, one file beside the entry. Each screen
 * then loads exactly the modules it uses, as one file per name. What none of them needs (the
 * other pages, what opens on a click) stays with automatic splitting.
 */
function screenGroups(): { plugin: Plugin; name: (id: string) => string | null } {
  const screens = {
    entry: [src('app/main.tsx')],
    signIn: [src('features/auth/login-page.tsx')],
    myWork: [src('app/layout/app-layout.tsx'), src('app/require-permission.tsx'), src('features/my-work/my-work-page.tsx')],
    detail: [
      src('app/layout/app-layout.tsx'),
      src('app/require-permission.tsx'),
      src('features/service-requests/service-request-detail-page.tsx'),
    ],
  };
  const groupOf = new Map<string, string>();
  const plugin: Plugin = {
    name: 'fuwu-screen-groups',
    apply: 'build',
    buildEnd() {
      // antd's and the icons' index files re-export every component: walking through them would
      // reach all of antd, of which the bundler keeps in a screen's chunks only what is imported.
      // So through an index file the walk follows only the names the importer imports from it.
      const barrels = new Map<string, Map<string, string>>();
      const barrelExports = (id: string) => {
        let names = barrels.get(id);
        if (names) return names;
        names = new Map();
        const info = this.getModuleInfo(id);
        for (const [, name, rel] of (info?.code ?? '').matchAll(/export\s*\{\s*default as (\w+)\s*\}\s*from\s*["']([^"']+)["']/g)) {
          const base = path.resolve(path.dirname(id), rel);
          const target = info?.importedIds.find((t) => t === `${base}.js` || t === path.join(base, 'index.js'));
          if (target) names.set(name, target);
        }
        barrels.set(id, names);
        return names;
      };
      const closure = (roots: string[]) => {
        const seen = new Set<string>();
        const stack = [...roots];
        while (stack.length > 0) {
          const id = stack.pop() as string;
          if (seen.has(id)) continue;
          const info = this.getModuleInfo(id);
          if (!info) throw new Error(`screen-groups: ${id} is not in the build`);
          seen.add(id);
          for (const dep of info.importedIds) {
            const barrel = BARREL.exec(dep);
            if (!barrel) {
              stack.push(dep);
              continue;
            }
            seen.add(dep);
            const pkg = barrel[1];
            const imported = [...(info.code ?? '').matchAll(new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*["']${pkg}["']`, 'g'))]
              .flatMap(([, list]) => list.split(','))
              .map((n) => n.trim().split(/\s+as\s+/)[0])
              .filter(Boolean);
            const exportsOf = barrelExports(pkg === 'antd' ? dep : dep.replace(/index\.js$/, 'icons/index.js'));
            for (const n of imported) {
              const target = exportsOf.get(n);
              if (target) stack.push(target);
              else if (pkg !== 'antd')
                stack.push(...(this.getModuleInfo(dep)?.importedIds ?? []).filter((t) => !t.endsWith(`icons${path.sep}index.js`)));
              else throw new Error(`screen-groups: ${n} is not exported by antd's index`);
            }
          }
        }
        return seen;
      };
      const entry = closure(screens.entry);
      const signIn = closure(screens.signIn);
      const myWork = closure(screens.myWork);
      const detail = closure(screens.detail);
      groupOf.clear();
      // The entry's own modules in one file beside it: split automatically, the ones other chunks
      // share became files of 1–2 KB each, and the first screen's requests queued behind them.
      for (const id of entry) if (!BARREL.test(id) && !screens.entry.includes(id)) groupOf.set(id, 'boot');
      for (const id of new Set([...myWork, ...detail])) {
        if (entry.has(id) || BARREL.test(id)) continue;
        const w = myWork.has(id);
        const d = detail.has(id);
        const s = signIn.has(id);
        const name = w && d ? (s ? 'common' : 'frame') : s ? null : w ? 'my-work' : 'sr-detail';
        if (name) groupOf.set(id, name);
      }
    },
  };
  // The files each screen (sign-in, the two signed-in screens) loads beyond the entry, for the server
  // to announce in the page itself (`<link rel="modulepreload">`, server/src/http/web-app.ts): they
  // then download beside the entry instead of after it has run.
  plugin.generateBundle = function (_options, bundle) {
    const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
    const entry = chunks.find((c) => c.isEntry);
    if (!entry) return;
    const atStart = new Set([entry.fileName, ...entry.imports]);
    // A screen's roots' chunks and what they import statically: what the browser loads for it.
    const filesOf = (roots: string[]) => {
      const out = new Set<string>();
      const add = (file: string) => {
        if (atStart.has(file) || out.has(file)) return;
        out.add(file);
        for (const dep of (bundle[file] as { imports?: string[] }).imports ?? []) add(dep);
      };
      // A root's own chunk, or the small chunk through which its dynamic import reaches it there.
      for (const c of chunks)
        if (c.moduleIds.some((id) => roots.includes(id)) || (c.facadeModuleId && roots.includes(c.facadeModuleId))) add(c.fileName);
      return [...out].map((f) => `/${f}`);
    };
    this.emitFile({
      type: 'asset',
      fileName: SCREEN_PRELOADS,
      source: JSON.stringify({ signIn: filesOf(screens.signIn), myWork: filesOf(screens.myWork), detail: filesOf(screens.detail) }),
    });
  };
  return { plugin, name: (id) => groupOf.get(id) ?? null };
}

/** Where the build writes each screen's files (read by server/src/http/web-app.ts). */
const SCREEN_PRELOADS = 'screen-preloads.json';

/**
 * The entry's stylesheet (app/shell.css: the first screen, the frame, the field pages) written into
 * index.html instead of linked: a linked stylesheet blocks the first paint until it has come, which
 * on slow 4G shared the line with the scripts; inline it is there with the page (≈ 3 KB compressed).
 */
function inlineEntryCss(): Plugin {
  return {
    name: 'fuwu-inline-entry-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return html.replace(/<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)"[^>]*>/g, (tag, file: string) => {
          const asset = ctx.bundle?.[file];
          if (asset?.type !== 'asset') return tag;
          return `<style>${String(asset.source)}</style>`;
        });
      },
    },
  };
}

const screens = screenGroups();

/**
 * React Router's production files. Its package.json points every import at dist/development, whose
 * one difference is `ENABLE_DEV_WARNINGS = true`: the checks and warning texts a developer wants
 * run and download on every phone (remix-run/react-router#14102, open). The build takes
 * dist/production instead; the dev server keeps the warnings.
 */
function reactRouterProduction(): Plugin {
  const dist = path.join(path.dirname(require.resolve('react-router/package.json')), 'dist/production');
  const files: Record<string, string> = { 'react-router': 'index.mjs', 'react-router/dom': 'dom-export.mjs' };
  return {
    name: 'fuwu-react-router-production',
    apply: 'build',
    enforce: 'pre',
    resolveId(source) {
      const file = files[source];
      return file ? path.join(dist, file) : undefined;
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [reactRouterProduction(), antdStylesPlugin(), screens.plugin, inlineEntryCss()],
  resolve: {
    alias: { '@contract': fileURLToPath(new URL('../contract', import.meta.url)) },
  },
  // Vite 8 compiles TSX with Oxc; React 17+'s automatic runtime needs no React import.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // antd's shared chunk is large by design; the login budget is checked separately.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // antd and React Router mark their modules "use client" (for React Server
      // Components); meaningless in a client-only bundle.
      checks: { moduleLevelDirective: false },
      treeshake: {
        // Building a zod schema has no side effects. Saying so lets the bundler drop
        // schemas a chunk never uses: the sign-in page needs contract/errors.ts's
        // messages, not zod (about 45 KB gzipped).
        manualPureFunctions: ['z'],
      },
      output: {
        codeSplitting: {
          // The runtime every screen needs, in one long-cached file; the signed-in screens' code
          // by screen (screenGroups); the rest split automatically by what each route imports.
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/, priority: 2 },
            // Dependencies are already in the closures: the entry's stay in the entry.
            { name: screens.name, priority: 1, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  server: { proxy: api },
  preview: { proxy: api },
});
