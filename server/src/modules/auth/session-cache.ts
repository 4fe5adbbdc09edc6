import type { Db } from '../../db/database';
import { announce, type NoticeBoard, noticeBoardOf } from '../../db/notices';
import type { ResolvedSession } from './auth.service';

/** The notice topic: "the sessions and the user row of user N changed" (payload: the user id). */
const TOPIC = 'session';
/** Sessions held per instance; past this, the oldest cached is forgotten (it is only looked up again). */
const MAX_ENTRIES = 20_000;

export interface CachedSession {
  session: ResolvedSession;
  /** The session's expiry as read from the database (ms since the epoch). */
  expiresAt: number;
}

/**
 * The sessions this instance has looked up, by token hash, so that most requests skip the
 * database (the lookup was a third of GET /api/me). Correct only because every change to what a
 * session carries — the session row deleted (sign-out, password change, revocation), the user
 * disabled, renamed or given other roles — is announced (`announceSessionChange`) in the
 * transaction that makes it, and every instance drops the user's sessions when it hears it
 * (db/notices.ts: at once in this process; through LISTEN/NOTIFY on PostgreSQL). Nothing is served
 * while the board is not live (the listening connection is down), and everything is dropped when
 * it (re)connects. Expiry needs no notice: each entry keeps its expiry and is not served past it.
 *
 * A lookup that was under way when a notice came is not stored (the generation moved on): it may
 * have read the row as it was before the change.
 */
export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();
  private generationCount = 0;

  constructor(private readonly board: NoticeBoard) {
    board.subscribe(TOPIC, {
      onNotice: (payload) => this.forgetUser(Number(payload)),
      onReset: () => this.clear(),
    });
  }

  /** Taken before a lookup in the database; `store` refuses the result if a notice came meanwhile. */
  get generation(): number {
    return this.generationCount;
  }

  /** The cached session of `tokenHash` if it may be served at `now`. */
  find(tokenHash: string, now: number): CachedSession | undefined {
    if (!this.board.live) return undefined;
    const entry = this.entries.get(tokenHash);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  store(tokenHash: string, entry: CachedSession, generation: number): void {
    if (generation !== this.generationCount || !this.board.live) return;
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(tokenHash)) {
      // Map keeps insertion order: the first key is the oldest stored.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(tokenHash, entry);
  }

  private forgetUser(userId: number): void {
    this.generationCount++;
    for (const [tokenHash, entry] of this.entries) if (entry.session.userId === userId) this.entries.delete(tokenHash);
  }

  private clear(): void {
    this.generationCount++;
    this.entries.clear();
  }
}

const caches = new WeakMap<Db, SessionCache>();

/** The session cache of a database (created at the first lookup), or undefined for a transaction or a database without a notice board. */
export function sessionCacheOf(db: Db): SessionCache | undefined {
  let cache = caches.get(db);
  if (!cache && !db.isTransaction) {
    const board = noticeBoardOf(db);
    if (!board) return undefined;
    cache = new SessionCache(board);
    caches.set(db, cache);
  }
  return cache;
}

/**
 * Part of a transaction that deletes sessions of a user or changes what their sessions carry
 * (name, e-mail, locale, roles, active): every instance forgets that user's cached sessions once
 * it commits.
 */
export function announceSessionChange(db: Db, userId: number): Promise<void> {
  return announce(db, TOPIC, String(userId));
}
