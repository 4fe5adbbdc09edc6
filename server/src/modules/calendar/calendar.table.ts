export interface HolidayYearTable {
  year: number;
  /** JSON `{ holidays, makeUpWorkdays }` as in ZHolidayYear. */
  data: string;
  /** 1 or 0. */
  provisional: number;
  version: number;
  updated_at: string;
  /** The administrator's name; null for the seeded years. */
  updated_by: string | null;
}
