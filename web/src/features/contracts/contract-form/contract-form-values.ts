import type { Dayjs } from 'dayjs';
import type {
  TContractStatus,
  TCoverageInput,
  TServiceCommitments,
  TServiceCommitmentsInput,
  TServiceKind,
  TStage,
} from '@contract/contracts';
import { yuanToFen } from '@contract/formats';
import type { TFieldPath } from '@contract/form-errors';
import { fromDay, toDay } from '../../../ui/dates';
import { blankToNull } from '../../../ui/zod-form';

/*
 * The contract form's values and their conversions to and from the API's shapes: the form
 * holds yuan, dayjs dates and a flattened coverage; the API takes fen, `YYYY-MM-DD` and a
 * coverage object.
 */

export interface ItemValues {
  description?: string;
  model?: string | null;
  quantity?: number | null;
  /** Yuan, two decimals; sent as fen. */
  unitPrice?: number | null;
}

export interface CommitmentValues {
  coverage: TCoverageInput['kind'];
  coverageDays?: number[];
  coverageStart?: number | null;
  coverageEnd?: number | null;
  responseHours?: number | null;
  arrivalHours?: number | null;
  resolutionHours?: number | null;
  pmVisitsPerYear?: number | null;
  onsiteVisitsIncluded?: number | null;
  trainingDays?: number | null;
  trainingAttendees?: number | null;
  warrantyMonths?: number | null;
  warrantyStart?: Dayjs | null;
  warrantyEnd?: Dayjs | null;
  vendorExtraYears?: number | null;
  vendorScope?: string | null;
  vendorRegion?: string | null;
  remoteOnly: boolean;
}

export interface ContractFormValues {
  number?: string | null;
  customerId?: number;
  serviceKinds: TServiceKind[];
  status: TContractStatus;
  stage?: TStage;
  signedAt?: Dayjs | null;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  salesOwnerId?: number | null;
  commerceContactId?: number | null;
  notes?: string | null;
  /** Yuan; empty means "the sum of the items". */
  totalAmount?: number | null;
  items: ItemValues[];
  commitments: CommitmentValues;
}

/** Where the server's issue paths land in this form (coverage is flattened into three fields). */
export function formPath(path: TFieldPath): TFieldPath | null {
  if (path[0] === 'commitments' && path[1] === 'coverage') {
    const sub = path[2];
    if (sub === 'days') return ['commitments', 'coverageDays'];
    if (sub === 'startHour') return ['commitments', 'coverageStart'];
    if (sub === 'endHour') return ['commitments', 'coverageEnd'];
    return ['commitments', 'coverage'];
  }
  return path;
}

export function commitmentValues(c: TServiceCommitments): CommitmentValues {
  return {
    coverage: c.coverage.kind,
    coverageDays: c.coverage.days,
    coverageStart: c.coverage.startHour,
    coverageEnd: c.coverage.endHour,
    responseHours: c.responseHours,
    arrivalHours: c.arrivalHours,
    resolutionHours: c.resolutionHours,
    pmVisitsPerYear: c.pmVisitsPerYear,
    onsiteVisitsIncluded: c.onsiteVisitsIncluded,
    trainingDays: c.trainingDays,
    trainingAttendees: c.trainingAttendees,
    warrantyMonths: c.warrantyMonths,
    warrantyStart: fromDay(c.warrantyStart),
    warrantyEnd: fromDay(c.warrantyEnd),
    vendorExtraYears: c.vendorExtraYears,
    vendorScope: c.vendorScope,
    vendorRegion: c.vendorRegion,
    remoteOnly: c.remoteOnly,
  };
}

export function commitmentsInput(v: CommitmentValues, sendRemoteOnly: boolean): TServiceCommitmentsInput {
  const coverage: TCoverageInput =
    v.coverage === 'custom'
      ? {
          kind: 'custom',
          days: [...(v.coverageDays ?? [])].sort((a, b) => a - b),
          startHour: v.coverageStart ?? 0,
          endHour: v.coverageEnd ?? 0,
        }
      : { kind: v.coverage };
  const num = (n: number | null | undefined) => (n === undefined || n === null ? null : n);
  return {
    coverage,
    responseHours: num(v.responseHours),
    arrivalHours: num(v.arrivalHours),
    resolutionHours: num(v.resolutionHours),
    pmVisitsPerYear: num(v.pmVisitsPerYear),
    onsiteVisitsIncluded: num(v.onsiteVisitsIncluded),
    trainingDays: num(v.trainingDays),
    trainingAttendees: num(v.trainingAttendees),
    warrantyMonths: num(v.warrantyMonths),
    warrantyStart: toDay(v.warrantyStart),
    warrantyEnd: toDay(v.warrantyEnd),
    vendorExtraYears: num(v.vendorExtraYears),
    vendorScope: blankToNull(v.vendorScope),
    vendorRegion: blankToNull(v.vendorRegion),
    ...(sendRemoteOnly && { remoteOnly: v.remoteOnly }),
  };
}

export function itemsInput(items: ItemValues[]) {
  return items.map((i) => ({
    description: (i.description ?? '').trim(),
    model: blankToNull(i.model),
    quantity: i.quantity ?? 0,
    unitPrice: yuanToFen(i.unitPrice) ?? 0,
  }));
}

export function itemsSumFen(items: ItemValues[] | undefined): number {
  return (items ?? []).reduce((sum, i) => sum + (i.quantity ?? 0) * (yuanToFen(i.unitPrice) ?? 0), 0);
}
