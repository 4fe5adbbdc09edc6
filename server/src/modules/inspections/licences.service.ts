import { Readable } from 'node:stream';
import {
  DEMO_LICENCE_REMINDER_DAYS,
  type TCreateLicence,
  type TLicence,
  type TLicenceQuery,
  type TUpdateLicence,
} from '@contract/inspections';
import { dayNumberOfIsoDate, isoDateOfDayNumber, todayIn } from '@contract/zoned-time';
import type { Actor } from '../../actor';
import { AppError, fieldError } from '../../app-error';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { limitOffset } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { createDocument } from '../documents/documents.service';
import type { FileStore } from '../files/file-store';
import type { ReceivedFile } from '../files/uploads';
import { activeUserIdsWithRole, notify } from '../notifications/notifications.service';
import * as repo from './inspections.repo';

function toLicence(r: repo.LicenceRow): TLicence {
  return {
    id: Number(r.id),
    contract: { id: Number(r.contract_id), number: r.contract_number },
    customer: { id: Number(r.customer_id), name: r.customer_name },
    unitId: r.inspection_unit_id === null ? null : Number(r.inspection_unit_id),
    unitSn: r.unit_sn,
    software: r.software,
    needed: Number(r.needed) === 1,
    demoExpiresOn: r.demo_expires_on,
    hostid: r.hostid,
    softwareSerial: r.software_serial,
    appliedOn: r.applied_on,
    receivedOn: r.received_on,
    hasKey: r.key_document_id !== null,
    keyDocumentId: r.key_document_id === null ? null : Number(r.key_document_id),
    mediaDocumentId: r.media_document_id === null ? null : Number(r.media_document_id),
    version: Number(r.version),
  };
}

async function load(db: Db, id: number): Promise<repo.LicenceRow> {
  const r = await repo.findLicence(db, id);
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

export async function getLicence(db: Db, id: number): Promise<TLicence> {
  return toLicence(await load(db, id));
}

/** Licences; `expiringWithin`: demo licences ending in the next 30/60/90 days (and those already ended). */
export async function listLicences(db: Db, q: TLicenceQuery, timeZone: string): Promise<Page<TLicence>> {
  const expiresBy = q.expiringWithin ? isoDateOfDayNumber(dayNumberOfIsoDate(todayIn(timeZone)) + Number(q.expiringWithin)) : undefined;
  const { limit, offset } = limitOffset(q);
  const { rows, total } = await repo.listLicences(db, { expiresBy, contractId: q.contractId, limit, offset });
  return { items: rows.map(toLicence), total, page: q.page, pageSize: q.pageSize };
}

function assertDates(input: Partial<TCreateLicence>) {
  if (input.appliedOn && input.receivedOn && input.receivedOn < input.appliedOn)
    throw fieldError(
      'receivedOn',
      { zh: '收到日期不能早于申请日期', en: 'the licence cannot be received before it was applied for' },
      'date_order',
    );
}

async function assertUnitOfContract(db: Db, contractId: number, unitId: number | null | undefined) {
  if (!unitId) return;
  const ok = await repo.unitOfContract(db, contractId, unitId);
  if (!ok) throw fieldError('unitId', { zh: '不是本合同的设备', en: 'not a unit of this contract' }, 'reference_invalid');
}

/** R-GOODS-6: a licence per unit and software item — needed or not, demo expiry, hostid and serial, the vendor application. */
export async function createLicence(db: Db, actor: Actor, contractId: number, input: TCreateLicence): Promise<TLicence> {
  assertDates(input);
  return transact(db, async (trx) => {
    await assertUnitOfContract(trx, contractId, input.unitId);
    const at = new Date().toISOString();
    const id = await repo.insertLicence(trx, {
      contract_id: contractId,
      inspection_unit_id: input.unitId ?? null,
      software: input.software,
      needed: input.needed ? 1 : 0,
      demo_expires_on: input.demoExpiresOn ?? null,
      demo_reminded_for: null,
      hostid: input.hostid ?? null,
      software_serial: input.softwareSerial ?? null,
      applied_on: input.appliedOn ?? null,
      received_on: input.receivedOn ?? null,
      key_document_id: null,
      media_document_id: null,
      created_by_id: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    const after = await getLicence(trx, id);
    await recordAudit(trx, actor, { entity: 'licence', entityId: id, action: 'create', after });
    return after;
  });
}

export async function updateLicence(db: Db, actor: Actor, id: number, input: TUpdateLicence): Promise<TLicence> {
  return transact(db, async (trx) => {
    const before = await load(trx, id);
    assertDates({
      appliedOn: input.appliedOn === undefined ? before.applied_on : input.appliedOn,
      receivedOn: input.receivedOn === undefined ? before.received_on : input.receivedOn,
    });
    await assertUnitOfContract(trx, Number(before.contract_id), input.unitId);
    await repo.updateLicence(trx, id, input.version, {
      ...(input.unitId !== undefined && { inspection_unit_id: input.unitId }),
      ...(input.software !== undefined && { software: input.software }),
      ...(input.needed !== undefined && { needed: input.needed ? 1 : 0 }),
      ...(input.demoExpiresOn !== undefined && { demo_expires_on: input.demoExpiresOn }),
      ...(input.hostid !== undefined && { hostid: input.hostid }),
      ...(input.softwareSerial !== undefined && { software_serial: input.softwareSerial }),
      ...(input.appliedOn !== undefined && { applied_on: input.appliedOn }),
      ...(input.receivedOn !== undefined && { received_on: input.receivedOn }),
      updated_at: new Date().toISOString(),
    });
    const after = await getLicence(trx, id);
    await recordAudit(trx, actor, { entity: 'licence', entityId: id, action: 'update', before: toLicence(before), after });
    return after;
  });
}

/**
 * The key received from the vendor, filed in the customer's archive as a licence record (a text
 * file). The key's text is never returned by any list, detail or search: only that it is filed.
 */
export async function storeLicenceKey(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  input: { version: number; key: string },
): Promise<TLicence> {
  const l = await load(db, id);
  if (Number(l.version) !== input.version) throw new AppError('VERSION_CONFLICT');
  const staged = await store.stage(Readable.from(Buffer.from(`${input.key}\n`, 'utf8')));
  const doc = await createDocument(
    db,
    store,
    actor,
    { contractId: Number(l.contract_id), type: 'license_record', title: `许可证密钥 ${l.software}`.slice(0, 200), isCopy: false },
    { staged, fileName: `licence-${id}.txt`, kind: 'text', mime: 'text/plain' },
  );
  return fileDocument(db, actor, id, input.version, { key_document_id: doc.id }, 'store_key');
}

/** The installation media's backup record, filed in the customer's archive. */
export async function storeLicenceMedia(db: Db, store: FileStore, actor: Actor, id: number, file: ReceivedFile): Promise<TLicence> {
  const l = await load(db, id);
  const doc = await createDocument(
    db,
    store,
    actor,
    { contractId: Number(l.contract_id), type: 'media_backup_record', title: `介质备份 ${l.software}`.slice(0, 200), isCopy: false },
    file,
  );
  return fileDocument(db, actor, id, Number(l.version), { media_document_id: doc.id }, 'store_media');
}

async function fileDocument(
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  patch: { key_document_id?: number; media_document_id?: number },
  action: string,
): Promise<TLicence> {
  return transact(db, async (trx) => {
    await repo.updateLicence(trx, id, version, { ...patch, updated_at: new Date().toISOString() });
    // The audit names the document, never the key.
    await recordAudit(trx, actor, { entity: 'licence', entityId: id, action, after: patch });
    return getLicence(trx, id);
  });
}

/**
 * R-GOODS-6: a demo licence ending within DEMO_LICENCE_REMINDER_DAYS is reminded once per expiry
 * date to the contract's sales owner and the technical managers. Idempotent: the stamp is a
 * conditional update, and the notices carry a dedupe key.
 */
export async function sweepDemoLicences(db: Db, timeZone: string, now = new Date()): Promise<number> {
  const today = todayIn(timeZone, now);
  const by = isoDateOfDayNumber(dayNumberOfIsoDate(today) + DEMO_LICENCE_REMINDER_DAYS);
  const due = await repo.licencesToRemind(db, today, by);
  let sent = 0;
  for (const l of due) {
    await transact(db, async (trx) => {
      const expires = l.demo_expires_on as string;
      if (!(await repo.markLicenceReminded(trx, Number(l.id), expires))) return;
      const managers = await activeUserIdsWithRole(trx, 'tech_manager');
      const recipients = [...new Set([...(l.sales_owner_id ? [Number(l.sales_owner_id)] : []), ...managers.map(Number)])];
      await notify(
        trx,
        recipients.map((userId) => ({
          userId,
          kind: 'licence_expiring' as const,
          titleZh: `演示许可证将于 ${expires} 到期：${l.software}（合同 ${l.contract_number}）`,
          titleEn: `Demo licence ends on ${expires}: ${l.software} (contract ${l.contract_number})`,
          body: [l.customer_name, l.unit_sn ? `SN ${l.unit_sn}` : null, l.hostid ? `hostid ${l.hostid}` : null].filter(Boolean).join('\n'),
          entity: 'licence',
          entityId: Number(l.id),
          dedupeKey: `licence-demo:${l.id}:${expires}:${userId}`,
        })),
      );
      sent++;
    });
  }
  return sent;
}
