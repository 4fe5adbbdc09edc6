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

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [antdStylesPlugin()],
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
          // The runtime every screen needs, in one long-cached file; antd and the
          // pages are split automatically by what each route imports.
          groups: [{ name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/ }],
        },
      },
    },
  },
  server: { proxy: api },
  preview: { proxy: api },
});
