/**
 * The queries of creating a service request (service-requests.service's createServiceRequest), and
 * only those: fixed-shape statements compiled once, so a create is a handful of SQLite steps and no
 * query building.
 */
import { type Compilable, type CompiledQuery, type Insertable, type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { AuditEventTable } from '../audit/audit.table';
import { deliveryFanOut, fanOutNewNotifications, type NotifyInput } from '../notifications/notifications.service';
import type { ServiceRequestTable } from './service-requests.table';
import { CUSTOMER_AND_COMMITMENT_COLUMNS } from './service-requests.repo';

// ── The create path: few statements, each compiled once ──

/**
 * Like `preparedQuery`, for queries run inside a transaction: compiled once against the root
 * database `root` (a transaction is a new Kysely instance each time, so keying on it would
 * compile every time), run on `trx`. Same rule: each parameter used once, in order, no other values.
 */
function preparedInTransaction<P extends unknown[], R>(build: (db: Db, ...params: P) => Compilable<R>) {
  const compiled = new WeakMap<Db, CompiledQuery<R>>();
  return async (root: Db, trx: Db, ...params: P): Promise<R[]> => {
    let query = compiled.get(root);
    if (!query) {
      query = build(root, ...params).compile();
      if (query.parameters.length !== params.length) throw new Error('preparedInTransaction: build must use each parameter once');
      compiled.set(root, query);
    }
    return (await trx.executeQuery<R>({ ...query, parameters: params })).rows;
  };
}

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

export type CreateRefsRow = Awaited<ReturnType<typeof createRefsQuery>>[number];

/** See createRefsQuery; undefined when there is no such customer. */
export async function findCreateRefs(
  root: Db,
  trx: Db,
  o: { customerId: number; contractId: number | null; issuerId: number | null; responsibleId: number | null; backupId: number | null },
): Promise<CreateRefsRow | undefined> {
  return (await createRefsQuery(root, trx, o.issuerId, o.responsibleId, o.backupId, o.contractId, o.customerId))[0];
}

const nextNumberQuery = preparedInTransaction((db: Db, series: string) =>
  db
    .insertInto('number_sequence')
    .values({ series, last_value: sql.lit(1) })
    .onConflict((oc) => oc.column('series').doUpdateSet({ last_value: sql`number_sequence.last_value + 1` }))
    .returning('last_value'),
);

/** `nextNumber` (db/number-sequence), compiled once: the same upsert. */
export async function nextNumberPrepared(root: Db, trx: Db, series: string): Promise<number> {
  return Number((await nextNumberQuery(root, trx, series))[0].last_value);
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

/** `insertRequest` with every column bound (null included), compiled once. */
export async function insertNewRequest(root: Db, trx: Db, row: NewRequest): Promise<number> {
  return Number((await insertRequestQuery(root, trx, ...INSERT_COLUMNS.map((c) => row[c] ?? null)))[0].id);
}

const insertNotificationQuery = preparedInTransaction(
  (
    db: Db,
    userId: number,
    kind: string,
    titleZh: string,
    titleEn: string,
    body: string | null,
    entity: string | null,
    entityId: number | null,
    dedupeKey: string,
    createdAt: string,
  ) =>
    db
      .insertInto('notification')
      .values({
        user_id: userId,
        kind,
        title_zh: titleZh,
        title_en: titleEn,
        body,
        entity,
        entity_id: entityId,
        dedupe_key: dedupeKey,
        created_at: createdAt,
      })
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .returning('id'),
);

/**
 * notifications.service's `notify`, one prepared insert per notice (a new request has one or two),
 * then the new ones' delivery outbox rows (notifications.service's fan-out).
 */
export async function insertNotices(root: Db, trx: Db, notices: readonly NotifyInput[], at: string): Promise<void> {
  const ids: number[] = [];
  for (const n of notices) {
    const inserted = await insertNotificationQuery(
      root,
      trx,
      n.userId,
      n.kind,
      n.titleZh,
      n.titleEn,
      n.body ?? null,
      n.entity ?? null,
      n.entityId ?? null,
      n.dedupeKey,
      at,
    );
    for (const r of inserted) ids.push(Number(r.id));
  }
  await fanOutNewNotifications(trx, ids, at);
}

const insertAuditQuery = preparedInTransaction(
  (
    db: Db,
    at: string,
    actorId: number | null,
    actorName: string | null,
    entity: string,
    entityId: string,
    action: string,
    before: string | null,
    after: string | null,
    requestId: string | null,
  ) =>
    db.insertInto('audit_event').values({
      at,
      actor_id: actorId,
      actor_name: actorName,
      entity,
      entity_id: entityId,
      action,
      before,
      after,
      request_id: requestId,
    }),
);

/** audit.service's `recordAudit` (the same row, from its `toRow`), as a prepared insert. */
export async function insertAudit(root: Db, trx: Db, r: Insertable<AuditEventTable>): Promise<void> {
  await insertAuditQuery(
    root,
    trx,
    r.at,
    r.actor_id ?? null,
    r.actor_name ?? null,
    r.entity,
    r.entity_id,
    r.action,
    r.before ?? null,
    r.after ?? null,
    r.request_id ?? null,
  );
}

// ── PostgreSQL: the whole write as one statement ──

/** A notice of the new request, its text split around the request's number and id (not known before the statement). */
export interface PgNotice {
  userId: number;
  kind: string;
  titleZh: readonly [string, string];
  titleEn: readonly [string, string];
  body: string | null;
  entity: string | null;
  dedupeKey: readonly [string, string];
}

export interface PgCreate {
  /** The number series (`SR-2026`) and what the number starts with (`SR-2026-`). */
  series: string;
  head: string;
  /** Digits at least (zero-padded), as `formatNumber`. */
  width: number;
  row: Omit<NewRequest, 'number'>;
  equipmentIds: readonly number[];
  /** The text index's entry, given the SQL expression of the number's digits. */
  tokens: (digits: RawBuilder<string>) => RawBuilder<string>;
  notices: readonly PgNotice[];
  /** The audit row; its `after` JSON split around the id and the number: `[before id, between, after number]`. */
  audit: Omit<Insertable<AuditEventTable>, 'entity_id' | 'after'> & { after: readonly [string, string, string] };
}

/**
 * PostgreSQL: the number, the request, its units, its text-index entry, its notices and its audit
 * row in ONE statement (data-modifying CTEs), run on its own — a statement is a transaction of its
 * own, all or nothing. The number series' row is locked from the upsert to the commit: here that
 * is one round trip, where the statement-by-statement create held it over five and a COMMIT, and
 * every create of the year queues on that lock. Unique and gap-free as before: the upsert and the
 * rows that use its number commit or roll back together.
 */
export async function insertCreatedRequestPg(db: Db, c: PgCreate): Promise<{ id: number; number: string }> {
  const cols = INSERT_COLUMNS.filter((col) => col !== 'number');
  const digits = sql<string>`(select digits from seq)`;
  const id = sql<string>`(select id::text from req)`;
  const number = sql<string>`(select number from req)`;
  const notices = c.notices.map(
    (n) => sql`(${n.userId}, ${n.kind}, ${n.titleZh[0]} || ${number} || ${n.titleZh[1]}, ${n.titleEn[0]} || ${number} || ${n.titleEn[1]},
      ${n.body}, ${n.entity}, (select id from req), ${n.dedupeKey[0]} || ${id} || ${n.dedupeKey[1]}, ${c.row.created_at})`,
  );
  const a = c.audit;
  const r = await sql<{ id: number; number: string }>`
    with seq as (
      insert into number_sequence (series, last_value) values (${c.series}, 1)
      on conflict (series) do update set last_value = number_sequence.last_value + 1
      returning lpad(last_value::text, greatest(${c.width}, length(last_value::text)), '0') as digits),
    req as (
      insert into service_request (number, ${sql.join(cols.map((col) => sql.id(col)))})
      values (${c.head} || ${digits}, ${sql.join(cols.map((col) => sql`${c.row[col] ?? null}`))})
      returning id, number),
    ${c.equipmentIds.length ? sql`eq as (insert into service_request_equipment (service_request_id, equipment_id) select req.id, e from req, unnest(${[...c.equipmentIds]}::bigint[]) e),` : sql``}
    srch as (insert into service_request_search (id, tsv) select req.id, strip(to_tsvector('simple', ${c.tokens(digits)})) from req),
    ${notices.length ? sql`notice as (insert into notification (user_id, kind, title_zh, title_en, body, entity, entity_id, dedupe_key, created_at) values ${sql.join(notices)} on conflict (user_id, dedupe_key) do nothing returning id, user_id, kind, dedupe_key),
      outbox as (${deliveryFanOut(sql`notice`, a.at)}),` : sql``}
    audit as (insert into audit_event (at, actor_id, actor_name, entity, entity_id, action, before, after, request_id)
      values (${a.at}, ${a.actor_id ?? null}, ${a.actor_name ?? null}, ${a.entity}, ${id}, ${a.action}, ${a.before ?? null},
        ${a.after[0]} || ${id} || ${a.after[1]} || ${number} || ${a.after[2]}, ${a.request_id ?? null}))
    select id, number from req`.execute(db);
  const row = r.rows[0];
  return { id: Number(row.id), number: row.number };
}
