import {
  CHECKLIST_PHOTO_MAX_BYTES,
  CHECKLIST_PHOTO_TYPES,
  type TChecklistAnswers,
  type TChecklistItem,
  type TChecklistPhoto,
} from '@contract/checklists';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../actor';
import { AppError, fieldError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { recordAudit } from '../audit/audit.service';
import type { FileStore } from '../files/file-store';
import { recordStoredFile, sendStoredFile } from '../files/files.service';
import { type ReceivedFile, withUpload } from '../files/uploads';

/** The record a checklist belongs to: a visit (its arrival checklist) or a service report. */
export interface ChecklistOwner {
  entity: 'visit' | 'service_report';
  id: number;
  /** Earlier records whose photos this one carries on (a report's earlier revisions). */
  earlier?: readonly number[];
}

const idsOf = (owner: ChecklistOwner) => [owner.id, ...(owner.earlier ?? [])];

const pathOf = (key: string) => `checklist.answers.${key}`;
const notAnImage = (item: TChecklistItem) =>
  fieldError(
    pathOf(item.key),
    { zh: `${item.labelZh}：照片须为 PNG 或 JPEG 图片`, en: `${item.labelEn}: a photo must be a PNG or JPEG image` },
    'photo_type',
  );

/** The photo item `key` of the checklist, or a refusal naming it. */
export function photoItemOf(items: readonly TChecklistItem[], key: string): TChecklistItem {
  const item = items.find((i) => i.key === key);
  if (!item || item.type !== 'photo')
    throw fieldError(pathOf(key), { zh: '清单中没有这个照片项', en: 'the checklist has no such photo item' }, 'photo_item');
  return item;
}

/**
 * Receive a photo for a photo item: a multipart upload with one `file` part. Whatever is not an
 * image by its content (sniffed, not by its name) is refused naming the item, and nothing is kept.
 */
export async function withChecklistPhoto<T>(
  req: FastifyRequest,
  store: FileStore,
  item: TChecklistItem,
  handle: (file: ReceivedFile) => Promise<T>,
): Promise<T> {
  try {
    return await withUpload(req, store, async ({ file }) => {
      if (!(CHECKLIST_PHOTO_TYPES as readonly string[]).includes(file.mime)) throw notAnImage(item);
      if (file.staged.size > CHECKLIST_PHOTO_MAX_BYTES)
        throw fieldError(
          pathOf(item.key),
          { zh: `${item.labelZh}：照片不能超过 10 MB`, en: `${item.labelEn}: a photo must not exceed 10 MB` },
          'photo_size',
        );
      return handle(file);
    });
  } catch (err) {
    if (
      err instanceof AppError &&
      ['UPLOAD_TYPE_FORBIDDEN', 'UPLOAD_TYPE_UNSUPPORTED', 'UPLOAD_TYPE_MISMATCH', 'UPLOAD_EMPTY'].includes(err.code)
    )
      throw notAnImage(item);
    throw err;
  }
}

/** Keep a received photo for the owner's item (in the owner's transaction); answers its id. Audited on the owner. */
export async function keepChecklistPhoto(
  trx: Db,
  store: FileStore,
  actor: Actor,
  owner: ChecklistOwner,
  item: TChecklistItem,
  file: ReceivedFile,
): Promise<TChecklistPhoto> {
  const blob = await store.commit(file.staged);
  await recordStoredFile(trx, blob, file.mime);
  const at = nowIso();
  const id = await insertReturningId(trx, 'checklist_photo', {
    owner_entity: owner.entity,
    owner_id: owner.id,
    item_key: item.key,
    file_hash: blob.hash,
    file_name: file.fileName,
    mime: file.mime,
    size: blob.size,
    uploaded_by_id: actor.id,
    uploaded_at: at,
  });
  await recordAudit(trx, actor, {
    entity: owner.entity,
    entityId: owner.id,
    action: 'add_checklist_photo',
    after: { photoId: id, item: item.key, fileName: file.fileName },
  });
  return { id, itemKey: item.key, fileName: file.fileName, size: blob.size, uploadedAt: at };
}

/** The photos of an owner (all items). */
export async function listChecklistPhotos(db: Db, owner: ChecklistOwner): Promise<TChecklistPhoto[]> {
  const rows = await db
    .selectFrom('checklist_photo')
    .select(['id', 'item_key', 'file_name', 'size', 'uploaded_at'])
    .where('owner_entity', '=', owner.entity)
    .where('owner_id', 'in', idsOf(owner))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    itemKey: r.item_key,
    fileName: r.file_name,
    size: Number(r.size),
    uploadedAt: r.uploaded_at,
  }));
}

/**
 * The photo answers name only photos taken for that owner and item (an id from elsewhere could
 * reach a file the user may not read): each other one is refused, naming its item.
 */
export async function assertPhotoAnswers(
  db: Db,
  owner: ChecklistOwner,
  items: readonly TChecklistItem[],
  answers: TChecklistAnswers,
): Promise<void> {
  const photoItems = items.filter((i) => i.type === 'photo' && Array.isArray(answers[i.key]) && (answers[i.key] as string[]).length > 0);
  if (photoItems.length === 0) return;
  const taken = await listChecklistPhotos(db, owner);
  const bad = photoItems.filter((i) =>
    (answers[i.key] as string[]).some((ref) => !taken.some((p) => p.itemKey === i.key && String(p.id) === ref)),
  );
  if (bad.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      bad.map((i) =>
        issue(
          pathOf(i.key),
          { zh: `${i.labelZh}：照片须在此项下拍摄上传`, en: `${i.labelEn}: photos must be taken for this item` },
          'photo_ref',
        ),
      ),
    );
}

/** A checklist photo as a download (attachment, never inline: it is an uploaded file). */
export async function sendChecklistPhoto(
  db: Db,
  store: FileStore,
  reply: FastifyReply,
  owner: ChecklistOwner,
  photoId: number,
): Promise<FastifyReply> {
  const row = await db
    .selectFrom('checklist_photo')
    .select(['file_hash', 'file_name'])
    .where('owner_entity', '=', owner.entity)
    .where('owner_id', 'in', idsOf(owner))
    .where('id', '=', photoId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return sendStoredFile(db, store, reply, { hash: row.file_hash, fileName: row.file_name });
}
