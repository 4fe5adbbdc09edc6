import { createEvents, type EventAttributes } from 'ics';
import type { TTrainingPlanDetail } from '@contract/trainings';

/** The plan's sessions as an iCalendar file: one VEVENT per session, its UID stable, SEQUENCE bumped on change. */
export function trainingPlanIcs(p: TTrainingPlanDetail, timeZone: string): string {
  const events: EventAttributes[] = p.sessions.map((s) => {
    const start = new Date(s.startsAt);
    return {
      uid: s.uid,
      sequence: s.sequence,
      title: `${s.course} — ${p.customer.name}`,
      description: `${p.title}\n${s.trainer.name}\n${s.confirmedAttendees ?? s.expectedAttendees}`,
      location: s.place,
      start: start.getTime(),
      startInputType: 'utc',
      startOutputType: 'utc',
      duration: { minutes: Math.round(s.hours * 60) },
      status: s.state === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      organizer: { name: s.trainer.name },
      productId: 'fuwu/trainings',
    } as EventAttributes;
  });
  const { error, value } = createEvents(events, { method: 'REQUEST', calName: `${p.title} (${timeZone})` });
  if (error || !value) throw error ?? new Error('ics: no calendar');
  return value.replace('BEGIN:VEVENT', `X-WR-TIMEZONE:${timeZone}\r\nBEGIN:VEVENT`);
}
