import type { Actor } from '../../actor';
import { fieldError } from '../../app-error';
import type { Db } from '../../db/database';
import * as repo from './signatures.repo';

/** Stand-in until the shared signatures module lands from main (same API as the brief). */
export const SIGNATURE_IMAGE_MAX_BYTES = 1024 * 1024;

export function checkSignatureImage(buf: Buffer, path = 'signature.image'): { mime: 'image/png' | 'image/jpeg' } {
  if (buf.length > SIGNATURE_IMAGE_MAX_BYTES)
    throw fieldError(path, { zh: '签名图片不能超过 1 MB', en: 'the signature image must be at most 1 MB' }, 'too_big');
  if (buf.length > 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { mime: 'image/png' };
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return { mime: 'image/jpeg' };
  throw fieldError(path, { zh: '签名须为 PNG 或 JPEG 图片', en: 'the signature must be a PNG or JPEG image' }, 'invalid_type');
}

export interface SignatureInput {
  entity: string;
  entityId: number | string;
  entityVersion: number;
  signerName: string;
  signerRole: string;
  method: 'pad' | 'scan';
  file: { hash: string; size: number; mime: string };
  contentHash: string;
  signedAt: string;
}

export function recordSignature(trx: Db, actor: Actor, s: SignatureInput): Promise<number> {
  return repo.insertSignature(trx, {
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
    signed_at: s.signedAt,
    captured_by_id: actor.id,
  });
}

export function listSignaturesOf(db: Db, entity: string, entityId: number | string) {
  return repo.findSignaturesOf(db, entity, String(entityId));
}
