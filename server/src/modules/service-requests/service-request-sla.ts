import type { TServiceCommitments } from '@contract/contracts';
import { isSlaPausingState, type TServiceRequestState } from '@contract/service-request-workflow';
import { SLA_CLOCK_KINDS, type TSlaClockDto, type TSlaClockKind } from '@contract/sla';
import type { TCalendarSpec } from '../calendar/working-calendar';
import { computeSlaClocks, type TSlaClocks } from '../sla/sla-clock';
import { coverageWindowOf } from './coverage-window';

export interface SlaSubject {
  state: string;
  created_at: string;
  issued_at: string | null;
  responded_at: string | null;
  arrived_at: string | null;
  resolved_at: string | null;
}

export interface SlaPauseSpan {
  state: string;
  started_at: string;
  ended_at: string | null;
}

/** What the clocks read of a contract's commitments: its coverage window and the three targets. */
export type SlaCommitments = Pick<TServiceCommitments, 'coverage' | 'responseHours' | 'arrivalHours' | 'resolutionHours'>;

/** The SLA part of a contract's commitment columns (the sweep reads only these). */
export function slaCommitmentsOf(c: {
  coverage_kind: string;
  coverage_days: string;
  coverage_start_hour: number;
  coverage_end_hour: number;
  response_hours: number | null;
  arrival_hours: number | null;
  resolution_hours: number | null;
}): SlaCommitments {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    coverage: {
      kind: c.coverage_kind as TServiceCommitments['coverage']['kind'],
      days: c.coverage_days === '' ? [] : c.coverage_days.split(',').map(Number),
      startHour: c.coverage_start_hour,
      endHour: c.coverage_end_hour,
    },
    responseHours: num(c.response_hours),
    arrivalHours: num(c.arrival_hours),
    resolutionHours: num(c.resolution_hours),
  };
}

/**
 * The clocks of one request from its contract's commitments: they start when it is issued (an
 * urgent phone dispatch: when it was recorded), count covered time of the contract's window,
 * and stop while it waits for the customer. Null for a cancelled request or one without contract.
 * `calendar`: the company calendar from the holiday table (`loadCalendarSpec`).
 */
export function slaClocksOf(
  r: SlaSubject,
  commitments: SlaCommitments | null,
  pauses: readonly SlaPauseSpan[],
  now: Date,
  calendar: TCalendarSpec,
  warnShare?: number,
): TSlaClocks | null {
  if (!commitments || r.state === 'cancelled') return null;
  const d = (s: string | null) => (s === null ? null : new Date(s));
  return computeSlaClocks({
    startedAt: new Date(r.issued_at ?? r.created_at),
    targets: {
      responseHours: commitments.responseHours,
      arrivalHours: commitments.arrivalHours,
      resolutionHours: commitments.resolutionHours,
    },
    window: coverageWindowOf(commitments.coverage),
    calendar,
    pauses: pauses
      .filter((p) => isSlaPausingState(p.state as TServiceRequestState))
      .map((p) => ({ from: new Date(p.started_at), to: d(p.ended_at) })),
    respondedAt: d(r.responded_at),
    arrivedAt: d(r.arrived_at),
    resolvedAt: d(r.resolved_at),
    warnShare,
    now,
  });
}

export function toSlaDto(clocks: TSlaClocks | null): Record<TSlaClockKind, TSlaClockDto | null> {
  const out = { response: null, arrival: null, resolution: null } as Record<TSlaClockKind, TSlaClockDto | null>;
  if (!clocks) return out;
  for (const k of SLA_CLOCK_KINDS) {
    const c = clocks[k];
    out[k] = c && {
      dueAt: c.dueAt.toISOString(),
      warnAt: c.warnAt.toISOString(),
      elapsedMinutes: Math.round(c.elapsedMinutes * 100) / 100,
      remainingMinutes: Math.round(c.remainingMinutes * 100) / 100,
      state: c.state,
    };
  }
  return out;
}

/** The worst standing of the clocks: what the list filters on. */
export function slaStatusOf(clocks: TSlaClocks | null): 'ok' | 'at_risk' | 'breached' | null {
  if (!clocks) return null;
  const states = SLA_CLOCK_KINDS.map((k) => clocks[k]?.state).filter(Boolean);
  if (states.length === 0) return null;
  if (states.includes('breached')) return 'breached';
  if (states.includes('at_risk')) return 'at_risk';
  return 'ok';
}

/**
 * The next instant at which the clocks' standing can change by time alone: the earliest warning
 * instant of a running clock and breach instant (just past the due time) of an at-risk one. Null
 * when no clock runs (stopped, paused, breached, or no targets): then only a change to the request,
 * its contract or the calendar moves anything, and those make it due at once. The SLA sweep reads
 * a request again only when this time has passed.
 */
export function nextSlaCheckOf(clocks: TSlaClocks | null): Date | null {
  if (!clocks) return null;
  let next = Number.POSITIVE_INFINITY;
  for (const k of SLA_CLOCK_KINDS) {
    const c = clocks[k];
    if (c?.state === 'running') next = Math.min(next, c.warnAt.getTime());
    else if (c?.state === 'at_risk') next = Math.min(next, c.dueAt.getTime() + 1);
  }
  return Number.isFinite(next) ? new Date(next) : null;
}
