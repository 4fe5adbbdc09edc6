import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { TServiceKind } from '@contract/contracts';
import { RULE_ISSUES } from '@contract/validation-messages';
import {
  COPY_TYPES,
  DOCUMENT_TYPES,
  PRICE_SENSITIVE_TYPES,
  REQUIRED_BY_SERVICE_KIND,
  REQUIRED_FOR_EVERY_CONTRACT,
  type TCreateDocument,
  type TDocument,
  type TDocumentCompleteness,
  type TDocumentType,
  type TDocumentVersion,
  type TOriginalHolder,
  type TRequirementCondition,
  type TUpdateDocument,
  type ZDocumentQuery,
} from '@contract/documents';
import { isAllowed } from '@contract/permissions';
import type { TRole } from '@contract/roles';
import type { Actor } from '../../actor';
import { AppError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import type { FileStore } from '../files/file-store';
import { recordStoredFile, sendStoredFile } from '../files/files.service';
import type { ReceivedFile } from '../files/uploads';
import { indexEntry, removeEntry } from '../search/search.service';
import * as repo from './documents.repo';

/** R-ORG-5: price-sensitive documents exist only for roles that may see prices. */
export function visibilityOf(actor: Actor): repo.Visibility {
  return { priceSensitive: isAllowed(actor.roles, 'contracts.prices') };
}

function toVersion(r: {
  version_no: number;
  file_name: string;
  file_size: number;
  file_mime: string;
  file_hash: string;
  note: string | null;
  uploaded_at: string;
  uploaded_by_id: number | null;
  uploaded_by_name: string | null;
}): TDocumentVersion {
  return {
    number: r.version_no,
    fileName: r.file_name,
    size: r.file_size,
    mimeType: r.file_mime,
    sha256: r.file_hash,
    note: r.note,
    uploadedAt: r.uploaded_at,
    uploadedById: r.uploaded_by_id === null ? null : r.uploaded_by_id,
    uploadedByName: r.uploaded_by_name,
  };
}

function toDocument(r: repo.DocumentViewRow): TDocument {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    contractId: r.contract_id === null ? null : r.contract_id,
    contractNumber: r.contract_number,
    type: r.type,
    title: r.title,
    notes: r.notes,
    isCopy: r.is_copy === 1,
    originalHolder: r.original_holder,
    originalHolderNote: r.original_holder_note,
    priceSensitive: r.price_sensitive === 1,
    status: r.status === 'withdrawn' ? 'withdrawn' : 'active',
    withdrawnAt: r.withdrawn_at,
    withdrawReason: r.withdraw_reason,
    latestVersion: toVersion({ ...r, note: r.version_note }),
    versionCount: r.latest_version_no,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A document the actor may see; NOT_FOUND otherwise, so a hidden original is indistinguishable from none (R-ORG-5). */
async function loadDocument(db: Db, actor: Actor, id: number): Promise<TDocument> {
  const row = await repo.findDocument(db, id, visibilityOf(actor));
  if (!row) throw new AppError('NOT_FOUND');
  return toDocument(row);
}

export const getDocument = loadDocument;

export async function listDocuments(db: Db, actor: Actor, q: z.infer<typeof ZDocumentQuery>) {
  const { rows, total } = await repo.listDocuments(db, q, visibilityOf(actor));
  return { items: rows.map(toDocument), total, page: q.page, pageSize: q.pageSize };
}

/** A document of the archive index (R-ORG-6): with the industry its customer is filed under. */
export type ArchiveIndexEntry = TDocument & { industry: { zh: string; en: string } | null };

/** For exports: the next `limit` documents the reader may see matching the filters, after id `afterId`, in id order (R-ORG-5). */
export async function listArchiveIndexAfter(
  db: Db,
  actor: Actor,
  q: repo.DocumentFilters,
  afterId: number,
  limit: number,
): Promise<ArchiveIndexEntry[]> {
  const rows = await repo.listDocumentsAfter(db, q, visibilityOf(actor), afterId, limit);
  return rows.map((r) => ({
    ...toDocument(r),
    industry: r.industry_name_zh === null ? null : { zh: r.industry_name_zh, en: r.industry_name_en ?? r.industry_name_zh },
  }));
}

interface DocumentFlags {
  isCopy: boolean;
  originalHolder: TOriginalHolder | null;
  originalHolderNote: string | null;
  priceSensitive: boolean;
}

/**
 * The copy and price flags a document of `type` ends up with: copies default by type and must
 * say who holds the original (R-ORG-7); the original contract is always price-sensitive, and
 * only roles that may see prices may file a price-sensitive document (R-ORG-5).
 */
function settleFlags(actor: Actor, type: TDocumentType, wanted: Partial<DocumentFlags>): DocumentFlags {
  const isCopy = wanted.isCopy ?? COPY_TYPES.includes(type);
  const originalHolder = isCopy ? (wanted.originalHolder ?? null) : null;
  if (isCopy && !originalHolder) {
    throw new AppError('DOCUMENT_ORIGINAL_HOLDER_REQUIRED', [issue('originalHolder', RULE_ISSUES.originalHolderRequired)]);
  }
  const priceSensitive = PRICE_SENSITIVE_TYPES.includes(type) || (wanted.priceSensitive ?? false);
  if (priceSensitive && !visibilityOf(actor).priceSensitive) throw new AppError('DOCUMENT_PRICES_REQUIRED');
  return { isCopy, originalHolder, originalHolderNote: isCopy ? (wanted.originalHolderNote ?? null) : null, priceSensitive };
}

function flagColumns(f: DocumentFlags) {
  return {
    is_copy: f.isCopy ? 1 : 0,
    original_holder: f.originalHolder,
    original_holder_note: f.originalHolderNote,
    price_sensitive: f.priceSensitive ? 1 : 0,
  };
}

/** The customer (and contract) a new document belongs to; the contract decides the customer. */
async function resolveOwner(db: Db, input: Pick<TCreateDocument, 'contractId' | 'customerId'>) {
  if (input.contractId !== undefined) {
    const contract = await repo.findContractOwner(db, input.contractId);
    if (!contract) throw new AppError('REFERENCE_INVALID', [issue('contractId', RULE_ISSUES.noSuchContract)]);
    if (input.customerId !== undefined && input.customerId !== contract.customer_id) {
      throw new AppError('DOCUMENT_CUSTOMER_MISMATCH', [issue('customerId', RULE_ISSUES.notContractsCustomer)]);
    }
    return { customerId: contract.customer_id, contractId: contract.id };
  }
  const customer = input.customerId === undefined ? undefined : await repo.findCustomerOwner(db, input.customerId);
  if (!customer) throw new AppError('REFERENCE_INVALID', [issue('customerId', RULE_ISSUES.noSuchCustomer)]);
  return { customerId: customer.id, contractId: null };
}

/**
 * R-FLOW-2: a search entry per document — its type, file name and notes are findable. Price-sensitive
 * documents are restricted so only roles that may see prices find them (R-ORG-5).
 */
async function indexDocument(trx: Db, d: TDocument): Promise<void> {
  if (d.status !== 'active') return removeEntry(trx, 'document', d.id);
  const label = DOCUMENT_TYPES[d.type];
  await indexEntry(trx, {
    kind: 'document',
    id: d.id,
    title: d.title,
    subtitle: d.contractNumber ?? d.customerName,
    text: [label.zh, label.en, d.latestVersion.fileName, d.notes ?? '', d.originalHolderNote ?? ''].join('\n'),
    customerId: d.customerId,
    contractId: d.contractId,
    restricted: d.priceSensitive,
  });
}

/**
 * File a new document with its first version. Everything is checked before the file is kept:
 * a refused request stores nothing and writes no row.
 */
export async function createDocument(
  db: Db,
  store: FileStore,
  actor: Actor,
  input: TCreateDocument,
  file: ReceivedFile,
): Promise<TDocument> {
  const owner = await resolveOwner(db, input);
  const flags = settleFlags(actor, input.type, {
    isCopy: input.isCopy,
    originalHolder: input.originalHolder ?? undefined,
    originalHolderNote: input.originalHolderNote ?? undefined,
    priceSensitive: input.priceSensitive,
  });
  const blob = await store.commit(file.staged);
  return transact(db, async (trx) => {
    await recordStoredFile(trx, blob, file.mime);
    const at = nowIso();
    const row = await repo.insertDocument(trx, {
      customer_id: owner.customerId,
      contract_id: owner.contractId,
      type: input.type,
      title: input.title,
      notes: input.notes ?? null,
      ...flagColumns(flags),
      status: 'active',
      latest_version_no: 1,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    const id = row.id;
    await repo.insertVersion(trx, {
      document_id: id,
      version_no: 1,
      file_hash: blob.hash,
      file_name: file.fileName,
      note: input.versionNote ?? null,
      uploaded_at: at,
      uploaded_by_id: actor.id,
      uploaded_by_name: actor.name,
    });
    const doc = await loadDocument(trx, actor, id);
    await recordAudit(trx, actor, { entity: 'document', entityId: id, action: 'create', after: doc });
    await indexDocument(trx, doc);
    return doc;
  });
}

export async function updateDocument(db: Db, actor: Actor, id: number, input: TUpdateDocument): Promise<TDocument> {
  return transact(db, async (trx) => {
    const before = await loadDocument(trx, actor, id);
    if (before.status === 'withdrawn') throw new AppError('DOCUMENT_WITHDRAWN');
    const type = input.type ?? before.type;
    const flags = settleFlags(actor, type, {
      isCopy: input.isCopy ?? before.isCopy,
      originalHolder: input.originalHolder === undefined ? before.originalHolder : input.originalHolder,
      originalHolderNote: input.originalHolderNote === undefined ? before.originalHolderNote : input.originalHolderNote,
      priceSensitive: input.priceSensitive ?? before.priceSensitive,
    });
    await repo.updateDocument(trx, id, input.version, {
      type,
      ...(input.title !== undefined && { title: input.title }),
      ...(input.notes !== undefined && { notes: input.notes }),
      ...flagColumns(flags),
      updated_at: nowIso(),
    });
    const after = await loadDocument(trx, actor, id);
    await recordAudit(trx, actor, { entity: 'document', entityId: id, action: 'update', before, after });
    await indexDocument(trx, after);
    return after;
  });
}

/** R-FLOW-2: a new version; the earlier ones are kept and stay downloadable. */
export async function addDocumentVersion(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  note: string | null | undefined,
  file: ReceivedFile,
): Promise<TDocument> {
  const current = await loadDocument(db, actor, id);
  if (current.status === 'withdrawn') throw new AppError('DOCUMENT_WITHDRAWN');
  const blob = await store.commit(file.staged);
  return transact(db, async (trx) => {
    await recordStoredFile(trx, blob, file.mime);
    const at = nowIso();
    const versionNo = await repo.takeNextVersionNo(trx, id, at);
    if (versionNo === undefined) throw new AppError('DOCUMENT_WITHDRAWN');
    await repo.insertVersion(trx, {
      document_id: id,
      version_no: versionNo,
      file_hash: blob.hash,
      file_name: file.fileName,
      note: note ?? null,
      uploaded_at: at,
      uploaded_by_id: actor.id,
      uploaded_by_name: actor.name,
    });
    const after = await loadDocument(trx, actor, id);
    await recordAudit(trx, actor, { entity: 'document', entityId: id, action: 'add_version', after: after.latestVersion });
    await indexDocument(trx, after);
    return after;
  });
}

export async function listDocumentVersions(db: Db, actor: Actor, id: number): Promise<{ items: TDocumentVersion[] }> {
  await loadDocument(db, actor, id);
  const rows = await repo.listVersions(db, id);
  return { items: rows.map(toVersion) };
}

/** Stream one version (the latest by default) as an attachment. */
export async function downloadDocument(db: Db, store: FileStore, actor: Actor, reply: FastifyReply, id: number, versionNo?: number) {
  const doc = await loadDocument(db, actor, id);
  const version = await repo.findVersion(db, id, versionNo ?? doc.latestVersion.number);
  if (!version) throw new AppError('NOT_FOUND');
  return sendStoredFile(db, store, reply, { hash: version.file_hash, fileName: version.file_name });
}

/** Withdraw (soft delete): the record and its files are kept and audited, but leave lists, the tree and search. */
/** Who withdraws any document: the keepers of the archive (R-ORG-5, R-ORG-6); anyone else only what he filed. */
const WITHDRAWS_ANY_DOCUMENT: readonly TRole[] = ['admin', 'tech_manager'];

export async function withdrawDocument(db: Db, actor: Actor, id: number, reason: string | undefined): Promise<TDocument> {
  return transact(db, async (trx) => {
    const before = await loadDocument(trx, actor, id);
    if (!actor.roles.some((r) => WITHDRAWS_ANY_DOCUMENT.includes(r)) && (await repo.findDocumentFiler(trx, id)) !== actor.id)
      throw new AppError('DOCUMENT_NOT_YOURS');
    if (before.status === 'withdrawn') throw new AppError('DOCUMENT_WITHDRAWN');
    const at = nowIso();
    await repo.updateDocument(trx, id, before.version, {
      status: 'withdrawn',
      withdrawn_at: at,
      withdraw_reason: reason || null,
      updated_at: at,
    });
    const after = await loadDocument(trx, actor, id);
    await recordAudit(trx, actor, { entity: 'document', entityId: id, action: 'withdraw', before, after });
    await indexDocument(trx, after);
    return after;
  });
}

/**
 * R-FLOW-2: the document types a contract's service kinds call for, and which the archive lacks.
 * R-ORG-5: for a reader who may not see prices, the price-sensitive types (the original contract)
 * are left out of the answer altogether, and presence counts only documents that reader may see —
 * so the answer reveals neither whether an original is filed nor any hidden document.
 */
export async function documentCompleteness(db: Db, actor: Actor, contractId: number): Promise<TDocumentCompleteness> {
  const visibility = visibilityOf(actor);
  const facts = await repo.findContractRequirementFacts(db, contractId);
  if (!facts) throw new AppError('NOT_FOUND');
  const holds: Record<TRequirementCondition, boolean> = { licensed: facts.licensed, training: (facts.trainingDays ?? 0) > 0 };
  const required = new Map<TDocumentType, { requiredBy: ('contract' | TServiceKind)[]; condition: TRequirementCondition | null }>();
  const add = (by: 'contract' | TServiceKind, reqs: readonly { type: TDocumentType; when?: TRequirementCondition }[]) => {
    for (const r of reqs) {
      if (r.when && !holds[r.when]) continue;
      const entry = required.get(r.type) ?? { requiredBy: [], condition: r.when ?? null };
      entry.requiredBy.push(by);
      required.set(r.type, entry);
    }
  };
  add('contract', REQUIRED_FOR_EVERY_CONTRACT);
  for (const kind of facts.kinds) {
    if (kind in REQUIRED_BY_SERVICE_KIND) add(kind as TServiceKind, REQUIRED_BY_SERVICE_KIND[kind as TServiceKind]);
  }
  if (!visibility.priceSensitive) for (const type of PRICE_SENSITIVE_TYPES) required.delete(type);
  const present = new Set(await repo.findActiveDocumentTypes(db, contractId, visibility));
  const items = [...required].map(([type, r]) => ({ type, ...r, present: present.has(type) }));
  const missing = items.filter((i) => !i.present).map((i) => i.type);
  return { contractId, complete: missing.length === 0, required: items, missing };
}
