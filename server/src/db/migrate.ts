import { Migrator } from 'kysely';
import type { Db } from './database';
import { migrations } from './migrations/index';

/** Apply every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
  // A named schema keeps Kysely's bookkeeping tables there too (tests give each file a schema).
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema && { migrationTableSchema: schema }) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
