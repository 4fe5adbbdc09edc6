// How the server is bundled (esbuild): by `scripts/build.mjs` for production and by the
// benchmarks (bench/lib/child-server.ts), so a benchmark measures the code production runs.
export const SERVER_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  tsconfig: 'tsconfig.json',
};
