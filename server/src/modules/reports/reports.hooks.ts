/**
 * Hooks into the areas the reports read (follow-ups, loans, parts, PM, satisfaction, arrival on
 * time, guard overrides, debriefs): each calls the owning module's service, and the reports read
 * only what these return.
 */
import type { Db } from '../../db/database';
import { countGuardOverrides } from '../guards/guards.service';
import { listLoans, partsUsedOnContracts } from '../parts/parts.service';
import { pmDoneAndDue as pmVisitsDoneAndDue } from '../maintenance/maintenance.service';
import { debriefSubjectLabel, debriefsBetween } from '../service-reports/debriefs.service';
import {
  followUpScores,
  followUpsOnTime as followUpsDoneOnTime,
  overdueFollowUpsOf as overdueFollowUpsOfEngineer,
} from '../service-reports/follow-ups.service';
import { trainingFeedbackScores } from '../trainings/trainings.service';
import { dayStartInstant, isoDateOfInstant } from '@contract/zoned-time';
import { lateArrivalCounts } from '../visits/visits.service';

export interface HookItem {
  id: number;
  label: string;
}

/** Follow-ups (回访) of an engineer still open past their last day at the end of the week — the follow-ups of the field-work area. */
export async function overdueFollowUpsOf(db: Db, engineerId: number, weekEndAt: string, timeZone: string): Promise<HookItem[]> {
  return overdueFollowUpsOfEngineer(db, engineerId, isoDateOfInstant(weekEndAt, timeZone));
}

/** Loans (借用) an engineer holds past their return date, as the weekly meeting meets them — the parts area's overdue list. */
export async function overdueLoansOf(db: Db, engineerId: number, _weekEndAt: string, timeZone: string): Promise<HookItem[]> {
  const page = await listLoans(db, { page: 1, pageSize: 200, overdue: 'true', borrowerId: engineerId }, timeZone);
  return page.items.map((l) => ({ id: l.id, label: `${l.number} ${l.part.pn} · ${l.dueDate}` }));
}

/**
 * Parts used on these contracts' requests in a day range (company zone) — the parts area's count:
 * parts replaced on visits and not put back, plus spares from stock the customer kept.
 */
export async function partsUsedOn(
  db: Db,
  contractIds: readonly number[],
  from: string,
  to: string,
  timeZone: string,
): Promise<number | null> {
  return (await partsUsedOnContracts(db, contractIds, dayStartInstant(from, timeZone), dayStartInstant(to, timeZone, 1))).total;
}

/** Preventive maintenance done and due on these contracts in a day range — the PM timetables' visits. */
export async function pmDoneAndDue(
  db: Db,
  contractIds: readonly number[],
  from: string,
  to: string,
): Promise<{ done: number; due: number } | null> {
  return pmVisitsDoneAndDue(db, from, to, { contractIds });
}

/**
 * Customer satisfaction (0–100, 5 = 100) on these contracts in a day range: the follow-ups' 1–5
 * scores (R-INST-10, follow-ups due in the range) and the training feedback forms (each form's mean
 * of its five 1–5 ratings, sessions held in the range), each on its own and combined — every
 * answer weighs one, whichever kind it is. Null where nobody answered.
 */
export async function satisfactionOf(
  db: Db,
  contractIds: readonly number[],
  from: string,
  to: string,
  timeZone: string,
): Promise<{ satisfaction: number | null; satisfactionFollowUps: number | null; satisfactionTraining: number | null }> {
  const f = await followUpScores(db, contractIds, from, to);
  const t = await trainingFeedbackScores(db, contractIds, dayStartInstant(from, timeZone), dayStartInstant(to, timeZone, 1));
  const of = (n: number, sum: number) => (n === 0 ? null : Math.round((sum / n / 5) * 100));
  return {
    satisfaction: of(f.n + t.n, f.sum + t.sum),
    satisfactionFollowUps: of(f.n, f.sum),
    satisfactionTraining: of(t.n, t.sum),
  };
}

/**
 * Arrivals on time against the agreed time (R-EMER-2) in a day range — from the visits module's
 * late-arrival counts. Per engineer only, so with a customer filter (the sales cut) it is not known.
 */
export async function arrivalsOnTime(
  db: Db,
  from: string,
  to: string,
  customerIds: readonly number[] | undefined,
  timeZone: string,
): Promise<{ n: number; of: number } | null> {
  if (customerIds) return null;
  const counts = await lateArrivalCounts(db, { from, to }, timeZone);
  const of = counts.items.reduce((s, i) => s + i.arrivals, 0);
  const late = counts.items.reduce((s, i) => s + i.late, 0);
  return { n: of - late, of };
}

/** Follow-ups done by their last day (R-INST-10), those whose last day is in the range — the follow-ups of the field-work area. */
export function followUpsOnTime(
  db: Db,
  from: string,
  to: string,
  customerIds: readonly number[] | undefined,
  timeZone: string,
): Promise<{ n: number; of: number } | null> {
  return followUpsDoneOnTime(db, from, to, customerIds, timeZone);
}

/** Preventive maintenance completion: PM visits planned in the range that are done — the PM timetables' visits. */
export async function pmCompletion(
  db: Db,
  from: string,
  to: string,
  customerIds?: readonly number[],
): Promise<{ n: number; of: number } | null> {
  const { done, due } = await pmVisitsDoneAndDue(db, from, to, customerIds ? { customerIds } : {});
  return { n: done, of: due };
}

/** Loans overdue now — the parts area's overdue list. Loans are not kept per customer, so the sales cut does not know it. */
export async function overdueLoansCount(db: Db, customerIds: readonly number[] | undefined, timeZone: string): Promise<number | null> {
  if (customerIds) return null;
  return (await listLoans(db, { page: 1, pageSize: 1, overdue: 'true' }, timeZone)).total;
}

/** A debrief in the note to its sales owner: its one-line label, and what was written. */
export interface DebriefItem extends HookItem {
  customer: { id: number; name: string };
  /** What it is about: the request's number, or the training's plan and course. */
  subject: string;
  serviceRequest?: { id: number; number: string };
  author: { id: number; name: string };
  howItWent: string;
  lessons: string;
  customerSituation: string;
  createdAt: string;
}

/** The week's debriefs (R-INST-11: service requests' and training sessions') by the sales owner of their contract — from the debriefs of the field-work area. */
export async function debriefsOfWeek(
  db: Db,
  fromAt: string,
  toAt: string,
): Promise<Map<number, { salesOwner: { id: number; name: string }; items: DebriefItem[] }>> {
  const out = new Map<number, { salesOwner: { id: number; name: string }; items: DebriefItem[] }>();
  for (const d of await debriefsBetween(db, fromAt, toAt)) {
    if (!d.salesOwner) continue;
    const note = out.get(d.salesOwner.id) ?? { salesOwner: d.salesOwner, items: [] };
    note.items.push({
      id: d.id,
      label: `${debriefSubjectLabel(d)} ${d.customer.name}：${d.howItWent}${d.customerSituation ? `；${d.customerSituation}` : ''}`.slice(
        0,
        300,
      ),
      customer: d.customer,
      subject: debriefSubjectLabel(d),
      ...(d.serviceRequest ? { serviceRequest: { id: d.serviceRequest.id, number: d.serviceRequest.number } } : {}),
      author: d.author,
      howItWent: d.howItWent,
      lessons: d.lessons,
      customerSituation: d.customerSituation,
      createdAt: d.createdAt,
    });
    out.set(d.salesOwner.id, note);
  }
  return out;
}

/** Guard overrides per rule in a day range — the shared guards module's counts. */
export async function overridesByRule(db: Db, from: string, to: string, timeZone: string): Promise<{ rule: string; count: number }[]> {
  return (await countGuardOverrides(db, { from, to }, timeZone)).map((c) => ({ rule: c.rule, count: c.count }));
}
