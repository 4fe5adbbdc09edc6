import { z } from 'zod';
import { ZTimestamp } from './common';

// ── SLA clocks (R-EMER-2, R-EMER-8, R-EMER-9) ──

export { SLA_CLOCK_KINDS, type TSlaClockKind } from './service-request-states';

export const SLA_CLOCK_STATES = ['running', 'paused', 'met', 'at_risk', 'breached'] as const;
export const ZSlaClockState = z.enum(SLA_CLOCK_STATES);
export type TSlaClockState = z.infer<typeof ZSlaClockState>;

/** One SLA clock as the API sends it. `remainingMinutes` is negative once overdue. */
export const ZSlaClock = z.object({
  dueAt: ZTimestamp,
  warnAt: ZTimestamp,
  elapsedMinutes: z.number(),
  remainingMinutes: z.number(),
  state: ZSlaClockState,
});
export type TSlaClockDto = z.infer<typeof ZSlaClock>;

/** The SLA standing of a request as of the last sweep: what `?sla=` filters on. */
export const SLA_STATUSES = ['ok', 'at_risk', 'breached'] as const;
export type TSlaStatus = (typeof SLA_STATUSES)[number];
