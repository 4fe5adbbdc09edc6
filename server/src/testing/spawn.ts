import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { projectPath } from '../project-path';

/** What main.ts prints once it listens (the port is the one it got, with PORT=0 too). */
const LISTENING = /^Fuwu is listening on http:\/\/[^\s:]+:(\d+)$/m;

export interface SpawnedServer {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Its exit code (null: killed by a signal); settles however early it exits. */
  exited: Promise<number | null>;
}

/**
 * The server, from source, in a process of its own, on a port the kernel picks (PORT=0) unless
 * `env` names one; `serverReady` answers the port. Not a port found free beforehand: until the
 * process binds it (seconds later on a busy machine) any outgoing connection may take it, and the
 * server then stops at start. stdout and stderr collected.
 */
export function spawnServer(env: Record<string, string>): SpawnedServer {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', projectPath('server/src/main.ts')], {
    cwd: projectPath(),
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', LOG_LEVEL: 'warn', PORT: '0', ...env },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return { child, output: () => out, exited };
}

/**
 * Wait until the server listens and answers /readyz; its port. A server that exits first, or is
 * not ready within `timeoutMs`, fails at once with what it printed.
 */
export async function serverReady(s: SpawnedServer, timeoutMs = 15_000): Promise<number> {
  let gone = false;
  void s.exited.then(() => (gone = true));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !gone) {
    const port = Number(LISTENING.exec(s.output())?.[1] ?? 0);
    try {
      if (port && (await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return port;
    } catch {
      // not answering yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${gone ? `server exited (${await s.exited})` : `server not ready in ${timeoutMs} ms`}: ${s.output()}`);
}

/**
 * Stop a spawned server with SIGTERM (it shuts down gracefully) and wait until it has exited; its
 * exit code. One still running after `graceMs` is killed, and that fails with what it printed.
 */
export async function stopServer(s: SpawnedServer, graceMs = 60_000): Promise<number | null> {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
  const code = await Promise.race([s.exited, late]);
  clearTimeout(timer);
  if (code !== 'late') return code;
  s.child.kill('SIGKILL');
  await s.exited;
  throw new Error(`server did not stop within ${graceMs} ms of SIGTERM: ${s.output()}`);
}

/** The admin CLI, from source. */
export function runCli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', projectPath('server/src/cli.ts'), ...args], {
    cwd: projectPath(),
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}${r.error ? `\n${r.error.message}` : ''}` };
}
