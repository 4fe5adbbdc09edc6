import { SERVICE_REQUEST_ATTACHMENT_MAX_BYTES, type TServiceRequestAttachment } from '@contract/service-requests';
import { isTerminalState } from '@contract/service-request-workflow';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../actor';
import { AppError, fieldError } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import type { FileStore } from '../files/file-store';
import { recordStoredFile, sendStoredFile } from '../files/files.service';
import { FILE_FIELD, type ReceivedFile } from '../files/uploads';
import * as repo from './service-requests.repo';
import { loadReadableRequest, managesRequest, relationOf } from './service-requests.service';

/*
 * Photos and files on the request itself (what the engineer saw, a log, the customer's sheet),
 * until the field-work report holds them: added by the request's engineers, its issuer or a manager
 * while it is open; read by whoever may read the request; downloaded as attachments.
 */

function toAttachment(r: Awaited<ReturnType<typeof repo.findAttachments>>[number]): TServiceRequestAttachment {
  return {
    id: r.id,
    fileName: r.file_name,
    mime: r.mime,
    size: r.size,
    uploadedBy: r.uploaded_by_id === null ? null : { id: r.uploaded_by_id, name: r.uploaded_by_name ?? '' },
    uploadedAt: r.uploaded_at,
  };
}

export async function listServiceRequestAttachments(db: Db, actor: Actor, id: number): Promise<TServiceRequestAttachment[]> {
  await loadReadableRequest(db, actor, id);
  return (await repo.findAttachments(db, id)).map(toAttachment);
}

/** Before the upload is read: the request exists for the actor (else NOT_FOUND) and he may attach to it. */
export async function assertMayAttach(db: Db, actor: Actor, id: number): Promise<void> {
  const r = await loadReadableRequest(db, actor, id);
  const relation = relationOf(actor, r);
  if (!(relation.isResponsible || relation.isBackup || relation.isIssuer || managesRequest(actor, r)))
    throw new AppError('SERVICE_REQUEST_NOT_ASSIGNED');
  if (isTerminalState(r.state)) throw new AppError('SERVICE_REQUEST_CLOSED');
}

export async function addServiceRequestAttachment(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  file: ReceivedFile,
): Promise<TServiceRequestAttachment[]> {
  if (file.staged.size > SERVICE_REQUEST_ATTACHMENT_MAX_BYTES)
    throw fieldError(FILE_FIELD, { zh: '附件不能超过 20 MB', en: 'an attachment must not exceed 20 MB' }, 'attachment_size');
  await loadReadableRequest(db, actor, id);
  const blob = await store.commit(file.staged);
  await transact(db, async (trx) => {
    const r = await loadReadableRequest(trx, actor, id);
    const relation = relationOf(actor, r);
    if (!(relation.isResponsible || relation.isBackup || relation.isIssuer || managesRequest(actor, r)))
      throw new AppError('SERVICE_REQUEST_NOT_ASSIGNED');
    if (isTerminalState(r.state)) throw new AppError('SERVICE_REQUEST_CLOSED');
    await recordStoredFile(trx, blob, file.mime);
    const attachmentId = await repo.insertAttachment(trx, {
      service_request_id: id,
      file_hash: blob.hash,
      file_name: file.fileName,
      mime: file.mime,
      size: blob.size,
      uploaded_by_id: actor.id,
      uploaded_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      entity: 'service_request',
      entityId: id,
      action: 'attach',
      after: { attachmentId, fileName: file.fileName },
    });
  });
  return (await repo.findAttachments(db, id)).map(toAttachment);
}

export async function downloadServiceRequestAttachment(
  db: Db,
  store: FileStore,
  reply: FastifyReply,
  actor: Actor,
  id: number,
  attachmentId: number,
): Promise<FastifyReply> {
  await loadReadableRequest(db, actor, id);
  const a = await repo.findAttachment(db, id, attachmentId);
  if (!a) throw new AppError('NOT_FOUND');
  return sendStoredFile(db, store, reply, { hash: a.file_hash, fileName: a.file_name });
}
