/**
 * Run by sla-clock.test.ts in child processes under different TZ settings: prints the
 * process's own UTC offset and a set of due times, which must not depend on it.
 */
import type { TCoverageWindow } from '@contract/working-calendar';
import { calendarSpecOf } from '../calendar/holidays';
import { addCoveredMinutes, addWorkingDays, coveredMinutesBetween, isWorkingDay } from '../calendar/working-calendar';
import { computeSlaClocks } from './sla-clock';

const calendar = calendarSpecOf();
const windows: TCoverageWindow[] = [{ kind: '5x8' }, { kind: '5x8', start: '08:30', end: '17:30' }, { kind: '7x24' }];
const starts = [
  '2026-03-06T08:00:00Z',
  '2026-03-06T11:30:00Z',
  '2026-03-07T23:00:00Z',
  '2026-09-30T07:00:00Z',
  '2026-10-09T08:00:00Z',
  '2026-11-01T05:30:00Z',
];

const results = starts.flatMap((s) =>
  windows.map((window) => {
    const start = new Date(s);
    const clocks = computeSlaClocks({
      startedAt: start,
      targets: { responseHours: 4, arrivalHours: 8, resolutionHours: 24 },
      window,
      calendar,
      pauses: [{ from: new Date(start.getTime() + 3_600_000), to: new Date(start.getTime() + 5 * 3_600_000) }],
      respondedAt: new Date(start.getTime() + 2 * 3_600_000),
      arrivedAt: null,
      resolvedAt: null,
      now: new Date(start.getTime() + 30 * 3_600_000),
    });
    return {
      start: s,
      window: window.kind,
      due4h: addCoveredMinutes(start, 240, window, calendar).toISOString(),
      coveredDay: coveredMinutesBetween(start, new Date(start.getTime() + 86_400_000), window, calendar),
      nextWorkingDay: addWorkingDays(start, 1, calendar).toISOString(),
      workingDay: isWorkingDay(start, calendar),
      clocks: JSON.parse(JSON.stringify(clocks)),
    };
  }),
);

process.stdout.write(`${JSON.stringify({ processOffsetMinutes: new Date('2026-07-01T00:00:00Z').getTimezoneOffset(), results })}\n`);
