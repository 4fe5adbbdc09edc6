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
} as const satisfies Record<string, readonly TRole[]>;

export type TAction = keyof typeof PERMISSIONS;
/** What a route may declare: an action of the table, or no role needed. */
export type TRoutePermission = TAction | 'public' | 'authenticated';

export const ACTIONS = Object.keys(PERMISSIONS) as TAction[];

export function isAllowed(roles: readonly TRole[], action: TAction): boolean {
  const allowed: readonly TRole[] = PERMISSIONS[action];
  return roles.some((r) => allowed.includes(r));
}

/** Every action the given roles may take, as sent to the web in `/api/me`. */
export function permissionsOf(roles: readonly TRole[]): TAction[] {
  return ACTIONS.filter((a) => isAllowed(roles, a));
}
