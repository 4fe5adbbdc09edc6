import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fmt } from './stats';

/** Clock ticks per second of /proc/<pid>/stat times (almost always 100). */
export const CLOCK_TICKS: number = (() => {
  try {
    return Number.parseInt(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim(), 10) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds a process (all its threads) has used so far. */
export function processCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS;
}

/** CPU seconds the whole machine has spent busy (all CPUs, everything but idle and iowait). */
export function machineBusySeconds(): number {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  return (total - cpu[3] - cpu[4]) / CLOCK_TICKS;
}

/** One line describing the machine, for the top of every benchmark's output. */
export function machineLine(): string {
  const [l1, l5, l15] = os.loadavg();
  return `node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${fmt(l1)} ${fmt(l5)} ${fmt(l15)}`;
}
