import { RULE_ISSUES } from '@contract/validation-messages';
import { AppError, issue } from '../app-error';

/**
 * Driver errors of both engines, translated once: unique → conflict, foreign key →
 * invalid reference. Anything else is rethrown untouched and becomes a 500.
 */
export function translateDbError(err: unknown): unknown {
  const e = err as { code?: string; message?: string; constraint?: string; detail?: string };
  if (!e || typeof e !== 'object') return err;
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.code === '23505') {
    return new AppError('DUPLICATE', [issue(uniqueColumn(e), RULE_ISSUES.alreadyExists, 'duplicate')]);
  }
  if (e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || e.code === '23503') {
    return new AppError('REFERENCE_INVALID');
  }
  return err;
}

function uniqueColumn(e: { message?: string; detail?: string }): string {
  // SQLite: "UNIQUE constraint failed: app_user.email"; PostgreSQL detail: "Key (email)=(x) already exists."
  const sqlite = e.message?.match(/failed: [\w]+\.(\w+)/);
  if (sqlite) return toCamel(sqlite[1]);
  const pg = e.detail?.match(/Key \(([^)]+)\)/);
  return pg ? toCamel(pg[1].split(',')[0].trim()) : '';
}

function toCamel(s: string): string {
  return s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
