import type { TCoverage } from '@contract/contracts';
import type { TCoverageWindow } from '@contract/working-calendar';

const hhmm = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * A contract's coverage (whole hours, `ZCoverage`) as the working calendar's window: the one
 * place the two shapes meet. 5×8 keeps its hours; a custom window over all seven days runs
 * through public holidays (a 7×12 promise is every day), otherwise holidays are off.
 */
export function coverageWindowOf(c: TCoverage): TCoverageWindow {
  switch (c.kind) {
    case '7x24':
      return { kind: '7x24' };
    case '5x8':
      return { kind: '5x8', start: hhmm(c.startHour), end: hhmm(c.endHour) };
    case 'custom':
      if (c.days.length === 7 && c.startHour === 0 && c.endHour === 24) return { kind: '7x24' };
      return { kind: 'custom', days: [...c.days], start: hhmm(c.startHour), end: hhmm(c.endHour), coversHolidays: c.days.length === 7 };
  }
}
