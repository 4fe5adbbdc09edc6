import type { TCreateDebrief, TDebrief, TDebriefWeek } from '@contract/service-reports';
import { SERVICE_REQUEST_KIND_LABELS } from '@contract/service-request-labels';
import type { TServiceRequestKind } from '@contract/service-request-workflow';
import { dayNumberOfIsoDate, dayStartInstant, formatWallTime, isoDateOfDayNumber, isoWeekdayOf, todayIn } from '@contract/zoned-time';
import type { TLocale } from '@contract/common';
import { pick } from '@contract/bilingual';
import type { Actor } from '../../actor';
import { AppError } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { transact } from '../../db/transaction';
import { loadExcelJs } from '../../spreadsheets/exceljs';
import { recordAudit } from '../audit/audit.service';
import { activeUserIdsWithRole, notify } from '../notifications/notifications.service';
import { loadReadableRequest } from '../service-requests/service-requests.service';
import * as repo from './service-reports.repo';

function toDebrief(r: repo.DebriefRow): TDebrief {
  return {
    id: Number(r.id),
    serviceRequest:
      r.service_request_id === null
        ? null
        : { id: Number(r.service_request_id), number: r.request_number ?? '', kind: r.request_kind ?? '' },
    trainingSession:
      r.training_session_id === null
        ? null
        : {
            id: Number(r.training_session_id),
            planNumber: r.plan_number ?? '',
            course: r.session_course ?? '',
            startsAt: r.session_starts_at ?? '',
          },
    customer: { id: Number(r.customer_id), name: r.customer_name },
    contract: r.contract_id === null ? null : { id: Number(r.contract_id), number: r.contract_number ?? '' },
    salesOwner: r.sales_owner_id === null ? null : { id: Number(r.sales_owner_id), name: r.sales_owner_name ?? '' },
    author: { id: Number(r.author_id), name: r.author_name },
    howItWent: r.how_it_went,
    lessons: r.lessons,
    customerSituation: r.customer_situation,
    createdAt: r.created_at,
  };
}

/** How a debrief names its subject in a title or a list: the request's number, or the plan's number and the course. */
export function debriefSubjectLabel(d: TDebrief): string {
  if (d.serviceRequest) return d.serviceRequest.number;
  return d.trainingSession ? `${d.trainingSession.planNumber} ${d.trainingSession.course}` : '';
}

/** Sales reads the debriefs of the contracts it owns; the technical manager and administrators all. */
function salesOwnerFilter(actor: Actor): number | null {
  return actor.roles.some((r) => r === 'tech_manager' || r === 'admin') ? null : (actor.id ?? 0);
}

/** Whether `actor` may read the debrief: a technical manager or administrator, the contract's sales owner, or its author. */
export function mayReadDebrief(actor: Actor, d: TDebrief): boolean {
  return salesOwnerFilter(actor) === null || d.salesOwner?.id === actor.id || d.author.id === actor.id;
}

export function findDebriefOf(db: Db, subject: repo.DebriefSubject): Promise<TDebrief | null> {
  return repo.findDebriefOf(db, subject).then((r) => (r ? toDebrief(r) : null));
}

/**
 * R-INST-11: the short debrief (how it went, lessons, the customer's situation) of a subject that is
 * over, in the caller's transaction; the technical managers and the contract's sales owner are told.
 * The subject's own area has already checked that the actor may write it and that it is over.
 */
export async function recordDebrief(trx: Db, actor: Actor, subject: repo.DebriefSubject, input: TCreateDebrief): Promise<TDebrief> {
  if (await repo.findDebriefOf(trx, subject))
    throw new AppError(subject.kind === 'training_session' ? 'TRAINING_DEBRIEF_EXISTS' : 'DEBRIEF_EXISTS');
  const at = nowIso();
  const id = await repo.insertDebrief(trx, {
    service_request_id: subject.kind === 'service_request' ? subject.id : null,
    training_session_id: subject.kind === 'training_session' ? subject.id : null,
    author_id: actor.id as number,
    how_it_went: input.howItWent,
    lessons: input.lessons,
    customer_situation: input.customerSituation,
    created_at: at,
  });
  const d = toDebrief((await repo.findDebriefOf(trx, subject)) as repo.DebriefRow);
  const readers = [...new Set([...(await activeUserIdsWithRole(trx, 'tech_manager')), ...(d.salesOwner ? [d.salesOwner.id] : [])])];
  const what = debriefSubjectLabel(d);
  await notify(
    trx,
    readers
      .filter((u) => u !== actor.id)
      .map((userId) => ({
        userId,
        kind: 'assignment' as const,
        titleZh: `${subject.kind === 'training_session' ? '培训总结' : '服务总结'}：${what}（${d.customer.name}），${d.author.name}`,
        titleEn: `${subject.kind === 'training_session' ? 'Training debrief' : 'Debrief'}: ${what} (${d.customer.name}), ${d.author.name}`,
        body: input.howItWent.slice(0, 500),
        entity: subject.kind,
        entityId: subject.id,
        dedupeKey: `debrief:${id}:${userId}`,
      })),
    at,
  );
  await recordAudit(trx, actor, { entity: 'service_debrief', entityId: id, action: 'create', after: d });
  return d;
}

/** R-INST-11: after the request closes, the engineer writes its debrief. */
export async function createDebrief(db: Db, actor: Actor, requestId: number, input: TCreateDebrief): Promise<TDebrief> {
  await transact(db, async (trx) => {
    const req = await loadReadableRequest(trx, actor, requestId);
    if (req.state !== 'closed') throw new AppError('DEBRIEF_REQUEST_NOT_CLOSED');
    await recordDebrief(trx, actor, { kind: 'service_request', id: requestId }, input);
  });
  return (await getDebriefOfRequest(db, actor, requestId)).debrief as TDebrief;
}

/** The request's debrief (null until written), for whoever may read the request. */
export async function getDebriefOfRequest(db: Db, actor: Actor, requestId: number): Promise<{ debrief: TDebrief | null }> {
  await loadReadableRequest(db, actor, requestId);
  return { debrief: await findDebriefOf(db, { kind: 'service_request', id: requestId }) };
}

/** Monday and Sunday of the week holding `date`. */
function weekOf(date: string): { start: string; end: string } {
  const day = dayNumberOfIsoDate(date);
  const monday = day - (isoWeekdayOf(day) - 1);
  return { start: isoDateOfDayNumber(monday), end: isoDateOfDayNumber(monday + 6) };
}

/** R-INST-11: the technical manager's weekly note to sales — the week's debriefs (Monday–Sunday, company zone). */
export async function weeklyDebriefs(db: Db, actor: Actor, week: string | undefined, timeZone: string): Promise<TDebriefWeek> {
  const { start, end } = weekOf(week ?? todayIn(timeZone));
  const rows = await repo.listDebriefsBetween(
    db,
    dayStartInstant(start, timeZone),
    dayStartInstant(start, timeZone, 7),
    salesOwnerFilter(actor),
  );
  return { weekStart: start, weekEnd: end, items: rows.map(toDebrief) };
}

/** The debriefs written in [fromAt, toAt), each with its contract's sales owner (the weekly record's notes to sales, R-INST-11). */
export async function debriefsBetween(db: Db, fromAt: string, toAt: string): Promise<TDebrief[]> {
  return (await repo.listDebriefsBetween(db, fromAt, toAt, null)).map(toDebrief);
}

/** The same note as an .xlsx, one row a debrief. */
export async function weeklyDebriefsXlsx(db: Db, actor: Actor, week: string | undefined, timeZone: string, locale: TLocale) {
  const note = await weeklyDebriefs(db, actor, week, timeZone);
  const t = (zh: string, en: string) => pick({ zh, en }, locale);
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t('服务总结', 'Debriefs'));
  ws.addRow([t(`服务总结周报 ${note.weekStart} – ${note.weekEnd}`, `Weekly debriefs ${note.weekStart} – ${note.weekEnd}`)]).font = {
    bold: true,
  };
  ws.addRow([]);
  const header = ws.addRow([
    t('日期', 'Date'),
    t('服务要求单 / 培训', 'Request / training'),
    t('服务类型', 'Kind'),
    t('客户', 'Customer'),
    t('合同', 'Contract'),
    t('销售负责人', 'Sales owner'),
    t('工程师', 'Engineer'),
    t('过程', 'How it went'),
    t('经验教训', 'Lessons'),
    t('客户情况', "Customer's situation"),
  ]);
  header.font = { bold: true };
  for (const d of note.items)
    ws.addRow([
      formatWallTime(d.createdAt, timeZone),
      debriefSubjectLabel(d),
      d.serviceRequest ? pick(SERVICE_REQUEST_KIND_LABELS[d.serviceRequest.kind as TServiceRequestKind], locale) : t('培训', 'Training'),
      d.customer.name,
      d.contract?.number ?? '',
      d.salesOwner?.name ?? '',
      d.author.name,
      d.howItWent,
      d.lessons,
      d.customerSituation,
    ]);
  ws.columns.forEach((c, i) => {
    c.width = i >= 7 ? 40 : 16;
  });
  return {
    note,
    fileName: `${t('服务总结周报', 'Weekly-debriefs')}-${note.weekStart}.xlsx`,
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
