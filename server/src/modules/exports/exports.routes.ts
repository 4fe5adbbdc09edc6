import { ZArchiveIndexExportQuery, ZContractExportQuery, ZEquipmentExportQuery } from '../imports/import-sheets';
import { requestLocale } from '../../http/request-locale';
import { sendXlsxStream } from '../../spreadsheets/stream-export';
import type { AppInstance } from '../../http/types';
import { attachmentDisposition } from '../files/file-names';
import { archiveIndexExport, contractExport, type ExportPlan, equipmentExport } from './exports.service';

export async function exportsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE } = app.deps.config;
  const tags = ['exports'];
  const send = <T>(reply: Parameters<typeof sendXlsxStream>[0], plan: ExportPlan<T>) =>
    sendXlsxStream(reply, { ...plan, disposition: attachmentDisposition(plan.fileName), timeZone: FUWU_TIMEZONE });

  app.get(
    '/api/exports/contracts',
    {
      config: { permission: 'contracts.read' },
      schema: {
        tags,
        summary: 'The contract list as .xlsx, every matching row (amounts only with contracts.prices, R-ORG-5)',
        querystring: ZContractExportQuery,
      },
    },
    async (req, reply) => send(reply, contractExport(db, req.actor, req.query, requestLocale(req), FUWU_TIMEZONE)),
  );

  app.get(
    '/api/exports/equipment',
    {
      config: { permission: 'equipment.read' },
      schema: { tags, summary: 'The installed base as .xlsx, every matching unit', querystring: ZEquipmentExportQuery },
    },
    async (req, reply) => send(reply, equipmentExport(db, req.query, requestLocale(req), FUWU_TIMEZONE)),
  );

  app.get(
    '/api/exports/archive-index',
    {
      config: { permission: 'documents.read' },
      schema: {
        tags,
        summary:
          'The archive index as .xlsx: every document with its industry, customer and contract (restricted documents only with contracts.prices)',
        querystring: ZArchiveIndexExportQuery,
      },
    },
    async (req, reply) => send(reply, archiveIndexExport(db, req.actor, req.query, requestLocale(req), FUWU_TIMEZONE)),
  );
}
