import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import { normaliseCustomerName, type TCustomerQuery } from '@contract/customers';
import { inParts, insertInChunks, insertReturningIds } from '../../db/batch-insert';
import { type Db, isPostgres } from '../../db/database';
import { preparedQuery } from '../../db/prepared-query';
import { updateVersioned } from '../../db/versioned-update';
import { containsPattern, limitOffset, parseSort } from '../../db/list-query';
import { zhOrder } from '../../db/zh-order';
import type { ContactPhoneTable, ContactTable, CustomerTable } from './customers.table';

export type ContactRow = Selectable<ContactTable>;
export type ContactPhoneRow = Selectable<ContactPhoneTable>;

export type CustomerRow = Selectable<CustomerTable> & {
  industry_code: string | null;
  industry_name_zh: string | null;
  industry_name_en: string | null;
};

function selectCustomers(db: Db) {
  return db
    .selectFrom('customer')
    .leftJoin('industry', 'industry.id', 'customer.industry_id')
    .selectAll('customer')
    .select(['industry.code as industry_code', 'industry.name_zh as industry_name_zh', 'industry.name_en as industry_name_en']);
}

export function findCustomerById(db: Db, id: number): Promise<CustomerRow | undefined> {
  return selectCustomers(db).where('customer.id', '=', id).executeTakeFirst();
}

export function findCustomersByIds(db: Db, ids: readonly number[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectCustomers(db)
    .where('customer.id', 'in', [...new Set(ids)])
    .execute();
}

export function findCustomerIdsOfIndustry(db: Db, industryId: number): Promise<{ id: number }[]> {
  return db.selectFrom('customer').select('id').where('industry_id', '=', industryId).execute();
}

/** Customers whose normalised name is one of `keys` (duplicate warnings, imports), oldest first. */
export async function findCustomersByNameKeys(db: Db, keys: readonly string[]): Promise<{ id: number; name: string; name_key: string }[]> {
  const found: { id: number; name: string; name_key: string }[] = [];
  for (const part of inParts(keys)) {
    found.push(...(await db.selectFrom('customer').select(['id', 'name', 'name_key']).where('name_key', 'in', part).execute()));
  }
  return found.sort((a, b) => a.id - b.id);
}

/** Customers whose name core is one of `cores`. */
export async function findCustomersByNameCores(
  db: Db,
  cores: readonly string[],
): Promise<{ id: number; name: string; name_core: string }[]> {
  const found: { id: number; name: string; name_core: string }[] = [];
  for (const part of inParts(cores)) {
    found.push(...(await db.selectFrom('customer').select(['id', 'name', 'name_core']).where('name_core', 'in', part).execute()));
  }
  return found.sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * Customers whose name core begins with `core` (it holds no wildcard: customerNameCore drops
 * punctuation), by the prefix-capable index customer_name_core_idx: PostgreSQL's LIKE on
 * text_pattern_ops, SQLite's GLOB (its LIKE ignores case, so no index serves it).
 */
export function findCustomersByNameCorePrefix(db: Db, core: string, limit: number): Promise<{ id: number; name: string }[]> {
  const prefix = isPostgres(db) ? sql<boolean>`name_core like ${`${core}%`}` : sql<boolean>`name_core glob ${`${core}*`}`;
  return db.selectFrom('customer').select(['id', 'name']).where(prefix).orderBy('name_core').orderBy('id').limit(limit).execute();
}

export function insertCustomers(db: Db, rows: Insertable<CustomerTable>[]): Promise<number[]> {
  return insertReturningIds(rows, (chunk) => db.insertInto('customer').values(chunk).returning('id').execute());
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateCustomer(db: Db, id: number, version: number, patch: Updateable<CustomerTable>): Promise<void> {
  return updateVersioned(db, 'customer', id, version, patch);
}

export async function deleteCustomer(db: Db, id: number): Promise<void> {
  await db.deleteFrom('customer').where('id', '=', id).execute();
}

const SORT_COLUMNS = { createdAt: 'customer.created_at', updatedAt: 'customer.updated_at' } as const;

export async function listCustomers(db: Db, q: TCustomerQuery): Promise<{ rows: CustomerRow[]; total: number }> {
  let base = db.selectFrom('customer');
  if (q.q) {
    const byName = containsPattern(normaliseCustomerName(q.q));
    const byText = containsPattern(q.q);
    base = base.where((eb) =>
      eb.or([eb('customer.name_key', 'like', byName), eb('customer.region', 'like', byText), eb('customer.address', 'like', byText)]),
    );
  }
  if (q.industryId) base = base.where('customer.industry_id', '=', q.industryId);
  if (q.region) base = base.where('customer.region', '=', q.region);
  const { key, direction } = parseSort(q.sort);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base
      .leftJoin('industry', 'industry.id', 'customer.industry_id')
      .selectAll('customer')
      .select(['industry.code as industry_code', 'industry.name_zh as industry_name_zh', 'industry.name_en as industry_name_en'])
      // By name: Chinese (pinyin) order, served by customer_name_zh_idx.
      .orderBy(key === 'name' ? zhOrder(db, 'customer.name_key') : SORT_COLUMNS[key], direction)
      .orderBy('customer.id', direction)
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

// ── Contacts and their phones ──

export function findContactById(db: Db, id: number): Promise<ContactRow | undefined> {
  return db.selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findContactsByIds(db: Db, ids: readonly number[]): Promise<ContactRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('contact')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .orderBy('id')
    .execute();
}

/** A customer's contacts, primary first. */
export function findContactsOfCustomer(db: Db, customerId: number): Promise<ContactRow[]> {
  return db.selectFrom('contact').selectAll().where('customer_id', '=', customerId).orderBy('is_primary', 'desc').orderBy('id').execute();
}

export function insertContacts(db: Db, rows: Insertable<ContactTable>[]): Promise<number[]> {
  return insertReturningIds(rows, (chunk) => db.insertInto('contact').values(chunk).returning('id').execute());
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateContact(db: Db, id: number, version: number, patch: Updateable<ContactTable>): Promise<void> {
  return updateVersioned(db, 'contact', id, version, patch);
}

/** Take the primary flag from every contact of the customer but one. */
export async function clearPrimary(db: Db, customerId: number, exceptId: number): Promise<void> {
  await db
    .updateTable('contact')
    .set({ is_primary: 0 })
    .where('customer_id', '=', customerId)
    .where('is_primary', '=', 1)
    .where('id', '!=', exceptId)
    .execute();
}

export async function setPrimary(db: Db, id: number): Promise<void> {
  await db.updateTable('contact').set({ is_primary: 1 }).where('id', '=', id).execute();
}

export async function deleteContact(db: Db, id: number): Promise<void> {
  await db.deleteFrom('contact').where('id', '=', id).execute();
}

export async function findPhonesOfContacts(db: Db, contactIds: readonly number[]): Promise<ContactPhoneRow[]> {
  if (contactIds.length === 0) return [];
  return db
    .selectFrom('contact_phone')
    .selectAll()
    .where('contact_id', 'in', [...new Set(contactIds)])
    .orderBy('contact_id')
    .orderBy('position')
    .execute();
}

export function insertPhones(db: Db, rows: Insertable<ContactPhoneTable>[]): Promise<void> {
  return insertInChunks(rows, (chunk) => db.insertInto('contact_phone').values(chunk).execute());
}

export async function deletePhonesOfContact(db: Db, contactId: number): Promise<void> {
  await db.deleteFrom('contact_phone').where('contact_id', '=', contactId).execute();
}

/** Stored phones with this match key (an index seek), for matching a caller. */
/** A phone of a contact found by a caller's number, with the contact's columns and its customer's name. */
export type PhoneMatchRow = Omit<ContactPhoneRow, 'id'> & Omit<ContactRow, 'id'> & { customer_name: string };

/**
 * Every phone of each contact having a phone with this match key, with the contact and its
 * customer's name, contact by contact: one statement compiled once (a named statement on
 * PostgreSQL). The phone desk looks the caller up while the number is typed (R-CALL-1); as three
 * round trips (phones, contacts, then phones and customers) it missed 5 ms on PostgreSQL.
 */
const phoneMatchQuery = preparedQuery((db: Db, matchKey: string) =>
  db
    .selectFrom('contact_phone as p')
    .innerJoin('contact as c', 'c.id', 'p.contact_id')
    .innerJoin('customer as cu', 'cu.id', 'c.customer_id')
    .select([
      'p.contact_id',
      'p.position',
      'p.raw',
      'p.number',
      'p.extension',
      'p.kind',
      'p.match_key',
      'c.customer_id',
      'c.name',
      'c.title',
      'c.email',
      'c.is_primary',
      'c.version',
      'c.created_at',
      'c.updated_at',
      'cu.name as customer_name',
    ])
    .where('p.contact_id', 'in', (q) => q.selectFrom('contact_phone').select('contact_id').where('match_key', '=', matchKey))
    .orderBy('p.contact_id')
    .orderBy('p.position'),
);

export function findPhoneMatches(db: Db, matchKey: string): Promise<PhoneMatchRow[]> {
  return phoneMatchQuery(db, matchKey);
}
