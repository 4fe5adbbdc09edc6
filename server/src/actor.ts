import type { TRole } from '@contract/roles';

/** Who is acting, passed explicitly from the request into services (and the audit trail). */
export interface Actor {
  id: number | null;
  name: string | null;
  roles: readonly TRole[];
  requestId: string | null;
}

/** The system itself: start-up, CLI, periodic sweeps. */
export function systemActor(name = 'system'): Actor {
  return { id: null, name, roles: ['admin'], requestId: null };
}
