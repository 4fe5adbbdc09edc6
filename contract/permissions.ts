import type { TRole } from './roles';

/**
 * The one table of actions × roles (R-ORG-1). The server checks it on every route
 * (a route declares exactly one of these actions, or `public` / `authenticated`);
 * the web shows only what it permits. Add an action here before using it.
 */
export const PERMISSIONS = {
  'users.read': ['admin', 'tech_manager'],
  'users.manage': ['admin'],
  'audit.read': ['admin'],
  // Customers, contracts, installed base, archive (R-ORG-2, R-ORG-5..7, R-FLOW-2)
  'customers.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce', 'receiver'],
  'customers.manage': ['admin', 'sales', 'tech_manager', 'commerce'],
  'contracts.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce', 'receiver'],
  'contracts.manage': ['admin', 'sales', 'commerce'],
  /** R-ORG-5: amounts, priced items and the original contract file. */
  'contracts.prices': ['admin', 'sales', 'commerce'],
  /** R-ORG-2: move a contract through the lifecycle stages; a project manager only his projects' contracts (R-ORG-4). */
  'contracts.stage': ['admin', 'sales', 'commerce', 'tech_manager', 'project_manager'],
  'equipment.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce', 'receiver'],
  /** Engineers record PN/SN on site (R-INST-7). */
  'equipment.manage': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce'],
  /** Removing a unit from the installed base (a soft delete with a reason) is a manager's action. */
  'equipment.delete': ['admin', 'tech_manager'],
  'documents.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce'],
  /** Withdrawing a document: its filer, or an administrator or technical manager (checked per document). */
  'documents.manage': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce'],
  'search.use': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce', 'receiver'],
  /** Bulk import of customers, contracts and equipment from Excel. */
  'imports.run': ['admin', 'sales', 'commerce', 'tech_manager'],
  // Service requests, dispatch, escalations, tasks, projects, notifications (R-FLOW-1, R-ORG-3/4, R-EMER-1..9)
  'service_requests.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce', 'receiver'],
  'service_requests.issue': ['sales', 'tech_manager'],
  /** Workflow steps and form edits: the transition table decides per step and per record. */
  'service_requests.act': ['engineer', 'tech_manager', 'project_manager', 'sales', 'receiver'],
  /** Photos and files on the request itself: its engineers, its issuer, a manager (checked per request). */
  'service_requests.attach': ['engineer', 'tech_manager', 'project_manager', 'sales', 'receiver'],
  'service_requests.export': ['admin', 'sales', 'tech_manager', 'project_manager'],
  'dispatch.manage': ['tech_manager', 'project_manager'],
  /** R-ORG-3: the technical manager plans everyone's work, so he records leave; a project manager answers for one project. */
  'dispatch.leave': ['tech_manager'],
  'escalations.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer'],
  'escalations.raise': ['engineer', 'project_manager', 'tech_manager', 'sales'],
  'escalations.manage': ['tech_manager'],
  /** Admin and technical manager read all; anyone else a task he is assignee or issuer of, or of a project he manages. */
  'task_requests.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer'],
  'task_requests.manage': ['tech_manager'],
  'task_requests.act': ['engineer', 'project_manager', 'tech_manager'],
  'projects.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce'],
  'projects.manage': ['tech_manager'],
  /** R-ORG-4: members and linked contracts — the technical manager, or the project's own manager (checked per project). */
  'projects.team': ['tech_manager', 'project_manager'],
  /** R-ORG-4: a participant (the project's manager or a member) agrees to its plan; checked per project. */
  'projects.agree': ['tech_manager', 'project_manager', 'engineer', 'sales', 'commerce'],
  'my_work.read': ['engineer', 'project_manager', 'tech_manager'],
  // Phone support desk (R-CALL-1..6): a receiver reads the calls he took, an engineer those he holds, managers all (calls.service mayReadCall)
  'calls.read': ['admin', 'sales', 'tech_manager', 'engineer', 'receiver'],
  /** R-CALL-1: record a call while on the phone, and forward it. */
  'calls.record': ['receiver', 'tech_manager', 'sales'],
  /** R-CALL-2: follow one's calls — remind the holder. */
  'calls.follow': ['receiver', 'tech_manager', 'sales'],
  /** R-CALL-3/6: fill the call record, severity, triage decisions and outcome. */
  'calls.triage': ['tech_manager', 'sales'],
  /** R-CALL-4: log contacts and send diagnostic steps — an engineer on the calls he holds (checked per call). */
  'calls.handle': ['engineer', 'tech_manager', 'sales'],
  /** Workflow steps: the transition table (contract/calls.ts) decides per step and per call. */
  'calls.act': ['receiver', 'tech_manager', 'sales', 'engineer'],
  'calls.export': ['admin', 'sales', 'tech_manager'],
  // Goods deviation (R-ORG-8): reported on a contract, closed by commerce
  'goods_deviations.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce'],
  'goods_deviations.report': ['tech_manager', 'project_manager', 'engineer', 'sales'],
  'goods_deviations.close': ['commerce'],
  // Spare parts (R-EMER-4, R-INST-9, R-EMER-10): stock, loans, faulty part tags
  'parts.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce'],
  /** The catalogue and the locations. */
  'parts.manage': ['admin', 'tech_manager', 'commerce'],
  /** Receipts, transfers, taking out of stock (each an entry of the ledger). */
  'parts.move': ['tech_manager', 'commerce', 'engineer'],
  /** Borrowing a spare (replacement, substitute, loan, test), returning it. */
  'parts.borrow': ['engineer', 'project_manager', 'tech_manager'],
  /** R-EMER-4: the technical manager approves a loan (after the fact for an emergency one). */
  'parts.approve': ['tech_manager'],
  /** Tagging a part removed on site; receiving, inspecting and disposing of it at the office. */
  'parts.tag': ['engineer', 'project_manager', 'tech_manager', 'commerce'],
  'parts.export': ['admin', 'tech_manager', 'commerce'],
  // Goods inspection, shipment gate, delivery notes, licences (R-GOODS-1..6)
  'inspections.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce'],
  /** Receive units, consent, checklist, burn-in, ready to ship, delivery notes: the engineers doing it and their managers. */
  'inspections.manage': ['tech_manager', 'project_manager', 'engineer'],
  /** R-GOODS-5: a contract's minimum burn-in hours. */
  'inspections.settings': ['tech_manager'],
  'licences.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce'],
  'licences.manage': ['tech_manager', 'project_manager', 'engineer', 'sales'],
  /** Guards with override (DESIGN.md): a technical manager bends a rulebook "must" with a written reason. */
  'guards.override': ['tech_manager'],
  /** The compliance view: overrides listed and counted per rule. */
  'guards.read': ['admin', 'tech_manager'],
  // Customer training (R-TRAIN-1..4): the technical manager plans; the trainer (an engineer) runs the session
  'trainings.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer'],
  'trainings.plan': ['tech_manager'],
  /** Confirming, checklist, sign-in, feedback, certificates: the session's trainer (checked per session) or the technical manager. */
  'trainings.run': ['tech_manager', 'engineer'],
  'trainings.export': ['admin', 'sales', 'tech_manager'],
  /** Customer-signed reports (service, installation, acceptance): read with their request (R-ORG-4). */
  'service_reports.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce', 'receiver'],
  /** Make and fill a report, have it signed on the spot, correct a signed one. */
  'service_reports.write': ['tech_manager', 'project_manager', 'engineer'],
  /** Anyone signed in may re-verify a stored report against its hash. */
  'service_reports.verify': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce', 'receiver'],
  /** Follow-ups after a signed report (R-INST-10): the engineer's own, managers all. */
  'follow_ups.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer'],
  'follow_ups.record': ['tech_manager', 'engineer'],
  /** Debriefs (R-INST-11): written by the engineer, read by the technical manager and sales. */
  'debriefs.write': ['tech_manager', 'engineer'],
  'debriefs.read': ['admin', 'tech_manager', 'sales'],
  // Hours and reports (R-FLOW-1, R-ORG-3): hours, weekly report, weekly record, monthly summary, dashboards
  /** Hours: an engineer reads and adds his own; managers everyone's (checked per engineer). */
  'work_hours.read': ['tech_manager', 'project_manager', 'engineer'],
  'work_hours.record': ['tech_manager', 'engineer'],
  /** The weekly report: an engineer his own; the technical manager every one (checked per report). */
  'weekly_reports.write': ['engineer', 'tech_manager'],
  'weekly_reports.read': ['engineer', 'tech_manager'],
  /** Return a submitted weekly report for correction; draft and keep the weekly record and monthly summaries. */
  'reports.manage': ['tech_manager'],
  'reports.read': ['tech_manager', 'admin'],
  /** Dashboards: the technical manager all, sales a cut about their own customers (no prices). */
  'dashboards.read': ['tech_manager', 'sales', 'admin'],
  'notifications.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce', 'receiver'],
  /** Each user's own delivery channels (e-mail per notification kind). */
  'notifications.preferences': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce', 'receiver'],
  /** Group robots (WeCom, DingTalk, Feishu), the delivery outbox and its dead letters. */
  'notification_channels.manage': ['admin'],
  // Visits (R-INST-2..7, R-EMER-2..7): read as the request; recorded by its engineers and managers
  'visits.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce', 'receiver'],
  'visits.record': ['engineer', 'tech_manager', 'project_manager'],
  /** R-INST-7: units installed or replaced on site, registered for warranty by commerce. */
  'visits.warranty': ['admin', 'commerce', 'tech_manager'],
  /** R-EMER-2: late arrivals counted per engineer and period. */
  'visits.reports': ['admin', 'tech_manager'],
  /** Checklist templates (read by everyone who fills or checks one; edited under settings.manage). */
  'checklists.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce', 'receiver'],
  /** Admin-editable lists (industries and the like), the company header of printed forms, checklist templates. */
  // Preventive maintenance (R-PM-1..8): the technical manager plans and sends; the visit's engineers agree
  'maintenance.read': ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce'],
  'maintenance.plan': ['tech_manager'],
  'maintenance.agree': ['engineer', 'tech_manager'],
  'maintenance.export': ['admin', 'sales', 'tech_manager', 'project_manager'],
  'settings.manage': ['admin'],
  /** Every engineer's visits in one list, for those who manage the field work (each sees the requests he may read). */
  'visits.manage': ['admin', 'tech_manager', 'project_manager'],
} as const satisfies Record<string, readonly TRole[]>;

export type TAction = keyof typeof PERMISSIONS;
/**
 * What a route may declare: an action of the table, or no role needed — `public` (no session
 * looked at), `session-optional` (anyone; the session is read when there is one).
 */
export type TRoutePermission = TAction | 'public' | 'session-optional' | 'authenticated';

export const ACTIONS = Object.keys(PERMISSIONS) as TAction[];

export function isAllowed(roles: readonly TRole[], action: TAction): boolean {
  const allowed: readonly TRole[] = PERMISSIONS[action];
  return roles.some((r) => allowed.includes(r));
}

/** Every action the given roles may take, as sent to the web in `/api/me`. */
export function permissionsOf(roles: readonly TRole[]): TAction[] {
  return ACTIONS.filter((a) => isAllowed(roles, a));
}
