/**
 * Preload for bench/service-request-indexes.ts: every SQL text better-sqlite3 prepares in this
 * process is appended (one JSON string a line) to CAPTURE_SQL_FILE. Bench tooling only.
 *
 *   CAPTURE_SQL_FILE=/tmp/sql.jsonl node --import tsx --import ./bench/lib/capture-sql.ts --test <files>
 */
import fs from 'node:fs';
import SQLite from 'better-sqlite3';

const file = process.env.CAPTURE_SQL_FILE;
if (file) {
  const seen = new Set<string>();
  const proto = SQLite.prototype as unknown as { prepare: (source: string) => unknown };
  const prepare = proto.prepare;
  proto.prepare = function (this: unknown, source: string) {
    if (!seen.has(source)) {
      seen.add(source);
      fs.appendFileSync(file, `${JSON.stringify(source)}\n`);
    }
    return prepare.call(this, source);
  };
}
