import type { TBilingual } from './bilingual';
import type { TAction } from './permissions';
import type { TRole } from './roles';

/**
 * The workbench's cards, without zod (the web's home page loads this).
 *
 * The workbench (工作台, the home page): cards of numbers, each opening the list behind it.
 *
 * To add a card: one entry in WORKBENCH_CARDS (who sees it, its words, the list it opens) and one
 * provider in the area's `<area>.workbench.ts` on the server, registered in
 * server/src/modules/workbench/workbench.registry.ts. The web draws every card from this table.
 */
export interface TWorkbenchCardDef {
  /** Shown to a user holding any of these roles (and the permission). */
  roles: readonly TRole[];
  permission: TAction;
  label: TBilingual;
  /** A short explanation under the number. */
  hint: TBilingual;
  /** The list the number opens; the provider adds the filters as query parameters. */
  path: string;
  /** Cards are ordered by this, then by key. */
  order: number;
}

const MANAGERS: readonly TRole[] = ['tech_manager', 'project_manager'];

export const WORKBENCH_CARDS = {
  // ── the manager ──
  'service_requests.waiting_dispatch': {
    roles: MANAGERS,
    permission: 'dispatch.manage',
    label: { zh: '待派工', en: 'Waiting for dispatch' },
    hint: { zh: '草稿、已下达、已接受或重新打开，尚待派工', en: 'Draft, issued, accepted or reopened: not yet dispatched' },
    path: '/service-requests',
    order: 10,
  },
  'service_requests.sla_at_risk': {
    roles: MANAGERS,
    permission: 'service_requests.read',
    label: { zh: 'SLA 即将超时', en: 'SLA at risk' },
    hint: { zh: '承诺时限快到了', en: 'Close to a committed deadline' },
    path: '/service-requests',
    order: 20,
  },
  'service_requests.sla_breached': {
    roles: MANAGERS,
    permission: 'service_requests.read',
    label: { zh: 'SLA 已超时', en: 'SLA breached' },
    hint: { zh: '已超过承诺时限', en: 'Past a committed deadline' },
    path: '/service-requests',
    order: 30,
  },
  'escalations.open': {
    roles: MANAGERS,
    permission: 'escalations.read',
    label: { zh: '未处理的升级', en: 'Open escalations' },
    hint: { zh: '尚未确认的升级提醒', en: 'Escalations not acknowledged yet' },
    path: '/escalations',
    order: 40,
  },
  // ── the engineer ──
  'my_work.today': {
    roles: ['engineer'],
    permission: 'my_work.read',
    label: { zh: '今天的工作', en: "Today's work" },
    hint: { zh: '今天安排的、已逾期的和未排期的', en: 'Planned for today, overdue or not yet planned' },
    path: '/my-work',
    order: 50,
  },
  'my_work.week': {
    roles: ['engineer'],
    permission: 'service_requests.read',
    label: { zh: '本周的工作', en: "This week's work" },
    hint: { zh: '本周内计划开始的服务要求', en: 'Requests planned to start this week' },
    path: '/service-requests',
    order: 60,
  },
  // ── the receiver ──
  'service_requests.raised_by_me': {
    roles: ['receiver'],
    permission: 'service_requests.read',
    label: { zh: '我提交的服务要求', en: 'Requests I raised' },
    hint: { zh: '未关闭的，按状态', en: 'Still open, by state' },
    path: '/service-requests',
    order: 70,
  },
  'calls.open': {
    roles: ['receiver', 'tech_manager'],
    permission: 'calls.read',
    label: { zh: '未结束的来电', en: 'Open calls' },
    hint: { zh: '还没有处理结果的来电', en: 'Calls without an outcome yet' },
    path: '/calls',
    order: 80,
  },
  // ── sales ──
  'service_requests.my_customers': {
    roles: ['sales'],
    permission: 'service_requests.read',
    label: { zh: '我的客户的未结服务要求', en: "My customers' open requests" },
    hint: { zh: '我负责的合同所属客户', en: 'Customers of the contracts I own' },
    path: '/service-requests',
    order: 90,
  },
  'contracts.mine_by_stage': {
    roles: ['sales'],
    permission: 'contracts.read',
    label: { zh: '我的合同（按阶段）', en: 'My contracts by stage' },
    hint: { zh: '执行中的合同所处阶段', en: 'Where my active contracts stand' },
    path: '/contracts',
    order: 100,
  },
  // ── the administrator ──
  'users.active': {
    roles: ['admin'],
    permission: 'users.read',
    label: { zh: '用户', en: 'Users' },
    hint: { zh: '启用中的用户', en: 'Active users' },
    path: '/admin/users',
    order: 110,
  },
  'calendar.unpublished_years': {
    roles: ['admin'],
    permission: 'settings.manage',
    label: { zh: '未公布的年度日历', en: 'Calendar years not published' },
    hint: { zh: '本年和下一年中仍是暂定安排的', en: 'This year and next, still provisional' },
    path: '/admin/calendar',
    order: 120,
  },
  'delivery.failed': {
    roles: ['admin'],
    permission: 'notification_channels.manage',
    label: { zh: '发送失败的通知', en: 'Failed deliveries' },
    hint: { zh: '重试用尽、未送达的邮件和机器人消息', en: 'E-mails and robot messages that gave up' },
    path: '/admin/notification-channels',
    order: 130,
  },
  // ── field work, parts and PM (manager and engineer) ──
  'follow_ups.open': {
    roles: ['tech_manager', 'engineer'],
    permission: 'follow_ups.read',
    label: { zh: '待回访', en: 'Follow-ups due' },
    hint: { zh: '客户签字后 1–2 个工作日内回访（经理看全部，工程师看自己的）', en: 'Call or write within 1–2 working days of the signed report' },
    path: '/follow-ups',
    order: 62,
  },
  'part_loans.overdue': {
    roles: ['tech_manager'],
    permission: 'parts.read',
    label: { zh: '逾期未还的备件', en: 'Overdue part loans' },
    hint: { zh: '借出已过归还日期', en: 'Lent out past their due date' },
    path: '/parts',
    order: 64,
  },
  'part_loans.paperwork': {
    roles: ['tech_manager'],
    permission: 'parts.approve',
    label: { zh: '紧急借用待补手续', en: 'Emergency loans awaiting paperwork' },
    hint: { zh: '工程师已先行取用，待经理审批', en: 'Taken at once by an engineer, waiting for approval' },
    path: '/parts',
    order: 66,
  },
  'pm_visits.agreeing': {
    roles: ['tech_manager', 'engineer'],
    permission: 'maintenance.read',
    label: { zh: '待与客户确认的例行检查', en: 'PM visits to agree with the customer' },
    hint: { zh: '临近计划日期，尚未确认时间和停机安排', en: 'Close to their date, time and downtime not yet agreed' },
    path: '/maintenance',
    order: 68,
  },
} as const satisfies Record<string, TWorkbenchCardDef>;

export type TWorkbenchCardKey = keyof typeof WORKBENCH_CARDS;
export const WORKBENCH_CARD_KEYS = Object.keys(WORKBENCH_CARDS) as TWorkbenchCardKey[];

/** Cards a user holding `roles` is shown, in order. */
export function workbenchCardsFor(roles: readonly TRole[], allowed: (action: TAction) => boolean): TWorkbenchCardKey[] {
  return WORKBENCH_CARD_KEYS.filter((k) => {
    const def: TWorkbenchCardDef = WORKBENCH_CARDS[k];
    return def.roles.some((r) => roles.includes(r)) && allowed(def.permission);
  }).sort((a, b) => WORKBENCH_CARDS[a].order - WORKBENCH_CARDS[b].order || a.localeCompare(b));
}

/** The URL a card (or one of its parts) opens. */
export function workbenchHref(key: TWorkbenchCardKey, query: Record<string, string>): string {
  const qs = new URLSearchParams(query).toString();
  return qs ? `${WORKBENCH_CARDS[key].path}?${qs}` : WORKBENCH_CARDS[key].path;
}
