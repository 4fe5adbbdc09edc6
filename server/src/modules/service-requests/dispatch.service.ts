import type { TLocale } from '@contract/common';
import { RULE_ISSUES } from '@contract/validation-messages';
import type { TAssignServiceRequest, TDispatchBoard, TDispatchQuery, TSetBackupEngineer } from '@contract/dispatch';
import type { TMyWork } from '@contract/my-work';
import { allowedActions, isTerminalState } from '@contract/service-request-workflow';
import type { TServiceRequestDetail, TServiceRequestWarning } from '@contract/service-requests';
import type { z } from 'zod';
import type { ZCreateEngineerLeave, ZEngineerLeave } from '@contract/dispatch';
import type { Actor } from '../../actor';
import { AppError, fieldError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { groupBy } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { dayNumberOfIsoDate, instantOfWallTime, isoDateOfDayNumber, todayIn } from '@contract/zoned-time';
import { shipmentFactsOfRequests } from '../inspections/inspections.service';
import { loadCalendarSpec } from '../calendar/calendar.service';
import { notify } from '../notifications/notifications.service';
import { slaClocksOf } from './service-request-sla';
import * as repo from './service-requests.repo';
import {
  assertEngineer,
  assignmentNotices,
  effectiveRoles,
  getServiceRequest,
  loadReadableRequest,
  assertBackupDiffers,
  managesRequest,
  relationOf,
  warningOf,
} from './service-requests.service';
import { commitmentsOf, toServiceRequest } from './service-requests.view';
import { openActionItemsOf } from '../reports/reports.service';

const HOUR = 3_600_000;
/** Without times, work is planned for the company's working hours of the day. */
const DAY_START_HOUR = 9;
const DAY_END_HOUR = 17;
/** The board covers at most this many days. */
const MAX_BOARD_DAYS = 62;

function dayBounds(date: string, timeZone: string): [number, number] {
  const day = dayNumberOfIsoDate(date);
  return [instantOfWallTime(day, 0, timeZone), instantOfWallTime(day + 1, 0, timeZone)];
}

/** What an assignment would collide with: the engineer's other active work then, and his leave. */
async function bookingWarnings(db: Db, engineerId: number, start: string, end: string, date: string, exceptId: number, locale: TLocale) {
  const warnings: TServiceRequestWarning[] = [];
  const overlapping = await repo.findOverlapping(db, engineerId, start, end, exceptId);
  if (overlapping.length)
    warnings.push(
      warningOf(
        'SR_DOUBLE_BOOKED',
        locale,
        overlapping.map((o) => ({ id: o.id, number: o.number })),
      ),
    );
  if ((await repo.findLeaves(db, date, date, engineerId)).length) warnings.push(warningOf('SR_ENGINEER_ON_LEAVE', locale));
  return warnings;
}

/**
 * R-EMER-2: work planned to start after the arrival deadline, or to end after the resolution
 * deadline, of the request's running clocks (as the detail shows them) — warned like double booking.
 */
async function deadlineWarnings(db: Db, r: repo.RequestRow, start: string, end: string, timeZone: string, locale: TLocale) {
  const [pauses, calendar] = await Promise.all([repo.findPauses(db, [r.id]), loadCalendarSpec(db, timeZone)]);
  const clocks = slaClocksOf(r, commitmentsOf(r), pauses, new Date(), calendar);
  const warnings: TServiceRequestWarning[] = [];
  if (!clocks) return warnings;
  const { arrival, resolution } = clocks;
  if (arrival && arrival.state !== 'met' && Date.parse(start) > arrival.dueAt.getTime())
    warnings.push(warningOf('SR_PAST_ARRIVAL_DEADLINE', locale));
  if (resolution && resolution.state !== 'met' && Date.parse(end) > resolution.dueAt.getTime())
    warnings.push(warningOf('SR_PAST_RESOLUTION_DEADLINE', locale));
  return warnings;
}

/**
 * R-ORG-3: the technical manager (or the project's manager, R-ORG-4) assigns the engineers and the
 * day. The assignment is made even when the engineer is already booked or on leave; the answer
 * carries warnings. The engineers are notified.
 */
export async function assignServiceRequest(
  db: Db,
  actor: Actor,
  id: number,
  input: TAssignServiceRequest,
  timeZone: string,
  locale: TLocale,
): Promise<TServiceRequestDetail> {
  const warnings = await transact(db, async (trx) => {
    const before = await loadReadableRequest(trx, actor, id);
    if (!managesRequest(actor, before)) throw new AppError('SERVICE_REQUEST_NOT_YOUR_PROJECT');
    if (isTerminalState(before.state)) throw new AppError('SERVICE_REQUEST_CLOSED');
    if (input.version !== undefined && input.version !== before.version) throw new AppError('VERSION_CONFLICT');
    await assertEngineer(trx, input.engineerId, 'engineerId');
    if (input.backupEngineerId) {
      assertBackupDiffers(input.engineerId, input.backupEngineerId);
      await assertEngineer(trx, input.backupEngineerId, 'backupEngineerId');
    }
    const day = dayNumberOfIsoDate(input.date);
    const start = input.plannedStart
      ? new Date(input.plannedStart).toISOString()
      : new Date(instantOfWallTime(day, DAY_START_HOUR * HOUR, timeZone)).toISOString();
    const end = input.plannedEnd
      ? new Date(input.plannedEnd).toISOString()
      : new Date(instantOfWallTime(day, DAY_END_HOUR * HOUR, timeZone)).toISOString();
    if (end <= start) throw new AppError('SERVICE_REQUEST_PLAN_ORDER', [issue('plannedEnd', RULE_ISSUES.plannedEndBeforeStart)]);
    const found = [
      ...(await bookingWarnings(trx, input.engineerId, start, end, input.date, id, locale)),
      ...(await deadlineWarnings(trx, before, start, end, timeZone, locale)),
    ];
    const at = nowIso();
    const backup = input.backupEngineerId === undefined ? before.backup_engineer_id : input.backupEngineerId;
    await repo.updateRequest(trx, id, before.version, {
      responsible_engineer_id: input.engineerId,
      backup_engineer_id: backup,
      planned_start: start,
      planned_end: end,
      updated_at: at,
    });
    const after = await repo.findRequestById(trx, id);
    if (!after) throw new AppError('NOT_FOUND');
    // Drafts are not yet the engineer's: he hears of them when they are issued (urgent ones excepted).
    if (before.state !== 'draft' || before.incomplete === 1)
      await notify(trx, assignmentNotices(after, [after.responsible_engineer_id, after.backup_engineer_id], `v${after.version}`), at);
    await recordAudit(trx, actor, {
      entity: 'service_request',
      entityId: id,
      action: 'assign',
      before: toServiceRequest(before),
      after: { ...toServiceRequest(after), warnings: found.map((w) => w.code) },
    });
    return found;
  });
  return { ...(await getServiceRequest(db, actor, id, timeZone)), warnings };
}

/**
 * R-PM-3 / R-ORG-3: the technical manager (or the project's manager) sets or clears the backup
 * engineer alone — an active engineer, not the responsible one. Audited; the new backup engineer
 * is told in the same transaction (once per request, engineer and version, like every assignment
 * notice), unless the request is still a draft (he hears of it when it is issued).
 */
export async function setBackupEngineer(
  db: Db,
  actor: Actor,
  id: number,
  input: TSetBackupEngineer,
  timeZone: string,
): Promise<TServiceRequestDetail> {
  await transact(db, async (trx) => {
    const before = await loadReadableRequest(trx, actor, id);
    if (!managesRequest(actor, before)) throw new AppError('SERVICE_REQUEST_NOT_YOUR_PROJECT');
    if (isTerminalState(before.state)) throw new AppError('SERVICE_REQUEST_CLOSED');
    if (input.version !== undefined && input.version !== before.version) throw new AppError('VERSION_CONFLICT');
    const backupId = input.backupEngineerId;
    if (backupId !== null) {
      assertBackupDiffers(before.responsible_engineer_id, backupId);
      await assertEngineer(trx, backupId, 'backupEngineerId');
    }
    const current = before.backup_engineer_id === null ? null : before.backup_engineer_id;
    if (current === backupId) return;
    const at = nowIso();
    await repo.updateRequest(trx, id, before.version, { backup_engineer_id: backupId, updated_at: at });
    const after = await repo.findRequestById(trx, id);
    if (!after) throw new AppError('NOT_FOUND');
    if (backupId !== null && (before.state !== 'draft' || before.incomplete === 1))
      await notify(trx, assignmentNotices(after, [backupId], `v${after.version}`), at);
    const { backupEngineer: fromRef, version: fromVersion } = toServiceRequest(before);
    const { backupEngineer: toRef, version: toVersion } = toServiceRequest(after);
    await recordAudit(trx, actor, {
      entity: 'service_request',
      entityId: id,
      action: 'set_backup',
      before: { backupEngineer: fromRef, version: fromVersion },
      after: { backupEngineer: toRef, version: toVersion },
    });
  });
  return getServiceRequest(db, actor, id, timeZone);
}

/** The dispatch board: every active engineer × every day, with the work planned and its load in hours. */
export async function dispatchBoard(db: Db, q: TDispatchQuery, timeZone: string): Promise<TDispatchBoard> {
  const first = dayNumberOfIsoDate(q.from);
  const last = dayNumberOfIsoDate(q.to);
  if (last < first) throw fieldError('to', { zh: '不能早于开始日期', en: 'must not be before from' });
  if (last - first + 1 > MAX_BOARD_DAYS) throw fieldError('to', { zh: `最多 ${MAX_BOARD_DAYS} 天`, en: `at most ${MAX_BOARD_DAYS} days` });
  const days = Array.from({ length: last - first + 1 }, (_, i) => isoDateOfDayNumber(first + i));
  const rangeStart = new Date(dayBounds(q.from, timeZone)[0]).toISOString();
  const rangeEnd = new Date(dayBounds(q.to, timeZone)[1]).toISOString();
  const [engineers, rows, leaves] = await Promise.all([
    repo.findEngineers(db),
    repo.findPlannedBetween(db, rangeStart, rangeEnd, { region: q.region, kind: q.kind }),
    repo.findLeaves(db, q.from, q.to),
  ]);
  const leavesOf = groupBy(leaves, (l) => l.user_id);
  const bounds = days.map((d) => dayBounds(d, timeZone));
  const shipments = await shipmentFactsOfRequests(
    db,
    rows.filter((r) => r.kind === 'goods_inspection').map((r) => Number(r.id)),
    timeZone,
  );
  return {
    from: q.from,
    to: q.to,
    days,
    engineers: engineers.map((e) => {
      const eid = e.id;
      let totalHours = 0;
      let totalBackupHours = 0;
      const seen = new Set<number>();
      const seenBackup = new Set<number>();
      const cells = days.map((date, i) => {
        const [ds, de] = bounds[i];
        const items = [];
        let hours = 0;
        let backupHours = 0;
        let backupCount = 0;
        for (const r of rows) {
          const role = Number(r.responsible_engineer_id) === eid ? 'responsible' : Number(r.backup_engineer_id) === eid ? 'backup' : null;
          if (!role || !r.planned_start || !r.planned_end) continue;
          const s = Math.max(ds, Date.parse(r.planned_start));
          const f = Math.min(de, Date.parse(r.planned_end));
          if (f <= s) continue;
          // Backup duties are shown apart: they are not the engineer's own load.
          if (role === 'responsible') {
            hours += (f - s) / HOUR;
            seen.add(r.id);
          } else {
            backupHours += (f - s) / HOUR;
            backupCount++;
            seenBackup.add(r.id);
          }
          items.push({
            id: r.id,
            number: r.number,
            kind: r.kind,
            state: r.state,
            priority: r.priority,
            customer: { id: r.customer_id, name: r.customer_name },
            region: r.customer_region,
            plannedStart: r.planned_start,
            plannedEnd: r.planned_end,
            role: role as 'responsible' | 'backup',
            responsibleEngineer:
              r.responsible_engineer_id === null ? null : { id: r.responsible_engineer_id, name: r.responsible_engineer_name ?? '' },
            backupEngineer: r.backup_engineer_id === null ? null : { id: r.backup_engineer_id, name: r.backup_engineer_name ?? '' },
            shipment: shipments.get(Number(r.id)) ?? null,
          });
        }
        hours = Math.round(hours * 100) / 100;
        backupHours = Math.round(backupHours * 100) / 100;
        totalHours += hours;
        totalBackupHours += backupHours;
        const onLeave = (leavesOf.get(eid) ?? []).some((l) => l.from_date <= date && date <= l.to_date);
        return { date, onLeave, hours, count: items.length - backupCount, backupHours, backupCount, items };
      });
      return {
        engineer: { id: eid, name: e.name },
        days: cells,
        totalHours: Math.round(totalHours * 100) / 100,
        totalCount: seen.size,
        totalBackupHours: Math.round(totalBackupHours * 100) / 100,
        totalBackupCount: seenBackup.size,
      };
    }),
  };
}

export async function createEngineerLeave(
  db: Db,
  actor: Actor,
  input: z.infer<typeof ZCreateEngineerLeave>,
): Promise<z.infer<typeof ZEngineerLeave>> {
  if (input.toDate < input.fromDate) throw fieldError('toDate', { zh: '不能早于开始日期', en: 'must not be before fromDate' });
  return transact(db, async (trx) => {
    await assertEngineer(trx, input.userId, 'userId');
    const at = nowIso();
    const id = await repo.insertLeave(trx, {
      user_id: input.userId,
      from_date: input.fromDate,
      to_date: input.toDate,
      reason: input.reason ?? null,
      created_at: at,
    });
    const [row] = (await repo.findLeaves(trx, input.fromDate, input.toDate, input.userId)).filter((l) => l.id === id);
    const leave = {
      id,
      user: { id: input.userId, name: row.user_name },
      fromDate: row.from_date,
      toDate: row.to_date,
      reason: row.reason,
      createdAt: row.created_at,
    };
    await recordAudit(trx, actor, { entity: 'engineer_leave', entityId: id, action: 'create', after: leave });
    return leave;
  });
}

export async function listEngineerLeave(db: Db, from: string, to: string) {
  return (await repo.findLeaves(db, from, to)).map((row) => ({
    id: row.id,
    user: { id: row.user_id, name: row.user_name },
    fromDate: row.from_date,
    toDate: row.to_date,
    reason: row.reason,
    createdAt: row.created_at,
  }));
}

/** The earliest due time among the clocks not yet met (the one an engineer must keep next). */
function nearestDeadline(clocks: ReturnType<typeof slaClocksOf>): TMyWork['todayItems'][number]['deadline'] {
  if (!clocks) return null;
  let best: TMyWork['todayItems'][number]['deadline'] = null;
  for (const kind of ['response', 'arrival', 'resolution'] as const) {
    const c = clocks[kind];
    if (!c || c.state === 'met') continue;
    if (!best || c.dueAt.toISOString() < best.dueAt) best = { kind, dueAt: c.dueAt.toISOString(), state: c.state };
  }
  return best;
}

/**
 * The engineer's work: today's (and anything overdue or not yet planned) and what is coming,
 * with what he needs on the road — site address, contact and phone, equipment, and the
 * contract's commitments (R-EMER-3). Nothing priced is in this shape.
 */
export async function myWork(db: Db, actor: Actor, timeZone: string): Promise<TMyWork> {
  const today = todayIn(timeZone);
  const [, todayEnd] = dayBounds(today, timeZone);
  const rows = await repo.findActiveOfEngineer(db, actor.id as number);
  const ids = rows.map((r) => r.id);
  const [pauses, calendar] = await Promise.all([repo.findPauses(db, ids), loadCalendarSpec(db, timeZone)]);
  const pausesOf = groupBy(pauses, (p) => p.service_request_id);
  const now = new Date();
  const equipment = groupBy(
    await repo.findEquipmentOf(
      db,
      rows.map((r) => r.id),
    ),
    (e) => e.service_request_id,
  );
  const shipments = await shipmentFactsOfRequests(
    db,
    rows.filter((r) => r.kind === 'goods_inspection').map((r) => Number(r.id)),
    timeZone,
  );
  const items = rows.map((r) => {
    const relation = relationOf(actor, r);
    return {
      id: r.id,
      number: r.number,
      kind: r.kind,
      state: r.state,
      priority: r.priority,
      role: relation.isResponsible ? ('responsible' as const) : ('backup' as const),
      customer: { id: r.customer_id, name: r.customer_name },
      siteAddress: r.site_address ?? r.customer_address,
      contactName: r.contact_name,
      contactPhone: r.contact_phone,
      description: r.description,
      plannedStart: r.planned_start,
      plannedEnd: r.planned_end,
      agreedArrivalAt: r.agreed_arrival_at,
      equipment: (equipment.get(r.id) ?? []).map((e) => ({
        id: e.id,
        productType: e.product_type,
        brand: e.brand,
        model: e.model,
        sn: e.sn,
      })),
      contract: r.contract_id === null ? null : { id: r.contract_id, number: r.contract_number ?? '' },
      commitments: commitmentsOf(r),
      allowedActions: allowedActions(r.state, r.kind, effectiveRoles(actor, r), relation),
      shipment: shipments.get(Number(r.id)) ?? null,
      deadline: nearestDeadline(slaClocksOf(r, commitmentsOf(r), pausesOf.get(r.id) ?? [], now, calendar)),
    };
  });
  const isUpcoming = (start: string | null) => start !== null && Date.parse(start) >= todayEnd;
  return {
    today,
    todayItems: items.filter((i) => !isUpcoming(i.plannedStart)),
    upcoming: items.filter((i) => isUpcoming(i.plannedStart)),
    // The weekly meeting's action items he owns, until done (reports module).
    actions: await openActionItemsOf(db, actor.id as number),
  };
}
