import { SLA_CLOCK_KIND_LABELS, SLA_CLOCK_KINDS } from '@contract/service-requests';
import type { Db } from '../../db/database';
import { transact } from '../../db/transaction';
import { loadCalendarSpec } from '../calendar/calendar.service';
import { todayIn } from '../equipment/equipment.service';
import { activeUserIdsWithRole, type NotifyInput, notify } from '../notifications/notifications.service';
import { groupBy } from '../../db/list-query';
import { DEFAULT_WARN_SHARE } from '../sla/sla-clock';
import { slaClocksOf, slaStatusOf } from './service-request-sla';
import * as repo from './service-requests.repo';
import { commitmentsOf } from './service-requests.view';

export interface SweepOptions {
  now: Date;
  timeZone: string;
  /** Share of a target at which the engineer is warned; default 0.8. */
  warnShare?: number;
}

/**
 * R-EMER-8/9: compute the clocks of every open request whose contract sets targets; at the warn
 * share the responsible engineer is told once (`sla-warn:<id>:<clock>`), at breach every
 * technical manager (and the project's manager) once (`sla-breach:<id>:<clock>`). The list's
 * `sla_status` is refreshed. Idempotent: run it as often as you like, in as many instances.
 */
export async function sweepSla(db: Db, opts: SweepOptions): Promise<{ checked: number; notified: number }> {
  const rows = await repo.findOpenRequestsWithTargets(db);
  if (rows.length === 0) return { checked: 0, notified: 0 };
  const pauses = groupBy(
    await repo.findPauses(
      db,
      rows.map((r) => Number(r.id)),
    ),
    (p) => Number(p.service_request_id),
  );
  const managers = await activeUserIdsWithRole(db, 'tech_manager');
  const calendar = await loadCalendarSpec(db, opts.timeZone);
  const at = opts.now.toISOString();
  const notices: NotifyInput[] = [];
  const statusChanges: [number, string][] = [];
  for (const r of rows) {
    const id = Number(r.id);
    const clocks = slaClocksOf(r, commitmentsOf(r), pauses.get(id) ?? [], opts.now, calendar, opts.warnShare ?? DEFAULT_WARN_SHARE);
    const status = slaStatusOf(clocks);
    if (status && status !== r.sla_status) statusChanges.push([id, status]);
    if (!clocks) continue;
    for (const k of SLA_CLOCK_KINDS) {
      const c = clocks[k];
      if (!c) continue;
      const label = SLA_CLOCK_KIND_LABELS[k];
      const common = { entity: 'service_request', entityId: id, body: `${r.customer_name} · ${c.dueAt.toISOString()}` };
      if (c.state === 'at_risk' && r.responsible_engineer_id !== null) {
        notices.push({
          ...common,
          userId: Number(r.responsible_engineer_id),
          kind: 'sla_warning',
          titleZh: `服务要求单 ${r.number} ${label.zh}时限即将到期`,
          titleEn: `Service request ${r.number}: ${label.en.toLowerCase()} deadline approaching`,
          dedupeKey: `sla-warn:${id}:${k}`,
        });
      }
      if (c.state === 'breached') {
        const to = new Set([...managers, ...(r.project_manager_id === null ? [] : [Number(r.project_manager_id)])]);
        for (const userId of to)
          notices.push({
            ...common,
            userId,
            kind: 'sla_breach',
            titleZh: `服务要求单 ${r.number} ${label.zh}已超时（R-EMER-8）`,
            titleEn: `Service request ${r.number}: ${label.en.toLowerCase()} deadline breached (R-EMER-8)`,
            dedupeKey: `sla-breach:${id}:${k}`,
          });
      }
    }
  }
  // Most notices of a sweep were sent by an earlier one: read the batch's existing keys once and
  // insert only the new ones (the insert still ignores conflicts, for sweeps running concurrently).
  const notified = await transact(db, async (trx) => {
    await repo.setSlaStatuses(trx, statusChanges);
    const sent = await repo.findExistingNoticeKeys(trx, notices);
    return notify(
      trx,
      notices.filter((n) => !sent.has(`${n.userId}\n${n.dedupeKey}`)),
      at,
    );
  });
  return { checked: rows.length, notified };
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
    (r.issued_by_id === null ? managers : [Number(r.issued_by_id)]).map((userId) => ({
      userId,
      kind: 'incomplete_reminder' as const,
      titleZh: `请补全紧急服务要求单 ${r.number}（R-EMER-1）`,
      titleEn: `Complete the urgent service request ${r.number} (R-EMER-1)`,
      entity: 'service_request',
      entityId: Number(r.id),
      dedupeKey: `incomplete:${r.id}:${today}`,
    })),
  );
  return transact(db, (trx) => notify(trx, notices, opts.now.toISOString()));
}
