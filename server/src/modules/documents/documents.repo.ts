import type { Insertable, Selectable, Updateable } from 'kysely';
import type { z } from 'zod';
import type { ZDocumentQuery } from '@contract/documents';
import type { Db } from '../../db/database';
import { updateVersioned } from '../../db/versioned-update';
import { containsPattern, limitOffset, parseSort } from '../../db/list-query';
import type { DocumentTable, DocumentVersionTable } from './documents.table';

export type DocumentRow = Selectable<DocumentTable>;

/** Who may see what: price-sensitive documents only for `contracts.prices` (R-ORG-5). */
export interface Visibility {
  priceSensitive: boolean;
}

/** A document with its owner's names and its current version's file. */
function selectDocuments(db: Db) {
  return db
    .selectFrom('document as d')
    .innerJoin('customer as cu', 'cu.id', 'd.customer_id')
    .leftJoin('contract as co', 'co.id', 'd.contract_id')
    .innerJoin('document_version as v', (j) => j.onRef('v.document_id', '=', 'd.id').onRef('v.version_no', '=', 'd.latest_version_no'))
    .innerJoin('stored_file as f', 'f.hash', 'v.file_hash')
    .selectAll('d')
    .select([
      'cu.name as customer_name',
      'co.number as contract_number',
      'v.version_no',
      'v.file_hash',
      'v.file_name',
      'v.note as version_note',
      'v.uploaded_at',
      'v.uploaded_by_id',
      'v.uploaded_by_name',
      'f.size as file_size',
      'f.mime as file_mime',
    ]);
}

export type DocumentViewRow = Awaited<ReturnType<ReturnType<typeof selectDocuments>['executeTakeFirstOrThrow']>>;

export function findDocument(db: Db, id: number, visibility: Visibility): Promise<DocumentViewRow | undefined> {
  let q = selectDocuments(db).where('d.id', '=', id);
  if (!visibility.priceSensitive) q = q.where('d.price_sensitive', '=', 0);
  return q.executeTakeFirst();
}

/** Who filed the document: the uploader of its first version. */
export async function findDocumentFiler(db: Db, id: number): Promise<number | null> {
  const r = await db
    .selectFrom('document_version')
    .select('uploaded_by_id')
    .where('document_id', '=', id)
    .where('version_no', '=', 1)
    .executeTakeFirst();
  return r?.uploaded_by_id == null ? null : Number(r.uploaded_by_id);
}

const SORT_COLUMNS = { createdAt: 'd.created_at', updatedAt: 'd.updated_at', title: 'd.title', type: 'd.type' } as const;

export type DocumentFilters = Omit<z.infer<typeof ZDocumentQuery>, 'page' | 'pageSize' | 'sort'>;

/** The documents a list (or an export of it) selects: the filters and what the reader may see. */
function documentListQuery(db: Db, q: DocumentFilters, visibility: Visibility) {
  let base = db.selectFrom('document as d').where('d.status', '=', q.status);
  if (!visibility.priceSensitive) base = base.where('d.price_sensitive', '=', 0);
  if (q.contract === 'none') base = base.where('d.contract_id', 'is', null);
  else if (q.contract !== undefined) base = base.where('d.contract_id', '=', q.contract);
  if (q.customer !== undefined) base = base.where('d.customer_id', '=', q.customer);
  if (q.type) base = base.where('d.type', '=', q.type);
  if (q.q) {
    const like = containsPattern(q.q.toLowerCase());
    base = base.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['d.title']), 'like', like),
        eb(eb.fn('lower', ['d.notes']), 'like', like),
        eb.exists(
          eb
            .selectFrom('document_version as fv')
            .select('fv.document_id')
            .whereRef('fv.document_id', '=', 'd.id')
            .where((sub) => sub(sub.fn('lower', ['fv.file_name']), 'like', like)),
        ),
      ]),
    );
  }
  return base;
}

export async function listDocuments(
  db: Db,
  q: z.infer<typeof ZDocumentQuery>,
  visibility: Visibility,
): Promise<{ rows: DocumentViewRow[]; total: number }> {
  const base = documentListQuery(db, q, visibility);
  const { key, direction } = parseSort(q.sort);
  const { limit, offset } = limitOffset(q);
  const [page, count] = await Promise.all([
    base.select('d.id').orderBy(SORT_COLUMNS[key], direction).orderBy('d.id', direction).limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = page.map((r) => r.id);
  const rows = ids.length === 0 ? [] : await selectDocuments(db).where('d.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: ids.map((id) => byId.get(id)).filter((r): r is DocumentViewRow => r !== undefined), total: count.n };
}

/**
 * Exports (the archive index, R-ORG-6): the next `limit` documents matching the list's filters
 * after id `afterId`, in id order, with the industry their customer is filed under.
 */
export async function listDocumentsAfter(db: Db, q: DocumentFilters, visibility: Visibility, afterId: number, limit: number) {
  const ids = (
    await documentListQuery(db, q, visibility).select('d.id').where('d.id', '>', afterId).orderBy('d.id').limit(limit).execute()
  ).map((r) => r.id);
  if (ids.length === 0) return [];
  return selectDocuments(db)
    .leftJoin('industry as ind', 'ind.id', 'cu.industry_id')
    .select(['ind.name_zh as industry_name_zh', 'ind.name_en as industry_name_en'])
    .where('d.id', 'in', ids)
    .orderBy('d.id')
    .execute();
}

export function insertDocument(db: Db, row: Insertable<DocumentTable>): Promise<DocumentRow> {
  return db.insertInto('document').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateDocument(db: Db, id: number, version: number, patch: Updateable<DocumentTable>): Promise<void> {
  return updateVersioned(db, 'document', id, version, patch);
}

/**
 * Take the next version number of an active document. The update locks the row, so two
 * concurrent uploads get 2 and 3, never 2 twice. Undefined when the document is not active.
 */
export async function takeNextVersionNo(db: Db, id: number, at: string): Promise<number | undefined> {
  const row = await db
    .updateTable('document')
    .set((eb) => ({ latest_version_no: eb('latest_version_no', '+', 1), version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .where('status', '=', 'active')
    .returning('latest_version_no')
    .executeTakeFirst();
  return row ? row.latest_version_no : undefined;
}

export async function insertVersion(db: Db, row: Insertable<DocumentVersionTable>): Promise<void> {
  await db.insertInto('document_version').values(row).execute();
}

function selectVersions(db: Db, documentId: number) {
  return db
    .selectFrom('document_version as v')
    .innerJoin('stored_file as f', 'f.hash', 'v.file_hash')
    .selectAll('v')
    .select(['f.size as file_size', 'f.mime as file_mime'])
    .where('v.document_id', '=', documentId);
}

export type VersionRow = Awaited<ReturnType<ReturnType<typeof selectVersions>['executeTakeFirstOrThrow']>>;

export function listVersions(db: Db, documentId: number): Promise<VersionRow[]> {
  return selectVersions(db, documentId).orderBy('v.version_no', 'desc').execute();
}

export function findVersion(db: Db, documentId: number, versionNo: number): Promise<VersionRow | undefined> {
  return selectVersions(db, documentId).where('v.version_no', '=', versionNo).executeTakeFirst();
}

// ── Owners: the contract or customer a document belongs to ──

export function findContractOwner(db: Db, contractId: number) {
  return db
    .selectFrom('contract')
    .innerJoin('customer', 'customer.id', 'contract.customer_id')
    .select(['contract.id', 'contract.number', 'contract.customer_id', 'customer.name as customer_name'])
    .where('contract.id', '=', contractId)
    .executeTakeFirst();
}

export function findCustomerOwner(db: Db, customerId: number) {
  return db.selectFrom('customer').select(['id', 'name']).where('id', '=', customerId).executeTakeFirst();
}

// ── Completeness (R-FLOW-2) ──

/** What decides which documents a contract needs: its service kinds, training owed, licensed goods. */
export async function findContractRequirementFacts(db: Db, contractId: number) {
  const contract = await db.selectFrom('contract').select(['id', 'training_days']).where('id', '=', contractId).executeTakeFirst();
  if (!contract) return undefined;
  const [kinds, licensed] = await Promise.all([
    db.selectFrom('contract_service_kind').select('kind').where('contract_id', '=', contractId).execute(),
    db
      .selectFrom('equipment')
      .select('id')
      .where('contract_id', '=', contractId)
      .where('deleted_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('license_key', 'is not', null),
          eb('hostid', 'is not', null),
          eb('software_serial', 'is not', null),
          eb('product_type', '=', '软件'),
        ]),
      )
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { trainingDays: contract.training_days, kinds: kinds.map((k) => k.kind), licensed: licensed !== undefined };
}

/** The types of the contract's active documents the reader may see (R-ORG-5). */
export async function findActiveDocumentTypes(db: Db, contractId: number, visibility: Visibility): Promise<string[]> {
  let q = db.selectFrom('document').select('type').distinct().where('contract_id', '=', contractId).where('status', '=', 'active');
  if (!visibility.priceSensitive) q = q.where('price_sensitive', '=', 0);
  const rows = await q.execute();
  return rows.map((r) => r.type);
}
