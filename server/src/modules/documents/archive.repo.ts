import type { Db } from '../../db/database';
import { containsPattern, type PageQuery, limitOffset } from '../../db/list-query';
import { zhOrder } from '../../db/zh-order';
import type { Visibility } from './documents.repo';

/*
 * The archive tree (R-ORG-6), one level at a time: every query is bounded by a page of
 * parents, so opening an industry of 10,000 customers reads one page of them.
 */

/** Active documents the reader may see. */
function visibleDocuments(db: Db, visibility: Visibility) {
  let q = db.selectFrom('document as d').where('d.status', '=', 'active');
  if (!visibility.priceSensitive) q = q.where('d.price_sensitive', '=', 0);
  return q;
}

/** Grouped counts keyed by id (`null` for rows of no parent). */
function countsByKey(rows: { key: number | string | null; n: number | string | bigint }[]): Map<number | null, number> {
  return new Map(rows.map((r) => [r.key === null ? null : Number(r.key), Number(r.n)]));
}

/** Every industry, and the counts of customers and documents under each (`null`: customers without one). */
export async function listIndustryCounts(db: Db, visibility: Visibility) {
  const [industries, customers, documents] = await Promise.all([
    db.selectFrom('industry').select(['id', 'name_zh', 'name_en', 'active']).orderBy('sort').orderBy('id').execute(),
    db
      .selectFrom('customer')
      .select((eb) => ['industry_id as key', eb.fn.countAll<number>().as('n')])
      .groupBy('industry_id')
      .execute(),
    visibleDocuments(db, visibility)
      .innerJoin('customer as c', 'c.id', 'd.customer_id')
      .select((eb) => ['c.industry_id as key', eb.fn.countAll<number>().as('n')])
      .groupBy('c.industry_id')
      .execute(),
  ]);
  return { industries, customerCounts: countsByKey(customers), documentCounts: countsByKey(documents) };
}

/**
 * A page of the customers of an industry (`null`: of none), by name, with their contract and
 * document counts; `nameKey` (a normalised name) filters by "contains".
 */
export async function listCustomerCounts(
  db: Db,
  industryId: number | null,
  nameKey: string | undefined,
  q: PageQuery,
  visibility: Visibility,
) {
  let base = db.selectFrom('customer').where('industry_id', industryId === null ? 'is' : '=', industryId);
  if (nameKey) base = base.where('name_key', 'like', containsPattern(nameKey));
  const { limit, offset } = limitOffset(q);
  const [customers, count] = await Promise.all([
    base.select(['id', 'name']).orderBy(zhOrder(db, 'name_key')).orderBy('id').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = customers.map((c) => c.id);
  if (ids.length === 0) return { customers, total: count.n, contractCounts: countsByKey([]), documentCounts: countsByKey([]) };
  const [contracts, documents] = await Promise.all([
    db
      .selectFrom('contract')
      .select((eb) => ['customer_id as key', eb.fn.countAll<number>().as('n')])
      .where('customer_id', 'in', ids)
      .groupBy('customer_id')
      .execute(),
    visibleDocuments(db, visibility)
      .select((eb) => ['d.customer_id as key', eb.fn.countAll<number>().as('n')])
      .where('d.customer_id', 'in', ids)
      .groupBy('d.customer_id')
      .execute(),
  ]);
  return {
    customers,
    total: count.n,
    contractCounts: countsByKey(contracts),
    documentCounts: countsByKey(documents),
  };
}

/** A page of a customer's contracts, newest signed first, with document counts; and its documents of no contract. */
export async function listContractCounts(db: Db, customerId: number, q: PageQuery, visibility: Visibility) {
  const base = db.selectFrom('contract').where('customer_id', '=', customerId);
  const { limit, offset } = limitOffset(q);
  const [contracts, count, own] = await Promise.all([
    base.select(['id', 'number']).orderBy('signed_at', 'desc').orderBy('number').orderBy('id').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    visibleDocuments(db, visibility)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('d.customer_id', '=', customerId)
      .where('d.contract_id', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  const ids = contracts.map((c) => c.id);
  const documents =
    ids.length === 0
      ? []
      : await visibleDocuments(db, visibility)
          .select((eb) => ['d.contract_id as key', eb.fn.countAll<number>().as('n')])
          .where('d.contract_id', 'in', ids)
          .groupBy('d.contract_id')
          .execute();
  return { contracts, total: count.n, customerDocumentCount: own.n, documentCounts: countsByKey(documents) };
}

export function findCustomerName(db: Db, id: number) {
  return db.selectFrom('customer').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function findIndustryName(db: Db, id: number) {
  return db.selectFrom('industry').select(['id', 'name_zh', 'name_en']).where('id', '=', id).executeTakeFirst();
}
