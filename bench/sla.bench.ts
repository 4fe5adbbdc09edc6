/**
 * SLA states of many open service requests, as a list page or the escalation sweep computes
 * them: rows as stored (ISO timestamps) → three clocks each. Prints, never asserts.
 *
 *   node --import tsx bench/sla.bench.ts [--rounds 5]
 *
 * "fresh calendar": its per-day window tables are built during the run; "warm": reused; "first
 * pass": the first run in the process, which also compiles the code. Wall and CPU time are both
 * printed: on a shared machine the wall time includes waiting for a core.
 */
import type { TCoverageWindow } from '../contract/working-calendar';
import { calendarSpecOf } from '../server/src/modules/calendar/holidays';
import type { TCalendarSpec } from '../server/src/modules/calendar/working-calendar';
import { computeSlaClocks } from '../server/src/modules/sla/sla-clock';
import { machineLine } from './lib/machine';
import { argValue, fmt, median } from './lib/stats';

interface StoredRequest {
  started_at: string;
  window: TCoverageWindow;
  response_hours: number | null;
  arrival_hours: number | null;
  resolution_hours: number | null;
  pauses: { from: string; to: string | null }[];
  responded_at: string | null;
  arrived_at: string | null;
  resolved_at: string | null;
}

const NOW = Date.parse('2026-10-20T03:00:00Z');
const WINDOWS: TCoverageWindow[] = [
  { kind: '5x8' },
  { kind: '5x8' },
  { kind: '5x8' },
  { kind: '5x8', start: '08:30', end: '17:30' },
  { kind: '7x24' },
  { kind: 'custom', days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' },
];

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same data. */
function randomSource(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRequests(n: number): StoredRequest[] {
  const random = randomSource(42);
  const iso = (ms: number) => new Date(ms).toISOString();
  const rows: StoredRequest[] = [];
  for (let i = 0; i < n; i++) {
    // Open requests, started up to 45 days ago.
    const start = NOW - Math.floor(random() * 45 * 86_400_000);
    const span = NOW - start;
    const pauses: StoredRequest['pauses'] = [];
    const pauseCount = Math.floor(random() * 3);
    for (let p = 0; p < pauseCount; p++) {
      const from = start + Math.floor(random() * span);
      pauses.push({ from: iso(from), to: random() < 0.3 ? null : iso(from + Math.floor(random() * 2 * 86_400_000)) });
    }
    const responded = random() < 0.7 ? start + Math.floor(random() * span * 0.2) : null;
    const arrived = responded !== null && random() < 0.5 ? responded + Math.floor(random() * (NOW - responded)) : null;
    rows.push({
      started_at: iso(start),
      window: WINDOWS[Math.floor(random() * WINDOWS.length)],
      response_hours: [2, 4, 8][Math.floor(random() * 3)],
      arrival_hours: random() < 0.8 ? [4, 8, 24][Math.floor(random() * 3)] : null,
      resolution_hours: [24, 48, 72][Math.floor(random() * 3)],
      pauses,
      responded_at: responded === null ? null : iso(responded),
      arrived_at: arrived === null ? null : iso(arrived),
      resolved_at: null,
    });
  }
  return rows;
}

function computeAll(rows: readonly StoredRequest[], calendar: TCalendarSpec): number {
  const now = new Date(NOW);
  let breached = 0;
  for (const r of rows) {
    const clocks = computeSlaClocks({
      startedAt: new Date(r.started_at),
      targets: { responseHours: r.response_hours, arrivalHours: r.arrival_hours, resolutionHours: r.resolution_hours },
      window: r.window,
      calendar,
      pauses: r.pauses.map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to) })),
      respondedAt: r.responded_at === null ? null : new Date(r.responded_at),
      arrivedAt: r.arrived_at === null ? null : new Date(r.arrived_at),
      resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at),
      now,
    });
    if (clocks.resolution?.state === 'breached') breached++;
  }
  return breached;
}

const rounds = Number(argValue(process.argv, '--rounds') ?? 5);
console.log(machineLine());
for (const n of [10_000, 100_000]) {
  const rows = makeRequests(n);
  const time = (calendar: TCalendarSpec) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const breached = computeAll(rows, calendar);
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000, breached };
  };
  // The first pass of the process also pays for compiling the code and loading the zone data.
  const first = time(calendarSpecOf());
  const fresh = Array.from({ length: rounds }, () => time(calendarSpecOf()));
  const calendar = calendarSpecOf();
  time(calendar);
  const warm = Array.from({ length: rounds }, () => time(calendar));
  const figure = (runs: { ms: number; cpuMs: number }[]) =>
    `${fmt(median(runs.map((r) => r.ms)), 1)} ms (CPU ${fmt(median(runs.map((r) => r.cpuMs)), 1)} ms)`;
  console.log(
    `SLA clocks, ${n.toLocaleString('en')} open requests × 3 clocks: warm ${figure(warm)}, fresh calendar ${figure(fresh)} ` +
      `(medians of ${rounds}); first pass ${figure([first])}; ${first.breached} resolution clocks breached`,
  );
}
