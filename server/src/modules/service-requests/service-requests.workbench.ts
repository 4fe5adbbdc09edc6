import { pick } from '@contract/bilingual';
import { SERVICE_REQUEST_STATE_LABELS } from '@contract/service-request-labels';
import { SERVICE_REQUEST_STATES, WAITING_FOR_DISPATCH_STATES } from '@contract/service-request-workflow';
import type { TServiceRequestQuery } from '@contract/service-requests';
import type { TSlaClockKind } from '@contract/sla';
import type { TWorkbenchItem, TWorkbenchTone } from '@contract/workbench';
import { dayNumberOfIsoDate, instantOfWallTime, isoWeekdayOf, todayIn } from '@contract/zoned-time';
import type { Actor } from '../../actor';
import type { Db } from '../../db/database';
import { groupBy } from '../../db/list-query';
import { loadCalendarSpec } from '../calendar/calendar.service';
import type { WorkbenchContext, WorkbenchFigure, WorkbenchProviders } from '../workbench/workbench.types';
import { slaClocksOf } from './service-request-sla';
import * as repo from './service-requests.repo';
import { readScopeOf } from './service-requests.service';
import { commitmentsOf } from './service-requests.view';

/** Items shown under a number. */
const ITEMS = 5;
/** The list stops counting past this (service-requests.repo TOTAL_CAP). */
const CAP = repo.TOTAL_CAP;

type Filter = Omit<TServiceRequestQuery, 'page' | 'pageSize'>;

/** The deadline that matters next: the earliest due time of a clock still running, with its standing. */
function nextDeadline(
  row: repo.RequestRow,
  pauses: readonly repo.PauseRow[],
  calendar: Awaited<ReturnType<typeof loadCalendarSpec>>,
  now: Date,
): { dueAt: string | null; tone: TWorkbenchTone } {
  const clocks = slaClocksOf(row, commitmentsOf(row), pauses, now, calendar);
  let best: { dueAt: Date; state: string } | null = null;
  if (clocks)
    for (const kind of ['response', 'arrival', 'resolution'] as TSlaClockKind[]) {
      const c = clocks[kind];
      if (!c || c.state === 'met') continue;
      if (!best || c.dueAt < best.dueAt) best = { dueAt: c.dueAt, state: c.state };
    }
  if (best)
    return {
      dueAt: best.dueAt.toISOString(),
      tone: best.state === 'breached' ? 'danger' : best.state === 'at_risk' ? 'warning' : 'default',
    };
  return { dueAt: row.planned_start, tone: 'default' };
}

async function itemsOf(
  db: Db,
  rows: readonly repo.RequestRow[],
  timeZone: string,
  locale: WorkbenchContext['locale'],
): Promise<TWorkbenchItem[]> {
  if (rows.length === 0) return [];
  const [pauses, calendar] = await Promise.all([
    repo.findPauses(
      db,
      rows.map((r) => r.id),
    ),
    loadCalendarSpec(db, timeZone),
  ]);
  const byRequest = groupBy(pauses, (p) => p.service_request_id);
  const now = new Date();
  return rows.map((r) => ({
    title: `${r.number} · ${r.customer_name}`,
    subtitle: `${pick(SERVICE_REQUEST_STATE_LABELS[r.state], locale)} · ${r.description.slice(0, 60)}`,
    ...nextDeadline(r, byRequest.get(r.id) ?? [], calendar, now),
    path: `/service-requests/${r.id}`,
  }));
}

/** A card over the request list: its capped total and the first few of its rows. */
async function listCard(
  ctx: WorkbenchContext,
  filter: Filter,
  tone: TWorkbenchTone,
  query: Record<string, string>,
): Promise<WorkbenchFigure> {
  const { rows, total } = await repo.listRequestsWithCommitments(ctx.db, { ...filter, page: 1, pageSize: ITEMS, scope: readScopeOf(ctx.actor) });
  return {
    count: Math.min(total, CAP),
    capped: total > CAP,
    tone: total === 0 ? 'default' : tone,
    query,
    items: await itemsOf(ctx.db, rows, ctx.timeZone, ctx.locale),
  };
}

function meId(actor: Actor): number {
  return actor.id ?? 0;
}

/** Monday 00:00 to next Monday 00:00 of the current week in the company's zone. */
function weekBounds(timeZone: string): [number, number] {
  const today = dayNumberOfIsoDate(todayIn(timeZone));
  const monday = today - (isoWeekdayOf(today) - 1);
  return [instantOfWallTime(monday, 0, timeZone), instantOfWallTime(monday + 7, 0, timeZone)];
}

const OPEN_STATES = SERVICE_REQUEST_STATES.filter((s) => s !== 'closed' && s !== 'cancelled');

export const serviceRequestWorkbench = {
  'service_requests.waiting_dispatch': (ctx) => {
    const state = [...WAITING_FOR_DISPATCH_STATES];
    return listCard(ctx, { state, sort: 'createdAt' }, 'warning', { state: state.join(','), sort: 'createdAt' });
  },
  'service_requests.sla_at_risk': (ctx) => listCard(ctx, { sla: 'at_risk', sort: '-createdAt' }, 'warning', { sla: 'at_risk' }),
  'service_requests.sla_breached': (ctx) => listCard(ctx, { sla: 'breached', sort: '-createdAt' }, 'danger', { sla: 'breached' }),
  'service_requests.raised_by_me': async (ctx) => {
    const me = meId(ctx.actor);
    const [figure, byState] = await Promise.all([
      listCard(ctx, { issuedById: me, state: OPEN_STATES, sort: '-createdAt' }, 'default', {
        issuedById: String(me),
        state: OPEN_STATES.join(','),
      }),
      repo.countOpenIssuedByState(ctx.db, me),
    ]);
    const counts = new Map(byState.map((r) => [r.state, Number(r.n)]));
    return {
      ...figure,
      breakdown: SERVICE_REQUEST_STATES.filter((s) => counts.has(s)).map((s) => ({
        label: pick(SERVICE_REQUEST_STATE_LABELS[s], ctx.locale),
        count: counts.get(s) ?? 0,
        query: { issuedById: String(me), state: s },
      })),
    };
  },
  'service_requests.my_customers': (ctx) => {
    const me = meId(ctx.actor);
    return listCard(ctx, { salesOwnerId: me, state: OPEN_STATES, sort: '-createdAt' }, 'default', {
      salesOwnerId: String(me),
      state: OPEN_STATES.join(','),
    });
  },
  /** Today's work: what the engineer's phone page shows as today (planned before tonight, overdue or unplanned). */
  'my_work.today': async (ctx) => {
    const rows = await repo.findActiveOfEngineer(ctx.db, meId(ctx.actor));
    const today = dayNumberOfIsoDate(todayIn(ctx.timeZone));
    const tonight = instantOfWallTime(today + 1, 0, ctx.timeZone);
    const todays = rows.filter((r) => r.planned_start === null || Date.parse(r.planned_start) < tonight);
    const items = await itemsOf(ctx.db, todays, ctx.timeZone, ctx.locale);
    items.sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'));
    const tone: TWorkbenchTone = items.some((i) => i.tone === 'danger')
      ? 'danger'
      : items.some((i) => i.tone === 'warning')
        ? 'warning'
        : 'default';
    return { count: todays.length, tone, items: items.slice(0, ITEMS) };
  },
  'my_work.week': async (ctx) => {
    const me = meId(ctx.actor);
    const rows = await repo.findActiveOfEngineer(ctx.db, me);
    const [from, to] = weekBounds(ctx.timeZone);
    const week = rows.filter((r) => r.planned_start !== null && Date.parse(r.planned_start) >= from && Date.parse(r.planned_start) < to);
    const items = await itemsOf(ctx.db, week.slice(0, ITEMS), ctx.timeZone, ctx.locale);
    return { count: week.length, items, query: { engineerId: String(me), state: OPEN_STATES.join(','), sort: 'plannedStart' } };
  },
} satisfies WorkbenchProviders<
  | 'service_requests.waiting_dispatch'
  | 'service_requests.sla_at_risk'
  | 'service_requests.sla_breached'
  | 'service_requests.raised_by_me'
  | 'service_requests.my_customers'
  | 'my_work.today'
  | 'my_work.week'
>;
