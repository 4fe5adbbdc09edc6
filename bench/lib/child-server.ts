import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { SERVER_BUNDLE } from '../../scripts/server-bundle.mjs';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT_DIR = path.resolve(BENCH_DIR, '..');

export interface ChildServer {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

const built = new Map<string, Promise<string>>();

/**
 * Bundle a server entry as production is bundled (scripts/server-bundle.mjs: esbuild, node20, ESM,
 * dependencies external) into dist/bench/, beside dist/server/ so packages resolve alike. The
 * servers then run on plain `node`, as `npm start` does, not through tsx's loader.
 */
function buildEntry(entry: string): Promise<string> {
  let out = built.get(entry);
  if (!out) {
    const outfile = path.join(ROOT_DIR, 'dist/bench', path.basename(entry).replace(/\.ts$/, '.js'));
    out = esbuild
      .build({
        absWorkingDir: ROOT_DIR,
        entryPoints: [path.join(BENCH_DIR, 'servers', entry)],
        outfile,
        ...SERVER_BUNDLE,
      })
      .then(() => outfile);
    built.set(entry, out);
  }
  return out;
}

/**
 * Start a server entry of bench/servers in its own Node process (so its CPU is its own) and
 * wait for the `{"port":N}` line it prints once listening. `built`: bundled as production is
 * (above) and run on plain node; otherwise the TypeScript source runs through tsx (its loader
 * thread and source maps on top of what production runs). BENCH_TSX=1 forces tsx.
 */
export async function startServer(
  entry: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  opts: { built?: boolean } = {},
): Promise<ChildServer> {
  const source = path.join(BENCH_DIR, 'servers', entry);
  const script = opts.built && process.env.BENCH_TSX !== '1' ? [await buildEntry(entry)] : ['--import', 'tsx', source];
  const child = spawn(process.execPath, [...nodeArgs, ...script], {
    cwd: ROOT_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => {
        running.delete(child);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"port":'));
      if (!line) return;
      child.stdout?.off('data', onData);
      const { port } = JSON.parse(line) as { port: number };
      resolve({ pid: child.pid ?? -1, url: `http://127.0.0.1:${port}`, stop });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before listening:\n${stderr}${out}`)));
  });
}
