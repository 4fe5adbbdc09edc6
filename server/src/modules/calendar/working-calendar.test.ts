import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZHolidayYear, type TCoverageWindow } from '@contract/working-calendar';
import fc from 'fast-check';
import { CHINA_HOLIDAY_YEARS, calendarSpecOf, problemsOfHolidayYear } from './holidays';
import {
  addCoveredMinutes,
  addWorkingDays,
  coveredMinutesBetween,
  isWorkingDay,
  localDateOf,
  nextCoveredInstant,
  type TCalendarSpec,
} from './working-calendar';

const cn = calendarSpecOf();
const ny = calendarSpecOf(CHINA_HOLIDAY_YEARS, 'America/New_York');
const FIVE_BY_EIGHT: TCoverageWindow = { kind: '5x8' };
const SEVEN_BY_24: TCoverageWindow = { kind: '7x24' };
/** Wall-clock time in Shanghai. */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('working calendar', () => {
  it('R-EMER-8 a 4-hour 5×8 response across a weekend: Friday 16:00 → Monday 12:00', () => {
    assert.deepEqual(addCoveredMinutes(sh('2026-03-06T16:00'), 240, FIVE_BY_EIGHT, cn), sh('2026-03-09T12:00'));
    assert.equal(coveredMinutesBetween(sh('2026-03-06T16:00'), sh('2026-03-09T12:00'), FIVE_BY_EIGHT, cn), 240);
  });

  it('R-EMER-8 across National Day 2026, with the make-up Sunday Sep 20 and Saturday Oct 10 counted as working days', () => {
    // Wed Sep 30 16:00: one hour, then Oct 1–7 off, then three hours on Thu Oct 8.
    assert.deepEqual(addCoveredMinutes(sh('2026-09-30T16:00'), 240, FIVE_BY_EIGHT, cn), sh('2026-10-08T12:00'));
    // Fri Oct 9 16:00: one hour, then the make-up Saturday.
    assert.deepEqual(addCoveredMinutes(sh('2026-10-09T16:00'), 240, FIVE_BY_EIGHT, cn), sh('2026-10-10T12:00'));
    // Sat Sep 19 (a plain weekend day) → the make-up Sunday Sep 20.
    assert.deepEqual(addCoveredMinutes(sh('2026-09-19T10:00'), 240, FIVE_BY_EIGHT, cn), sh('2026-09-20T13:00'));
    assert.equal(isWorkingDay('2026-09-20', cn), true);
    assert.equal(isWorkingDay('2026-10-10', cn), true);
    assert.equal(isWorkingDay('2026-10-11', cn), false);
    for (let d = 1; d <= 7; d++) assert.equal(isWorkingDay(`2026-10-0${d}`, cn), false);
  });

  it('R-EMER-8 a 5×8 contract called on Friday evening starts counting on Monday 09:00', () => {
    const call = sh('2026-03-06T19:30');
    assert.deepEqual(nextCoveredInstant(call, FIVE_BY_EIGHT, cn), sh('2026-03-09T09:00'));
    assert.deepEqual(addCoveredMinutes(call, 240, FIVE_BY_EIGHT, cn), sh('2026-03-09T13:00'));
    assert.equal(coveredMinutesBetween(call, sh('2026-03-09T08:59'), FIVE_BY_EIGHT, cn), 0);
  });

  it('R-EMER-8 7×24 across a holiday counts every minute', () => {
    assert.equal(coveredMinutesBetween(sh('2026-09-30T16:00'), sh('2026-10-08T16:00'), SEVEN_BY_24, cn), 8 * 24 * 60);
    assert.deepEqual(addCoveredMinutes(sh('2026-10-01T02:00'), 240, SEVEN_BY_24, cn), sh('2026-10-01T06:00'));
  });

  it('R-EMER-8 5×8 hours are a parameter (08:30–17:30); a window ending exactly on the due time is due then', () => {
    const w: TCoverageWindow = { kind: '5x8', start: '08:30', end: '17:30' };
    assert.deepEqual(addCoveredMinutes(sh('2026-03-06T16:00'), 240, w, cn), sh('2026-03-09T11:00'));
    assert.deepEqual(addCoveredMinutes(sh('2026-03-06T13:00'), 240, FIVE_BY_EIGHT, cn), sh('2026-03-06T17:00'));
    assert.equal(coveredMinutesBetween(sh('2026-03-02T00:00'), sh('2026-03-09T00:00'), w, cn), 5 * 9 * 60);
  });

  it('R-EMER-8 custom windows: holidays skipped and make-up days covered, unless the window covers holidays', () => {
    const sixDays: TCoverageWindow = { kind: 'custom', days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' };
    const everyDay: TCoverageWindow = { kind: 'custom', days: [1, 2, 3, 4, 5, 6, 7], start: '08:00', end: '20:00', coversHolidays: true };
    // Sat Oct 3 is a holiday: not covered by the 6-day window; Sat Oct 10 (make-up) and Sun Sep 20 (make-up) are.
    assert.equal(coveredMinutesBetween(sh('2026-10-03T00:00'), sh('2026-10-04T00:00'), sixDays, cn), 0);
    assert.equal(coveredMinutesBetween(sh('2026-09-20T00:00'), sh('2026-09-21T00:00'), sixDays, cn), 720);
    assert.equal(coveredMinutesBetween(sh('2026-10-01T00:00'), sh('2026-10-08T00:00'), everyDay, cn), 7 * 720);
    // An ordinary Sunday is outside the 6-day window.
    assert.equal(coveredMinutesBetween(sh('2026-03-08T00:00'), sh('2026-03-09T00:00'), sixDays, cn), 0);
  });

  it('R-INST-10 working days: follow-up due the next working day skips weekends and holidays and counts make-up days', () => {
    assert.deepEqual(addWorkingDays(sh('2026-03-06T15:00'), 1, cn), sh('2026-03-09T15:00'));
    assert.deepEqual(addWorkingDays(sh('2026-03-07T15:00'), 1, cn), sh('2026-03-09T15:00'));
    assert.deepEqual(addWorkingDays(sh('2026-09-30T10:00'), 1, cn), sh('2026-10-08T10:00'));
    assert.deepEqual(addWorkingDays(sh('2026-10-09T10:00'), 1, cn), sh('2026-10-10T10:00'));
    assert.deepEqual(addWorkingDays(sh('2026-10-08T10:00'), -1, cn), sh('2026-09-30T10:00'));
    assert.deepEqual(addWorkingDays(sh('2026-02-13T10:00'), 2, cn), sh('2026-02-24T10:00'));
    assert.equal(isWorkingDay(sh('2026-02-14T23:59'), cn), true);
    assert.equal(isWorkingDay(new Date('2026-02-14T16:30:00Z'), cn), false, '00:30 on Sunday Feb 15 in Shanghai');
    assert.equal(localDateOf(new Date('2026-02-14T16:30:00Z'), 'Asia/Shanghai'), '2026-02-15');
  });

  it('R-EMER-8 2026 holidays as published; 2027 provisional; the data is valid and shaped as stored', () => {
    for (const y of CHINA_HOLIDAY_YEARS) {
      assert.deepEqual(problemsOfHolidayYear(y), [], String(y.year));
      assert.deepEqual(ZHolidayYear.parse(y), y);
    }
    assert.deepEqual(
      CHINA_HOLIDAY_YEARS.map((y) => [y.year, y.provisional]),
      [
        [2026, false],
        [2027, true],
      ],
    );
    for (const d of [
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-23',
      '2026-04-06',
      '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-07',
    ])
      assert.equal(isWorkingDay(d, cn), false, d);
    for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10', '2026-02-24'])
      assert.equal(isWorkingDay(d, cn), true, d);
    for (const d of ['2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-07']) assert.equal(isWorkingDay(d, cn), false, d);
    assert.deepEqual(
      problemsOfHolidayYear({
        year: 2026,
        provisional: false,
        holidays: [],
        makeUpWorkdays: [{ date: '2025-12-28', nameZh: '元旦', nameEn: 'x' }],
      }),
      ['make-up workday 2025-12-28 is not within 2026'],
    );
  });

  it('R-EMER-8 in a DST zone the window follows the wall clock and 7×24 counts the real minutes', () => {
    const est = (local: string) => new Date(`${local}-05:00`);
    const edt = (local: string) => new Date(`${local}-04:00`);
    // Clocks go forward on Sunday 2026-03-08: that day has 23 hours.
    assert.equal(coveredMinutesBetween(est('2026-03-08T00:00'), edt('2026-03-09T00:00'), SEVEN_BY_24, ny), 23 * 60);
    const allDay: TCoverageWindow = { kind: 'custom', days: [7], start: '00:00', end: '24:00', coversHolidays: true };
    assert.equal(coveredMinutesBetween(est('2026-03-08T00:00'), edt('2026-03-09T00:00'), allDay, ny), 23 * 60);
    // Friday 16:00 EST + 4 h of 5×8 → Monday 12:00 EDT.
    assert.deepEqual(addCoveredMinutes(est('2026-03-06T16:00'), 240, FIVE_BY_EIGHT, ny), edt('2026-03-09T12:00'));
    // Clocks go back on 2026-11-01: 25 hours.
    assert.equal(coveredMinutesBetween(edt('2026-11-01T00:00'), est('2026-11-02T00:00'), allDay, ny), 25 * 60);
  });
});

// ── Properties ──

const WINDOWS: TCoverageWindow[] = [
  FIVE_BY_EIGHT,
  { kind: '5x8', start: '08:30', end: '17:30' },
  SEVEN_BY_24,
  { kind: 'custom', days: [1, 3, 6], start: '07:15', end: '22:45' },
  { kind: 'custom', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00', coversHolidays: true },
];
const CALENDARS: TCalendarSpec[] = [cn, ny, calendarSpecOf(CHINA_HOLIDAY_YEARS, 'Australia/Lord_Howe')];

const arbInstant = fc
  .integer({ min: Date.parse('2025-12-01T00:00:00Z'), max: Date.parse('2027-11-30T00:00:00Z') })
  .map((ms) => new Date(ms));
const arbWindow = fc.constantFrom(...WINDOWS);
const arbCalendar = fc.constantFrom(...CALENDARS);
const arbMinutes = fc.integer({ min: 0, max: 20_000 });

describe('working calendar properties', () => {
  it('R-EMER-8 addCoveredMinutes is monotonic in the start and in the minutes', () => {
    fc.assert(
      fc.property(arbCalendar, arbWindow, arbInstant, arbInstant, arbMinutes, arbMinutes, (cal, w, a, b, m1, m2) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        assert.ok(addCoveredMinutes(early, m1, w, cal) <= addCoveredMinutes(late, m1, w, cal));
        const [few, many] = m1 <= m2 ? [m1, m2] : [m2, m1];
        assert.ok(addCoveredMinutes(a, few, w, cal) <= addCoveredMinutes(a, many, w, cal));
        assert.ok(addCoveredMinutes(a, m1, w, cal) >= a);
      }),
      { numRuns: 400 },
    );
  });

  it('R-EMER-8 coveredMinutesBetween(a, addCoveredMinutes(a, m)) === m', () => {
    fc.assert(
      fc.property(arbCalendar, arbWindow, arbInstant, arbMinutes, (cal, w, a, m) => {
        assert.equal(coveredMinutesBetween(a, addCoveredMinutes(a, m, w, cal), w, cal), m);
      }),
      { numRuns: 600 },
    );
  });

  it('R-EMER-8 covered minutes add up over a split and never exceed the wall-clock minutes', () => {
    fc.assert(
      fc.property(arbCalendar, arbWindow, arbInstant, arbInstant, arbInstant, (cal, w, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime());
        const ab = coveredMinutesBetween(a, b, w, cal);
        const bc = coveredMinutesBetween(b, c, w, cal);
        assert.ok(Math.abs(ab + bc - coveredMinutesBetween(a, c, w, cal)) < 1e-6);
        assert.ok(ab >= 0 && ab <= (b.getTime() - a.getTime()) / 60_000 + 1e-9);
      }),
      { numRuns: 400 },
    );
  });

  it('R-EMER-8 results do not depend on what the per-calendar cache has already computed', () => {
    fc.assert(
      fc.property(arbCalendar, arbWindow, arbInstant, arbInstant, arbMinutes, (cal, w, a, b, m) => {
        const fresh = calendarSpecOf(CHINA_HOLIDAY_YEARS, cal.timeZone);
        assert.equal(coveredMinutesBetween(a, b, w, fresh), coveredMinutesBetween(a, b, w, cal));
        assert.deepEqual(addCoveredMinutes(b, m, w, fresh), addCoveredMinutes(b, m, w, cal));
      }),
      { numRuns: 300 },
    );
  });

  it('R-EMER-8 7×24 equals plain minutes, holidays and DST included', () => {
    fc.assert(
      fc.property(arbCalendar, arbInstant, arbInstant, arbMinutes, (cal, a, b, m) => {
        assert.equal(coveredMinutesBetween(a, b, SEVEN_BY_24, cal), (b.getTime() - a.getTime()) / 60_000);
        assert.equal(addCoveredMinutes(a, m, SEVEN_BY_24, cal).getTime(), a.getTime() + m * 60_000);
        const allDays: TCoverageWindow = {
          kind: 'custom',
          days: [1, 2, 3, 4, 5, 6, 7],
          start: '00:00',
          end: '24:00',
          coversHolidays: true,
        };
        assert.equal(coveredMinutesBetween(a, b, allDays, cal), (b.getTime() - a.getTime()) / 60_000);
      }),
      { numRuns: 400 },
    );
  });
});
