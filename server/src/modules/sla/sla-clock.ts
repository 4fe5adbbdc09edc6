/**
 * SLA clocks of a service request (R-EMER-2 arrival, R-EMER-8/9 resolution and escalation):
 * response, arrival and resolution, each counting covered time of the contract's window in
 * the company's calendar, stopped while the request waits for the customer. Pure: `now` is
 * an input, nothing is read or written.
 */
import type { TSlaClockKind, TSlaClockState } from '@contract/sla';
import type { TCoverageWindow } from '@contract/working-calendar';
import { type CoverageTable, type TCalendarSpec, coverageTableFor } from '../calendar/working-calendar';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

/** Share of the target after which a running clock is at risk (R-EMER-9: call the manager in time). */
export const DEFAULT_WARN_SHARE = 0.8;

export interface TSlaTargets {
  responseHours: number | null;
  arrivalHours: number | null;
  resolutionHours: number | null;
}

/** A wait for the customer; `to` null while it lasts. */
export interface TSlaPause {
  from: Date;
  to: Date | null;
}

export interface TSlaInput {
  /** When the clocks start (the call or the request); outside the window they start at its next opening. */
  startedAt: Date;
  targets: TSlaTargets;
  window: TCoverageWindow;
  calendar: TCalendarSpec;
  pauses: readonly TSlaPause[];
  respondedAt: Date | null;
  arrivedAt: Date | null;
  resolvedAt: Date | null;
  /** 0 < share < 1; default 0.8. */
  warnShare?: number;
  now: Date;
}

export interface TSlaClock {
  /** When the target is reached. While paused: when it would be, were the request resumed now. */
  dueAt: Date;
  /** When the clock turns at risk. */
  warnAt: Date;
  /** Covered, unpaused minutes from the start to now (or to when the clock stopped). */
  elapsedMinutes: number;
  /** Target minus elapsed: negative once overdue. */
  remainingMinutes: number;
  state: TSlaClockState;
}

export type TSlaClocks = Record<TSlaClockKind, TSlaClock | null>;

/** Pauses as sorted, merged [from, to) instants; an open pause ends at +∞. */
type TPauseSpans = readonly (readonly [number, number])[];

function pauseSpansOf(pauses: readonly TSlaPause[], startMs: number): TPauseSpans {
  if (pauses.length === 0) return [];
  const spans = pauses
    .map((p): [number, number] => [Math.max(p.from.getTime(), startMs), p.to === null ? Number.POSITIVE_INFINITY : p.to.getTime()])
    .filter(([f, t]) => t > f)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push(s);
  }
  return merged;
}

/**
 * The earliest instant at which `targetMs` of covered, unpaused time has passed since
 * `startMs`. An open pause is taken to end at `nowMs` (a projection: "if resumed now").
 */
function instantAfterEffective(table: CoverageTable, startMs: number, targetMs: number, spans: TPauseSpans, nowMs: number): number {
  let cursor = startMs;
  let remaining = targetMs;
  for (const [from, to] of spans) {
    if (to <= cursor) continue;
    const candidate = table.addCovered(cursor, remaining);
    if (candidate <= from) return candidate;
    remaining -= table.coveredBetween(cursor, from);
    cursor = Number.isFinite(to) ? to : Math.max(from, nowMs);
  }
  return table.addCovered(cursor, remaining);
}

/** Covered, unpaused time in [startMs, untilMs). */
function effectiveBetween(table: CoverageTable, startMs: number, untilMs: number, spans: TPauseSpans): number {
  if (untilMs <= startMs) return 0;
  let ms = table.coveredBetween(startMs, untilMs);
  for (const [from, to] of spans) {
    if (from >= untilMs) break;
    ms -= table.coveredBetween(from, Math.min(to, untilMs));
  }
  return ms;
}

function isPausedAt(spans: TPauseSpans, ms: number): boolean {
  return spans.some(([from, to]) => from <= ms && ms < to);
}

interface TClockContext {
  table: CoverageTable;
  startMs: number;
  spans: TPauseSpans;
  nowMs: number;
  warnShare: number;
}

function clockOf(c: TClockContext, targetHours: number | null, stoppedAt: Date | null): TSlaClock | null {
  if (targetHours === null) return null;
  const targetMs = Math.round(targetHours * MS_PER_HOUR);
  const dueMs = instantAfterEffective(c.table, c.startMs, targetMs, c.spans, c.nowMs);
  const warnMs = instantAfterEffective(c.table, c.startMs, Math.round(targetMs * c.warnShare), c.spans, c.nowMs);
  const stoppedMs = stoppedAt === null ? null : stoppedAt.getTime();
  const elapsedMs = effectiveBetween(c.table, c.startMs, stoppedMs ?? c.nowMs, c.spans);
  let state: TSlaClockState;
  if (stoppedMs !== null) state = stoppedMs <= dueMs ? 'met' : 'breached';
  else if (c.nowMs > dueMs) state = 'breached';
  else if (isPausedAt(c.spans, c.nowMs)) state = 'paused';
  else if (c.nowMs >= warnMs) state = 'at_risk';
  else state = 'running';
  return {
    dueAt: new Date(dueMs),
    warnAt: new Date(warnMs),
    elapsedMinutes: elapsedMs / MS_PER_MINUTE,
    remainingMinutes: (targetMs - elapsedMs) / MS_PER_MINUTE,
    state,
  };
}

/** The three clocks of one request; a clock whose contract sets no target is null. */
export function computeSlaClocks(input: TSlaInput): TSlaClocks {
  const warnShare = input.warnShare ?? DEFAULT_WARN_SHARE;
  if (!(warnShare > 0 && warnShare < 1)) throw new RangeError(`warn share must be between 0 and 1, got ${warnShare}`);
  const startMs = input.startedAt.getTime();
  const c: TClockContext = {
    table: coverageTableFor(input.window, input.calendar),
    startMs,
    spans: pauseSpansOf(input.pauses, startMs),
    nowMs: input.now.getTime(),
    warnShare,
  };
  return {
    response: clockOf(c, input.targets.responseHours, input.respondedAt),
    arrival: clockOf(c, input.targets.arrivalHours, input.arrivedAt),
    resolution: clockOf(c, input.targets.resolutionHours, input.resolvedAt),
  };
}
