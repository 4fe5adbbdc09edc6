import { evaluateChecklist, type TChecklistAnswers } from '@contract/checklists';
import {
  type TAddUnits,
  type TBurnIn,
  type TDeliveryNote,
  type TGateState,
  type TInspection,
  type TInspectionDetail,
  type TInspectionQuery,
  type TInspectionUnit,
  type TMarkReady,
  type TOpenInspection,
  type TRaiseDeviation,
  type TRecordBurnIn,
  type TRecordConsent,
  type TUpdateBurnIn,
  type TUpdateInspection,
  type TUpdateUnit,
  MIN_BURN_IN_HOURS,
} from '@contract/inspections';
import { dayNumberOfIsoDate, isoDateOfDayNumber, isoWeekdayOf, todayIn } from '@contract/zoned-time';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../actor';
import { AppError, fieldError, issue } from '../../app-error';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { getChecklistTemplateVersion, listChecklistTemplates } from '../checklists/checklists.service';
import type { FileStore } from '../files/file-store';
import { recordStoredFile, sendStoredFile } from '../files/files.service';
import type { ReceivedFile } from '../files/uploads';
import { getGoodsDeviation, reportGoodsDeviation } from '../goods-deviations/goods-deviations.service';
import { enforceGuard } from '../guards/guards.service';
import { loadReadableRequest, readableRequestsOf } from '../service-requests/service-requests.service';
import * as repo from './inspections.repo';
import { burnInWarning, inspectionGate, unitGate } from './shipment-gate';

const ref = (id: number | null, name: string | null) => (id === null ? null : { id: Number(id), name: name ?? '' });
const normaliseSn = (sn: string | null | undefined) => (sn ? sn.trim().toUpperCase() : null);

/** The seeded preparation checklist of goods inspection (R-GOODS-5). */
const PREPARATION_TEMPLATE = 'goods_preparation';

interface Loaded {
  row: repo.InspectionRow;
  units: repo.UnitRow[];
  burnIns: repo.BurnInRow[];
}

function minHoursOf(row: repo.InspectionRow): number {
  return row.min_hours === null || row.min_hours === undefined ? MIN_BURN_IN_HOURS : Number(row.min_hours);
}

function toUnit(u: repo.UnitRow, l: Loaded, timeZone: string): TInspectionUnit {
  const b = u.burn_in_id === null ? undefined : l.burnIns.find((x) => Number(x.id) === Number(u.burn_in_id));
  const gate = unitGate(
    {
      consent: u.consent as TInspectionUnit['consent'],
      burnIn: b ? { startedAt: b.started_at, endedAt: b.ended_at, result: b.result } : null,
      readyAt: u.ready_at,
      deliveryNoteId: u.delivery_note_id === null ? null : Number(u.delivery_note_id),
    },
    { minBurnInHours: minHoursOf(l.row), plannedShipDate: l.row.planned_ship_date, timeZone },
  );
  return {
    id: Number(u.id),
    contractItemId: u.contract_item_id === null ? null : Number(u.contract_item_id),
    model: u.model,
    pn: u.pn,
    sn: u.sn,
    packaging: u.packaging as TInspectionUnit['packaging'],
    openedReason: u.opened_reason,
    consent: u.consent as TInspectionUnit['consent'],
    consentBy: u.consent_by,
    consentAt: u.consent_at,
    consentMethod: u.consent_method as TInspectionUnit['consentMethod'],
    burnInId: u.burn_in_id === null ? null : Number(u.burn_in_id),
    gate,
    readyAt: u.ready_at,
    readyBy: ref(u.ready_by_id, u.ready_by_name),
    deliveryNoteId: u.delivery_note_id === null ? null : Number(u.delivery_note_id),
    version: Number(u.version),
  };
}

function toSummary(l: Loaded, timeZone: string): TInspection & { units: TInspectionUnit[] } {
  const r = l.row;
  const units = l.units.map((u) => toUnit(u, l, timeZone));
  return {
    id: Number(r.id),
    serviceRequest: { id: Number(r.service_request_id), number: r.request_number },
    contract: { id: Number(r.contract_id), number: r.contract_number },
    customer: { id: Number(r.customer_id), name: r.customer_name },
    responsibleEngineer: ref(r.responsible_engineer_id, r.engineer_name),
    plannedShipDate: r.planned_ship_date,
    minBurnInHours: minHoursOf(r),
    gate: inspectionGate(units),
    unitCount: units.length,
    burnInWarning: burnInWarning(r.planned_ship_date, todayIn(timeZone), units),
    createdAt: r.created_at,
    version: Number(r.version),
    units,
  };
}

function toBurnIn(b: repo.BurnInRow, units: readonly repo.UnitRow[]): TBurnIn {
  return {
    id: Number(b.id),
    startedAt: b.started_at,
    endedAt: b.ended_at,
    result: b.result as TBurnIn['result'],
    notes: b.notes,
    logName: b.log_name,
    unitIds: units.filter((u) => Number(u.burn_in_id) === Number(b.id)).map((u) => Number(u.id)),
    version: Number(b.version),
  };
}

function toDeliveryNote(d: repo.DeliveryNoteRow, units: readonly repo.UnitRow[]): TDeliveryNote {
  return {
    id: Number(d.id),
    number: d.number,
    deliveryDate: d.delivery_date,
    receiverName: d.receiver_name,
    signedAt: d.signed_at,
    signMethod: d.sign_method as TDeliveryNote['signMethod'],
    signatureId: d.signature_id === null ? null : Number(d.signature_id),
    documentId: d.document_id === null ? null : Number(d.document_id),
    unitIds: units.filter((u) => Number(u.delivery_note_id) === Number(d.id)).map((u) => Number(u.id)),
    createdAt: d.created_at,
    version: Number(d.version),
  };
}

async function loadMany(db: Db, rows: repo.InspectionRow[]): Promise<Loaded[]> {
  const ids = rows.map((r) => Number(r.id));
  const [units, burnIns] = await Promise.all([repo.findUnits(db, ids), repo.findBurnIns(db, ids)]);
  return rows.map((row) => ({
    row,
    units: units.filter((u) => Number(u.inspection_id) === Number(row.id)),
    burnIns: burnIns.filter((b) => Number(b.inspection_id) === Number(row.id)),
  }));
}

/** The inspection if the actor may read its request (R-ORG-4 scope); otherwise NOT_FOUND. */
async function loadReadable(db: Db, actor: Actor, id: number): Promise<Loaded> {
  const row = await repo.findInspection(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  await loadReadableRequest(db, actor, Number(row.service_request_id));
  return (await loadMany(db, [row]))[0];
}

/** NOT_FOUND unless the actor may read the inspection: checked before an upload is received. */
export async function assertInspectionReadable(db: Db, actor: Actor, id: number): Promise<void> {
  await loadReadable(db, actor, id);
}

async function preparationTemplate(db: Db) {
  const templates = await listChecklistTemplates(db, { page: 1, pageSize: 50, serviceKind: 'goods_inspection' });
  const t = templates.items.find((x) => x.code === PREPARATION_TEMPLATE) ?? templates.items[0];
  if (!t) throw new AppError('NOT_FOUND');
  return t;
}

function receivingCheck(items: Awaited<ReturnType<typeof repo.findContractItems>>, units: readonly repo.UnitRow[]) {
  const expected = items.map((i) => ({
    contractItemId: Number(i.id),
    lineNo: Number(i.line_no),
    description: i.description,
    model: i.model,
    quantity: Number(i.quantity),
    received: units.filter((u) => Number(u.contract_item_id) === Number(i.id)).length,
  }));
  const differences: TInspectionDetail['differences'] = [];
  for (const e of expected) {
    if (e.received < e.quantity)
      differences.push({
        kind: 'missing',
        description: [e.description, e.model].filter(Boolean).join(' '),
        quantity: e.quantity - e.received,
      });
    if (e.received > e.quantity)
      differences.push({
        kind: 'extra',
        description: [e.description, e.model].filter(Boolean).join(' '),
        quantity: e.received - e.quantity,
      });
  }
  for (const u of units) {
    const line = items.find((i) => Number(i.id) === Number(u.contract_item_id));
    if (!line) differences.push({ kind: 'extra', description: `${u.model}${u.sn ? ` SN ${u.sn}` : ''}`, quantity: 1 });
    else if (line.model && line.model.trim().toUpperCase() !== u.model.trim().toUpperCase())
      differences.push({ kind: 'wrong_model', description: `${line.model} → ${u.model}${u.sn ? ` SN ${u.sn}` : ''}`, quantity: 1 });
  }
  return { expected, differences };
}

async function detailOf(db: Db, l: Loaded, timeZone: string): Promise<TInspectionDetail> {
  const r = l.row;
  const [items, notes, template, deviationIds] = await Promise.all([
    repo.findContractItems(db, Number(r.contract_id)),
    repo.findDeliveryNotes(db, [Number(r.id)]),
    preparationTemplate(db),
    repo.deviationIdsOf(db, Number(r.id)),
  ]);
  const { units, ...summary } = toSummary(l, timeZone);
  const answers = (r.checklist_answers ? JSON.parse(r.checklist_answers) : {}) as TChecklistAnswers;
  const templateId = r.checklist_template_id === null ? template.id : Number(r.checklist_template_id);
  const versionNo = r.checklist_version_no === null ? template.currentVersion : Number(r.checklist_version_no);
  const items_ = r.checklist_template_id === null ? template.items : (await getChecklistTemplateVersion(db, templateId, versionNo)).items;
  return {
    ...summary,
    units,
    burnIns: l.burnIns.map((b) => toBurnIn(b, l.units)),
    ...receivingCheck(items, l.units),
    checklist: {
      templateId,
      versionNo,
      items: items_,
      answers,
      complete: r.checklist_answers !== null && evaluateChecklist(items_, answers).complete,
      filledAt: r.checklist_at,
    },
    deliveryNotes: notes.map((d) => toDeliveryNote(d, l.units)),
    deviationIds,
  };
}

export async function getInspection(db: Db, actor: Actor, id: number, timeZone: string): Promise<TInspectionDetail> {
  return detailOf(db, await loadReadable(db, actor, id), timeZone);
}

/** Monday and Sunday of the week holding `today`. */
export function weekOf(today: string): { from: string; to: string } {
  const d = dayNumberOfIsoDate(today);
  const monday = d - (isoWeekdayOf(d) - 1);
  return { from: isoDateOfDayNumber(monday), to: isoDateOfDayNumber(monday + 6) };
}

/**
 * The inspections the actor may read, by gate state and/or shipments due this week. The gate is
 * computed from the units, so the page is cut after computing it (a company receives hundreds of
 * shipments a year, not millions).
 */
export async function listInspections(
  db: Db,
  actor: Actor,
  q: Omit<TInspectionQuery, 'page' | 'pageSize'> & Partial<TInspectionQuery>,
  timeZone: string,
): Promise<Page<TInspection>> {
  const week = q.dueThisWeek === 'true' ? weekOf(todayIn(timeZone)) : undefined;
  const rows = await repo.listInspectionRows(db, readableRequestsOf(actor), week?.from, week?.to);
  const all = (await loadMany(db, rows)).map((l) => {
    const { units: _units, ...s } = toSummary(l, timeZone);
    return s;
  });
  const filtered = all.filter((i) => (!q.gate || i.gate === q.gate) && (!q.serviceRequestId || i.serviceRequest.id === q.serviceRequestId));
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? filtered.length;
  return { items: filtered.slice((page - 1) * pageSize, page * pageSize), total: filtered.length, page, pageSize };
}

/** The shipment facts of these requests for the dispatch board and the engineer's work list. */
export async function shipmentFactsOfRequests(
  db: Db,
  requestIds: readonly number[],
  timeZone: string,
): Promise<Map<number, { inspectionId: number; plannedShipDate: string | null; gate: TGateState; burnInWarning: boolean }>> {
  const rows = await repo.listInspectionRowsOfRequests(db, requestIds);
  const out = new Map<number, { inspectionId: number; plannedShipDate: string | null; gate: TGateState; burnInWarning: boolean }>();
  for (const l of await loadMany(db, rows)) {
    const s = toSummary(l, timeZone);
    out.set(Number(l.row.service_request_id), {
      inspectionId: s.id,
      plannedShipDate: s.plannedShipDate,
      gate: s.gate,
      burnInWarning: s.burnInWarning,
    });
  }
  return out;
}

function assertShipDateNotPast(date: string | null | undefined, timeZone: string) {
  if (date && date < todayIn(timeZone))
    throw fieldError(
      'plannedShipDate',
      { zh: '计划发货日期不能早于今天', en: 'the planned shipment date cannot be in the past' },
      'date_past',
    );
}

/** R-GOODS-1: a goods-inspection request gets its inspection record (one), on the request's contract. */
export async function openInspection(
  db: Db,
  actor: Actor,
  requestId: number,
  input: TOpenInspection,
  timeZone: string,
): Promise<TInspectionDetail> {
  const request = await loadReadableRequest(db, actor, requestId);
  if (request.kind !== 'goods_inspection' || request.contract_id === null) throw new AppError('INSPECTION_NOT_GOODS');
  assertShipDateNotPast(input.plannedShipDate, timeZone);
  const template = await preparationTemplate(db);
  const id = await transact(db, async (trx) => {
    if (await repo.findInspectionIdOfRequest(trx, requestId)) throw new AppError('INSPECTION_EXISTS');
    const at = new Date().toISOString();
    const id = await repo.insertInspection(trx, {
      service_request_id: requestId,
      contract_id: Number(request.contract_id),
      planned_ship_date: input.plannedShipDate ?? null,
      checklist_template_id: template.id,
      checklist_version_no: template.currentVersion,
      checklist_answers: null,
      checklist_at: null,
      created_by_id: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await recordAudit(trx, actor, {
      entity: 'inspection',
      entityId: id,
      action: 'create',
      after: { serviceRequestId: requestId, ...input },
    });
    return id;
  });
  return getInspection(db, actor, id, timeZone);
}

export async function updateInspection(
  db: Db,
  actor: Actor,
  id: number,
  input: TUpdateInspection,
  timeZone: string,
): Promise<TInspectionDetail> {
  const l = await loadReadable(db, actor, id);
  assertShipDateNotPast(input.plannedShipDate, timeZone);
  await transact(db, async (trx) => {
    await repo.updateInspection(trx, id, input.version, { planned_ship_date: input.plannedShipDate, updated_at: new Date().toISOString() });
    await recordAudit(trx, actor, {
      entity: 'inspection',
      entityId: id,
      action: 'update',
      before: { plannedShipDate: l.row.planned_ship_date },
      after: { plannedShipDate: input.plannedShipDate },
    });
  });
  return getInspection(db, actor, id, timeZone);
}

/**
 * R-GOODS-1: units received, each with its model, PN and SN (typed, pasted or scanned). A SN is
 * received once per contract: a repeat, in the list or already on file, is refused naming the
 * unit's field, and nothing is saved. A sealed unit waits for the customer's consent (R-GOODS-4).
 */
export async function addUnits(db: Db, actor: Actor, id: number, input: TAddUnits, timeZone: string): Promise<TInspectionDetail> {
  const l = await loadReadable(db, actor, id);
  const contractId = Number(l.row.contract_id);
  const items = await repo.findContractItems(db, contractId);
  const sns = input.units.map((u) => normaliseSn(u.sn));
  await transact(db, async (trx) => {
    const taken = await repo.takenSns(
      trx,
      contractId,
      sns.filter((s): s is string => s !== null),
    );
    const seen = new Set<string>();
    sns.forEach((sn, i) => {
      if (sn === null) return;
      if (taken.has(sn) || seen.has(sn))
        throw fieldError(
          `units.${i}.sn`,
          { zh: `序列号 ${sn} 在本合同中已登记`, en: `SN ${sn} is already recorded on this contract` },
          'sn_duplicate',
        );
      seen.add(sn);
    });
    input.units.forEach((u, i) => {
      if (u.contractItemId && !items.some((x) => Number(x.id) === u.contractItemId))
        throw fieldError(
          `units.${i}.contractItemId`,
          { zh: '不是本合同的清单项', en: "not an item of this contract's list" },
          'reference_invalid',
        );
    });
    const at = new Date().toISOString();
    for (const [i, u] of input.units.entries()) {
      await repo.insertUnit(trx, {
        inspection_id: id,
        contract_id: contractId,
        contract_item_id: u.contractItemId ?? null,
        model: u.model,
        pn: u.pn ?? null,
        sn: sns[i],
        packaging: u.packaging,
        opened_reason: u.packaging === 'opened' ? (u.openedReason ?? null) : null,
        consent: u.packaging === 'sealed' ? 'pending' : 'not_needed',
        consent_by: null,
        consent_at: null,
        consent_method: null,
        burn_in_id: null,
        ready_at: null,
        ready_by_id: null,
        delivery_note_id: null,
        created_at: at,
        updated_at: at,
        version: 1,
      });
    }
    await repo.touchInspection(trx, id, at);
    await recordAudit(trx, actor, { entity: 'inspection', entityId: id, action: 'receive_units', after: { units: input.units } });
  });
  return getInspection(db, actor, id, timeZone);
}

function unitOf(l: Loaded, unitId: number): repo.UnitRow {
  const u = l.units.find((x) => Number(x.id) === unitId);
  if (!u) throw new AppError('NOT_FOUND');
  return u;
}

export async function updateUnit(
  db: Db,
  actor: Actor,
  id: number,
  unitId: number,
  input: TUpdateUnit,
  timeZone: string,
): Promise<TInspectionDetail> {
  const l = await loadReadable(db, actor, id);
  const u = unitOf(l, unitId);
  if (u.delivery_note_id !== null) throw new AppError('INSPECTION_UNIT_SHIPPED');
  const sn = input.sn === undefined ? u.sn : normaliseSn(input.sn);
  await transact(db, async (trx) => {
    if (sn && (await repo.takenSns(trx, Number(l.row.contract_id), [sn], unitId)).size > 0)
      throw fieldError('sn', { zh: `序列号 ${sn} 在本合同中已登记`, en: `SN ${sn} is already recorded on this contract` }, 'sn_duplicate');
    await repo.updateUnit(trx, unitId, input.version, {
      sn,
      ...(input.pn !== undefined && { pn: input.pn }),
      updated_at: new Date().toISOString(),
    });
    await recordAudit(trx, actor, {
      entity: 'inspection',
      entityId: id,
      action: 'update_unit',
      before: { unitId, sn: u.sn, pn: u.pn },
      after: { unitId, sn, pn: input.pn },
    });
  });
  return getInspection(db, actor, id, timeZone);
}

/**
 * R-GOODS-4: the customer's answer about opening a sealed unit — who, when, how. Refused: the unit
 * is not opened, not tested before delivery by the customer's choice, and its delivery note says so.
 */
export async function recordConsent(
  db: Db,
  actor: Actor,
  id: number,
  unitId: number,
  input: TRecordConsent,
  timeZone: string,
): Promise<TInspectionDetail> {
  const l = await loadReadable(db, actor, id);
  const u = unitOf(l, unitId);
  if (u.packaging !== 'sealed')
    throw fieldError(
      'decision',
      { zh: '该设备已拆封，无需客户同意', en: 'this unit is already opened: no consent is needed' },
      'consent_not_needed',
    );
  if (u.burn_in_id !== null)
    throw fieldError('decision', { zh: '该设备已开始老化测试', en: 'this unit is already in burn-in' }, 'burn_in_started');
  await transact(db, async (trx) => {
    await repo.updateUnit(trx, unitId, input.version, {
      consent: input.decision,
      consent_by: input.by,
      consent_at: new Date(input.at).toISOString(),
      consent_method: input.method,
      updated_at: new Date().toISOString(),
    });
    await recordAudit(trx, actor, { entity: 'inspection', entityId: id, action: 'record_consent', after: { unitId, ...input } });
  });
  return getInspection(db, actor, id, timeZone);
}

/**
 * R-ORG-8 / R-GOODS-1: differences against the contract's list raised as a goods deviation, through
 * the goods-deviations service (which tells sales and commerce at once).
 */
export async function raiseDeviation(db: Db, actor: Actor, id: number, input: TRaiseDeviation, timeZone: string) {
  const l = await loadReadable(db, actor, id);
  const { differences } = receivingCheck(await repo.findContractItems(db, Number(l.row.contract_id)), l.units);
  const items =
    input.items ??
    differences.map((d) => ({
      description: `${{ missing: '缺少', extra: '多出', wrong_model: '型号不符' }[d.kind]} ${d.description}`.slice(0, 500),
      quantity: d.quantity,
    }));
  if (items.length === 0) throw new AppError('INSPECTION_NO_DIFFERENCES');
  const deviation = await reportGoodsDeviation(
    db,
    actor,
    Number(l.row.contract_id),
    { kind: input.kind, items, note: [`${l.row.request_number}`, input.note].filter(Boolean).join('\n') },
    timeZone,
  );
  await transact(db, async (trx) => {
    await repo.linkDeviation(trx, id, deviation.id);
    await recordAudit(trx, actor, { entity: 'inspection', entityId: id, action: 'raise_deviation', after: { deviationId: deviation.id } });
  });
  return getGoodsDeviation(db, deviation.id);
}

/** R-GOODS-5: the preparation checklist's answers, checked against the template version it was opened with. */
export async function saveChecklist(
  db: Db,
  actor: Actor,
  id: number,
  answers: TChecklistAnswers,
  timeZone: string,
): Promise<TInspectionDetail> {
  const l = await loadReadable(db, actor, id);
  const template = await preparationTemplate(db);
  const templateId = l.row.checklist_template_id === null ? template.id : Number(l.row.checklist_template_id);
  const versionNo = l.row.checklist_version_no === null ? template.currentVersion : Number(l.row.checklist_version_no);
  const version = await getChecklistTemplateVersion(db, templateId, versionNo);
  const evaluation = evaluateChecklist(version.items, answers);
  if (evaluation.invalid.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      evaluation.invalid.map((i) =>
        issue(`answers.${i.key}`, { zh: `${i.label.zh}：答案无效`, en: `${i.label.en}: invalid answer` }, 'invalid_answer'),
      ),
    );
  await transact(db, async (trx) => {
    const at = new Date().toISOString();
    await repo.updateInspection(trx, id, Number(l.row.version), {
      checklist_template_id: templateId,
      checklist_version_no: versionNo,
      checklist_answers: JSON.stringify(answers),
      checklist_at: at,
      updated_at: at,
    });
    await recordAudit(trx, actor, { entity: 'inspection', entityId: id, action: 'save_checklist', after: { answers } });
  });
  return getInspection(db, actor, id, timeZone);
}

function assertEndAfterStart(startedAt: string, endedAt: string | null | undefined) {
  if (endedAt && Date.parse(endedAt) <= Date.parse(startedAt))
    throw fieldError('endedAt', { zh: '老化结束时间须晚于开始时间', en: 'the burn-in must end after it starts' }, 'end_before_start');
}

/**
 * R-GOODS-5: a burn-in of one unit or a batch. A sealed unit is tested only after the customer
 * agreed to opening it (R-GOODS-4); one the customer refused is not tested.
 */
export async function recordBurnIn(db: Db, actor: Actor, id: number, input: TRecordBurnIn, timeZone: string): Promise<TInspectionDetail> {
  const l = await loadReadable(db, actor, id);
  assertEndAfterStart(input.startedAt, input.endedAt);
  input.unitIds.forEach((unitId, i) => {
    const u = l.units.find((x) => Number(x.id) === unitId);
    if (!u) throw fieldError(`unitIds.${i}`, { zh: '不是本检验记录的设备', en: 'not a unit of this inspection' }, 'reference_invalid');
    if (u.delivery_note_id !== null) throw new AppError('INSPECTION_UNIT_SHIPPED');
    if (u.packaging === 'sealed' && u.consent !== 'given')
      throw new AppError('INSPECTION_CONSENT_REQUIRED', [
        issue(`unitIds.${i}`, { zh: `设备 ${u.sn ?? u.model}`, en: `unit ${u.sn ?? u.model}` }),
      ]);
  });
  await transact(db, async (trx) => {
    const at = new Date().toISOString();
    const burnInId = await repo.insertBurnIn(trx, {
      inspection_id: id,
      started_at: new Date(input.startedAt).toISOString(),
      ended_at: input.endedAt ? new Date(input.endedAt).toISOString() : null,
      result: input.result ?? null,
      notes: input.notes ?? null,
      log_hash: null,
      log_name: null,
      recorded_by_id: actor.id,
      created_at: at,
      version: 1,
    });
    await repo.setUnitsBurnIn(trx, input.unitIds, burnInId, at);
    await repo.touchInspection(trx, id, at);
    await recordAudit(trx, actor, { entity: 'inspection', entityId: id, action: 'record_burn_in', after: { burnInId, ...input } });
  });
  return getInspection(db, actor, id, timeZone);
}

function burnInOf(l: Loaded, burnInId: number): repo.BurnInRow {
  const b = l.burnIns.find((x) => Number(x.id) === burnInId);
  if (!b) throw new AppError('NOT_FOUND');
  return b;
}

export async function updateBurnIn(
  db: Db,
  actor: Actor,
  id: number,
  burnInId: number,
  input: TUpdateBurnIn,
  timeZone: string,
): Promise<TInspectionDetail> {
  const l = await loadReadable(db, actor, id);
  const b = burnInOf(l, burnInId);
  const endedAt = input.endedAt === undefined ? b.ended_at : input.endedAt;
  assertEndAfterStart(b.started_at, endedAt);
  await transact(db, async (trx) => {
    await repo.updateBurnIn(trx, burnInId, input.version, {
      ended_at: endedAt ? new Date(endedAt).toISOString() : null,
      ...(input.result !== undefined && { result: input.result }),
      ...(input.notes !== undefined && { notes: input.notes }),
    });
    await repo.touchInspection(trx, id, new Date().toISOString());
    await recordAudit(trx, actor, {
      entity: 'inspection',
      entityId: id,
      action: 'update_burn_in',
      before: { burnInId, endedAt: b.ended_at, result: b.result },
      after: { burnInId, ...input },
    });
  });
  return getInspection(db, actor, id, timeZone);
}

/** The burn-in's test log: any file the upload accepts, kept by hash and only ever downloaded. */
export async function attachBurnInLog(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  burnInId: number,
  file: ReceivedFile,
  timeZone: string,
): Promise<TInspectionDetail> {
  burnInOf(await loadReadable(db, actor, id), burnInId);
  const blob = await store.commit(file.staged);
  await transact(db, async (trx) => {
    await recordStoredFile(trx, blob, file.mime);
    await repo.setBurnInLog(trx, burnInId, blob.hash, file.fileName);
    await recordAudit(trx, actor, {
      entity: 'inspection',
      entityId: id,
      action: 'attach_burn_in_log',
      after: { burnInId, fileName: file.fileName },
    });
  });
  return getInspection(db, actor, id, timeZone);
}

export async function downloadBurnInLog(db: Db, store: FileStore, actor: Actor, reply: FastifyReply, id: number, burnInId: number) {
  const b = burnInOf(await loadReadable(db, actor, id), burnInId);
  if (!b.log_hash || !b.log_name) throw new AppError('NOT_FOUND');
  return sendStoredFile(db, store, reply, { hash: b.log_hash, fileName: b.log_name });
}

/**
 * R-GOODS-3: ready to ship only through the gate; a technical manager may override it with a
 * written reason (audited). Every reason the gate gives travels as an issue on `gate`.
 */
export async function markReady(
  db: Db,
  actor: Actor,
  id: number,
  unitId: number,
  input: TMarkReady,
  timeZone: string,
): Promise<TInspectionDetail> {
  const l = await loadReadable(db, actor, id);
  const u = unitOf(l, unitId);
  if (u.delivery_note_id !== null) throw new AppError('INSPECTION_UNIT_SHIPPED');
  const unit = toUnit(u, l, timeZone);
  const open = unit.gate.state !== 'passed' && unit.gate.state !== 'customer_declined';
  await transact(db, async (trx) => {
    await enforceGuard(
      trx,
      actor,
      {
        code: 'INSPECTION_GATE_CLOSED',
        broken: open,
        issues: unit.gate.reasons.map((r) => issue('gate', r.message, r.code)),
        subject: { entity: 'inspection', id },
      },
      input.override,
    );
    const at = new Date().toISOString();
    await repo.updateUnit(trx, unitId, input.version, { ready_at: at, ready_by_id: actor.id, updated_at: at });
    await repo.touchInspection(trx, id, at);
    await recordAudit(trx, actor, {
      entity: 'inspection',
      entityId: id,
      action: 'mark_ready',
      after: { unitId, gate: unit.gate.state, ...(input.override && { override: input.override.reason }) },
    });
  });
  return getInspection(db, actor, id, timeZone);
}

/** R-GOODS-5: a contract's minimum burn-in; below 12 hours only by a technical manager's override. */
export async function setBurnInSetting(
  db: Db,
  actor: Actor,
  contractId: number,
  input: { minHours: number; override?: { reason: string } },
) {
  await transact(db, async (trx) => {
    await enforceGuard(
      trx,
      actor,
      { code: 'INSPECTION_BURN_IN_BELOW_MIN', broken: input.minHours < MIN_BURN_IN_HOURS, subject: { entity: 'contract', id: contractId } },
      input.override,
    );
    const before = await repo.findBurnInSetting(trx, contractId);
    await repo.upsertBurnInSetting(trx, {
      contract_id: contractId,
      min_hours: input.minHours,
      override_reason: input.minHours < MIN_BURN_IN_HOURS ? (input.override?.reason ?? null) : null,
      set_by_id: actor.id,
      set_at: new Date().toISOString(),
    });
    await recordAudit(trx, actor, {
      entity: 'contract',
      entityId: contractId,
      action: 'set_burn_in_hours',
      before: { minHours: before ? Number(before.min_hours) : MIN_BURN_IN_HOURS },
      after: { minHours: input.minHours },
    });
  });
  return getBurnInSetting(db, contractId);
}

export async function getBurnInSetting(db: Db, contractId: number) {
  const s = await repo.findBurnInSetting(db, contractId);
  return { contractId, minHours: s ? Number(s.min_hours) : MIN_BURN_IN_HOURS, overrideReason: s?.override_reason ?? null };
}

/** For the delivery-note module of this area: the loaded inspection (read scope applied). */
export { loadReadable as loadReadableInspection, toUnit as unitView };
export type { Loaded as LoadedInspection };
