import { COMPANY_LOGO_MAX_BYTES, COMPANY_LOGO_TYPES, type TCompanyProfile, type TUpdateCompanyProfile } from '@contract/company';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../actor';
import { AppError, fieldError } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { transact } from '../../db/transaction';
import type { TCompanyHeader } from '../../pdf/form-layout';
import { renderFormPdf } from '../../pdf/form-pdf';
import type { TFormBody, TPrintedForm } from '../../pdf/form-text';
import { recordAudit } from '../audit/audit.service';
import type { FileStore } from '../files/file-store';
import { forgetUnreferencedFiles, recordStoredFile, sendStoredFile } from '../files/files.service';
import { FILE_FIELD, type ReceivedFile } from '../files/uploads';
import * as repo from './company.repo';

function toProfile(row: repo.CompanyProfileRow | undefined): TCompanyProfile {
  if (!row) return { name: '', hasLogo: false, version: 0, updatedAt: null };
  return { name: row.name, hasLogo: row.logo_hash !== null, version: Number(row.version), updatedAt: row.updated_at };
}

export async function getCompanyProfile(db: Db): Promise<TCompanyProfile> {
  return toProfile(await repo.findCompanyProfile(db));
}

/** Write the row: the first save inserts it (version 0), later ones are guarded by the version read. */
async function saveProfile(
  trx: Db,
  actor: Actor,
  version: number,
  patch: { name?: string; logo_hash?: string | null; logo_mime?: string | null },
) {
  const at = nowIso();
  if (version > 0) return repo.updateCompanyProfile(trx, version, { ...patch, updated_by_id: actor.id, updated_at: at });
  const inserted = await repo.insertCompanyProfile(trx, {
    name: patch.name ?? '',
    logo_hash: patch.logo_hash ?? null,
    logo_mime: patch.logo_mime ?? null,
    version: 1,
    updated_by_id: actor.id,
    updated_at: at,
  });
  // Two first saves at once: the second finds the row there.
  if (!inserted) throw new AppError('VERSION_CONFLICT');
}

export async function updateCompanyProfile(db: Db, actor: Actor, input: TUpdateCompanyProfile): Promise<TCompanyProfile> {
  return transact(db, async (trx) => {
    const before = toProfile(await repo.findCompanyProfile(trx));
    if (input.version !== before.version) throw new AppError('VERSION_CONFLICT');
    await saveProfile(trx, actor, input.version, { name: input.name });
    const after = toProfile(await repo.findCompanyProfile(trx));
    await recordAudit(trx, actor, { entity: 'company_profile', entityId: 1, action: 'update', before, after });
    return after;
  });
}

/**
 * Replace the logo: a PNG or JPEG of at most 1 MB (type sniffed from the content by the upload).
 * The old logo's file is dropped once nothing refers to it.
 */
export async function setCompanyLogo(db: Db, store: FileStore, actor: Actor, file: ReceivedFile): Promise<TCompanyProfile> {
  if (!(COMPANY_LOGO_TYPES as readonly string[]).includes(file.mime))
    throw fieldError(FILE_FIELD, { zh: '标志须为 PNG 或 JPEG 图片', en: 'the logo must be a PNG or JPEG image' }, 'logo_type');
  if (file.staged.size > COMPANY_LOGO_MAX_BYTES)
    throw fieldError(FILE_FIELD, { zh: '标志不能超过 1 MB', en: 'the logo must not exceed 1 MB' }, 'logo_size');
  const blob = await store.commit(file.staged);
  return replaceLogo(db, store, actor, 'set_logo', { hash: blob.hash, mime: file.mime, size: blob.size });
}

export function removeCompanyLogo(db: Db, store: FileStore, actor: Actor): Promise<TCompanyProfile> {
  return replaceLogo(db, store, actor, 'remove_logo', null);
}

async function replaceLogo(
  db: Db,
  store: FileStore,
  actor: Actor,
  action: string,
  logo: { hash: string; mime: string; size: number } | null,
): Promise<TCompanyProfile> {
  const { profile, forgotten } = await transact(db, async (trx) => {
    const row = await repo.findCompanyProfile(trx);
    const before = toProfile(row);
    if (logo) await recordStoredFile(trx, logo, logo.mime);
    await saveProfile(trx, actor, before.version, { logo_hash: logo?.hash ?? null, logo_mime: logo?.mime ?? null });
    const old = row?.logo_hash;
    const forgotten = old && old !== logo?.hash ? await forgetUnreferencedFiles(trx, [old]) : [];
    const after = toProfile(await repo.findCompanyProfile(trx));
    await recordAudit(trx, actor, {
      entity: 'company_profile',
      entityId: 1,
      action,
      before,
      after: { ...after, logoHash: logo?.hash ?? null },
    });
    return { profile: after, forgotten };
  });
  for (const hash of forgotten) await store.remove(hash);
  return profile;
}

/** The logo as a download (attachment, never inline: it is an uploaded file). */
export async function downloadCompanyLogo(db: Db, store: FileStore, reply: FastifyReply): Promise<FastifyReply> {
  const row = await repo.findCompanyProfile(db);
  if (!row?.logo_hash) throw new AppError('NOT_FOUND');
  return sendStoredFile(db, store, reply, { hash: row.logo_hash, fileName: row.logo_mime === 'image/png' ? 'logo.png' : 'logo.jpg' });
}

/** The logo's bytes, kept by hash (content-addressed, so a kept copy is never stale). */
let logoCache: { hash: string; bytes: Buffer } | null = null;

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

/** The header every printed form carries: the company's name and logo. */
export async function companyHeader(db: Db, store: FileStore): Promise<TCompanyHeader> {
  const row = await repo.findCompanyProfile(db);
  if (!row?.logo_hash) return { name: row?.name ?? '', logo: null };
  if (logoCache?.hash !== row.logo_hash) logoCache = { hash: row.logo_hash, bytes: await readAll(await store.open(row.logo_hash)) };
  return { name: row.name, logo: logoCache.bytes };
}

/** Print a form (R-FORM-1): its body with the company header, in the PDF worker. */
export async function printForm(db: Db, store: FileStore, body: TFormBody): Promise<TPrintedForm> {
  return { ...body, pdf: await renderFormPdf({ ...body, company: await companyHeader(db, store) }) };
}
