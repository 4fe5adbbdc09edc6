import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { antdStaticCss } from './antd-static-css';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
/** Where `vite` (dev) and `vite preview` send `/api`; FUWU_API_PROXY overrides it (dev only). */
const apiTarget = process.env.FUWU_API_PROXY ?? 'http://127.0.0.1:3000';
const api = { '/api': { target: apiTarget, changeOrigin: false } };

/**
 * `import 'virtual:antd-static.css'` is antd's stylesheet for the app's theme and components,
 * written when the build (or the dev server) starts (antd-static-css.ts). It resolves to a path
 * inside web/ that exists nowhere on disk, so Vite treats it as any CSS file: minified, hashed and
 * loaded with the chunk that imports it.
 */
function antdStaticStyles(): Plugin {
  const file = fileURLToPath(new URL('./src/app/layout/antd-static.generated.css', import.meta.url));
  let css: string | undefined;
  return {
    name: 'fuwu-antd-static-css',
    enforce: 'pre',
    resolveId: (source) => (source === 'virtual:antd-static.css' ? file : undefined),
    load(id) {
      if (id !== file) return undefined;
      css ??= antdStaticCss(fileURLToPath(new URL('./src', import.meta.url)));
      return css;
    },
  };
}

/**
 * The web UI. Built with `vite build --config web/vite.config.ts` from the repository
 * root, so `root` is pinned to this folder rather than taken from the working directory.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [antdStaticStyles()],
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
