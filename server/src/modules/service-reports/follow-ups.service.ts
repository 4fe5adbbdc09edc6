import type { TFollowUp, TFollowUpQuery, TRecordFollowUp } from '@contract/service-reports';
import { dayStartInstant, todayIn } from '@contract/zoned-time';
import type { Actor } from '../../actor';
import { AppError } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { activeUserIdsWithRole, notify } from '../notifications/notifications.service';
import { loadReadableRequest, readableRequestsOf } from '../service-requests/service-requests.service';
import * as repo from './service-reports.repo';
import { reopenAfterFollowUp } from './service-reports.workflow';

function toFollowUp(r: repo.FollowUpRow, today: string): TFollowUp {
  return {
    id: Number(r.id),
    serviceReportId: Number(r.service_report_id),
    reportNumber: r.report_number,
    serviceRequest: { id: Number(r.service_request_id), number: r.request_number },
    customer: { id: Number(r.customer_id), name: r.customer_name },
    engineer: { id: Number(r.engineer_id), name: r.engineer_name },
    dueOn: r.due_on,
    latestOn: r.latest_on,
    overdue: r.state === 'open' && r.latest_on < today,
    state: r.state as TFollowUp['state'],
    channel: r.channel as TFollowUp['channel'],
    outcome: r.outcome as TFollowUp['outcome'],
    score: r.score === null ? null : Number(r.score),
    note: r.note,
    doneAt: r.done_at,
    version: Number(r.version),
  };
}

/** R-INST-10: the follow-ups the reader may see (those of his requests); `mine`: those he is to make. */
export async function listFollowUps(db: Db, actor: Actor, q: TFollowUpQuery, timeZone: string): Promise<Page<TFollowUp>> {
  const { rows, total } = await repo.listFollowUps(db, q, q.mine === 'true' ? (actor.id ?? 0) : null, readableRequestsOf(actor));
  const today = todayIn(timeZone);
  return { items: rows.map((r) => toFollowUp(r, today)), total, page: q.page, pageSize: q.pageSize };
}

async function loadFollowUp(db: Db, actor: Actor, id: number): Promise<repo.FollowUpRow> {
  const row = await repo.findFollowUp(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  await loadReadableRequest(db, actor, Number(row.service_request_id));
  return row;
}

export async function getFollowUp(db: Db, actor: Actor, id: number, timeZone: string): Promise<TFollowUp> {
  return toFollowUp(await loadFollowUp(db, actor, id), todayIn(timeZone));
}

/**
 * R-INST-10: the call or e-mail made, with its outcome: satisfied (with the 1–5 score), or the
 * problem remains — then the request reopens through the service-request workflow.
 */
export async function recordFollowUp(db: Db, actor: Actor, id: number, input: TRecordFollowUp, timeZone: string): Promise<TFollowUp> {
  const row = await transact(db, async (trx) => {
    const before = await loadFollowUp(trx, actor, id);
    if (before.state !== 'open') throw new AppError('FOLLOW_UP_DONE');
    const at = nowIso();
    await repo.updateFollowUp(trx, id, input.version, {
      state: 'done',
      channel: input.channel,
      outcome: input.outcome,
      score: input.score ?? null,
      note: input.note ?? null,
      done_at: at,
      done_by_id: actor.id,
    });
    await recordAudit(trx, actor, {
      entity: 'service_follow_up',
      entityId: id,
      action: 'record',
      after: { channel: input.channel, outcome: input.outcome, score: input.score ?? null, note: input.note ?? null },
    });
    return before;
  });
  if (input.outcome === 'problem_remains')
    await reopenAfterFollowUp(db, Number(row.service_request_id), input.note || 'problem remains after the visit', timeZone);
  return getFollowUp(db, actor, id, timeZone);
}

/**
 * R-INST-10: follow-ups still open after their last day (the working day after the one they were
 * due) notify the technical managers, once per follow-up: the row is marked in the notice's
 * transaction and each notice carries a dedupe key, so a second sweep, or another instance, adds nothing.
 */
export async function sweepOverdueFollowUps(db: Db, opts: { now?: Date; timeZone: string }): Promise<number> {
  const today = todayIn(opts.timeZone, opts.now ?? new Date());
  const rows = await repo.findOverdueUnnotified(db, today);
  if (rows.length === 0) return 0;
  const managers = await activeUserIdsWithRole(db, 'tech_manager');
  let told = 0;
  for (const r of rows) {
    await transact(db, async (trx) => {
      const at = nowIso();
      if (!(await repo.markOverdueNotified(trx, Number(r.id), at))) return;
      told++;
      await notify(
        trx,
        managers.map((userId) => ({
          userId,
          kind: 'follow_up_overdue' as const,
          titleZh: `回访逾期：${r.request_number}（${r.customer_name}），工程师 ${r.engineer_name}，应于 ${r.due_on} 回访`,
          titleEn: `Follow-up overdue: ${r.request_number} (${r.customer_name}), engineer ${r.engineer_name}, due ${r.due_on}`,
          entity: 'service_request',
          entityId: Number(r.service_request_id),
          dedupeKey: `follow-up-overdue:${r.id}`,
        })),
        at,
      );
    });
  }
  return told;
}

/** R-INST-10, for the weekly record: an engineer's follow-ups still open past their last day before `onDate`. */
export async function overdueFollowUpsOf(db: Db, engineerId: number, onDate: string): Promise<{ id: number; label: string }[]> {
  const rows = await repo.findOverdueFollowUpsOf(db, engineerId, onDate);
  return rows.map((r) => ({ id: Number(r.id), label: `${r.number} · ${r.latest_on}` }));
}

/** R-INST-10, for the dashboards: follow-ups whose last day is in [from, to], and how many were done by the end of it. */
export function followUpsOnTime(db: Db, from: string, to: string, customerIds: readonly number[] | undefined, timeZone: string) {
  return repo.countFollowUpsOnTime(db, from, to, customerIds, (latestOn) => dayStartInstant(latestOn, timeZone, 1));
}

/** Customer satisfaction from follow-up scores (1–5) on these contracts, as 0–100 (5 = 100); null when nobody scored. */
export async function followUpSatisfaction(db: Db, contractIds: readonly number[], from: string, to: string): Promise<number | null> {
  const avg = await repo.averageFollowUpScore(db, contractIds, from, to);
  return avg === null ? null : Math.round((avg / 5) * 100);
}

/** The follow-ups' 1–5 scores on these contracts (due in [from, to]): how many, and their sum — for a figure combined with other scores. */
export function followUpScores(db: Db, contractIds: readonly number[], from: string, to: string): Promise<{ n: number; sum: number }> {
  return repo.followUpScoreTotals(db, contractIds, from, to);
}
