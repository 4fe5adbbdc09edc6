import type { Generated } from 'kysely';

export interface AppUserTable {
  id: Generated<number>;
  email: string;
  name: string;
  phone: string | null;
  department: string | null;
  /** 1 or 0: portable across both engines. */
  active: number;
  password_hash: string;
  locale: string;
  /**
   * The roles of `user_role`, sorted, comma-separated: read by the session lookup on every
   * request. Written only by users.repo's `replaceRoles`, with the rows, in one transaction.
   */
  roles: Generated<string>;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: number;
  role: string;
}
