import { AuditOutlined, HomeOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import type { ComponentType } from 'react';
import type { TAction } from '@contract/permissions';
import type { TMessageKey } from './i18n';

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
  icon: ComponentType;
  label: TMessageKey;
  /** Needed to see and open the page; omitted = every signed-in user. */
  permission?: TAction;
  page: () => Promise<ComponentType>;
}

/** A group of pages in the menu, shown only when at least one of its pages is. */
export interface NavSection {
  key: string;
  icon: ComponentType;
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
    icon: HomeOutlined,
    label: 'nav.home',
    page: () => import('../features/home/home-page').then((m) => m.HomePage),
  },
  {
    key: 'admin',
    icon: SettingOutlined,
    label: 'nav.admin',
    children: [
      {
        key: 'users',
        path: '/admin/users',
        icon: TeamOutlined,
        label: 'nav.users',
        permission: 'users.read',
        page: () => import('../features/users/users-page').then((m) => m.UsersPage),
      },
      {
        key: 'audit',
        path: '/admin/audit',
        icon: AuditOutlined,
        label: 'nav.audit',
        permission: 'audit.read',
        page: () => import('../features/audit/audit-page').then((m) => m.AuditPage),
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

/** The menu as this user sees it: pages they may open; sections left empty disappear. */
export function visibleNavigation(permissions: readonly TAction[], entries: readonly NavEntry[] = NAVIGATION): NavEntry[] {
  const out: NavEntry[] = [];
  for (const e of entries) {
    if (!isNavSection(e)) {
      if (isPermitted(e, permissions)) out.push(e);
      continue;
    }
    const children = e.children.filter((p) => isPermitted(p, permissions));
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
