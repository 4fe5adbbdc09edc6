/**
 * The queries of creating a service request (service-requests.service's createServiceRequest), and
 * only those: fixed-shape statements compiled once, so a create is a handful of SQLite steps and no
 * query building — and, on PostgreSQL, one statement. `insertCreatedRequest` is the one entry:
 * the engines' two ways of writing a create stay behind it.
 */
import type { TServiceKind } from '@contract/contracts';
import { type Insertable, sql } from 'kysely';
import { type Db, isPostgres } from '../../db/database';
import { type DependentWrite, STAND_IN } from '../../db/dependent-write';
import { nextFormattedNumber } from '../../db/number-sequence';
import { insertNumberedRecord } from '../../db/numbered-insert';
import { preparedInTransaction } from '../../db/prepared-query';
import { transactGrouped } from '../../db/transaction';
import type { ServiceRequestTable } from './service-requests.table';
import { addEquipment, CUSTOMER_AND_COMMITMENT_COLUMNS } from './service-requests.repo';
import { newEntrySql, queueNewRequest, type RequestText } from './service-requests.search.repo';

/** An active user holding the engineer role: his name, else null. */
const engineerName = (id: number | null) =>
  sql<string | null>`(select u.name from app_user u where u.id = ${id} and u.active = 1
    and exists (select 1 from user_role r where r.user_id = u.id and r.role = 'engineer'))`;

/**
 * Everything a new request is checked against and shown with, in one statement: the customer (no
 * row: no such customer), the contract if asked (its id null: no such contract) with its
 * commitment columns, the issuer's name, and the engineers' names (null: not an active engineer).
 */
const createRefsQuery = preparedInTransaction(
  (db: Db, issuerId: number | null, responsibleId: number | null, backupId: number | null, contractId: number | null, customerId: number) =>
    db
      .selectFrom('customer')
      .leftJoin('contract', (j) => j.on('contract.id', '=', contractId))
      .select([
        sql<string | null>`(select u.name from app_user u where u.id = ${issuerId})`.as('issued_by_name'),
        engineerName(responsibleId).as('responsible_engineer_name'),
        engineerName(backupId).as('backup_engineer_name'),
        'contract.id as found_contract_id',
        'contract.customer_id as contract_customer_id',
        ...CUSTOMER_AND_COMMITMENT_COLUMNS,
      ])
      .where('customer.id', '=', customerId),
);

/**
 * The contract's service kinds (R-SCOPE-1: the issue guard's and the answer's warnings), compiled
 * once: built per create (Kysely building and compiling a select), it cost about twice the CPU
 * (SQLite, in a transaction: 21–28 → 10–13 µs a call).
 */
const serviceKindsQuery = preparedInTransaction((db: Db, contractId: number) =>
  db.selectFrom('contract_service_kind').select('kind').where('contract_id', '=', contractId),
);

/** See serviceKindsQuery. */
export async function findCreateServiceKinds(root: Db, trx: Db, contractId: number): Promise<TServiceKind[]> {
  return (await serviceKindsQuery(root, trx, contractId)).rows.map((r) => r.kind);
}

export type CreateRefsRow = Awaited<ReturnType<typeof createRefsQuery>>['rows'][number];

/** See createRefsQuery; undefined when there is no such customer. */
export async function findCreateRefs(
  root: Db,
  trx: Db,
  o: { customerId: number; contractId: number | null; issuerId: number | null; responsibleId: number | null; backupId: number | null },
): Promise<CreateRefsRow | undefined> {
  return (await createRefsQuery(root, trx, o.issuerId, o.responsibleId, o.backupId, o.contractId, o.customerId)).rows[0];
}

/** Every column of a new request, in the order the prepared insert binds them. */
const INSERT_COLUMNS = [
  'number',
  'kind',
  'state',
  'paused_from',
  'origin',
  'origin_ref',
  'customer_id',
  'contract_id',
  'project_id',
  'contact_name',
  'contact_phone',
  'site_address',
  'description',
  'issued_by_id',
  'responsible_engineer_id',
  'backup_engineer_id',
  'requested_date',
  'planned_start',
  'planned_end',
  'agreed_arrival_at',
  'priority',
  'remarks',
  'incomplete',
  'sla_status',
  'issued_at',
  'responded_at',
  'arrived_at',
  'resolved_at',
  'closed_at',
  'version',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof Insertable<ServiceRequestTable>)[];

export type NewRequest = { [K in (typeof INSERT_COLUMNS)[number]]: Insertable<ServiceRequestTable>[K] | null };

const insertRequestQuery = preparedInTransaction((db: Db, ...values: unknown[]) =>
  db
    .insertInto('service_request')
    .values(Object.fromEntries(INSERT_COLUMNS.map((c, i) => [c, values[i]])) as Insertable<ServiceRequestTable>)
    .returning('id'),
);

/** The request with every column bound (null included), compiled once. */
async function insertNewRequest(root: Db, trx: Db, row: NewRequest): Promise<number> {
  return (await insertRequestQuery(root, trx, ...INSERT_COLUMNS.map((c) => row[c] ?? null))).rows[0].id;
}

/** What a create writes, as its service decided it. */
export interface NewRequestWrite {
  /** The number: `SR-2026-00042` from the series of `prefix` and `year`. */
  numbering: { prefix: string; year: number };
  row: Omit<NewRequest, 'number'>;
  equipmentIds: readonly number[];
  /** The text index's fields but the number. */
  text: Omit<RequestText, 'id' | 'number'>;
  /**
   * The rows of other modules' tables written with the request (its notifications, its audit
   * entry), made from its id and number — on PostgreSQL from STAND_IN's (db/dependent-write.ts).
   */
  dependents: (created: { id: number; number: string }) => readonly DependentWrite[];
}

/**
 * Check and write a new request: `check` reads what the request is checked against and answers
 * what to write (or throws, and nothing is written); then its number, its row, its units, its
 * text-index entry and `dependents` are written all or nothing. Answers what `check` answered,
 * with the id and number drawn.
 *
 * SQLite: all of it in one grouped transaction (creates arriving together share a commit,
 * db/transaction.ts), the checks inside it; each write a statement compiled once.
 *
 * PostgreSQL: the checks, then ONE statement of data-modifying CTEs (db/numbered-insert.ts), each
 * table's part made by its owner (number-sequence's upsert, the search entry, the dependents' `cte`). The number series'
 * row is locked from the upsert to the commit: here one round trip, where the
 * statement-by-statement create held it over five and a COMMIT, and every create of the year
 * queues on that lock. Unique and gap-free as before: the upsert and the rows that use its
 * number commit or roll back together.
 */
export async function insertCreatedRequest<W extends NewRequestWrite>(
  db: Db,
  check: (trx: Db) => Promise<W>,
): Promise<{ write: W; id: number; number: string }> {
  if (isPostgres(db)) {
    const write = await check(db);
    return { write, ...(await insertCreatedRequestPg(db, write)) };
  }
  return transactGrouped(db, async (trx) => {
    const write = await check(trx);
    const number = await nextFormattedNumber(trx, write.numbering.prefix, write.numbering.year, db);
    const id = await insertNewRequest(db, trx, { number, ...write.row });
    await addEquipment(trx, id, write.equipmentIds);
    await queueNewRequest(db, trx, { id, number, ...write.text });
    for (const w of write.dependents({ id, number })) await w.run(db, trx);
    return { write, id, number };
  });
}

function insertCreatedRequestPg(db: Db, w: NewRequestWrite): Promise<{ id: number; number: string }> {
  const { prefix, year } = w.numbering;
  return insertNumberedRecord(db, {
    table: 'service_request',
    numbering: w.numbering,
    row: Object.fromEntries(INSERT_COLUMNS.filter((col) => col !== 'number').map((col) => [col, w.row[col]])),
    parts: (refs, digits) => [
      ...(w.equipmentIds.length
        ? [
            sql`eq as (insert into service_request_equipment (service_request_id, equipment_id)
              select ${refs.id}, e from unnest(${[...w.equipmentIds]}::bigint[]) e)`,
          ]
        : []),
      sql`srch as (${newEntrySql(w.text, `${prefix}-${year}-`, digits, refs.id)})`,
    ],
    dependents: w.dependents(STAND_IN),
  });
}
