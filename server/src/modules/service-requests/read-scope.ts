import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Whose requests a restricted reader sees — the list's form of `mayReadRequest`
 * (service-requests.service.ts): the requests he is responsible or backup for or issued, and,
 * for a project manager, those of the projects he manages. Absent: every request.
 */
export interface ReadScope {
  userId: number;
  /** Also the requests of the projects he manages. */
  projects: boolean;
}

/** The scope as a condition on a query that has the request as `sr` (lists, escalations). */
export function readableRequests(scope: ReadScope) {
  const { userId, projects } = scope;
  return (eb: ExpressionBuilder<Database & { sr: Database['service_request'] }, 'sr'>) =>
    eb.or([
      eb('sr.responsible_engineer_id', '=', userId),
      eb('sr.backup_engineer_id', '=', userId),
      eb('sr.issued_by_id', '=', userId),
      ...(projects
        ? [eb('sr.project_id', 'in', eb.selectFrom('project').select('project.id').where('project.project_manager_id', '=', userId))]
        : []),
    ]);
}
