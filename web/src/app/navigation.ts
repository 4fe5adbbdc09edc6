import type { ComponentType } from 'react';
import type { Params } from 'react-router';
import type { TAction } from '@contract/permissions';
// The engineer's two field pages ask for their data as navigation starts, from the first script:
// imported from their page's chunk, the requests waited for that chunk's download on a phone.
import { prefetchServiceRequestPage } from '../api/service-request-page.prefetch';
import { prefetchMyWork } from '../api/service-requests.hooks';
import type { TMessageKey } from './i18n';
import type { TNavIcon } from './layout/nav-icons';

/**
 * A page reachable from the side menu. Its route is generated from this entry:
 * the page module is loaded on first visit, and `permission` guards both the
 * menu item and the route (the server checks the same action on its API).
 */
export interface NavPage {
  /** Unique; the menu link gets `data-testid="nav-<key>"`. */
  key: string;
  /** Absolute path; `/` is the home page. */
  path: string;
  /** The menu's icon, by name: icons load with the menu, not with every route (layout/nav-icons.ts). */
  icon: TNavIcon;
  label: TMessageKey;
  /** Needed to see and open the page; omitted = every signed-in user. */
  permission?: TAction;
  page: () => Promise<ComponentType>;
  /** Pages below this one (`:id` → `/customers/:id`), under the same permission and menu item. */
  subPages?: readonly NavSubPage[];
  /** As {@link NavSubPage.prefetch}: the page's data asked for as navigation starts. */
  prefetch?: (params: Params) => void;
  /** As {@link NavSubPage.light}. */
  light?: boolean;
  /** A route without a menu item (reached from elsewhere, e.g. the header's search box). */
  hidden?: boolean;
}

/** A page under a menu page: its path is relative to the parent's. */
export interface NavSubPage {
  path: string;
  page: () => Promise<ComponentType>;
  /**
   * Asks for the page's data as navigation starts, beside its code and the session check, so it is
   * there when the page first renders (a round trip less on a phone's weak signal). Into the query
   * cache: the page's own query takes it, and a fresh cached answer is not asked for again.
   */
  prefetch?: (params: Params) => void;
  /**
   * The page draws its first screen without antd (ui/light-button.tsx) and loads antd for what it
   * opens later (ui/lazy-with-antd.tsx): its route does not wrap it in antd's theme (AntdShell),
   * which every other page gets. The engineer's field pages, opened on a phone at the customer's.
   */
  light?: boolean;
}

/** A group of pages in the menu, shown only when at least one of its pages is. */
export interface NavSection {
  key: string;
  icon: TNavIcon;
  label: TMessageKey;
  children: NavPage[];
}

export type NavEntry = NavPage | NavSection;

/**
 * The menu, by rulebook area. To add an area: one entry here (with its lazy page);
 * routes and menu follow.
 */
export const NAVIGATION: readonly NavEntry[] = [
  {
    key: 'home',
    path: '/',
    icon: 'home',
    label: 'nav.home',
    page: () => import('../features/home/home-page').then((m) => m.HomePage),
  },
  {
    key: 'my-work',
    path: '/my-work',
    icon: 'car',
    label: 'nav.myWork',
    permission: 'my_work.read',
    page: () => import('../features/my-work/my-work-page').then((m) => m.MyWorkPage),
    prefetch: prefetchMyWork,
    light: true,
  },
  {
    key: 'field',
    path: '/field',
    icon: 'tool',
    label: 'nav.field',
    permission: 'visits.record',
    page: () => import('../features/visits/field-page').then((m) => m.FieldPage),
  },
  {
    key: 'visits',
    path: '/visits',
    icon: 'tool',
    label: 'nav.field',
    permission: 'visits.read',
    hidden: true,
    page: () => import('../features/visits/field-page').then((m) => m.FieldPage),
    subPages: [{ path: ':id', page: () => import('../features/visits/visit-page').then((m) => m.VisitPage) }],
  },
  {
    key: 'call-intake',
    path: '/calls/new',
    icon: 'phone',
    label: 'nav.callIntake',
    permission: 'calls.record',
    page: () => import('../features/calls/call-intake-page').then((m) => m.CallIntakePage),
  },
  {
    key: 'calls',
    path: '/calls',
    icon: 'phone',
    label: 'nav.calls',
    permission: 'calls.read',
    page: () => import('../features/calls/calls-page').then((m) => m.CallsPage),
    subPages: [{ path: ':id', page: () => import('../features/calls/call-detail-page').then((m) => m.CallDetailPage) }],
  },
  {
    key: 'service-requests',
    path: '/service-requests',
    icon: 'tool',
    label: 'nav.serviceRequests',
    permission: 'service_requests.read',
    page: () => import('../features/service-requests/service-requests-page').then((m) => m.ServiceRequestsPage),
    subPages: [
      {
        path: ':id',
        page: () => import('../features/service-requests/service-request-detail-page').then((m) => m.ServiceRequestDetailPage),
        prefetch: ({ id }) => prefetchServiceRequestPage(Number(id)),
        light: true,
      },
    ],
  },
  {
    key: 'dispatch',
    path: '/dispatch',
    icon: 'schedule',
    label: 'nav.dispatch',
    permission: 'dispatch.manage',
    page: () => import('../features/dispatch/dispatch-board-page').then((m) => m.DispatchBoardPage),
  },
  {
    key: 'maintenance',
    path: '/maintenance',
    icon: 'calendar',
    label: 'nav.maintenance',
    permission: 'maintenance.read',
    page: () => import('../features/maintenance/maintenance-page').then((m) => m.MaintenancePage),
    subPages: [
      { path: 'contracts/:id', page: () => import('../features/maintenance/pm-plan-page').then((m) => m.PmPlanPage) },
      { path: 'visits/:id', page: () => import('../features/maintenance/pm-plan-page').then((m) => m.PmVisitPage) },
    ],
  },
  {
    key: 'task-requests',
    path: '/task-requests',
    icon: 'fileDone',
    label: 'nav.taskRequests',
    permission: 'task_requests.read',
    page: () => import('../features/task-requests/task-requests-page').then((m) => m.TaskRequestsPage),
    subPages: [
      { path: ':id', page: () => import('../features/task-requests/task-request-detail-page').then((m) => m.TaskRequestDetailPage) },
    ],
  },
  {
    key: 'escalations',
    path: '/escalations',
    icon: 'alert',
    label: 'nav.escalations',
    permission: 'escalations.read',
    page: () => import('../features/escalations/escalations-page').then((m) => m.EscalationsPage),
  },
  {
    key: 'projects',
    path: '/projects',
    icon: 'project',
    label: 'nav.projects',
    permission: 'projects.read',
    page: () => import('../features/projects/projects-page').then((m) => m.ProjectsPage),
    subPages: [{ path: ':id', page: () => import('../features/projects/project-detail-page').then((m) => m.ProjectDetailPage) }],
  },
  {
    key: 'notifications',
    path: '/notifications',
    icon: 'bell',
    label: 'nav.notifications',
    permission: 'notifications.read',
    hidden: true,
    page: () => import('../features/notifications/notifications-page').then((m) => m.NotificationsPage),
  },
  {
    key: 'service-reports',
    path: '/service-reports',
    icon: 'fileDone',
    label: 'nav.serviceReports',
    permission: 'service_reports.read',
    page: () => import('../features/service-reports/service-reports-page').then((m) => m.ServiceReportsPage),
    subPages: [{ path: ':id', page: () => import('../features/service-reports/service-report-page').then((m) => m.ServiceReportPage) }],
  },
  {
    key: 'follow-ups',
    path: '/follow-ups',
    icon: 'phone',
    label: 'nav.followUps',
    permission: 'follow_ups.read',
    page: () => import('../features/service-reports/follow-ups-page').then((m) => m.FollowUpsPage),
  },
  {
    key: 'debriefs',
    path: '/debriefs',
    icon: 'audit',
    label: 'nav.debriefs',
    permission: 'debriefs.read',
    page: () => import('../features/service-reports/debriefs-page').then((m) => m.DebriefsPage),
  },
  {
    key: 'goods-deviations',
    path: '/goods-deviations',
    icon: 'exception',
    label: 'nav.goodsDeviations',
    permission: 'goods_deviations.read',
    page: () => import('../features/goods-deviations/goods-deviations-page').then((m) => m.GoodsDeviationsPage),
  },
  {
    key: 'visits-all',
    path: '/visits-all',
    icon: 'tool',
    label: 'nav.visits',
    permission: 'visits.manage',
    page: () => import('../features/visits/visits-page').then((m) => m.VisitsPage),
  },
  {
    key: 'warranty-registrations',
    path: '/warranty-registrations',
    icon: 'fileDone',
    label: 'nav.warrantyRegistrations',
    permission: 'visits.warranty',
    page: () => import('../features/visits/warranty-registrations-page').then((m) => m.WarrantyRegistrationsPage),
  },
  {
    key: 'parts',
    path: '/parts',
    icon: 'tool',
    label: 'nav.parts',
    permission: 'parts.read',
    page: () => import('../features/parts/parts-page').then((m) => m.PartsPage),
    subPages: [{ path: ':kind/:id', page: () => import('../features/parts/parts-page').then((m) => m.PartsPage) }],
  },
  {
    key: 'inspections',
    path: '/inspections',
    icon: 'safetyCertificate',
    label: 'nav.inspections',
    permission: 'inspections.read',
    page: () => import('../features/inspections/inspections-page').then((m) => m.InspectionsPage),
    subPages: [{ path: ':id', page: () => import('../features/inspections/inspection-detail-page').then((m) => m.InspectionDetailPage) }],
  },
  {
    key: 'licences',
    path: '/licences',
    icon: 'key',
    label: 'nav.licences',
    permission: 'licences.read',
    page: () => import('../features/inspections/licences-page').then((m) => m.LicencesPage),
  },
  {
    key: 'trainings',
    path: '/trainings',
    icon: 'read',
    label: 'nav.trainings',
    permission: 'trainings.read',
    page: () => import('../features/trainings/trainings-page').then((m) => m.TrainingsPage),
    subPages: [
      { path: 'plans/:id', page: () => import('../features/trainings/training-plan-page').then((m) => m.TrainingPlanPage) },
      { path: 'sessions/:id', page: () => import('../features/trainings/training-session-page').then((m) => m.TrainingSessionPage) },
    ],
  },
  {
    key: 'customers',
    path: '/customers',
    icon: 'shop',
    label: 'nav.customers',
    permission: 'customers.read',
    page: () => import('../features/customers/customers-page').then((m) => m.CustomersPage),
    subPages: [{ path: ':id', page: () => import('../features/customers/customer-detail-page').then((m) => m.CustomerDetailPage) }],
  },
  {
    key: 'contracts',
    path: '/contracts',
    icon: 'solution',
    label: 'nav.contracts',
    permission: 'contracts.read',
    page: () => import('../features/contracts/contracts-page').then((m) => m.ContractsPage),
    subPages: [{ path: ':id', page: () => import('../features/contracts/contract-detail-page').then((m) => m.ContractDetailPage) }],
  },
  {
    key: 'equipment',
    path: '/equipment',
    icon: 'hdd',
    label: 'nav.equipment',
    permission: 'equipment.read',
    page: () => import('../features/equipment/equipment-page').then((m) => m.EquipmentPage),
    subPages: [{ path: ':id', page: () => import('../features/equipment/equipment-detail-page').then((m) => m.EquipmentDetailPage) }],
  },
  {
    key: 'archive',
    path: '/archive',
    icon: 'folderOpen',
    label: 'nav.archive',
    permission: 'documents.read',
    page: () => import('../features/archive/archive-page').then((m) => m.ArchivePage),
  },
  {
    key: 'search',
    path: '/search',
    icon: 'search',
    label: 'nav.search',
    permission: 'search.use',
    hidden: true,
    page: () => import('../features/search/search-page').then((m) => m.SearchPage),
  },
  {
    key: 'reports',
    icon: 'barChart',
    label: 'nav.reports',
    children: [
      {
        key: 'work-hours',
        path: '/work-hours',
        icon: 'fieldTime',
        label: 'nav.workHours',
        permission: 'work_hours.record',
        page: () => import('../features/reports/work-hours-page').then((m) => m.WorkHoursPage),
      },
      {
        key: 'weekly-report',
        path: '/reports/weekly',
        icon: 'fileDone',
        label: 'nav.weeklyReport',
        permission: 'weekly_reports.write',
        page: () => import('../features/reports/weekly-report-page').then((m) => m.WeeklyReportPage),
      },
      {
        key: 'weekly-record',
        path: '/reports/weekly-record',
        icon: 'team',
        label: 'nav.weeklyRecord',
        permission: 'reports.read',
        page: () => import('../features/reports/weekly-record-page').then((m) => m.WeeklyRecordPage),
        subPages: [{ path: 'sales-notes', page: () => import('../features/reports/sales-notes-page').then((m) => m.SalesNotesPage) }],
      },
      {
        key: 'monthly-summary',
        path: '/reports/monthly',
        icon: 'project',
        label: 'nav.monthlySummary',
        permission: 'reports.read',
        page: () => import('../features/reports/monthly-summary-page').then((m) => m.MonthlySummaryPage),
      },
      {
        key: 'dashboard',
        path: '/reports/dashboard',
        icon: 'barChart',
        label: 'nav.dashboard',
        permission: 'dashboards.read',
        // The only page with charts: the chart library loads with it, never with the menu or a phone's pages.
        page: () => import('../features/reports/dashboard-page').then((m) => m.DashboardPage),
      },
    ],
  },
  {
    key: 'admin',
    icon: 'setting',
    label: 'nav.admin',
    children: [
      {
        key: 'users',
        path: '/admin/users',
        icon: 'team',
        label: 'nav.users',
        permission: 'users.read',
        page: () => import('../features/users/users-page').then((m) => m.UsersPage),
      },
      {
        key: 'audit',
        path: '/admin/audit',
        icon: 'audit',
        label: 'nav.audit',
        permission: 'audit.read',
        page: () => import('../features/audit/audit-page').then((m) => m.AuditPage),
      },
      {
        key: 'notification-channels',
        path: '/admin/notification-channels',
        icon: 'api',
        label: 'nav.notificationChannels',
        permission: 'notification_channels.manage',
        page: () => import('../features/notifications/delivery-channels-page').then((m) => m.DeliveryChannelsPage),
      },
      {
        key: 'calendar',
        path: '/admin/calendar',
        icon: 'calendar',
        label: 'nav.calendar',
        permission: 'settings.manage',
        page: () => import('../features/calendar/working-calendar-page').then((m) => m.WorkingCalendarPage),
      },
      {
        key: 'company',
        path: '/admin/company',
        icon: 'bank',
        label: 'nav.company',
        permission: 'settings.manage',
        page: () => import('../features/company/company-profile-page').then((m) => m.CompanyProfilePage),
      },
      {
        key: 'checklists',
        path: '/admin/checklists',
        icon: 'checkSquare',
        label: 'nav.checklists',
        permission: 'settings.manage',
        page: () => import('../features/checklists/checklist-templates-page').then((m) => m.ChecklistTemplatesPage),
      },
      {
        key: 'report-settings',
        path: '/admin/report-settings',
        icon: 'fieldTime',
        label: 'nav.reportSettings',
        permission: 'settings.manage',
        page: () => import('../features/reports/report-settings-page').then((m) => m.ReportSettingsPage),
      },
      {
        key: 'guard-overrides',
        path: '/guard-overrides',
        icon: 'audit',
        label: 'nav.guardOverrides',
        permission: 'guards.read',
        page: () => import('../features/guards/guard-overrides-page').then((m) => m.GuardOverridesPage),
      },
    ],
  },
];

export function isNavSection(entry: NavEntry): entry is NavSection {
  return 'children' in entry;
}

export function navPages(entries: readonly NavEntry[] = NAVIGATION): NavPage[] {
  return entries.flatMap((e) => (isNavSection(e) ? e.children : [e]));
}

export function isPermitted(page: NavPage, permissions: readonly TAction[]): boolean {
  return page.permission === undefined || permissions.includes(page.permission);
}

/** Whether the page has a menu item for this user. */
function isShown(page: NavPage, permissions: readonly TAction[]): boolean {
  return !page.hidden && isPermitted(page, permissions);
}

/** The menu as this user sees it: pages they may open; sections left empty disappear. */
export function visibleNavigation(permissions: readonly TAction[], entries: readonly NavEntry[] = NAVIGATION): NavEntry[] {
  const out: NavEntry[] = [];
  for (const e of entries) {
    if (!isNavSection(e)) {
      if (isShown(e, permissions)) out.push(e);
      continue;
    }
    const children = e.children.filter((p) => isShown(p, permissions));
    if (children.length > 0) out.push({ ...e, children });
  }
  return out;
}

/** The page a location belongs to: the longest matching path prefix (`/admin/users/7` → users). */
export function findNavPage(pathname: string, entries: readonly NavEntry[] = NAVIGATION): NavPage | undefined {
  let best: NavPage | undefined;
  for (const p of navPages(entries)) {
    const matches = p.path === '/' ? pathname === '/' : pathname === p.path || pathname.startsWith(`${p.path}/`);
    if (matches && (!best || p.path.length > best.path.length)) best = p;
  }
  return best;
}
