import type { TEntitlement, TEntitlementContract, TEntitlementUnit, TEntitlementVerdict } from '@contract/calls';
import type { TEquipment } from '@contract/equipment';
import type { TCoverageWindow } from '@contract/working-calendar';
import type { Db } from '../../db/database';
import { loadCalendarSpec } from '../calendar/calendar.service';
import { addCoveredMinutes, nextCoveredInstant, type TCalendarSpec } from '../calendar/working-calendar';
import { getContractCommitments, getCustomerCommitments, type TContractCommitments } from '../contracts/contracts.service';
import { todayIn } from '@contract/zoned-time';
import { listEquipment } from '../equipment/equipment.service';
import { coverageWindowOf } from '../service-requests/coverage-window';

/** The company's working hours (R-CALL-1: forward directly during working hours; the call's working-time clocks). */
export const WORKING_HOURS: TCoverageWindow = { kind: '5x8' };

/** Units shown on the panel at most (a customer's installed base can be large; the caller names his unit by SN). */
const UNITS_MAX = 200;

export function isCovered(at: Date, window: TCoverageWindow, calendar: TCalendarSpec): boolean {
  return nextCoveredInstant(at, window, calendar).getTime() === at.getTime();
}

/** A contract still covers on `today`: active, and not past its end date. */
function covers(c: TContractCommitments, today: string): boolean {
  return c.status === 'active' && (c.endDate === null || c.endDate >= today) && (c.startDate === null || c.startDate <= today);
}

function dueAt(at: Date, hours: number | null, window: TCoverageWindow, calendar: TCalendarSpec): string | null {
  return hours === null ? null : addCoveredMinutes(at, hours * 60, window, calendar).toISOString();
}

function contractAt(c: TContractCommitments, at: Date, calendar: TCalendarSpec): TEntitlementContract {
  const window = coverageWindowOf(c.commitments.coverage);
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    endDate: c.endDate,
    salesOwner: c.salesOwner,
    commitments: c.commitments,
    inCoverageNow: isCovered(at, window, calendar),
    responseDueAt: dueAt(at, c.commitments.responseHours, window, calendar),
    arrivalDueAt: dueAt(at, c.commitments.arrivalHours, window, calendar),
    resolutionDueAt: dueAt(at, c.commitments.resolutionHours, window, calendar),
  };
}

/** A unit with its warranty state on `today` (also what a visit records for each unit served, R-PM-5). */
export function entitlementUnitOf(u: TEquipment, today: string): TEntitlementUnit {
  return {
    id: u.id,
    contractId: u.contractId,
    contractNumber: u.contractNumber,
    productType: u.productType,
    brand: u.brand,
    model: u.model,
    sn: u.sn,
    warrantyEnd: u.warrantyEnd,
    vendorWarrantyEnd: u.vendorWarrantyEnd,
    underWarranty: u.warrantyEnd !== null && u.warrantyEnd >= today,
    underVendorWarranty: u.vendorWarrantyEnd !== null && u.vendorWarrantyEnd >= today,
  };
}

export interface EntitlementSubject {
  customerId?: number | null;
  contractId?: number | null;
  equipmentId?: number | null;
}

/**
 * R-EMER-3: what the customer is owed for a call at `at` — from the contracts' service commitments
 * (the contracts module), their coverage windows on the company's working calendar, and the units'
 * warranty and vendor-warranty ends (the equipment module). A named contract narrows to it; a named
 * unit narrows the units to it. Out of contract leaves the rulebook's two choices.
 */
export async function entitlementOf(db: Db, s: EntitlementSubject, at: Date, timeZone: string): Promise<TEntitlement> {
  const calendar = await loadCalendarSpec(db, timeZone);
  const today = todayIn(timeZone, at);
  const inWorkingHours = isCovered(at, WORKING_HOURS, calendar);
  let customerId = s.customerId ?? null;
  let all: TContractCommitments[] = [];
  if (s.contractId) {
    const c = await getContractCommitments(db, s.contractId);
    customerId = c.customerId;
    all = [c];
  } else if (customerId) {
    all = await getCustomerCommitments(db, customerId);
  }
  if (customerId === null) {
    return {
      at: at.toISOString(),
      verdict: 'unknown_customer',
      inWorkingHours,
      contracts: [],
      units: [],
      choices: ['chargeable', 'decline'],
    };
  }
  const contracts = all.filter((c) => covers(c, today)).map((c) => contractAt(c, at, calendar));
  const page = await listEquipment(
    db,
    { page: 1, pageSize: UNITS_MAX, sort: '-createdAt', ...(s.contractId ? { contractId: s.contractId } : { customerId }) },
    today,
  );
  const units = page.items.filter((u) => !s.equipmentId || u.id === s.equipmentId).map((u) => entitlementUnitOf(u, today));
  let verdict: TEntitlementVerdict;
  if (contracts.length > 0) verdict = contracts.every((c) => c.commitments.remoteOnly) ? 'remote_only' : 'covered';
  else if (s.equipmentId && units.some((u) => u.underWarranty || u.underVendorWarranty)) verdict = 'covered';
  else verdict = 'out_of_contract';
  return {
    at: at.toISOString(),
    verdict,
    inWorkingHours,
    contracts,
    units,
    choices: verdict === 'out_of_contract' ? ['chargeable', 'decline'] : [],
  };
}
