import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from './database';
import { afterCommit, rootOf } from './transaction';

/**
 * Notices between the instances serving one database: "what you hold in memory about X may be
 * stale". A service announces one inside the transaction that makes the change (`announce`); every
 * instance hears it once that transaction has committed, this one at once (in process), the others
 * as soon as the database tells them. What an instance caches from the database it may keep only
 * while its board is `live`, and must drop everything on `onReset` (notices may have been missed).
 *
 * The per-engine part is the `NoticeBoard` opened beside each database (database.ts):
 * - SQLite: one instance serves the file, so a notice only needs to reach this process (after the
 *   commit, by transaction.ts's afterCommit); another process's commits reset (data_version).
 * - PostgreSQL: `pg_notify` in the announcing transaction (PostgreSQL delivers it at commit, and
 *   never for a rolled-back one) and one dedicated connection per instance that LISTENs. While
 *   that connection is down the board is not live; each (re)connection resets.
 */
export interface NoticeBoard {
  /** Every notice committed from now on will be heard here. */
  readonly live: boolean;
  /** Hear the notices of `topic` (their payloads), and every reset. Returns the unsubscribe. */
  subscribe(topic: string, listener: NoticeListener): () => void;
  /** Inside `db`'s transaction: send the notice to the other instances (nothing where there are none). */
  send(db: Db, topic: string, payload: string): Promise<void>;
  /** Deliver a notice to this process's listeners (after the commit that announced it). */
  deliver(topic: string, payload: string): void;
  close(): Promise<void>;
}

export interface NoticeListener {
  onNotice(payload: string): void;
  /** Notices may have been missed (a lost listening connection, a new one): forget everything. */
  onReset(): void;
}

/** Each database's board (set by database.ts when it opens one). */
export const noticeBoards = new WeakMap<object, NoticeBoard>();

/** The notice board of `db` (the database, or a transaction of it), or undefined for a database opened elsewhere. */
export function noticeBoardOf(db: Db): NoticeBoard | undefined {
  return noticeBoards.get(rootOf(db));
}

/**
 * Announce `payload` on `topic` as part of `db`'s transaction (or at once, outside one): every
 * instance's listeners hear it after the commit, none if the transaction rolls back.
 */
export async function announce(db: Db, topic: string, payload: string): Promise<void> {
  const board = noticeBoardOf(db);
  if (!board) return;
  await board.send(db, topic, payload);
  afterCommit(db, () => board.deliver(topic, payload));
}

/** The listeners of one board, by topic: what both engines' boards share. */
class Listeners {
  private readonly byTopic = new Map<string, Set<NoticeListener>>();

  add(topic: string, listener: NoticeListener): () => void {
    let set = this.byTopic.get(topic);
    if (!set) {
      set = new Set();
      this.byTopic.set(topic, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  notice(topic: string, payload: string): void {
    for (const l of this.byTopic.get(topic) ?? []) l.onNotice(payload);
  }

  reset(): void {
    for (const set of this.byTopic.values()) for (const l of set) l.onReset();
  }
}

/**
 * SQLite: one server instance per file, so a notice only has to reach this process. Another
 * process may still write the file (the admin CLI resetting a password, an operator's sqlite3
 * shell): `externalVersion` (the writer connection's `PRAGMA data_version`, which moves only when
 * another connection commits) is checked whenever `live` is read, and a move resets.
 */
export class InProcessNoticeBoard implements NoticeBoard {
  private readonly listeners = new Listeners();
  private version: number;

  constructor(private readonly externalVersion: () => number) {
    this.version = externalVersion();
  }

  get live(): boolean {
    const version = this.externalVersion();
    if (version !== this.version) {
      this.version = version;
      this.listeners.reset();
    }
    return true;
  }

  subscribe(topic: string, listener: NoticeListener): () => void {
    return this.listeners.add(topic, listener);
  }

  async send(): Promise<void> {}

  deliver(topic: string, payload: string): void {
    this.listeners.notice(topic, payload);
  }

  async close(): Promise<void> {}
}

/** How often the listening connection proves it still hears (a notice to itself), and how long it may take. */
const PING_EVERY_MS = 10_000;
const PING_TIMEOUT_MS = 5_000;
const RECONNECT_MS = 1_000;

/**
 * PostgreSQL: notices travel by NOTIFY on one channel per database schema (tests share a database
 * between schemas), as `topic:payload`. The listening connection opens at the first subscription.
 */
export class PostgresNoticeBoard implements NoticeBoard {
  private readonly listeners = new Listeners();
  private readonly channel: string;
  private client: pg.Client | undefined;
  /** The connection being opened, until it listens. */
  private connecting: pg.Client | undefined;
  private started = false;
  private closed = false;
  private isLive = false;
  private retry: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private pingDeadline: NodeJS.Timeout | undefined;
  private readonly pingPayload = `:ping-${process.pid}-${Math.random().toString(36).slice(2)}`;

  constructor(
    private readonly clientConfig: pg.ClientConfig,
    schema: string | undefined,
  ) {
    this.channel = schema ? `fuwu_notice_${schema}` : 'fuwu_notice';
  }

  get live(): boolean {
    return this.isLive;
  }

  subscribe(topic: string, listener: NoticeListener): () => void {
    const remove = this.listeners.add(topic, listener);
    if (!this.started) {
      this.started = true;
      void this.connect();
    }
    return remove;
  }

  async send(db: Db, topic: string, payload: string): Promise<void> {
    await sql`select pg_notify(${this.channel}, ${`${topic}:${payload}`})`.execute(db);
  }

  deliver(topic: string, payload: string): void {
    this.listeners.notice(topic, payload);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const clients = [this.client, this.connecting];
    this.connecting = undefined;
    this.drop();
    for (const c of clients) await c?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    // Named, so that an operator can tell it in pg_stat_activity.
    const client = new pg.Client({ ...this.clientConfig, keepAlive: true, application_name: `fuwu listen ${this.channel}` });
    this.connecting = client;
    client.on('notification', (n) => {
      if (client === this.client) this.heard(n.payload ?? '');
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`listen ${client.escapeIdentifier(this.channel)}`);
    } catch {
      this.lost(client);
      return;
    }
    // Lost meanwhile (lost() has planned the next try), or closed.
    if (this.connecting !== client) return;
    this.connecting = undefined;
    this.client = client;
    this.isLive = true;
    // Whatever was cached before this LISTEN may have missed a notice.
    this.listeners.reset();
    this.schedulePing();
  }

  private heard(message: string): void {
    if (message === this.pingPayload) {
      clearTimeout(this.pingDeadline);
      this.schedulePing();
      return;
    }
    const colon = message.indexOf(':');
    if (colon > 0) this.listeners.notice(message.slice(0, colon), message.slice(colon + 1));
  }

  /** A connection can die without a word (a dropped network): a notice to itself that does not come back in time ends it. */
  private schedulePing(): void {
    clearTimeout(this.pingTimer);
    const client = this.client;
    if (!client) return;
    this.pingTimer = setTimeout(() => {
      this.pingDeadline = setTimeout(() => this.lost(client), PING_TIMEOUT_MS);
      this.pingDeadline.unref();
      client.query('select pg_notify($1, $2)', [this.channel, this.pingPayload]).catch(() => this.lost(client));
    }, PING_EVERY_MS);
    this.pingTimer.unref();
  }

  private lost(client: pg.Client): void {
    void client.end().catch(() => {});
    if (client === this.client) {
      this.drop();
      this.scheduleReconnect();
    } else if (client === this.connecting) {
      this.connecting = undefined;
      this.scheduleReconnect();
    }
  }

  /** No longer hearing: not live, and every listener forgets what it holds. */
  private drop(): void {
    clearTimeout(this.pingTimer);
    clearTimeout(this.pingDeadline);
    this.client = undefined;
    if (this.isLive) {
      this.isLive = false;
      this.listeners.reset();
    }
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
