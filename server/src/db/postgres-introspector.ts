import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  PostgresDialect,
  PostgresIntrospector,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

/** Kysely's own type for the instance an introspector reads (typed `Kysely<any>` there). */
type IntrospectedDb = Parameters<PostgresDialect['createIntrospector']>[0];

/**
 * Kysely's PostgreSQL introspector reads the tables of every schema in the database and resolves
 * each schema by name while doing so (`has_schema_privilege(nspname, …)`,
 * `pg_get_serial_sequence(…)`). A schema that another connection drops during that read makes it
 * fail with `schema "…" does not exist`. Kysely's migrator asks it on every run whether its own
 * bookkeeping tables exist, so a migration failed whenever some other schema of the database was
 * being dropped: in the test suite, another file's schema dropped at its end; in a deployment, any
 * other tenant of a shared database. This one reads the schemas of the search path only (the
 * application's own), by catalog ids, so no other schema can fail it.
 */
class SearchPathIntrospector implements DatabaseIntrospector {
  readonly #db: IntrospectedDb;
  readonly #schemas: PostgresIntrospector;

  constructor(db: IntrospectedDb) {
    this.#db = db;
    this.#schemas = new PostgresIntrospector(db);
  }

  getSchemas(): Promise<SchemaMetadata[]> {
    return this.#schemas.getSchemas();
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    const { rows } = await sql<{
      schema: string;
      table: string;
      is_view: boolean;
      column: string;
      not_null: boolean;
      has_default: boolean;
      type: string;
      type_schema: string;
      comment: string | null;
      auto_incrementing: boolean;
    }>`
      select ns.nspname as schema, c.relname as table, c.relkind = 'v' as is_view,
             a.attname as column, a.attnotnull as not_null, a.atthasdef as has_default,
             typ.typname as type, dtns.nspname as type_schema,
             col_description(a.attrelid, a.attnum) as comment,
             (a.attidentity <> '' or coalesce(pg_get_expr(d.adbin, d.adrelid) like 'nextval(%', false)) as auto_incrementing
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      join pg_catalog.pg_type typ on typ.oid = a.atttypid
      join pg_catalog.pg_namespace dtns on dtns.oid = typ.typnamespace
      left join pg_catalog.pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
      where c.relkind in ('r', 'v', 'p') and ns.nspname = any(current_schemas(false))
      order by ns.nspname, c.relname, a.attnum`.execute(this.#db);
    const tables = new Map<string, TableMetadata & { columns: TableMetadata['columns'][number][] }>();
    for (const r of rows) {
      if (!options.withInternalKyselyTables && (r.table === 'kysely_migration' || r.table === 'kysely_migration_lock')) continue;
      const key = `${r.schema}.${r.table}`;
      let table = tables.get(key);
      if (!table) {
        table = { name: r.table, schema: r.schema, isView: r.is_view, columns: [] };
        tables.set(key, table);
      }
      table.columns.push({
        name: r.column,
        dataType: r.type,
        dataTypeSchema: r.type_schema,
        isNullable: !r.not_null,
        hasDefaultValue: r.has_default,
        isAutoIncrementing: r.auto_incrementing,
        comment: r.comment ?? undefined,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

/** The PostgreSQL dialect with the search-path introspector above. */
export class SearchPathPostgresDialect extends PostgresDialect {
  override createIntrospector(db: IntrospectedDb): DatabaseIntrospector {
    return new SearchPathIntrospector(db);
  }
}
