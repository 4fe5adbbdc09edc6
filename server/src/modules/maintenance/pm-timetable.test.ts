import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dayNumberOfIsoDate, isoWeekdayOf } from '@contract/zoned-time';
import { CHINA_HOLIDAY_YEARS, calendarSpecOf } from '../calendar/holidays';
import { isWorkingDay } from '../calendar/working-calendar';
import { naturalDates, plannedDates, RecurrenceError, reconcileVisits } from './pm-timetable';

const calendar = calendarSpecOf(CHINA_HOLIDAY_YEARS, 'Asia/Shanghai');
const YEAR_2026 = { periodStart: '2026-01-01', periodEnd: '2026-12-31' };
const weekday = (d: string) => isoWeekdayOf(dayNumberOfIsoDate(d));

describe('PM timetable dates (pure)', () => {
  it('R-PM-2 four visits a year are spread one a quarter, each on a working day', () => {
    const dates = plannedDates({ ...YEAR_2026, visitsPerYear: 4 }, calendar);
    assert.equal(dates.length, 4);
    assert.deepEqual(
      dates.map((d) => d.planned.slice(5, 7)),
      ['02', '05', '08', '11'],
    );
    for (const d of dates) assert.ok(isWorkingDay(d.planned, calendar), d.planned);
    // 2026-02-15 is in the Spring Festival: moved to the first working day after it.
    assert.deepEqual(dates[0], { natural: '2026-02-15', planned: '2026-02-24' });
  });

  it('R-PM-2 a visit whose natural date is a make-up workday (调休) stays on it; a Saturday that is not one moves to Monday', () => {
    const dates = plannedDates({ ...YEAR_2026, rrule: 'FREQ=MONTHLY;BYMONTHDAY=28' }, calendar);
    const feb = dates.find((d) => d.natural === '2026-02-28');
    assert.deepEqual(feb, { natural: '2026-02-28', planned: '2026-02-28' });
    assert.equal(weekday('2026-02-28'), 6);
    const mar = dates.find((d) => d.natural === '2026-03-28');
    assert.deepEqual(mar, { natural: '2026-03-28', planned: '2026-03-30' });
  });

  it('R-PM-2 "first Tuesday of each quarter" as an RRULE gives four Tuesdays', () => {
    const dates = plannedDates({ ...YEAR_2026, rrule: 'RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU' }, calendar);
    assert.deepEqual(
      dates.map((d) => d.natural),
      ['2026-01-06', '2026-04-07', '2026-07-07', '2026-10-06'],
    );
    // 2026-10-06 is in the National Day holiday: moved to 10-08.
    assert.equal(dates[3].planned, '2026-10-08');
  });

  it('R-PM-2 generation never puts a visit on a weekend or public holiday (any recurrence, 2026 calendar)', () => {
    const rules = fc.oneof(
      fc.integer({ min: 1, max: 52 }).map((n) => ({ visitsPerYear: n })),
      fc.integer({ min: 1, max: 28 }).map((d) => ({ rrule: `FREQ=MONTHLY;BYMONTHDAY=${d}` })),
      fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU').map((d) => ({ rrule: `FREQ=WEEKLY;INTERVAL=2;BYDAY=${d}` })),
      fc.integer({ min: 1, max: 4 }).map((n) => ({ rrule: `FREQ=MONTHLY;INTERVAL=3;BYDAY=${n}SA` })),
    );
    fc.assert(
      fc.property(rules, (r) => {
        for (const d of plannedDates({ ...YEAR_2026, ...r }, calendar)) {
          if (calendar.holidays.has(d.planned)) return false;
          if (weekday(d.planned) > 5 && !calendar.makeUpWorkdays.has(d.planned)) return false;
          if (isWorkingDay(d.natural, calendar) && d.planned !== d.natural) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('a recurrence that gives no visit in the period is refused', () => {
    assert.throws(
      () => naturalDates({ ...YEAR_2026, rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' }),
      (e) => e instanceof RecurrenceError && e.problem === 'empty',
    );
    assert.throws(
      () => naturalDates({ ...YEAR_2026, rrule: 'FREQ=SOMETIMES' }),
      (e) => e instanceof RecurrenceError && e.problem === 'invalid',
    );
  });

  it('R-PM-2 regeneration keeps agreed and done visits, reuses open ones, cancels the surplus', () => {
    const fresh = [
      { natural: '2026-03-02', planned: '2026-03-02' },
      { natural: '2026-09-01', planned: '2026-09-01' },
    ];
    const r = reconcileVisits(
      [
        { id: 1, state: 'done', plannedDate: '2026-02-20' },
        { id: 2, state: 'planned', plannedDate: '2026-05-15' },
        { id: 3, state: 'planned', plannedDate: '2026-08-14' },
        { id: 4, state: 'agreeing', plannedDate: '2026-11-13' },
      ],
      fresh,
    );
    assert.deepEqual(r, { update: [{ id: 2, date: fresh[1] }], insert: [], cancel: [3, 4] });
  });
});
