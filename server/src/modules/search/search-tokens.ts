import { SEARCH_KINDS, type TSearchKind } from '@contract/search';

/**
 * The search tokenizer: pure, shared by indexing and querying, the same on both engines.
 *
 * Text is normalised (NFKC: full-width → half-width; lower case; Latin diacritics dropped), then:
 * - CJK (and any other non-ASCII letters or digits) → every character (unigram) and every pair of
 *   neighbours (bigram), as Lucene's CJK analyzer does: 硬盘柜 → 硬 盘 柜 硬盘 盘柜. A one-character
 *   query looks up the unigram, a longer one the AND of its bigrams.
 * - ASCII letters and digits → words, and their prefixes, so the last word typed matches as a prefix.
 * - Codes (SN, PN, model, phone: anything with a digit, or 8+ characters) → also every 3-gram,
 *   so a fragment of 3+ characters is found anywhere inside: ABC123 → abc & bc1 & c12 & 123 finds
 *   SN9ABC1234X. Parts joined by - _ . / : # (or digit groups by a space, as in phone numbers) are
 *   also taken together: HT-2025-0042 → ht20250042.
 *
 * Every token is written with [a-z0-9] only and starts with a letter saying what it is, so SQLite
 * FTS5 (unicode61) and PostgreSQL `to_tsvector('simple', …)` both index exactly these tokens and
 * nothing else, and no kind of token can collide with another:
 *   c + base-36 code points (4 digits each)   CJK unigram / bigram      c0ba5  c0ba5 0ee0
 *   w + word                                   whole word or code        wds5600
 *   p + prefix                                 word prefix (edge n-gram) pd  pds
 *   g + 3 characters                           3-gram of a code          gds5 gs56 g560 g600
 * Stored tokens are then scoped by kind (one letter in front, see scopeTokens) so each kind of
 * record has its own posting lists and a search within a kind never wades through the others.
 */

/** Words and codes are cut to this length. */
export const MAX_WORD = 40;
/** A letters-only word this long is treated as a code (3-grams). Shorter words get all their prefixes. */
const CODE_MIN_LETTERS = 8;
/** Codes get prefixes of 1–2 characters; longer fragments go through their 3-grams. */
const CODE_EDGE_MAX = 2;
/** Text beyond this many characters is not indexed (titles, codes and notes are far shorter). */
const MAX_TEXT = 20_000;

const NGRAM_CHAR = String.raw`(?![a-z0-9])[\p{L}\p{N}\p{M}]`;
/** Runs of CJK and other non-ASCII letters; when indexing, runs split only by spaces are joined. */
const INDEX_NGRAM_RUN = new RegExp(`(?:${NGRAM_CHAR})+(?:\\s+(?:${NGRAM_CHAR})+)*`, 'gu');
const QUERY_NGRAM_RUN = new RegExp(`(?:${NGRAM_CHAR})+`, 'gu');
/** ASCII words, joined into one compound by a single - _ . / : # or by a space between digits. */
const COMPOUND = /[a-z0-9]+(?:(?:[-_./:#]|(?<=[0-9]) (?=[0-9]))[a-z0-9]+)*/g;
const WORD = /[a-z0-9]+/g;
const JOINERS = /[\s\-_./:#]+/g;

/** NFKC (full-width → half-width, compatibility forms), lower case, Latin diacritics removed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/(?<=\p{Script=Latin})\p{Mn}+/gu, '')
    .normalize('NFC');
}

function encodeChar(ch: string): string {
  return (ch.codePointAt(0) ?? 0).toString(36).padStart(4, '0');
}

function isCode(word: string): boolean {
  return word.length >= CODE_MIN_LETTERS || /[0-9]/.test(word);
}

function trigrams(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= word.length; i++) out.push(`g${word.slice(i, i + 3)}`);
  return out;
}

function addNgramRun(run: string, out: Set<string>): void {
  const chars = [...run.replace(/\s+/gu, '')];
  for (let i = 0; i < chars.length; i++) {
    const a = encodeChar(chars[i]);
    out.add(`c${a}`);
    if (i + 1 < chars.length) out.add(`c${a}${encodeChar(chars[i + 1])}`);
  }
}

function addWord(raw: string, out: Set<string>): void {
  const word = raw.slice(0, MAX_WORD);
  out.add(`w${word}`);
  const code = isCode(word);
  const edges = code ? Math.min(CODE_EDGE_MAX, word.length) : word.length;
  for (let n = 1; n <= edges; n++) out.add(`p${word.slice(0, n)}`);
  if (code) for (const g of trigrams(word)) out.add(g);
}

/** The words of a compound, and the compound's words joined when there are several. */
function addCompound(compound: string, out: Set<string>): void {
  const words = compound.match(WORD) ?? [];
  for (const w of words) addWord(w, out);
  if (words.length > 1) addWord(words.join(''), out);
}

/** Every token of a text, each once, unscoped. */
export function indexTokens(text: string): string[] {
  const norm = normalizeText(text.slice(0, MAX_TEXT));
  const out = new Set<string>();
  for (const m of norm.matchAll(INDEX_NGRAM_RUN)) addNgramRun(m[0], out);
  for (const m of norm.matchAll(COMPOUND)) addCompound(m[0], out);
  return [...out];
}

/**
 * The tokens of a text that starts with a number the database has not drawn yet: `head`
 * (`CALL-2026-`: words joined by - _ . / : #, ending with one), then its digits, then `rest`
 * (` 王建国\n…`, or nothing). `indexTokens(head + digits + rest)` is `fixed` and the tokens of
 * two words that hold the digits: the digits themselves, and the compound they are part of —
 * `before` + digits + `after`, cut at MAX_WORD (`call2026` + `00042`, and `after` the words the
 * compound goes on with in `rest`: digit groups after a space, `12` of ` 12号`). Both are codes
 * (they hold digits). `numberedTokens` makes the whole set from the digits; search.repo's
 * `numberedTokensSql` makes it in SQL, for a statement that draws the number.
 */
export interface NumberedText {
  fixed: string[];
  before: string;
  after: string;
}

/** Digits a drawn number has at most (a bigint's); the text is checked to stay within MAX_TEXT with them. */
const MAX_NUMBER_DIGITS = 19;
const NUMBER_HEAD = /^[a-z0-9]+(?:[-_./:#][a-z0-9]+)*[-_./:#]$/;
/** What a compound goes on with after a digit (COMPOUND's repeated part), from where the digits end. */
const COMPOUND_GOES_ON = /(?:(?:[-_./:#]|(?<=[0-9]) (?=[0-9]))[a-z0-9]+)*/y;

export function numberedText(head: string, rest: string): NumberedText {
  if (!NUMBER_HEAD.test(head.toLowerCase())) throw new Error(`numberedText: unexpected number head ${head}`);
  // Past MAX_TEXT the text would be cut at a place that depends on how many digits are drawn.
  if (head.length + MAX_NUMBER_DIGITS + rest.length > MAX_TEXT) throw new Error('numberedText: text too long');
  // Normalised whole, with one digit standing for the digits (a digit composes with nothing).
  const norm = normalizeText(`${head}0${rest}`);
  const h = head.toLowerCase();
  // The digits must end where the number does: not the head as written, or a letter or digit next.
  if (!norm.startsWith(`${h}0`) || /[a-z0-9]/.test(norm.charAt(h.length + 1)))
    throw new Error(`numberedText: the number ${head}… must stand alone at the start of the text`);
  COMPOUND_GOES_ON.lastIndex = h.length + 1;
  const tail = COMPOUND_GOES_ON.exec(norm)?.[0] ?? '';
  const out = new Set<string>();
  for (const m of norm.matchAll(INDEX_NGRAM_RUN)) addNgramRun(m[0], out);
  for (const w of h.match(WORD) ?? []) addWord(w, out);
  for (const w of tail.match(WORD) ?? []) addWord(w, out);
  for (const m of norm.slice(h.length + 1 + tail.length).matchAll(COMPOUND)) addCompound(m[0], out);
  return { fixed: [...out], before: (h.match(WORD) ?? []).join(''), after: (tail.match(WORD) ?? []).join('') };
}

/** The tokens of the text `numberedText` was given, with its number's digits: what indexTokens makes of it. */
export function numberedTokens(n: NumberedText, digits: string): string[] {
  const out = new Set(n.fixed);
  addWord(digits, out);
  addWord(`${n.before}${digits}${n.after}`, out);
  return [...out];
}

/** Tokens that must all be present (AND). */
export type TokenAlternative = readonly string[];
/** One query term: any of its alternatives (OR). */
export type TokenClause = readonly TokenAlternative[];

/** A parsed query: every clause must match. `terms` are the normalised words, to rank title matches. */
export interface TokenQuery {
  clauses: TokenClause[];
  terms: string[];
}

/**
 * Parse what the user typed. CJK: one character → its unigram; more → each bigram. ASCII: each
 * word (or joined code) exactly, or — for the last one, as the user may still be typing — as a
 * prefix; and, from 3 characters, as a fragment of a code (AND of its 3-grams).
 * Null when there is nothing to search for (only punctuation).
 */
export function parseQuery(q: string): TokenQuery | null {
  const norm = normalizeText(q);
  const parts: { at: number; text: string; latin: boolean }[] = [];
  for (const m of norm.matchAll(QUERY_NGRAM_RUN)) parts.push({ at: m.index, text: m[0], latin: false });
  for (const m of norm.matchAll(COMPOUND)) parts.push({ at: m.index, text: m[0].replace(JOINERS, '').slice(0, MAX_WORD), latin: true });
  if (parts.length === 0) return null;
  parts.sort((a, b) => a.at - b.at);

  const clauses = new Map<string, TokenClause>();
  const add = (clause: TokenClause) => clauses.set(JSON.stringify(clause), clause);
  parts.forEach((part, i) => {
    if (!part.latin) {
      const chars = [...part.text].map(encodeChar);
      if (chars.length === 1) add([[`c${chars[0]}`]]);
      for (let j = 0; j + 1 < chars.length; j++) add([[`c${chars[j]}${chars[j + 1]}`]]);
      return;
    }
    const word = part.text;
    const isLast = i === parts.length - 1;
    const alternatives: TokenAlternative[] = [];
    if (!isLast) alternatives.push([`w${word}`]);
    else if (word.length < CODE_MIN_LETTERS) alternatives.push([`p${word}`]);
    if (word.length >= 3) alternatives.push(trigrams(word));
    add(alternatives);
  });
  return { clauses: [...clauses.values()], terms: [...new Set(parts.map((p) => p.text))] };
}

/** The letter in front of every stored token of a kind: a, b, c… in SEARCH_KINDS order. */
export function kindPrefix(kind: TSearchKind): string {
  return String.fromCharCode(97 + SEARCH_KINDS.indexOf(kind));
}

/** The token every restricted (price-sensitive) entry carries, so it can be excluded in the index. */
export function restrictedToken(kind: TSearchKind): string {
  return `${kindPrefix(kind)}zr`;
}

/** Tokens as stored for an entry of `kind`: scoped by kind, plus the restricted marker. */
export function scopeTokens(kind: TSearchKind, tokens: readonly string[], restricted: boolean): string[] {
  const p = kindPrefix(kind);
  const scoped = tokens.map((t) => p + t);
  if (restricted) scoped.push(restrictedToken(kind));
  return scoped;
}

/** A query within one kind: every clause must match, no `exclude` token may be present. */
export interface ScopedQuery {
  clauses: TokenClause[];
  exclude: string[];
}

export function scopeQuery(kind: TSearchKind, query: TokenQuery, opts: { excludeRestricted: boolean }): ScopedQuery {
  const p = kindPrefix(kind);
  return {
    clauses: query.clauses.map((c) => c.map((alt) => alt.map((t) => p + t))),
    exclude: opts.excludeRestricted ? [restrictedToken(kind)] : [],
  };
}

/** Does a set of stored tokens satisfy a query? The reference semantics both engines implement. */
export function matchesTokens(query: ScopedQuery, tokens: ReadonlySet<string>): boolean {
  if (query.exclude.some((t) => tokens.has(t))) return false;
  return query.clauses.every((clause) => clause.some((alt) => alt.every((t) => tokens.has(t))));
}

/** Does the title contain every term (ignoring case, width, spaces and code separators)? */
export function titleMatches(title: string, terms: readonly string[]): boolean {
  const flat = normalizeText(title).replace(JOINERS, '');
  return terms.every((t) => flat.includes(t));
}

/** A query cut into CJK runs and codes, with nothing left over. */
const SEGMENT = new RegExp(`(?:${NGRAM_CHAR})+|${COMPOUND.source}`, 'gu');

/**
 * The query for a "contains" filter (`LIKE '%text%'`, `text` as containsPattern leaves it), when the
 * index is sure to hold every text that contains it — so the index's matches are a superset of the
 * LIKE's, and the LIKE, run on those candidates only, gives exactly its old result. Null when the
 * index cannot promise that (the caller keeps the plain LIKE). The text must be CJK runs (or other
 * non-ASCII letters) and codes (letters and digits, parts joined by - _ . / : #, digit groups by a
 * space) back to back, nothing else, and:
 * - a run, any length, anywhere: its unigram or every bigram is indexed wherever it occurs;
 * - a code alone: 3+ characters without the joiners, with a digit or 8+ letters — wherever it
 *   occurs it lies inside a code whose 3-grams are indexed;
 * - a code first, before a run: the same (it is the end of a code in the text);
 * - a code between two runs: a whole word (indexed as such); a code last, after a run: the start of
 *   a word (its prefixes, or the 3-grams of a code).
 * Codes are indexed up to their 40th character (MAX_WORD): a fragment beyond that is not found.
 * Not: short letters-only words alone (only prefixes are indexed: "erve" inside "server"), one- and
 * two-character codes alone, and anything with spaces or other punctuation.
 */
export function containsQuery(text: string): TokenQuery | null {
  const norm = normalizeText(text);
  const segments = [...norm.matchAll(SEGMENT)].map((m) => m[0]);
  if (segments.length === 0 || segments.join('') !== norm) return null;
  for (const [i, seg] of segments.entries()) {
    if (!/^[a-z0-9]/.test(seg)) continue;
    const joined = seg.replace(JOINERS, '');
    if (joined.length > MAX_WORD) return null;
    if (i === 0 && (joined.length < 3 || !isCode(joined))) return null;
  }
  const query = parseQuery(norm);
  return query && { ...query, clauses: fewerBigrams(query.clauses) };
}

/**
 * Bigrams in most company names and fault texts: FTS5 (and GIN) would intersect posting lists as
 * long as the table to AND them with a full name's rarer bigrams.
 */
const COMMON_BIGRAMS = new Set(
  '有限 限公 公司 集团 股份 份有 科技 技术 信息 网络 系统 服务 数据 电子 工程 中心 设备 故障 告警'
    .split(' ')
    .map((b) => `c${[...b].map(encodeChar).join('')}`),
);
/** A long run is looked up by this many of its bigrams (the LIKE checks the rest). */
const MAX_BIGRAM_CLAUSES = 3;

/**
 * Of the bigram clauses of a long run keep a few, the common ones last: every kept clause must hold,
 * so fewer only widen the candidates (a superset still), while ANDing all eleven bigrams of
 * 杭州云帆电子集团有限公司 would walk the postings of 有限, 公司… across every row.
 */
function fewerBigrams(clauses: TokenClause[]): TokenClause[] {
  const isBigram = (c: TokenClause) => c.length === 1 && c[0].length === 1 && /^c[0-9a-z]{8}$/.test(c[0][0]);
  const bigrams = clauses.filter(isBigram);
  if (bigrams.length <= MAX_BIGRAM_CLAUSES) return clauses;
  const ranked = [...bigrams.filter((c) => !COMMON_BIGRAMS.has(c[0][0])), ...bigrams.filter((c) => COMMON_BIGRAMS.has(c[0][0]))];
  const kept = new Set(ranked.slice(0, MAX_BIGRAM_CLAUSES));
  return clauses.filter((c) => !isBigram(c) || kept.has(c));
}
