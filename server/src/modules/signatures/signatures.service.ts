import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { SIGNATURE_IMAGE_MAX_BYTES, type TSignature, type TSignatureInput, type TSignerRole } from '@contract/signatures';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../actor';
import { AppError, fieldError } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { FileStore, StoredBlob } from '../files/file-store';
import { recordStoredFile, sendStoredFile } from '../files/files.service';
import * as repo from './signatures.repo';

/** SHA-256 (hex) of bytes or text: the content hash a signature freezes. */
export function sha256Hex(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** JSON with object keys sorted at every level, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The hash of a record's signed content: canonical JSON of what the signer saw. */
export function contentHashOf(content: unknown): string {
  return sha256Hex(canonicalJson(content));
}

export interface SignatureImage {
  bytes: Buffer;
  mime: 'image/png' | 'image/jpeg';
}

/**
 * A drawn signature's image, decoded from base64 (a data-URL prefix is accepted) and checked by
 * its content: a PNG or JPEG of at most 1 MB, else a field error on `field`, before anything is kept.
 */
export function decodeSignatureImage(image: string, field = 'signature.image'): SignatureImage {
  const base64 = image.replace(/^data:image\/(png|jpeg);base64,/, '');
  const bytes = /^[A-Za-z0-9+/=\s]+$/.test(base64) ? Buffer.from(base64, 'base64') : Buffer.alloc(0);
  const mime =
    bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      ? 'image/png'
      : bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
        ? 'image/jpeg'
        : null;
  if (!mime)
    throw fieldError(field, { zh: '签名须为 PNG 或 JPEG 图片', en: 'the signature must be a PNG or JPEG image' }, 'signature_type');
  if (bytes.length > SIGNATURE_IMAGE_MAX_BYTES)
    throw fieldError(field, { zh: '签名图片不能超过 1 MB', en: 'the signature image must not exceed 1 MB' }, 'signature_size');
  return { bytes, mime };
}

/** Keep a checked signature image in the file store (before the transaction that records it). */
export async function storeSignatureImage(store: FileStore, image: SignatureImage): Promise<StoredBlob & { mime: string }> {
  const blob = await store.put(Readable.from([image.bytes]));
  return { ...blob, mime: image.mime };
}

export interface SignatureRecord {
  entity: string;
  entityId: string | number;
  /** The version of the record that was signed: a corrected record is a new version, signed anew. */
  entityVersion: number;
  signerName: string;
  signerRole: TSignerRole;
  /** `pad` for a drawn signature; `scan` for an uploaded signed (and stamped) paper copy. */
  method: 'pad' | 'scan';
  /** The stored image or scan (storeSignatureImage, or an upload committed by the caller). */
  file: StoredBlob & { mime: string };
  contentHash: string;
  signedAt?: string;
}

export function toSignature(r: repo.SignatureRow): TSignature {
  return {
    id: Number(r.id),
    signerName: r.signer_name,
    signerRole: r.signer_role as TSignerRole,
    method: r.method as 'pad' | 'scan',
    signedAt: r.signed_at,
    contentHash: r.content_hash,
    entityVersion: Number(r.entity_version),
  };
}

/** Record a signature in the transaction of the step that signs (the caller audits the step). Never updated afterwards. */
export async function recordSignature(trx: Db, actor: Actor, s: SignatureRecord): Promise<TSignature> {
  await recordStoredFile(trx, s.file, s.file.mime);
  const row = {
    entity: s.entity,
    entity_id: String(s.entityId),
    entity_version: s.entityVersion,
    signer_name: s.signerName,
    signer_role: s.signerRole,
    method: s.method,
    file_hash: s.file.hash,
    mime: s.file.mime,
    size: s.file.size,
    content_hash: s.contentHash,
    signed_at: s.signedAt ?? nowIso(),
    captured_by_id: actor.id,
  };
  const id = await repo.insertSignature(trx, row);
  return toSignature({ id, ...row });
}

/** Decode, check and keep a drawn signature, ready for recordSignature. */
export async function receivePadSignature(store: FileStore, input: TSignatureInput, field = 'signature.image') {
  return storeSignatureImage(store, decodeSignatureImage(input.image, field));
}

/** The signatures of some records of one kind, oldest first. */
export async function signaturesOf(db: Db, entity: string, entityIds: readonly (string | number)[]): Promise<Map<string, TSignature[]>> {
  const rows = await repo.findSignaturesOf(db, entity, entityIds.map(String));
  const byEntity = new Map<string, TSignature[]>();
  for (const r of rows) byEntity.set(r.entity_id, [...(byEntity.get(r.entity_id) ?? []), toSignature(r)]);
  return byEntity;
}

async function ownSignature(db: Db, id: number, entity: string, entityId: string | number) {
  const row = await repo.findSignature(db, id);
  if (!row || row.entity !== entity || row.entity_id !== String(entityId)) throw new AppError('NOT_FOUND');
  return row;
}

/** A signature's image bytes, for a PDF (the caller has checked the reader may see the record). */
export async function readSignatureImage(db: Db, store: FileStore, id: number, entity: string, entityId: string | number): Promise<Buffer> {
  const row = await ownSignature(db, id, entity, entityId);
  const chunks: Buffer[] = [];
  for await (const c of await store.open(row.file_hash)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A signature's image as a download, served by the owning area's route (which checks the reader
 * may see its record) — always an attachment, never inline.
 */
export async function sendSignatureImage(
  db: Db,
  store: FileStore,
  reply: FastifyReply,
  id: number,
  owner: { entity: string; entityId: string | number },
): Promise<FastifyReply> {
  const row = await ownSignature(db, id, owner.entity, owner.entityId);
  return sendStoredFile(db, store, reply, {
    hash: row.file_hash,
    fileName: `signature-${row.id}.${row.mime === 'image/png' ? 'png' : 'jpg'}`,
  });
}
