import { Readable } from 'node:stream';
import { evaluateChecklist, type TChecklistAnswers, type TChecklistTemplateVersion } from '@contract/checklists';
import type { FastifyReply } from 'fastify';
import {
  REQUIRED_SIGNERS,
  SERVICE_REPORT_KIND_LABELS,
  SIGNER_ROLE_LABELS,
  type TReportFields,
  type TServiceReport,
  type TServiceReportListItem,
  type TServiceReportKind,
  type TServiceReportQuery,
  type TServiceReportState,
  type TServiceReportVerification,
  type TSignServiceReport,
  type TSignerRole,
  type TUpdateServiceReport,
  ZReportFields,
} from '@contract/service-reports';
import type { TServiceRequestKind } from '@contract/service-request-workflow';
import { todayIn } from '@contract/zoned-time';
import type { Actor } from '../../actor';
import { AppError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { formatNumber, nextNumber } from '../../db/number-sequence';
import { transact } from '../../db/transaction';
import type { TFormContext, TPrintedForm } from '../../pdf/form-text';
import { recordAudit } from '../audit/audit.service';
import { addWorkingDays, localDateOf } from '../calendar/working-calendar';
import { loadCalendarSpec } from '../calendar/calendar.service';
import {
  assertPhotoAnswers,
  type ChecklistOwner,
  keepChecklistPhoto,
  photoItemOf,
  sendChecklistPhoto,
} from '../checklists/checklist-photos';
import { getChecklistTemplate, getChecklistTemplateVersion, listChecklistTemplates } from '../checklists/checklists.service';
import { printForm } from '../company/company.service';
import { createDocument } from '../documents/documents.service';
import type { FileStore } from '../files/file-store';
import { recordStoredFile } from '../files/files.service';
import type { ReceivedFile } from '../files/uploads';
import { queueCustomerEmails } from '../notifications/delivery.service';
import {
  contentHashOf as hashOfContent,
  decodeSignatureImage,
  readSignatureImage,
  recordSignature,
  sha256Hex,
  signaturesOf,
  storeSignatureImage,
} from '../signatures/signatures.service';
import type { TSignature } from '@contract/signatures';
import { loadReadableRequest, readableRequestsOf } from '../service-requests/service-requests.service';
import * as repo from './service-reports.repo';
import { type PrintedSignature, reportNumberOf, serviceReportForm } from './service-reports.form';
import { advanceRequestAfterSigning } from './service-reports.workflow';

/** Allocated numbers per kind: `CSR-2026-00042` (客户服务报告), `INR-…` (安装报告), `ACR-…` (验收报告). */
const NUMBER_PREFIX: Record<TServiceReportKind, string> = { service: 'CSR', installation: 'INR', acceptance: 'ACR' };
/** The archive's document type each kind is filed as (R-INST-9). */
const DOCUMENT_TYPE = { service: 'service_report', installation: 'installation_report', acceptance: 'acceptance_report' } as const;
/** The signature table's `entity`. */
const ENTITY = 'service_report';

const ref = (id: number | null, name: string | null) => (id === null ? null : { id: Number(id), name: name ?? '' });

function fieldsOf(row: repo.ReportRow): TReportFields {
  return ZReportFields.parse(JSON.parse(row.content));
}

function answersOf(row: Pick<repo.ReportRow, 'checklist_answers'>): TChecklistAnswers {
  return row.checklist_answers ? (JSON.parse(row.checklist_answers) as TChecklistAnswers) : {};
}

/** Template versions never change once written: kept in memory per database once read. */
const versionCache = new WeakMap<object, Map<string, Promise<TChecklistTemplateVersion>>>();

async function checklistVersionOf(db: Db, row: repo.ReportRow): Promise<TChecklistTemplateVersion | null> {
  if (row.checklist_template_id === null || row.checklist_version_no === null) return null;
  const adapter = db.getExecutor().adapter;
  let cache = versionCache.get(adapter);
  if (!cache) {
    cache = new Map();
    versionCache.set(adapter, cache);
  }
  const key = `${row.checklist_template_id}:${row.checklist_version_no}`;
  let v = cache.get(key);
  if (!v) {
    v = getChecklistTemplateVersion(db, Number(row.checklist_template_id), Number(row.checklist_version_no));
    cache.set(key, v);
    v.catch(() => cache.delete(key));
  }
  return v;
}

function toReport(row: repo.ReportRow, version: TChecklistTemplateVersion | null, signatures: readonly TSignature[]): TServiceReport {
  const answers = answersOf(row);
  const verdict = version ? evaluateChecklist(version.items, answers) : null;
  return {
    ...toListItem(row),
    fields: fieldsOf(row),
    checklist:
      version && verdict
        ? {
            templateId: version.templateId,
            versionNo: version.versionNo,
            nameZh: version.nameZh,
            nameEn: version.nameEn,
            items: version.items,
            answers,
            missing: verdict.missing.map((m) => m.key),
            outOfRange: verdict.outOfRange.map((o) => o.key),
          }
        : null,
    signatures: signatures
      .filter((s) => s.entityVersion === Number(row.revision))
      .map((s) => ({
        id: s.id,
        role: s.signerRole,
        signerName: s.signerName,
        method: s.method,
        signedAt: s.signedAt,
        contentHash: s.contentHash,
      })),
    contentHash: row.content_hash,
    supersedesId: row.supersedes_id === null ? null : Number(row.supersedes_id),
    documentId: row.document_id === null ? null : Number(row.document_id),
    createdBy: ref(row.created_by_id, row.created_by_name),
    version: Number(row.version),
  };
}

/** The report's row if the actor may read its request (R-ORG-4); otherwise NOT_FOUND. */
async function loadRow(db: Db, actor: Actor, id: number): Promise<repo.ReportRow> {
  const row = await repo.findReport(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  await loadReadableRequest(db, actor, Number(row.service_request_id));
  return row;
}

async function viewOf(db: Db, row: repo.ReportRow): Promise<TServiceReport> {
  const [version, signatures] = await Promise.all([checklistVersionOf(db, row), signaturesOf(db, ENTITY, [Number(row.id)])]);
  return toReport(row, version, signatures.get(String(row.id)) ?? []);
}

export async function getServiceReport(db: Db, actor: Actor, id: number): Promise<TServiceReport> {
  return viewOf(db, await loadRow(db, actor, id));
}

export async function listServiceReports(db: Db, actor: Actor, q: TServiceReportQuery): Promise<Page<TServiceReportListItem>> {
  const { rows, total } = await repo.listReports(db, q, readableRequestsOf(actor));
  return { items: rows.map(toListItem), total, page: q.page, pageSize: q.pageSize };
}

/** A list row: the report's heading only; its checklist, fields and signatures are read with the report itself. */
function toListItem(row: repo.ReportRow): TServiceReportListItem {
  return {
    id: Number(row.id),
    number: row.number,
    revision: Number(row.revision),
    kind: row.kind as TServiceReportKind,
    state: row.state as TServiceReportState,
    serviceRequest: {
      id: Number(row.service_request_id),
      number: row.request_number,
      kind: row.request_kind,
      state: row.request_state,
      description: row.request_description,
    },
    visitId: row.visit_id === null ? null : Number(row.visit_id),
    customer: { id: Number(row.customer_id), name: row.customer_name },
    contract: row.contract_id === null ? null : { id: Number(row.contract_id), number: row.contract_number ?? '' },
    signedAt: row.signed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// ── Making a report ──

/** The active checklist template of the request's service kind (the PM checklist on a PM request, R-PM-6), at its current version. */
async function defaultChecklistOf(db: Db, kind: TServiceRequestKind): Promise<{ templateId: number; versionNo: number } | null> {
  const page = await listChecklistTemplates(db, { page: 1, pageSize: 1, serviceKind: kind });
  const t = page.items[0];
  return t ? { templateId: t.id, versionNo: t.currentVersion } : null;
}

async function insertDraft(
  trx: Db,
  actor: Actor,
  kind: TServiceReportKind,
  req: repo.RequestFacts,
  visitId: number | null,
  fields: TReportFields,
  timeZone: string,
): Promise<number> {
  const at = nowIso();
  const year = Number(todayIn(timeZone).slice(0, 4));
  const prefix = NUMBER_PREFIX[kind];
  const number = formatNumber(prefix, year, await nextNumber(trx, `${prefix}-${year}`));
  const checklist = kind === 'acceptance' ? null : await defaultChecklistOf(trx, req.kind);
  const id = await repo.insertReport(trx, {
    number,
    revision: 1,
    kind,
    service_request_id: Number(req.id),
    visit_id: visitId,
    customer_id: Number(req.customer_id),
    contract_id: req.contract_id === null ? null : Number(req.contract_id),
    state: 'draft',
    content: JSON.stringify(fields),
    checklist_template_id: checklist?.templateId ?? null,
    checklist_version_no: checklist?.versionNo ?? null,
    checklist_answers: checklist ? '{}' : null,
    content_hash: null,
    pdf_hash: null,
    pdf_size: null,
    signed_at: null,
    supersedes_id: null,
    document_id: null,
    created_by_id: actor.id,
    created_at: at,
    updated_at: at,
    version: 1,
  });
  await recordAudit(trx, actor, { entity: ENTITY, entityId: id, action: 'create', after: { number, kind, visitId, fields } });
  return id;
}

async function requestFacts(db: Db, actor: Actor, requestId: number): Promise<repo.RequestFacts> {
  await loadReadableRequest(db, actor, requestId);
  const req = await repo.findRequest(db, requestId);
  if (!req) throw new AppError('NOT_FOUND');
  return req;
}

/**
 * R-INST-6: the Customer Service Report of a day's visit, pre-filled from the visit (times,
 * engineers present, work done) and its request (customer, contact, site, units, the fault); the
 * request's checklist template is attached at its current version.
 */
export async function createReportFromVisit(db: Db, actor: Actor, visitId: number, timeZone: string): Promise<TServiceReport> {
  const id = await transact(db, async (trx) => {
    const visit = await repo.findVisit(trx, visitId);
    if (!visit) throw new AppError('NOT_FOUND');
    const req = await requestFacts(trx, actor, Number(visit.service_request_id));
    // One report per visit: asked again (the visit page's button, a second tap), the current one is answered.
    const current = await repo.findCurrentReportOfVisit(trx, visitId);
    if (current !== null) return current;
    const [engineers, units, email, worked] = await Promise.all([
      repo.findVisitEngineerNames(trx, [Number(visit.id)]),
      repo.findRequestUnits(trx, Number(req.id)),
      repo.findContactEmail(trx, Number(req.customer_id), req.contact_name),
      repo.findVisitUnits(trx, [Number(visit.id)]),
    ]);
    // The units the visit recorded (served, installed, replaced), else the request's.
    const served = worked
      .filter((u) => u.action !== 'removed')
      .map((u) => ({
        model: u.model,
        ...((u.new_pn ?? u.old_pn) && { pn: (u.new_pn ?? u.old_pn) as string }),
        ...((u.new_sn ?? u.old_sn) && { sn: (u.new_sn ?? u.old_sn) as string }),
      }));
    const swaps = worked
      .filter((u) => u.action === 'replaced')
      .map((u) => ({
        oldPn: u.old_pn ?? '',
        oldSn: u.old_sn ?? '',
        newPn: u.new_pn ?? '',
        newSn: u.new_sn ?? '',
        ...(u.reason && { reason: u.reason.slice(0, 400) }),
      }));
    const fields: TReportFields = {
      contactName: req.contact_name,
      contactPhone: req.contact_phone,
      contactEmail: email,
      siteAddress: req.site_address,
      engineers,
      arrivedAt: visit.arrived_at,
      departedAt: visit.departed_at,
      units: served.length ? served : units.map((u) => ({ model: u.model, ...(u.pn && { pn: u.pn }), ...(u.sn && { sn: u.sn }) })),
      workDone: visit.work_done,
      partsReplaced: swaps,
    };
    return insertDraft(trx, actor, 'service', req, Number(visit.id), fields, timeZone);
  });
  return getServiceReport(db, actor, id);
}

/** R-INST-8: the Installation Report from an installation request's visits, or its Acceptance Report. */
export async function createReportForRequest(
  db: Db,
  actor: Actor,
  requestId: number,
  kind: 'installation' | 'acceptance',
  timeZone: string,
): Promise<TServiceReport> {
  const id = await transact(db, async (trx) => {
    const req = await requestFacts(trx, actor, requestId);
    if (req.kind !== 'installation') throw new AppError('SERVICE_REPORT_KIND_MISMATCH');
    const visits = await repo.findVisitsOfRequest(trx, requestId);
    const visitIds = visits.map((v) => Number(v.id));
    const [engineers, units, email, worked, records] = await Promise.all([
      repo.findVisitEngineerNames(trx, visitIds),
      repo.findRequestUnits(trx, requestId),
      repo.findContactEmail(trx, Number(req.customer_id), req.contact_name),
      repo.findVisitUnits(trx, visitIds),
      repo.findVisitRecords(trx, visitIds),
    ]);
    const installed = worked
      .filter((u) => u.action === 'installed')
      .map((u) => ({ model: u.model, ...(u.new_pn && { pn: u.new_pn }), ...(u.new_sn && { sn: u.new_sn }) }));
    const days = [...new Set(visits.map((v) => v.arrived_at ?? v.travel_started_at).filter((d): d is string => d !== null))]
      .map((d) => d.slice(0, 10))
      .sort();
    const base: TReportFields = {
      contactName: req.contact_name,
      contactPhone: req.contact_phone,
      contactEmail: email,
      siteAddress: req.site_address,
      engineers,
    };
    const fields: TReportFields =
      kind === 'installation'
        ? {
            ...base,
            dates: days.length ? `${days[0]} – ${days.at(-1)}` : null,
            units: [
              ...units.map((u) => ({
                model: u.model,
                ...(u.pn && { pn: u.pn }),
                ...(u.sn && { sn: u.sn }),
                ...(u.site && { location: u.site }),
              })),
              ...installed,
            ],
            configuration: visits
              .map((v) => v.work_done)
              .filter(Boolean)
              .join('\n'),
            tests: [],
            problems: records.problems.map((p) => ({ problem: p.problem.slice(0, 1000), solution: (p.solution ?? '').slice(0, 1000) })),
            outOfContract: records.extras.map((x) => ({ request: x.request.slice(0, 1000), answer: x.answer.slice(0, 1000) })),
            openItems: [],
          }
        : {
            ...base,
            acceptanceDate: todayIn(timeZone),
            unitsAccepted: units.map((u) => ({ model: u.model, ...(u.sn && { sn: u.sn }), quantity: 1 })),
            tests: [],
            documentsHandedOver: [],
            openItems: [],
            conclusion: null,
          };
    return insertDraft(trx, actor, kind, req, null, fields, timeZone);
  });
  return getServiceReport(db, actor, id);
}

// ── Filling ──

function refuseSigned(row: repo.ReportRow): void {
  if (row.state !== 'draft') throw new AppError('SERVICE_REPORT_SIGNED');
}

/** Fields and checklist answers of a draft; a signed report is frozen (SERVICE_REPORT_SIGNED). */
export async function updateServiceReport(db: Db, actor: Actor, id: number, input: TUpdateServiceReport): Promise<TServiceReport> {
  await transact(db, async (trx) => {
    const row = await loadRow(trx, actor, id);
    refuseSigned(row);
    if (input.version !== Number(row.version)) throw new AppError('VERSION_CONFLICT');
    const before = await viewOf(trx, row);
    const fields = { ...before.fields, ...(input.fields ?? {}) };
    let checklist: { templateId: number | null; versionNo: number | null; answers: string | null } = {
      templateId: row.checklist_template_id === null ? null : Number(row.checklist_template_id),
      versionNo: row.checklist_version_no === null ? null : Number(row.checklist_version_no),
      answers: row.checklist_answers,
    };
    if (input.checklist === null) checklist = { templateId: null, versionNo: null, answers: null };
    else if (input.checklist) {
      // The version a checklist was started with stays; another template starts at its current version.
      const same = checklist.templateId === input.checklist.templateId;
      const versionNo = same
        ? (checklist.versionNo as number)
        : (await getChecklistTemplate(trx, input.checklist.templateId)).currentVersion;
      const version = await getChecklistTemplateVersion(trx, input.checklist.templateId, versionNo);
      const answers = { ...(same ? answersOf(row) : {}), ...input.checklist.answers };
      const verdict = evaluateChecklist(version.items, answers);
      if (verdict.invalid.length > 0)
        throw new AppError(
          'VALIDATION_FAILED',
          verdict.invalid.map((i) =>
            issue(`checklist.answers.${i.key}`, { zh: `${i.label.zh}：答案无效`, en: `${i.label.en}: answer not valid` }),
          ),
        );
      await assertPhotoAnswers(trx, await photoOwnerOf(trx, row), version.items, answers);
      checklist = { templateId: input.checklist.templateId, versionNo, answers: JSON.stringify(answers) };
    }
    await repo.updateReport(trx, id, Number(row.version), {
      content: JSON.stringify(fields),
      checklist_template_id: checklist.templateId,
      checklist_version_no: checklist.versionNo,
      checklist_answers: checklist.answers,
      updated_at: nowIso(),
    });
    const after = await viewOf(trx, (await repo.findReport(trx, id)) as repo.ReportRow);
    await recordAudit(trx, actor, {
      entity: ENTITY,
      entityId: id,
      action: 'update',
      before: { fields: before.fields, checklist: before.checklist?.answers ?? null },
      after: { fields: after.fields, checklist: after.checklist?.answers ?? null },
    });
  });
  return getServiceReport(db, actor, id);
}

// ── Photos of the checklist's photo items ──

/** A report's photos: its own and those of its earlier revisions (a correction carries the answers over). */
async function photoOwnerOf(db: Db, row: repo.ReportRow): Promise<ChecklistOwner> {
  const earlier = await db
    .selectFrom('service_report')
    .select('id')
    .where('number', '=', row.number)
    .where('id', '<>', Number(row.id))
    .execute();
  return { entity: ENTITY, id: Number(row.id), earlier: earlier.map((r) => Number(r.id)) };
}

/** Before an upload is read: the report is readable, a draft, and `key` is a photo item of its checklist (an outsider learns nothing). */
export async function photoItemOfReport(db: Db, actor: Actor, id: number, key: string) {
  const row = await loadRow(db, actor, id);
  refuseSigned(row);
  const version = await checklistVersionOf(db, row);
  return photoItemOf(version?.items ?? [], key);
}

/** A photo taken for a photo item of a draft's checklist: kept, its id added to the item's answer (audited). */
export async function addReportChecklistPhoto(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  key: string,
  file: ReceivedFile,
): Promise<TServiceReport> {
  await transact(db, async (trx) => {
    const row = await loadRow(trx, actor, id);
    refuseSigned(row);
    const version = await checklistVersionOf(trx, row);
    const item = photoItemOf(version?.items ?? [], key);
    const photo = await keepChecklistPhoto(trx, store, actor, { entity: ENTITY, id }, item, file);
    const answers = answersOf(row);
    const before = answers[key];
    answers[key] = [...(Array.isArray(before) ? before : []), String(photo.id)];
    await repo.updateReport(trx, id, Number(row.version), { checklist_answers: JSON.stringify(answers), updated_at: nowIso() });
  });
  return getServiceReport(db, actor, id);
}

/** A photo of the report's checklist, as a download (attachment, never inline). */
export async function downloadReportChecklistPhoto(
  db: Db,
  store: FileStore,
  actor: Actor,
  reply: FastifyReply,
  id: number,
  photoId: number,
): Promise<FastifyReply> {
  const row = await loadRow(db, actor, id);
  return sendChecklistPhoto(db, store, reply, await photoOwnerOf(db, row), photoId);
}

// ── Signing, freezing, verifying ──

/** What a signature covers: the report's identity, its fields and its checklist (version and answers), as stored. */
function contentHashOf(row: repo.ReportRow): string {
  return hashOfContent({
    number: row.number,
    revision: Number(row.revision),
    kind: row.kind,
    serviceRequestId: Number(row.service_request_id),
    visitId: row.visit_id === null ? null : Number(row.visit_id),
    customerId: Number(row.customer_id),
    contractId: row.contract_id === null ? null : Number(row.contract_id),
    fields: JSON.parse(row.content),
    checklist:
      row.checklist_template_id === null
        ? null
        : { templateId: Number(row.checklist_template_id), versionNo: Number(row.checklist_version_no), answers: answersOf(row) },
  });
}

async function readAll(store: FileStore, hash: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await store.open(hash)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The report printed with its signatures (images read from the store). */
async function printReport(
  db: Db,
  store: FileStore,
  report: TServiceReport,
  ctx: TFormContext,
  images?: Map<number, Buffer>,
): Promise<TPrintedForm> {
  const printed: PrintedSignature[] = await Promise.all(
    report.signatures.map(async (s) => {
      const image = images?.get(s.id) ?? (s.id > 0 ? await readSignatureImage(db, store, s.id, ENTITY, report.id).catch(() => null) : null);
      return { role: s.role as TSignerRole, signerName: s.signerName, signedAt: s.signedAt, image };
    }),
  );
  return printForm(db, store, serviceReportForm(report, printed, ctx));
}

export interface SignDeps {
  store: FileStore;
  ctx: TFormContext;
}

/**
 * R-INST-6 / R-PM-7 / R-INST-8: the customer (and, on an acceptance, the company) signs on the
 * spot or a signed and stamped scan is uploaded. Refused, nothing saved, when a required checklist
 * item is empty (each named), a required signer is missing, or an image is not a PNG/JPEG within
 * 1 MB. Signed, the report is frozen: its content hash is stored with each signature, the PDF is
 * kept, e-mailed to the customer contact, filed in the contract's archive, and a follow-up is due
 * on the next working day (R-INST-10).
 */
export async function signServiceReport(
  db: Db,
  deps: SignDeps,
  actor: Actor,
  id: number,
  input: TSignServiceReport,
): Promise<TServiceReport> {
  const { store, ctx } = deps;
  const row = await loadRow(db, actor, id);
  refuseSigned(row);
  if (input.version !== Number(row.version)) throw new AppError('VERSION_CONFLICT');
  const kind = row.kind as TServiceReportKind;
  const view = await viewOf(db, row);
  if (view.checklist && view.checklist.missing.length > 0) {
    const byKey = new Map(view.checklist.items.map((i) => [i.key, i]));
    throw new AppError(
      'SERVICE_REPORT_CHECKLIST_INCOMPLETE',
      view.checklist.missing.map((key) => {
        const item = byKey.get(key);
        return issue(
          `checklist.answers.${key}`,
          { zh: `${item?.labelZh ?? key}：必填`, en: `${item?.labelEn ?? key}: required` },
          'required',
        );
      }),
    );
  }
  const missingSigners = REQUIRED_SIGNERS[kind].filter((role) => !input.signatures.some((s) => s.role === role));
  if (missingSigners.length > 0)
    throw new AppError(
      'SERVICE_REPORT_SIGNER_MISSING',
      missingSigners.map((role) => issue('signatures', SIGNER_ROLE_LABELS[role], 'required')),
    );
  const images = input.signatures.map((s, i) => {
    const img = decodeSignatureImage(s.image, `signatures.${i}.image`);
    return { ...s, bytes: img.bytes, mime: img.mime, img };
  });
  const contentHash = contentHashOf(row);
  const signedAt = nowIso();
  const blobs = await Promise.all(images.map((s) => storeSignatureImage(store, s.img)));
  // The PDF as signed: printed before the transaction (in the PDF worker), stored by its hash.
  const signedView: TServiceReport = {
    ...view,
    state: 'signed',
    signedAt,
    contentHash,
    signatures: images.map((s, i) => ({ id: -1 - i, role: s.role, signerName: s.signerName, method: s.method, signedAt, contentHash })),
  };
  const pdf = await printReport(db, store, signedView, ctx, new Map(images.map((s, i) => [-1 - i, s.bytes])));
  const pdfBlob = await store.put(Readable.from([pdf.pdf]));
  const fileName = `${pdf.title}-${pdf.number}.pdf`;
  const calendar = await loadCalendarSpec(db, ctx.timeZone);
  const fields = view.fields;
  await transact(
    db,
    async (trx) => {
      await recordStoredFile(trx, pdfBlob, 'application/pdf');
      await repo.updateReport(trx, id, Number(row.version), {
        state: 'signed',
        content_hash: contentHash,
        pdf_hash: pdfBlob.hash,
        pdf_size: pdfBlob.size,
        signed_at: signedAt,
        updated_at: signedAt,
      });
      for (const [i, s] of images.entries())
        await recordSignature(trx, actor, {
          entity: ENTITY,
          entityId: id,
          entityVersion: Number(row.revision),
          signerName: s.signerName,
          signerRole: s.role,
          method: s.method,
          file: blobs[i],
          contentHash,
          signedAt,
        });
      if (kind !== 'acceptance') {
        const req = await repo.findRequest(trx, Number(row.service_request_id));
        const engineerId = Number(req?.responsible_engineer_id ?? actor.id);
        const now = new Date(signedAt);
        await repo.insertFollowUp(trx, {
          service_report_id: id,
          service_request_id: Number(row.service_request_id),
          engineer_id: engineerId,
          due_on: localDateOf(addWorkingDays(now, 1, calendar), ctx.timeZone),
          latest_on: localDateOf(addWorkingDays(now, 2, calendar), ctx.timeZone),
          state: 'open',
          channel: null,
          outcome: null,
          score: null,
          note: null,
          done_at: null,
          done_by_id: null,
          overdue_notified_at: null,
          created_at: signedAt,
          version: 1,
        });
      }
      if (fields.contactEmail) {
        const label = SERVICE_REPORT_KIND_LABELS[kind];
        await queueCustomerEmails(
          trx,
          [
            {
              to: fields.contactEmail,
              subject: `${label.zh} ${pdf.number} / ${label.en} ${pdf.number}`,
              body: [
                `${fields.contactName ?? ''} 您好：`,
                `附件为 ${view.customer.name} 的${label.zh}（${pdf.number}，服务要求单 ${view.serviceRequest.number}），已由 ${images.map((s) => s.signerName).join('、')} 签字确认。`,
                '',
                `Dear ${fields.contactName ?? 'customer'},`,
                `Attached is the ${label.en.toLowerCase()} ${pdf.number} (service request ${view.serviceRequest.number}), signed by ${images.map((s) => s.signerName).join(', ')}.`,
              ].join('\n'),
              attachments: [{ fileName, contentType: 'application/pdf', content: pdf.pdf }],
            },
          ],
          signedAt,
        );
      }
      await recordAudit(trx, actor, {
        entity: ENTITY,
        entityId: id,
        action: 'sign',
        after: { contentHash, pdfHash: pdfBlob.hash, signers: images.map((s) => ({ role: s.role, name: s.signerName, method: s.method })) },
      });
    },
    { durable: true },
  );
  // Consequences with transactions of their own: the archive copy (R-INST-9) and the request's step to follow-up.
  await fileInArchive(db, store, actor, id, row, pdf.pdf, fileName, pdf.title);
  if (kind !== 'acceptance' && fields.result !== 'pending')
    await advanceRequestAfterSigning(
      db,
      actor,
      Number(row.service_request_id),
      // The resolution the request records: the signed report and what it says was done.
      `${pdf.number}${fields.workDone ? `：${fields.workDone}` : ''}`.slice(0, 2000),
      ctx.timeZone,
    );
  return getServiceReport(db, actor, id);
}

async function fileInArchive(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  row: repo.ReportRow,
  pdf: Buffer,
  fileName: string,
  title: string,
) {
  const staged = await store.stage(Readable.from([pdf]));
  const doc = await createDocument(
    db,
    store,
    actor,
    {
      ...(row.contract_id !== null ? { contractId: Number(row.contract_id) } : { customerId: Number(row.customer_id) }),
      type: DOCUMENT_TYPE[row.kind as TServiceReportKind],
      title: `${title} ${reportNumberOf({ number: row.number, revision: Number(row.revision) })}`,
      isCopy: false,
      priceSensitive: false,
    },
    { staged, fileName, kind: 'pdf', mime: 'application/pdf' },
  );
  await repo.setDocument(db, id, doc.id);
}

/** A signed report is never edited: a correction is a new revision (a draft again), to be signed anew. */
export async function correctServiceReport(db: Db, actor: Actor, id: number): Promise<TServiceReport> {
  const newId = await transact(db, async (trx) => {
    const row = await loadRow(trx, actor, id);
    if (row.state !== 'signed') throw new AppError(row.state === 'draft' ? 'SERVICE_REPORT_NOT_SIGNED' : 'SERVICE_REPORT_SIGNED');
    const at = nowIso();
    await repo.updateReport(trx, id, Number(row.version), { state: 'superseded', updated_at: at });
    const created = await repo.insertReport(trx, {
      number: row.number,
      revision: Number(row.revision) + 1,
      kind: row.kind,
      service_request_id: Number(row.service_request_id),
      visit_id: row.visit_id === null ? null : Number(row.visit_id),
      customer_id: Number(row.customer_id),
      contract_id: row.contract_id === null ? null : Number(row.contract_id),
      state: 'draft',
      content: row.content,
      checklist_template_id: row.checklist_template_id,
      checklist_version_no: row.checklist_version_no,
      checklist_answers: row.checklist_answers,
      content_hash: null,
      pdf_hash: null,
      pdf_size: null,
      signed_at: null,
      supersedes_id: id,
      document_id: null,
      created_by_id: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await recordAudit(trx, actor, { entity: ENTITY, entityId: id, action: 'correct', after: { newRevisionId: created } });
    return created;
  });
  return getServiceReport(db, actor, newId);
}

/**
 * Anyone who may read the report re-verifies it: the stored content hashed again against the hash
 * taken at signing (and kept with every signature), the stored PDF's bytes against theirs.
 */
export async function verifyServiceReport(db: Db, store: FileStore, actor: Actor, id: number): Promise<TServiceReportVerification> {
  const row = await loadRow(db, actor, id);
  const signatures = ((await signaturesOf(db, ENTITY, [id])).get(String(id)) ?? []).filter((s) => s.entityVersion === Number(row.revision));
  const recomputed = row.content_hash ? contentHashOf(row) : null;
  const pdf = row.pdf_hash ? await readAll(store, row.pdf_hash).catch(() => null) : null;
  const recomputedPdf = pdf ? sha256Hex(pdf) : null;
  const signaturesMatch = signatures.length > 0 && signatures.every((s) => s.contentHash === row.content_hash);
  return {
    id,
    number: row.number,
    revision: Number(row.revision),
    valid: row.content_hash !== null && recomputed === row.content_hash && recomputedPdf === row.pdf_hash && signaturesMatch,
    contentHash: row.content_hash,
    recomputedContentHash: recomputed,
    pdfHash: row.pdf_hash,
    recomputedPdfHash: recomputedPdf,
    signaturesMatch,
    signedAt: row.signed_at,
  };
}

/** The PDF: as signed (the stored bytes) once signed; a draft printed now, in the language asked for. */
export async function serviceReportPdf(db: Db, store: FileStore, actor: Actor, id: number, ctx: TFormContext): Promise<TPrintedForm> {
  const row = await loadRow(db, actor, id);
  const view = await viewOf(db, row);
  if (row.pdf_hash && ctx.locale === 'zh-CN') {
    const form = serviceReportForm(view, [], ctx);
    return { ...form, pdf: await readAll(store, row.pdf_hash) };
  }
  return printReport(db, store, view, ctx);
}

/** R-INST-8: whether the contract has an acceptance report signed by both sides (the stage guard of project acceptance). */
export function hasSignedAcceptanceReport(db: Db, contractId: number): Promise<boolean> {
  return repo.hasSignedAcceptance(db, contractId);
}
