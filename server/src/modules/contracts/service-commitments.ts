import { RULE_ISSUES } from '@contract/validation-messages';
import {
  COVERAGE_PRESETS,
  defaultRemoteOnly,
  ONSITE_KINDS,
  type TCoverage,
  type TCoverageInput,
  type TServiceCommitments,
  type TServiceCommitmentsInput,
  type TServiceKind,
} from '@contract/contracts';
import { AppError, fieldError, issue } from '../../app-error';
import type { ContractTable } from './contracts.table';

/** A coverage window as stored and sent: presets expanded to their days and hours. */
export function expandCoverage(c: TCoverageInput): TCoverage {
  if (c.kind === 'custom')
    return { kind: 'custom', days: [...new Set(c.days)].sort((a, b) => a - b), startHour: c.startHour, endHour: c.endHour };
  const preset = COVERAGE_PRESETS[c.kind];
  return { kind: c.kind, days: [...preset.days], startHour: preset.startHour, endHour: preset.endHour };
}

/**
 * The commitments after applying `input` to `current` (null on create): a field sent
 * replaces, a field left out keeps its value (or default). `remoteOnly` defaults from the
 * service kinds (R-SCOPE-2), and follows them when they change unless it is sent. A
 * warranty given as start + months gets its end computed.
 */
export function resolveCommitments(
  input: TServiceCommitmentsInput,
  current: TServiceCommitments | null,
  kinds: readonly TServiceKind[],
  kindsChanged: boolean,
  pathOf: (field: string) => string,
): TServiceCommitments {
  const pick = <K extends keyof TServiceCommitmentsInput & keyof TServiceCommitments>(k: K) =>
    (input[k] !== undefined ? input[k] : (current?.[k] ?? null)) as Exclude<TServiceCommitments[K], undefined> | null;
  const warrantyStart = pick('warrantyStart');
  const warrantyMonths = pick('warrantyMonths');
  let warrantyEnd = pick('warrantyEnd');
  if (warrantyEnd === null && warrantyStart && warrantyMonths) warrantyEnd = warrantyEndOf(warrantyStart, warrantyMonths);
  if (warrantyStart && warrantyEnd && warrantyEnd < warrantyStart)
    throw fieldError(pathOf('warrantyEnd'), { zh: '不能早于保修开始日期', en: 'must not be before warrantyStart' });
  const remoteOnly = input.remoteOnly ?? (current && !kindsChanged ? current.remoteOnly : defaultRemoteOnly(kinds));
  if (remoteOnly && kinds.some((k) => ONSITE_KINDS.includes(k))) {
    throw new AppError('CONTRACT_REMOTE_ONLY_ONSITE', [issue(pathOf('remoteOnly'), RULE_ISSUES.remoteOnlyOnsite)]);
  }
  return {
    coverage: input.coverage ? expandCoverage(input.coverage) : (current?.coverage ?? expandCoverage({ kind: '5x8' })),
    responseHours: pick('responseHours'),
    arrivalHours: pick('arrivalHours'),
    resolutionHours: pick('resolutionHours'),
    pmVisitsPerYear: pick('pmVisitsPerYear'),
    onsiteVisitsIncluded: pick('onsiteVisitsIncluded'),
    trainingDays: pick('trainingDays'),
    trainingAttendees: pick('trainingAttendees'),
    warrantyMonths,
    warrantyStart,
    warrantyEnd,
    vendorExtraYears: pick('vendorExtraYears'),
    vendorScope: pick('vendorScope'),
    vendorRegion: pick('vendorRegion'),
    remoteOnly,
  };
}

/** The last day of a warranty of `months` months starting on `start` (2026-03-15 + 12 → 2027-03-14). */
export function warrantyEndOf(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number);
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  // Clamp to the target month's last day (01-31 + 1 month → 02-28), then step back a day.
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(year, month, Math.min(d, lastDay)));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

type CommitmentColumns = Pick<
  ContractTable,
  | 'coverage_kind'
  | 'coverage_days'
  | 'coverage_start_hour'
  | 'coverage_end_hour'
  | 'response_hours'
  | 'arrival_hours'
  | 'resolution_hours'
  | 'pm_visits_per_year'
  | 'onsite_visits_included'
  | 'training_days'
  | 'training_attendees'
  | 'warranty_months'
  | 'warranty_start'
  | 'warranty_end'
  | 'vendor_extra_years'
  | 'vendor_scope'
  | 'vendor_region'
  | 'remote_only'
>;

export function commitmentColumns(c: TServiceCommitments): CommitmentColumns {
  return {
    coverage_kind: c.coverage.kind,
    coverage_days: c.coverage.days.join(','),
    coverage_start_hour: c.coverage.startHour,
    coverage_end_hour: c.coverage.endHour,
    response_hours: c.responseHours,
    arrival_hours: c.arrivalHours,
    resolution_hours: c.resolutionHours,
    pm_visits_per_year: c.pmVisitsPerYear,
    onsite_visits_included: c.onsiteVisitsIncluded,
    training_days: c.trainingDays,
    training_attendees: c.trainingAttendees,
    warranty_months: c.warrantyMonths,
    warranty_start: c.warrantyStart,
    warranty_end: c.warrantyEnd,
    vendor_extra_years: c.vendorExtraYears,
    vendor_scope: c.vendorScope,
    vendor_region: c.vendorRegion,
    remote_only: c.remoteOnly ? 1 : 0,
  };
}

const num = (v: number | null) => (v === null ? null : Number(v));

export function toCommitments(r: CommitmentColumns): TServiceCommitments {
  return {
    coverage: {
      kind: r.coverage_kind as TCoverage['kind'],
      days: r.coverage_days === '' ? [] : r.coverage_days.split(',').map(Number),
      startHour: r.coverage_start_hour,
      endHour: r.coverage_end_hour,
    },
    responseHours: num(r.response_hours),
    arrivalHours: num(r.arrival_hours),
    resolutionHours: num(r.resolution_hours),
    pmVisitsPerYear: num(r.pm_visits_per_year),
    onsiteVisitsIncluded: num(r.onsite_visits_included),
    trainingDays: num(r.training_days),
    trainingAttendees: num(r.training_attendees),
    warrantyMonths: num(r.warranty_months),
    warrantyStart: r.warranty_start,
    warrantyEnd: r.warranty_end,
    vendorExtraYears: num(r.vendor_extra_years),
    vendorScope: r.vendor_scope,
    vendorRegion: r.vendor_region,
    remoteOnly: r.remote_only === 1,
  };
}
