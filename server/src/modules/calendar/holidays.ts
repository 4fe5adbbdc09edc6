/**
 * Chinese public holidays and make-up workdays (调休), one record per year in the shape a
 * `holiday_year` table holds (contract/working-calendar.ts). These are the shipped defaults;
 * administrators edit them per year.
 */
import type { THolidayYear } from '@contract/working-calendar';
import { DEFAULT_TIME_ZONE, type TCalendarSpec } from './working-calendar';
import { dayNumberOfIsoDate, isoDateOfDayNumber } from '@contract/zoned-time';

/** 国务院办公厅关于2026年部分节假日安排的通知. */
const YEAR_2026: THolidayYear = {
  year: 2026,
  provisional: false,
  holidays: [
    { nameZh: '元旦', nameEn: "New Year's Day", from: '2026-01-01', to: '2026-01-03' },
    { nameZh: '春节', nameEn: 'Spring Festival', from: '2026-02-15', to: '2026-02-23' },
    { nameZh: '清明节', nameEn: 'Qingming Festival', from: '2026-04-04', to: '2026-04-06' },
    { nameZh: '劳动节', nameEn: 'Labour Day', from: '2026-05-01', to: '2026-05-05' },
    { nameZh: '端午节', nameEn: 'Dragon Boat Festival', from: '2026-06-19', to: '2026-06-21' },
    { nameZh: '中秋节', nameEn: 'Mid-Autumn Festival', from: '2026-09-25', to: '2026-09-27' },
    { nameZh: '国庆节', nameEn: 'National Day', from: '2026-10-01', to: '2026-10-07' },
  ],
  makeUpWorkdays: [
    { date: '2026-01-04', nameZh: '元旦', nameEn: "New Year's Day" },
    { date: '2026-02-14', nameZh: '春节', nameEn: 'Spring Festival' },
    { date: '2026-02-28', nameZh: '春节', nameEn: 'Spring Festival' },
    { date: '2026-05-09', nameZh: '劳动节', nameEn: 'Labour Day' },
    { date: '2026-09-20', nameZh: '国庆节', nameEn: 'National Day' },
    { date: '2026-10-10', nameZh: '国庆节', nameEn: 'National Day' },
  ],
};

/**
 * Provisional: the State Council publishes each year's arrangement in the autumn before.
 * Festival dates are exact (春节 Feb 6, 清明 Apr 5, 端午 Jun 9, 中秋 Sep 15); the periods and
 * make-up days follow the usual pattern (statutory days since 2025: 春节 4, 劳动节 2, 国庆 3,
 * the others 1; weekends swapped to join them into 9 / 5 / 7-day breaks, as in 2021, whose
 * weekdays 2027 repeats). An administrator replaces this when the notice is published.
 */
const YEAR_2027: THolidayYear = {
  year: 2027,
  provisional: true,
  holidays: [
    { nameZh: '元旦', nameEn: "New Year's Day", from: '2027-01-01', to: '2027-01-03' },
    { nameZh: '春节', nameEn: 'Spring Festival', from: '2027-02-05', to: '2027-02-13' },
    { nameZh: '清明节', nameEn: 'Qingming Festival', from: '2027-04-03', to: '2027-04-05' },
    { nameZh: '劳动节', nameEn: 'Labour Day', from: '2027-05-01', to: '2027-05-05' },
    { nameZh: '端午节', nameEn: 'Dragon Boat Festival', from: '2027-06-09', to: '2027-06-09' },
    { nameZh: '中秋节', nameEn: 'Mid-Autumn Festival', from: '2027-09-15', to: '2027-09-15' },
    { nameZh: '国庆节', nameEn: 'National Day', from: '2027-10-01', to: '2027-10-07' },
  ],
  makeUpWorkdays: [
    { date: '2027-01-31', nameZh: '春节', nameEn: 'Spring Festival' },
    { date: '2027-02-14', nameZh: '春节', nameEn: 'Spring Festival' },
    { date: '2027-05-08', nameZh: '劳动节', nameEn: 'Labour Day' },
    { date: '2027-09-26', nameZh: '国庆节', nameEn: 'National Day' },
    { date: '2027-10-09', nameZh: '国庆节', nameEn: 'National Day' },
  ],
};

/** The shipped years: the seed data of the holiday table. */
export const CHINA_HOLIDAY_YEARS: readonly THolidayYear[] = [YEAR_2026, YEAR_2027];

/** Every date of a holiday period, `from` to `to` inclusive. */
export function datesOfPeriod(from: string, to: string): string[] {
  const first = dayNumberOfIsoDate(from);
  const last = dayNumberOfIsoDate(to);
  if (last < first) throw new RangeError(`holiday period ends before it starts: ${from}–${to}`);
  const dates: string[] = [];
  for (let d = first; d <= last; d++) dates.push(isoDateOfDayNumber(d));
  return dates;
}

/**
 * What is wrong with a year's data, if anything: periods or make-up days outside the year,
 * reversed periods, a make-up day that is also a holiday, overlapping periods.
 */
export function problemsOfHolidayYear(y: THolidayYear): string[] {
  const problems: string[] = [];
  const inYear = (date: string) => date.startsWith(`${y.year}-`);
  const taken = new Map<string, string>();
  for (const h of y.holidays) {
    if (!inYear(h.from) || !inYear(h.to)) problems.push(`${h.nameZh}: ${h.from}–${h.to} is not within ${y.year}`);
    if (h.to < h.from) {
      problems.push(`${h.nameZh}: ends before it starts`);
      continue;
    }
    for (const date of datesOfPeriod(h.from, h.to)) {
      const other = taken.get(date);
      if (other) problems.push(`${date} is in both ${other} and ${h.nameZh}`);
      taken.set(date, h.nameZh);
    }
  }
  for (const m of y.makeUpWorkdays) {
    if (!inYear(m.date)) problems.push(`make-up workday ${m.date} is not within ${y.year}`);
    if (taken.has(m.date)) problems.push(`make-up workday ${m.date} is also a holiday (${taken.get(m.date)})`);
  }
  return problems;
}

/** A calendar from holiday years (the shipped ones by default) in the company's time zone. */
export function calendarSpecOf(years: readonly THolidayYear[] = CHINA_HOLIDAY_YEARS, timeZone: string = DEFAULT_TIME_ZONE): TCalendarSpec {
  const holidays = new Set<string>();
  const makeUpWorkdays = new Set<string>();
  for (const y of years) {
    for (const h of y.holidays) for (const date of datesOfPeriod(h.from, h.to)) holidays.add(date);
    for (const m of y.makeUpWorkdays) makeUpWorkdays.add(m.date);
  }
  return { timeZone, holidays, makeUpWorkdays };
}
