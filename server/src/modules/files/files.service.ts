import type { FastifyReply } from 'fastify';
import { AppError } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { safeContentType } from './content-sniffer';
import type { FileStore, StoredBlob } from './file-store';
import { attachmentDisposition } from './file-names';
import * as repo from './files.repo';

/** Record a committed blob and its sniffed type, in the transaction of the record that uses it. */
export async function recordStoredFile(trx: Db, blob: StoredBlob, mime: string): Promise<void> {
  await repo.insertStoredFileIfAbsent(trx, { hash: blob.hash, size: blob.size, mime, created_at: nowIso() });
}

/**
 * After records referring to these files were deleted (in `trx`): drop the rows of those no
 * record refers to any more. Returns their hashes; remove their content from the store once
 * `trx` has committed (a crash in between leaves an unreferenced file, never a row without one).
 */
export function forgetUnreferencedFiles(trx: Db, hashes: readonly string[]): Promise<string[]> {
  return repo.deleteUnreferencedStoredFiles(trx, [...new Set(hashes)]);
}

export interface Download {
  hash: string;
  fileName: string;
}

/**
 * Stream a stored file to the client, only ever as an attachment with a safe type: never
 * rendered inline, never sniffed by the browser, sandboxed if opened anyway.
 */
export async function sendStoredFile(db: Db, store: FileStore, reply: FastifyReply, file: Download): Promise<FastifyReply> {
  const row = await repo.findStoredFile(db, file.hash);
  if (!row) throw new AppError('NOT_FOUND');
  const stream = await store.open(row.hash);
  return reply
    .header('content-type', safeContentType(row.mime))
    .header('content-length', row.size)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-cache')
    .header('etag', `"${row.hash}"`)
    .send(stream);
}
