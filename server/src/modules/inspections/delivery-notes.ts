import { Readable } from 'node:stream';
import {
  CONSENT_LABELS,
  type TCreateDeliveryNote,
  type TInspectionDetail,
  NOT_TESTED_BY_CHOICE,
  PACKAGING_LABELS,
} from '@contract/inspections';
import type { TOriginalHolder } from '@contract/documents';
import { SIGNATURE_IMAGE_MAX_BYTES, SIGNATURE_IMAGE_TYPES } from '@contract/signatures';
import { todayIn } from '@contract/zoned-time';
import type { Actor } from '../../actor';
import { AppError, fieldError } from '../../app-error';
import type { Db } from '../../db/database';
import { formatNumber, nextNumber } from '../../db/number-sequence';
import { transact } from '../../db/transaction';
import { type TFormBody, type TFormContext, type TPrintedForm, formText } from '../../pdf/form-text';
import { recordAudit } from '../audit/audit.service';
import { printForm } from '../company/company.service';
import { createDocument } from '../documents/documents.service';
import type { FileStore } from '../files/file-store';
import type { ReceivedFile } from '../files/uploads';
import { contentHashOf, recordSignature } from '../signatures/signatures.service';
import { getInspection, loadReadableInspection } from './inspections.service';
import * as repo from './inspections.repo';

/** Allocated numbers: `DN-2026-00007` (送货单). */
const NUMBER_PREFIX = 'DN';

/**
 * A delivery note for units marked ready to ship (R-GOODS-3), numbered; printed and signed next.
 * Each unit leaves on one note.
 */
export async function createDeliveryNote(
  db: Db,
  actor: Actor,
  id: number,
  input: TCreateDeliveryNote,
  timeZone: string,
): Promise<TInspectionDetail> {
  const l = await loadReadableInspection(db, actor, id);
  input.unitIds.forEach((unitId, i) => {
    const u = l.units.find((x) => Number(x.id) === unitId);
    if (!u) throw fieldError(`unitIds.${i}`, { zh: '不是本检验记录的设备', en: 'not a unit of this inspection' }, 'reference_invalid');
    if (u.delivery_note_id !== null) throw new AppError('INSPECTION_UNIT_SHIPPED');
    if (u.ready_at === null) throw new AppError('INSPECTION_UNIT_NOT_READY');
  });
  await transact(db, async (trx) => {
    const at = new Date().toISOString();
    const year = Number(todayIn(timeZone).slice(0, 4));
    const number = formatNumber(NUMBER_PREFIX, year, await nextNumber(trx, `${NUMBER_PREFIX}-${year}`));
    const noteId = await repo.insertDeliveryNote(trx, {
      number,
      inspection_id: id,
      delivery_date: input.deliveryDate,
      receiver_name: input.receiverName ?? null,
      sign_method: null,
      signed_at: null,
      signature_hash: null,
      signature_id: null,
      document_id: null,
      created_by_id: actor.id,
      created_at: at,
      version: 1,
    });
    await repo.setUnitsDeliveryNote(trx, input.unitIds, noteId, at);
    await repo.touchInspection(trx, id, at);
    await recordAudit(trx, actor, {
      entity: 'inspection',
      entityId: id,
      action: 'create_delivery_note',
      after: { noteId, number, ...input },
    });
  });
  return getInspection(db, actor, id, timeZone);
}

/**
 * The Equipment Receipt / Delivery Note 设备签收单 / 送货单 (R-FORM-1): contract, delivery date, the
 * units shipped (model, PN, SN, quantity, packaging state — and "not tested by the customer's
 * choice" where the customer refused opening, R-GOODS-4), the receiver's name, signature and date.
 */
export function deliveryNoteForm(
  d: TInspectionDetail,
  noteId: number,
  ctx: TFormContext,
  signature: { name: string | null; at: string | null; image: Uint8Array | null },
  creator: string | null,
): TFormBody {
  const { t, pick, field, url, meta, time } = formText(ctx);
  const note = d.deliveryNotes.find((n) => n.id === noteId);
  if (!note) throw new AppError('NOT_FOUND');
  const units = d.units.filter((u) => note.unitIds.includes(u.id));
  const rows = units.map((u, i) => [
    String(i + 1),
    u.model,
    u.pn ?? '',
    u.sn ?? '',
    '1',
    [
      pick(PACKAGING_LABELS[u.packaging]),
      u.consent === 'given' ? pick(CONSENT_LABELS.given) : null,
      u.consent === 'refused' ? pick(NOT_TESTED_BY_CHOICE) : null,
    ]
      .filter(Boolean)
      .join('；'),
  ]);
  return {
    locale: ctx.locale,
    title: t('设备签收单 / 送货单', 'Equipment Receipt / Delivery Note'),
    number: note.number,
    recordUrl: url(`/inspections/${d.id}`),
    meta: meta(note.createdAt, creator),
    sections: [
      {
        kind: 'fields',
        fields: [
          field('客户', 'Customer', d.customer.name),
          field('合同编号', 'Contract number', d.contract.number),
          field('服务要求单', 'Service request', d.serviceRequest.number),
          field('送货日期', 'Delivery date', note.deliveryDate),
          field('数量合计', 'Total quantity', String(units.length)),
        ],
      },
      {
        kind: 'table',
        heading: t('设备清单', 'Items'),
        columns: [
          { label: t('序号', 'No.'), width: 1 },
          { label: t('型号', 'Model'), width: 4 },
          { label: 'PN', width: 3 },
          { label: 'SN', width: 4 },
          { label: t('数量', 'Qty'), width: 1 },
          { label: t('包装状态', 'Packaging'), width: 5 },
        ],
        rows,
      },
      {
        kind: 'signatures',
        slots: [
          {
            label: t('收货人签字', 'Received by (signature)'),
            signerName: signature.name,
            signedAt: time(signature.at),
            image: signature.image,
          },
          { label: t('送货人签字', 'Delivered by (signature)'), signerName: null, signedAt: null, image: null },
        ],
      },
    ],
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

async function printNote(db: Db, store: FileStore, actor: Actor, id: number, noteId: number, ctx: TFormContext): Promise<TPrintedForm> {
  const d = await getInspection(db, actor, id, ctx.timeZone);
  const row = (await repo.findDeliveryNotes(db, [id])).find((n) => Number(n.id) === noteId);
  if (!row) throw new AppError('NOT_FOUND');
  const image = row.signature_hash && row.sign_method === 'pad' ? await readAll(await store.open(row.signature_hash)) : null;
  return printForm(db, store, deliveryNoteForm(d, noteId, ctx, { name: row.receiver_name, at: row.signed_at, image }, row.created_by_name));
}

/** The note as PDF, for a reader of the inspection. */
export function deliveryNotePdf(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  noteId: number,
  ctx: TFormContext,
): Promise<TPrintedForm> {
  return printNote(db, store, actor, id, noteId, ctx);
}

const SIGNATURE_TYPES: readonly string[] = SIGNATURE_IMAGE_TYPES;

/**
 * The receiver signs: on the phone's pad (a PNG/JPEG of at most 1 MB, printed on the note) or a
 * signed scan uploaded (PDF or image). The signed note is filed in the archive as a copied
 * document with the department holding the original (R-ORG-7): the printed PDF for a pad
 * signature, the scan itself for a scan.
 */
export async function attachDeliveryNoteSignature(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  noteId: number,
  input: { method: 'pad' | 'scan'; receiverName: string; originalHolder?: TOriginalHolder },
  file: ReceivedFile,
  ctx: TFormContext,
): Promise<TInspectionDetail> {
  const l = await loadReadableInspection(db, actor, id);
  const row = (await repo.findDeliveryNotes(db, [id])).find((n) => Number(n.id) === noteId);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.signed_at !== null) throw new AppError('DELIVERY_NOTE_SIGNED');
  if (input.method === 'pad' && (!SIGNATURE_TYPES.includes(file.mime) || file.staged.size > SIGNATURE_IMAGE_MAX_BYTES))
    throw fieldError(
      'signature.image',
      { zh: '签名须为不超过 1 MB 的 PNG 或 JPEG 图片', en: 'a signature is a PNG or JPEG of at most 1 MB' },
      'signature_image',
    );
  if (input.method === 'scan' && !['application/pdf', ...SIGNATURE_TYPES].includes(file.mime))
    throw fieldError('file', { zh: '签收扫描件须为 PDF 或图片', en: 'a signed scan is a PDF or an image' }, 'scan_type');
  // What the receiver signs: the note's number, date and the units on it, as they stand.
  const detail = await getInspection(db, actor, id, ctx.timeZone);
  const note = detail.deliveryNotes.find((n) => n.id === noteId);
  const signed = {
    number: row.number,
    deliveryDate: row.delivery_date,
    units: detail.units
      .filter((u) => note?.unitIds.includes(u.id))
      .map((u) => ({ model: u.model, pn: u.pn, sn: u.sn, packaging: u.packaging, consent: u.consent })),
  };
  const blob = await store.commit(file.staged);
  const signedAt = new Date().toISOString();
  await transact(db, async (trx) => {
    const signature = await recordSignature(trx, actor, {
      entity: 'delivery_note',
      entityId: noteId,
      entityVersion: Number(row.version),
      signerName: input.receiverName,
      signerRole: 'receiver',
      method: input.method,
      file: { ...blob, mime: file.mime },
      contentHash: contentHashOf(signed),
      signedAt,
    });
    await repo.updateDeliveryNote(trx, noteId, Number(row.version), {
      receiver_name: input.receiverName,
      sign_method: input.method,
      signed_at: signedAt,
      signature_hash: blob.hash,
      signature_id: signature.id,
    });
    await recordAudit(trx, actor, {
      entity: 'inspection',
      entityId: id,
      action: 'sign_delivery_note',
      after: { noteId, number: row.number, method: input.method, receiverName: input.receiverName, signatureId: signature.id },
    });
  });
  const filed: ReceivedFile =
    input.method === 'pad'
      ? {
          staged: await store.stage(Readable.from((await printNote(db, store, actor, id, noteId, ctx)).pdf)),
          fileName: `${row.number}.pdf`,
          kind: 'pdf',
          mime: 'application/pdf',
        }
      : await restage(store, blob.hash, file);
  const doc = await createDocument(
    db,
    store,
    actor,
    {
      contractId: Number(l.row.contract_id),
      type: 'equipment_receipt',
      title: `设备签收单 / 送货单 ${row.number}`,
      isCopy: true,
      originalHolder: input.originalHolder ?? 'commerce',
    },
    filed,
  );
  await transact(db, async (trx) => {
    const current = (await repo.findDeliveryNotes(trx, [id])).find((n) => Number(n.id) === noteId);
    await repo.updateDeliveryNote(trx, noteId, Number(current?.version), { document_id: doc.id });
  });
  return getInspection(db, actor, id, ctx.timeZone);
}

/** A kept file staged again (createDocument commits what it is given; the store keeps identical content once). */
async function restage(store: FileStore, hash: string, file: ReceivedFile): Promise<ReceivedFile> {
  return { ...file, staged: await store.stage(await store.open(hash)) };
}
