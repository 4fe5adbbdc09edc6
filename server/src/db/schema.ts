import type { AuditEventTable } from '../modules/audit/audit.table';
import type { LoginThrottleTable, SessionTable } from '../modules/auth/auth.table';
import type { AppUserTable, UserRoleTable } from '../modules/users/users.table';

/** Every table, as Kysely sees it. */
export interface Database {
  app_user: AppUserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_event: AuditEventTable;
  number_sequence: { series: string; last_value: number };
}
