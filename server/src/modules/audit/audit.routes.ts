import { ZAuditEntry, ZAuditQuery } from '@contract/audit';
import { ZPage } from '@contract/common';
import type { AppInstance } from '../../http/types';
import { listAudit } from './audit.service';

export async function auditRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read' },
      schema: { tags: ['audit'], summary: 'Browse the audit trail', querystring: ZAuditQuery, response: { 200: ZPage(ZAuditEntry) } },
    },
    async (req) => listAudit(db, req.query),
  );
}
