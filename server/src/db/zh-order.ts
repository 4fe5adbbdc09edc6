import type SQLite from 'better-sqlite3';
import { type RawBuilder, sql } from 'kysely';
import { type Db, isPostgres } from './database';

/**
 * Chinese order (names by pinyin: 北京 běi, 上海 shàng, 云帆 yún, 中联 zhōng), the same on both
 * engines and in the web (Intl.Collator('zh-CN')).
 *
 * PostgreSQL: the collation `fuwu_zh`, a copy of ICU's `zh-x-icu` (migration 2026_12_07_1800; plain
 * byte order on a server built without ICU). SQLite: better-sqlite3 cannot register a collation,
 * so a deterministic function `zh_key(text)` maps a name to a key whose binary order is the
 * collator's; an index on `zh_key(column)` serves the sort. Every connection that writes those
 * tables must have the function (registerZhOrder): openSqlite's, and the CLI's restore check.
 */
export const ZH_KEY_FUNCTION = 'zh_key';

/** Key characters start here, so a rank is one BMP character below the surrogates (U+D800). */
const RANK_BASE = 0x100;
/** Characters outside the ranked set come after all ranked ones, in code point order. */
const UNRANKED = '\uE000';

/** The ranges ranked: ASCII, Latin-1, CJK punctuation, Han (extension A and the unified block), full-width forms. */
const RANKED_RANGES: readonly [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x3000, 0x303f],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xff00, 0xffef],
];

let ranks: Map<string, number> | undefined;

/** Each ranked character's place in Intl.Collator('zh-CN') order (equal characters share one), built once (~70 ms). */
function rankTable(): Map<string, number> {
  if (ranks) return ranks;
  const collator = new Intl.Collator('zh-CN');
  const chars: string[] = [];
  for (const [from, to] of RANKED_RANGES) for (let cp = from; cp <= to; cp++) chars.push(String.fromCodePoint(cp));
  chars.sort(collator.compare);
  const table = new Map<string, number>();
  let rank = 0;
  chars.forEach((c, i) => {
    if (i > 0 && collator.compare(chars[i - 1], c) !== 0) rank++;
    table.set(c, rank);
  });
  ranks = table;
  return table;
}

/**
 * The sort key of `text`: per character its collator rank, so comparing keys character by
 * character (SQLite's binary order on UTF-8 is code point order) follows the collator's order.
 */
export function zhSortKey(text: string): string {
  const table = rankTable();
  let key = '';
  for (const c of text) {
    const rank = table.get(c);
    key += rank === undefined ? UNRANKED + c : String.fromCharCode(RANK_BASE + rank);
  }
  return key;
}

/** Give a SQLite connection the `zh_key` function (deterministic: usable in an index). */
export function registerZhOrder(raw: SQLite.Database): void {
  raw.function(ZH_KEY_FUNCTION, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? zhSortKey(text) : text));
}

/** `column` in Chinese order, for ORDER BY; matches the engine's index on it. */
export function zhOrder(db: Db, column: string): RawBuilder<unknown> {
  return isPostgres(db) ? sql`${sql.ref(column)} collate fuwu_zh` : sql`zh_key(${sql.ref(column)})`;
}
