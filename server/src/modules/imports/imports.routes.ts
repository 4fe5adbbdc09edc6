import { pick } from '@contract/bilingual';
import { ERRORS } from '@contract/errors';
import { IMPORT_KIND_LABELS, ZImportParams, ZImportQuery, ZImportRejected, ZImportReportParams, ZImportResult } from './import-sheets';
import { requestLocale } from '../../http/request-locale';
import type { AppInstance } from '../../http/types';
import { XLSX_MIME } from '../../spreadsheets/xlsx-styles';
import { createFileStore } from '../files/file-store';
import { attachmentDisposition } from '../files/file-names';
import { sendStoredFile } from '../files/files.service';
import { withUpload } from '../files/uploads';
import { findImportReport, importTemplate, runImport } from './imports.service';

export async function importsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const store = createFileStore(app.deps.config);
  const tags = ['imports'];

  app.post(
    '/api/imports/:kind',
    {
      config: { permission: 'imports.run' },
      schema: {
        tags,
        summary: `Import ${Object.values(IMPORT_KIND_LABELS)
          .map((l) => l.en.toLowerCase())
          .join(', ')} from .xlsx or .csv (multipart, one \`file\` part): all rows or none`,
        params: ZImportParams,
        querystring: ZImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ZImportResult, 422: ZImportRejected },
      },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const outcome = await withUpload(req, store, ({ file }) =>
        runImport(db, store, req.actor, { kind: req.params.kind, dryRun: req.query.dryRun, locale, file }),
      );
      if (outcome.ok) return outcome.result;
      return reply
        .status(422)
        .send({ code: 'IMPORT_ROWS_INVALID', message: pick(ERRORS.IMPORT_ROWS_INVALID, locale), requestId: req.id, ...outcome.result });
    },
  );

  app.get(
    '/api/imports/reports/:id',
    {
      config: { permission: 'imports.run' },
      schema: {
        tags,
        summary: 'Download the error report of a refused import (.xlsx): the rows with the errors beside them',
        params: ZImportReportParams,
      },
    },
    async (req, reply) => sendStoredFile(db, store, reply, await findImportReport(db, req.actor, req.params.id)),
  );

  app.get(
    '/api/imports/templates/:kind',
    {
      config: { permission: 'imports.run' },
      schema: { tags, summary: 'Download the import template (.xlsx) of a kind of sheet', params: ZImportParams },
    },
    async (req, reply) => {
      const { content, fileName } = await importTemplate(db, req.params.kind);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentDisposition(fileName))
        .header('x-content-type-options', 'nosniff')
        .send(content);
    },
  );
}
