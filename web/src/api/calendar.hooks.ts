import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { THolidayYearList, THolidayYearRecord, TPutHolidayYear } from '@contract/working-calendar';
import { apiFetch } from './client';

export const calendarKeys = {
  all: () => ['calendar'] as const,
  years: () => [...calendarKeys.all(), 'years'] as const,
};

/** Every year of the holiday table. */
export function useHolidayYears() {
  return useQuery({
    queryKey: calendarKeys.years(),
    queryFn: ({ signal }) => apiFetch<THolidayYearList>('/api/calendar/years', { signal }),
  });
}

/** Create or replace a year (`body.version` to replace). */
export function usePutHolidayYear() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: TPutHolidayYear }) =>
      apiFetch<THolidayYearRecord>(`/api/calendar/years/${year}`, { method: 'PUT', body }),
    onSettled: () => qc.invalidateQueries({ queryKey: calendarKeys.all() }),
  });
}
