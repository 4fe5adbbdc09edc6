import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { TFileKind } from '@contract/documents';
import type { TLocale } from '@contract/common';
import type { TErrorCode } from '@contract/errors';
import { AppError, fieldError } from '../../app-error';
import { localisedIssues } from '../../http/validation-issues';
import { type TTypeRefusal, ContentSniffer, classifyContent, type SniffedContent } from './content-sniffer';
import type { FileStore, StagedFile } from './file-store';
import { extensionOf, sanitizeFileName, withExtension } from './file-names';
import { readZipEntryNames } from './zip-entries';

/** The one file of an upload, staged and checked, not yet kept. */
export interface ReceivedFile {
  staged: StagedFile;
  /** Sanitised; carries the extension of the sniffed type. */
  fileName: string;
  kind: TFileKind;
  /** Sniffed from the content. */
  mime: string;
}

export interface ReceivedUpload {
  /** The text fields of the form, as sent. */
  fields: Record<string, string>;
  file: ReceivedFile;
}

/** The multipart part that carries the file. */
export const FILE_FIELD = 'file';

const REFUSALS: Record<TTypeRefusal, TErrorCode> = {
  forbidden: 'UPLOAD_TYPE_FORBIDDEN',
  unsupported: 'UPLOAD_TYPE_UNSUPPORTED',
  mismatch: 'UPLOAD_TYPE_MISMATCH',
};

/**
 * Receive a multipart form with one file part (`file`) and text fields. The file streams into
 * the store's staging while it is hashed and its type sniffed; it is refused when larger than
 * FUWU_UPLOAD_MAX_MB, empty, of a type outside the allow list, or named with an extension its
 * content contradicts. `handle` runs with the checked upload and decides whether to commit it;
 * whatever it did not commit is discarded, so a refused upload leaves nothing behind.
 */
export async function withUpload<T>(req: FastifyRequest, store: FileStore, handle: (upload: ReceivedUpload) => Promise<T>): Promise<T> {
  if (!req.isMultipart()) throw new AppError('UPLOAD_NOT_MULTIPART');
  const maxBytes = req.server.deps.config.FUWU_UPLOAD_MAX_MB * 1024 * 1024;
  const fields: Record<string, string> = {};
  let staged: StagedFile | null = null;
  let declaredName = '';
  let sniffed: SniffedContent | null = null;
  try {
    const parts = req.parts({ limits: { fileSize: maxBytes, files: 2, fields: 30, fieldSize: 64 * 1024, parts: 40 } });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.valueTruncated || part.fieldnameTruncated) throw fieldError(part.fieldname, { zh: '内容过长', en: 'too long' });
        if (part.fieldname in fields) throw fieldError(part.fieldname, { zh: '重复提交了此项', en: 'given more than once' });
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
        continue;
      }
      if (part.fieldname !== FILE_FIELD || staged) throw new AppError('UPLOAD_ONE_FILE');
      const sniffer = new ContentSniffer();
      // Stop at the limit instead of keeping a silently truncated file.
      part.file.on('limit', () => part.file.destroy(new AppError('PAYLOAD_TOO_LARGE')));
      staged = await store.stage(part.file, (chunk) => sniffer.update(chunk));
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      declaredName = part.filename ?? '';
      sniffed = sniffer.finish();
    }
    if (!staged || !sniffed) throw new AppError('UPLOAD_FILE_MISSING');
    if (staged.size === 0) throw new AppError('UPLOAD_EMPTY');
    const name = sanitizeFileName(declaredName);
    const stagedPath = staged.path;
    const type = await classifyContent(sniffed, extensionOf(name), () => readZipEntryNames(stagedPath));
    if (!type.ok) throw new AppError(REFUSALS[type.refusal], [{ path: FILE_FIELD, message: type.detail, code: type.refusal }]);
    return await handle({ fields, file: { staged, fileName: withExtension(name, type.extension), kind: type.kind, mime: type.mime } });
  } catch (err) {
    discardRestOfBody(req);
    throw err;
  } finally {
    if (staged) await store.discard(staged);
  }
}

/**
 * A refused upload is answered before its body has arrived. Read and drop the rest, as Node
 * does with bodies a handler ignores: left paused, the connection would hang until it times out.
 */
function discardRestOfBody(req: FastifyRequest): void {
  if (req.raw.readableEnded) return;
  req.raw.unpipe();
  req.raw.resume();
}

/** Validate the text fields of a multipart form with a contract schema; issues name each field, in `locale`. */
export function parseFormFields<T extends z.ZodType>(schema: T, fields: Record<string, string>, locale: TLocale): z.infer<T> {
  const result = schema.safeParse(fields, { reportInput: true });
  if (result.success) return result.data;
  throw new AppError('VALIDATION_FAILED', localisedIssues(result.error.issues, fields, locale));
}
