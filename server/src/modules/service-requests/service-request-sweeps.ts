import { SLA_CLOCK_KINDS, type TSlaClockKind } from '@contract/sla';
import { SLA_CLOCK_KIND_LABELS } from '@contract/service-request-labels';
import { todayIn } from '@contract/zoned-time';
import type { Db } from '../../db/database';
import { transact } from '../../db/transaction';
import { loadCurrentCalendarSpec } from '../calendar/calendar.service';
import type { TCalendarSpec } from '../calendar/working-calendar';
import { activeUserIdsWithRole, type NotifyInput, notify } from '../notifications/notifications.service';
import { groupBy } from '../../db/list-query';
import { DEFAULT_WARN_SHARE } from '../sla/sla-clock';
import { nextSlaCheckOf, slaClocksOf, slaCommitmentsOf, slaStatusOf } from './service-request-sla';
import * as repo from './service-requests.repo';

export interface SweepOptions {
  now: Date;
  timeZone: string;
  /** Share of a target at which the engineer is warned; default 0.8. */
  warnShare?: number;
}

/**
 * Every open request whose contract sets an SLA target, with its commitments and pauses: three
 * narrow reads instead of one seven-way join. The open rows come from a partial covering index
 * alone (`repo.findOpenSlaSubjects`), the contracts' coverage and targets once per distinct
 * contract, the pauses by request id. Without `chunk`: every open request at once; with it, the
 * next chunk in id order, its contracts read only when `contracts` does not hold them. What the
 * sweep read every minute before it read only the due requests; kept for the benches' comparison.
 */
export async function loadSlaSubjects(db: Db, chunk?: repo.IdChunk, contracts: Map<number, SlaCommitments | null> = new Map()) {
  const open = await repo.findOpenSlaSubjects(db, chunk);
  const missing = [...new Set(open.map((r) => Number(r.contract_id)))].filter((id) => !contracts.has(id));
  if (!chunk || missing.length > 0) {
    for (const id of missing) contracts.set(id, null);
    for (const c of await repo.findOpenContractTargets(db, chunk ? missing : undefined)) contracts.set(Number(c.id), slaCommitmentsOf(c));
  }
  const rows = open.flatMap((r) => {
    const commitments = contracts.get(Number(r.contract_id));
    return commitments ? [{ r, commitments }] : [];
  });
  const ids = rows.map(({ r }) => Number(r.id));
  const spans = chunk ? (ids.length ? await repo.findOpenPauseSpans(db, ids) : []) : await repo.findOpenPauseSpans(db);
  const pauses = groupBy(spans, (p) => p.service_request_id);
  return { rows, pauses, lastId: open.length ? Number(open[open.length - 1].id) : null, full: !!chunk && open.length === chunk.limit };
}
type SlaCommitments = ReturnType<typeof slaCommitmentsOf>;

/**
 * Due requests are swept this many at a time, yielding to the event loop between chunks, so a
 * sweep that has many to read (the first after a calendar change: every open request) never holds
 * requests up for long.
 */
export const SLA_SWEEP_CHUNK = 100;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The next chunk of due requests (`repo.findDueSlaSubjects`) with their contracts' commitments
 * (read once per distinct contract: `contracts` holds those read by earlier chunks) and pauses.
 */
async function loadDueChunk(
  db: Db,
  now: string,
  after: repo.DueCursor | null,
  limit: number,
  contracts: Map<number, SlaCommitments | null>,
) {
  const due = await repo.findDueSlaSubjects(db, now, after, limit);
  const missing = [...new Set(due.flatMap((r) => (r.contract_id === null ? [] : [Number(r.contract_id)])))].filter(
    (id) => !contracts.has(id),
  );
  if (missing.length > 0) {
    for (const id of missing) contracts.set(id, null);
    for (const c of await repo.findOpenContractTargets(db, missing)) contracts.set(Number(c.id), slaCommitmentsOf(c));
  }
  const rows = due.flatMap((r) => {
    const commitments = r.contract_id === null ? null : contracts.get(Number(r.contract_id));
    return commitments ? [{ r, commitments }] : [];
  });
  const ids = rows.map(({ r }) => Number(r.id));
  const pauses = groupBy(ids.length ? await repo.findOpenPauseSpans(db, ids) : [], (p) => p.service_request_id);
  const last = due[due.length - 1];
  const cursor: repo.DueCursor | null = last ? { at: last.sla_next_check_at ?? '', id: Number(last.id) } : null;
  return { due, rows, pauses, cursor, full: due.length === limit };
}

/**
 * R-EMER-8/9: compute the clocks of the open requests whose contract sets targets; at the warn
 * share the responsible engineer is told once (`sla-warn:<id>:<clock>`), at breach every
 * technical manager (and the project's manager) once (`sla-breach:<id>:<clock>`). The list's
 * `sla_status` is refreshed. Idempotent: run it as often as you like, in as many instances.
 *
 * Reads only the requests due for a check (`sla_next_check_at` passed): each visit writes the
 * next instant a clock of the request can change standing (`nextSlaCheckOf`: a warning or a
 * breach), and every change to a request, to its contract's commitments or to the calendar makes
 * it due at once. So the minute's sweep reads the few requests crossing a threshold, not every
 * open one. Works a chunk at a time (SLA_SWEEP_CHUNK), each chunk's writes in their own
 * transaction, yielding between chunks. `checked`: the requests with targets it read.
 */
export async function sweepSla(db: Db, opts: SweepOptions, chunkSize = SLA_SWEEP_CHUNK): Promise<{ checked: number; notified: number }> {
  const now = opts.now.toISOString();
  let calendar: TCalendarSpec | null = null;
  let managers: readonly number[] | null = null;
  const contracts = new Map<number, SlaCommitments | null>();
  let checked = 0;
  let notified = 0;
  let after: repo.DueCursor | null = null;
  for (;;) {
    const chunk = await loadDueChunk(db, now, after, chunkSize, contracts);
    if (chunk.due.length === 0) return { checked, notified };
    // The calendar (checked against the table, an edit in another instance included) and the
    // managers only when something is due.
    calendar ??= await loadCurrentCalendarSpec(db, opts.timeZone);
    managers ??= await activeUserIdsWithRole(db, 'tech_manager');
    checked += chunk.rows.length;
    notified += await sweepSlaChunk(db, opts, chunk, managers, calendar);
    if (!chunk.full || chunk.cursor === null) return { checked, notified };
    after = chunk.cursor;
    await yieldToEventLoop();
  }
}

/**
 * The bit of `sla_notified` (migration 3061) saying the notice of clock `k` at `state` was sent:
 * warnings in bits 0–2, breaches in bits 3–5, in SLA_CLOCK_KINDS order.
 */
export function slaNoticeBit(k: TSlaClockKind, state: 'at_risk' | 'breached'): number {
  return 1 << (SLA_CLOCK_KINDS.indexOf(k) + (state === 'breached' ? SLA_CLOCK_KINDS.length : 0));
}

/** A clock of a request that calls for a notice not sent yet (its `sla_notified` lacks `bit`). */
type SlaNotice = { r: repo.DueSlaSubjectRow; k: TSlaClockKind; state: 'at_risk' | 'breached'; dueAt: Date; bit: number };
/** Who is told of a notice, under which dedupe key. */
type SlaNoticePair = { userId: number; dedupeKey: string; d: SlaNotice };

async function sweepSlaChunk(
  db: Db,
  opts: SweepOptions,
  { due: read, rows, pauses }: Pick<Awaited<ReturnType<typeof loadDueChunk>>, 'due' | 'rows' | 'pauses'>,
  managers: readonly number[],
  calendar: TCalendarSpec,
): Promise<number> {
  const at = opts.now.toISOString();
  // Every request read gets its next check written: null when it has no targets (nothing to do
  // until it or its contract changes).
  const writes = new Map<number, repo.SlaCheckWrite>(
    read.map((r) => [Number(r.id), { id: Number(r.id), version: r.version, next: null, status: null, notified: Number(r.sla_notified) }]),
  );
  /**
   * Clocks that call for a notice not sent yet (`sla_notified` lacks its bit); names are looked up
   * afterwards, for these requests only.
   */
  const due: SlaNotice[] = [];
  for (const { r, commitments } of rows) {
    const id = r.id;
    const clocks = slaClocksOf(r, commitments, pauses.get(id) ?? [], opts.now, calendar, opts.warnShare ?? DEFAULT_WARN_SHARE);
    const status = slaStatusOf(clocks);
    const next = nextSlaCheckOf(clocks);
    const write = writes.get(Number(id));
    if (write) {
      write.next = next === null ? null : next.toISOString();
      if (status && status !== r.sla_status) write.status = status;
    }
    if (!clocks) continue;
    for (const k of SLA_CLOCK_KINDS) {
      const c = clocks[k];
      if (!c) continue;
      if ((c.state !== 'at_risk' || r.responsible_engineer_id === null) && c.state !== 'breached') continue;
      const bit = slaNoticeBit(k, c.state);
      if ((Number(r.sla_notified) & bit) === 0) due.push({ r, k, state: c.state, dueAt: c.dueAt, bit });
    }
  }
  if (due.length > 0) await yieldToEventLoop();
  // Who is told of what, as (user, dedupe key) pairs: most were notified by an earlier sweep, so
  // their existing keys are read first and notices (titles, names) are built only for the new ones.
  const projectManagers = await repo.findProjectManagers(
    db,
    due.flatMap((d) => (d.state === 'breached' && d.r.project_id !== null ? [d.r.project_id] : [])),
  );
  const pairs: SlaNoticePair[] = [];
  for (const d of due) {
    const id = d.r.id;
    if (d.state === 'at_risk') {
      pairs.push({ userId: Number(d.r.responsible_engineer_id), dedupeKey: `sla-warn:${id}:${d.k}`, d });
      continue;
    }
    const pm = d.r.project_id === null ? null : (projectManagers.get(d.r.project_id) ?? null);
    const dedupeKey = `sla-breach:${id}:${d.k}`;
    for (const userId of new Set([...managers, ...(pm === null ? [] : [pm])])) pairs.push({ userId, dedupeKey, d });
  }
  // Each clock told to someone is marked sent, whether told now or found told already (a request
  // swept before its bits existed, or by a concurrent sweep): later visits skip it. A clock with
  // nobody to tell (no technical manager yet) stays unmarked.
  for (const p of pairs) {
    const write = writes.get(Number(p.d.r.id));
    if (write) write.notified |= p.d.bit;
  }
  // Read before the write transactions, the event loop served in between; the insert still ignores
  // conflicts, for sweeps running concurrently.
  const sent = await repo.findExistingNoticeKeys(db, pairs);
  const fresh = groupBy(
    pairs.filter((p) => !sent.has(`${p.userId}\n${p.dedupeKey}`)),
    (p) => Number(p.d.r.id),
  );
  let notified = 0;
  for (const [i, part] of noticeBoundParts([...writes.values()], (w) => fresh.get(w.id)?.length ?? 0).entries()) {
    if (i > 0 || pairs.length > 0) await yieldToEventLoop();
    notified += await transact(db, async (trx) => {
      await repo.setSlaChecks(trx, part);
      return notifySla(
        trx,
        part.flatMap((w) => fresh.get(w.id) ?? []),
        at,
      );
    });
  }
  return notified;
}

/**
 * The notices one write transaction holds at most. A request's next check and its notices are
 * written together (its `sla_notified` bits say the notices exist); on SQLite a transaction holds
 * the event loop, so the first sweep after a holiday-calendar edit, which tells managers of many
 * breaches at once, writes them a few hundred at a time.
 */
const NOTICES_PER_TRANSACTION = 100;

/** `writes` in order, cut so that each part's notices stay within NOTICES_PER_TRANSACTION. */
function noticeBoundParts<T>(writes: readonly T[], noticesOf: (w: T) => number): T[][] {
  const parts: T[][] = [[]];
  let inPart = 0;
  for (const w of writes) {
    const n = noticesOf(w);
    if (inPart > 0 && inPart + n > NOTICES_PER_TRANSACTION) {
      parts.push([]);
      inPart = 0;
    }
    parts[parts.length - 1].push(w);
    inPart += n;
  }
  return parts;
}

/** The SLA notices of `fresh` (warnings to the engineer, breaches to the managers), titled with the request's customer. */
async function notifySla(trx: Db, fresh: readonly SlaNoticePair[], at: string): Promise<number> {
  if (fresh.length === 0) return 0;
  const customerNames = await repo.findCustomerNames(
    trx,
    fresh.map((p) => p.d.r.customer_id),
  );
  const notices: NotifyInput[] = fresh.map(({ userId, dedupeKey, d: { r, k, state, dueAt } }) => {
    const label = SLA_CLOCK_KIND_LABELS[k];
    const common = {
      entity: 'service_request',
      entityId: r.id,
      body: `${customerNames.get(r.customer_id) ?? ''} · ${dueAt.toISOString()}`,
      userId,
      dedupeKey,
    };
    return state === 'at_risk'
      ? {
          ...common,
          kind: 'sla_warning' as const,
          titleZh: `服务要求单 ${r.number} ${label.zh}时限即将到期`,
          titleEn: `Service request ${r.number}: ${label.en.toLowerCase()} deadline approaching`,
        }
      : {
          ...common,
          kind: 'sla_breach' as const,
          titleZh: `服务要求单 ${r.number} ${label.zh}已超时`,
          titleEn: `Service request ${r.number}: ${label.en.toLowerCase()} deadline breached`,
        };
  });
  return notify(trx, notices, at);
}

/**
 * R-EMER-1: an urgent request dispatched by phone stays on the list, and its issuer is reminded
 * once a day (in the company's zone) until its form is completed (`incomplete:<id>:<date>`).
 */
export async function sweepIncompleteReminders(db: Db, opts: SweepOptions): Promise<number> {
  const rows = await repo.findIncompleteOpen(db);
  if (rows.length === 0) return 0;
  const today = todayIn(opts.timeZone, opts.now);
  const managers = await activeUserIdsWithRole(db, 'tech_manager');
  const notices: NotifyInput[] = rows.flatMap((r) =>
    (r.issued_by_id === null ? managers : [r.issued_by_id]).map((userId) => ({
      userId,
      kind: 'incomplete_reminder' as const,
      titleZh: `请补全紧急服务要求单 ${r.number}`,
      titleEn: `Complete the urgent service request ${r.number}`,
      entity: 'service_request',
      entityId: r.id,
      dedupeKey: `incomplete:${r.id}:${today}`,
    })),
  );
  return transact(db, (trx) => notify(trx, notices, opts.now.toISOString()));
}
