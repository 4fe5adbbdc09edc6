import { z } from 'zod';
import { ZTimestamp } from './common';

// ── SLA clocks (R-EMER-2, R-EMER-8, R-EMER-9) ──

export const SLA_CLOCK_KINDS = ['response', 'arrival', 'resolution'] as const;
export type TSlaClockKind = (typeof SLA_CLOCK_KINDS)[number];
export const SLA_CLOCK_KIND_LABELS: Record<TSlaClockKind, { zh: string; en: string }> = {
  response: { zh: '响应', en: 'Response' },
  arrival: { zh: '到场', en: 'Arrival' },
  resolution: { zh: '解决', en: 'Resolution' },
};

export const SLA_CLOCK_STATES = ['running', 'paused', 'met', 'at_risk', 'breached'] as const;
export const ZSlaClockState = z.enum(SLA_CLOCK_STATES);
export type TSlaClockState = z.infer<typeof ZSlaClockState>;
export const SLA_CLOCK_STATE_LABELS: Record<TSlaClockState, { zh: string; en: string }> = {
  running: { zh: '计时中', en: 'Running' },
  paused: { zh: '已暂停', en: 'Paused' },
  met: { zh: '已达成', en: 'Met' },
  at_risk: { zh: '即将超时', en: 'At risk' },
  breached: { zh: '已超时', en: 'Breached' },
};

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
/** The standing in words: the clock states' words (`ok` reads as a running clock). */
export const SLA_STATUS_LABELS: Record<TSlaStatus, { zh: string; en: string }> = {
  ok: SLA_CLOCK_STATE_LABELS.running,
  at_risk: SLA_CLOCK_STATE_LABELS.at_risk,
  breached: SLA_CLOCK_STATE_LABELS.breached,
};
