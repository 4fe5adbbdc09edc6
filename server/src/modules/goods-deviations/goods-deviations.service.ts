import {
  GOODS_DEVIATION_KIND_LABELS,
  GOODS_DEVIATION_PHOTO_MAX_BYTES,
  GOODS_DEVIATION_PHOTO_TYPES,
  type TCloseGoodsDeviation,
  type TGoodsDeviation,
  type TGoodsDeviationKind,
  type TGoodsDeviationQuery,
  type TGoodsDeviationState,
  type TReportGoodsDeviation,
} from '@contract/goods-deviations';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../actor';
import { AppError, fieldError } from '../../app-error';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { formatNumber, nextNumber } from '../../db/number-sequence';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { getContractCommitments } from '../contracts/contracts.service';
import { todayIn } from '@contract/zoned-time';
import type { FileStore } from '../files/file-store';
import { recordStoredFile, sendStoredFile } from '../files/files.service';
import { FILE_FIELD, type ReceivedFile } from '../files/uploads';
import { activeUserIdsWithRole, notify } from '../notifications/notifications.service';
import * as repo from './goods-deviations.repo';

/** Allocated numbers: `GD-2026-00003` (到货异常). */
const NUMBER_PREFIX = 'GD';

const ref = (id: number | null, name: string | null) => (id === null ? null : { id: Number(id), name: name ?? '' });

function toDeviation(r: repo.DeviationRow, photos: readonly repo.PhotoRow[]): TGoodsDeviation {
  return {
    id: Number(r.id),
    number: r.number,
    contract: { id: Number(r.contract_id), number: r.contract_number },
    customer: { id: Number(r.customer_id), name: r.customer_name },
    kind: r.kind as TGoodsDeviationKind,
    items: JSON.parse(r.items) as TGoodsDeviation['items'],
    note: r.note,
    state: r.state as TGoodsDeviationState,
    reportedBy: ref(r.reported_by_id, r.reported_by_name),
    reportedAt: r.reported_at,
    resolution: r.resolution,
    closedBy: ref(r.closed_by_id, r.closed_by_name),
    closedAt: r.closed_at,
    photos: photos
      .filter((p) => Number(p.goods_deviation_id) === Number(r.id))
      .map((p) => ({ id: Number(p.id), fileName: p.file_name, size: Number(p.size), uploadedAt: p.uploaded_at })),
    version: Number(r.version),
  };
}

/** Deviations with their photos (one query for a page of them). */
async function withPhotos(db: Db, rows: readonly repo.DeviationRow[]): Promise<TGoodsDeviation[]> {
  const photos = await repo.findPhotos(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => toDeviation(r, photos));
}

async function load(db: Db, id: number) {
  const row = await repo.findDeviationById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function listGoodsDeviations(db: Db, q: TGoodsDeviationQuery): Promise<Page<TGoodsDeviation>> {
  const { rows, total } = await repo.listDeviations(db, q);
  return { items: await withPhotos(db, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getGoodsDeviation(db: Db, id: number): Promise<TGoodsDeviation> {
  return (await withPhotos(db, [await load(db, id)]))[0];
}

/**
 * R-ORG-8: delivered goods deviate — the sales owner and commerce (the contract's commerce
 * contact, or every commerce user when it names none) are notified at once, in the report's
 * transaction; it stays open until commerce closes it.
 */
export async function reportGoodsDeviation(
  db: Db,
  actor: Actor,
  contractId: number,
  input: TReportGoodsDeviation,
  timeZone: string,
): Promise<TGoodsDeviation> {
  return transact(db, async (trx) => {
    const contract = await getContractCommitments(trx, contractId);
    const at = new Date().toISOString();
    const year = Number(todayIn(timeZone).slice(0, 4));
    const number = formatNumber(NUMBER_PREFIX, year, await nextNumber(trx, `${NUMBER_PREFIX}-${year}`));
    const id = await repo.insertDeviation(trx, {
      number,
      contract_id: contractId,
      kind: input.kind,
      items: JSON.stringify(input.items),
      note: input.note ?? null,
      state: 'open',
      reported_by_id: actor.id,
      reported_at: at,
      resolution: null,
      closed_by_id: null,
      closed_at: null,
      version: 1,
    });
    const commerce = contract.commerceContact ? [contract.commerceContact.id] : await activeUserIdsWithRole(trx, 'commerce');
    const recipients = [...new Set([...(contract.salesOwner ? [contract.salesOwner.id] : []), ...commerce.map(Number)])];
    const kind = GOODS_DEVIATION_KIND_LABELS[input.kind];
    const lines = input.items.map((i) => `${i.description} × ${i.quantity}`).join('\n');
    await notify(
      trx,
      recipients.map((userId) => ({
        userId,
        kind: 'goods_deviation' as const,
        titleZh: `到货异常 ${number}（${kind.zh}）：合同 ${contract.number}`,
        titleEn: `Goods deviation ${number} (${kind.en}): contract ${contract.number}`,
        body: [lines, input.note].filter(Boolean).join('\n').slice(0, 1000),
        entity: 'goods_deviation',
        entityId: id,
        dedupeKey: `goods-deviation:${id}:${userId}`,
      })),
      at,
    );
    const after = await getGoodsDeviation(trx, id);
    await recordAudit(trx, actor, { entity: 'goods_deviation', entityId: id, action: 'report', after });
    return after;
  });
}

/** Commerce closes the deviation with what was done (replacement shipped, credit note…). */
export async function closeGoodsDeviation(db: Db, actor: Actor, id: number, input: TCloseGoodsDeviation): Promise<TGoodsDeviation> {
  return transact(db, async (trx) => {
    const before = await load(trx, id);
    if (before.state === 'closed') throw new AppError('GOODS_DEVIATION_CLOSED');
    const at = new Date().toISOString();
    await repo.updateDeviation(trx, id, input.version, {
      state: 'closed',
      resolution: input.resolution,
      closed_by_id: actor.id,
      closed_at: at,
    });
    const after = await getGoodsDeviation(trx, id);
    await recordAudit(trx, actor, {
      entity: 'goods_deviation',
      entityId: id,
      action: 'close',
      before: { state: 'open' },
      after: { state: 'closed', resolution: input.resolution },
    });
    return after;
  });
}

/**
 * A photo of what arrived (a PNG or JPEG of at most 10 MB, the type sniffed from the content),
 * while the deviation is open; kept in the file store, audited.
 */
export async function addGoodsDeviationPhoto(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  file: ReceivedFile,
): Promise<TGoodsDeviation> {
  if (!(GOODS_DEVIATION_PHOTO_TYPES as readonly string[]).includes(file.mime))
    throw fieldError(FILE_FIELD, { zh: '照片须为 PNG 或 JPEG 图片', en: 'a photo must be a PNG or JPEG image' }, 'photo_type');
  if (file.staged.size > GOODS_DEVIATION_PHOTO_MAX_BYTES)
    throw fieldError(FILE_FIELD, { zh: '照片不能超过 10 MB', en: 'a photo must not exceed 10 MB' }, 'photo_size');
  await load(db, id);
  const blob = await store.commit(file.staged);
  return transact(db, async (trx) => {
    const before = await load(trx, id);
    if (before.state === 'closed') throw new AppError('GOODS_DEVIATION_CLOSED');
    await recordStoredFile(trx, blob, file.mime);
    const at = new Date().toISOString();
    const photoId = await repo.insertPhoto(trx, {
      goods_deviation_id: id,
      file_hash: blob.hash,
      file_name: file.fileName,
      mime: file.mime,
      size: blob.size,
      uploaded_by_id: actor.id,
      uploaded_at: at,
    });
    await recordAudit(trx, actor, {
      entity: 'goods_deviation',
      entityId: id,
      action: 'add_photo',
      after: { photoId, fileName: file.fileName },
    });
    return getGoodsDeviation(trx, id);
  });
}

/** A photo as a download (attachment, never inline: it is an uploaded file). */
export async function downloadGoodsDeviationPhoto(
  db: Db,
  store: FileStore,
  reply: FastifyReply,
  id: number,
  photoId: number,
): Promise<FastifyReply> {
  const photo = await repo.findPhoto(db, id, photoId);
  if (!photo) throw new AppError('NOT_FOUND');
  return sendStoredFile(db, store, reply, { hash: photo.file_hash, fileName: photo.file_name });
}
