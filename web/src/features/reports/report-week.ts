import { addDays, weekStartOf } from '@contract/reports';
import { todayIn } from '@contract/zoned-time';
import { getCompanyTimeZone } from '../../ui/company-time';

/** Today in the company's zone, and the Monday of its week. */
export function companyToday(): string {
  return todayIn(getCompanyTimeZone());
}
export function thisWeek(): string {
  return weekStartOf(companyToday());
}
export function shiftWeek(week: string, by: number): string {
  return addDays(weekStartOf(week), by * 7);
}
