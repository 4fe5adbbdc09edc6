import { z } from 'zod';
import { ZFormPdfQuery } from '@contract/company';
import { ZIdParams, ZPage } from '@contract/common';
import {
  ZCreateDebrief,
  ZCreateServiceReport,
  ZDebrief,
  ZDebriefWeek,
  ZDebriefWeekQuery,
  ZFollowUp,
  ZFollowUpQuery,
  ZRecordFollowUp,
  ZServiceReport,
  ZServiceReportListItem,
  ZServiceReportQuery,
  ZServiceReportVerification,
  ZSignServiceReport,
  ZUpdateServiceReport,
} from '@contract/service-reports';
import type { AppInstance } from '../../http/types';
import { formContextOf } from '../../pdf/form-text';
import { sendFormPdf } from '../../pdf/send-pdf';
import { attachmentDisposition } from '../files/file-names';
import { ZChecklistPhotoItemParams, ZChecklistPhotoParams } from '@contract/checklists';
import { withChecklistPhoto } from '../checklists/checklist-photos';
import { createFileStore } from '../files/file-store';
import { createDebrief, getDebriefOfRequest, weeklyDebriefs, weeklyDebriefsXlsx } from './debriefs.service';
import { listFollowUps, recordFollowUp } from './follow-ups.service';
import {
  addReportChecklistPhoto,
  correctServiceReport,
  downloadReportChecklistPhoto,
  photoItemOfReport,
  createReportForRequest,
  createReportFromVisit,
  getServiceReport,
  listServiceReports,
  serviceReportPdf,
  signServiceReport,
  updateServiceReport,
  verifyServiceReport,
} from './service-reports.service';

/** A signing carries up to three images of at most 1 MB, as base64: room for them, and the size check names the field. */
const SIGN_BODY_LIMIT = 6 * 1024 * 1024;

export async function serviceReportsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE: tz } = app.deps.config;
  const store = createFileStore(app.deps.config);
  const tags = ['service-reports'];

  app.get(
    '/api/service-reports',
    {
      config: { permission: 'service_reports.read' },
      schema: {
        tags,
        summary: 'Reports of the requests the reader may see (request, contract, kind, state)',
        querystring: ZServiceReportQuery,
        response: { 200: ZPage(ZServiceReportListItem) },
      },
    },
    async (req) => listServiceReports(db, req.actor, req.query),
  );
  app.post(
    '/api/service-reports',
    {
      config: { permission: 'service_reports.write' },
      schema: {
        tags,
        summary: "Make a report: a Customer Service Report from a visit, or an installation request's Installation / Acceptance Report",
        body: ZCreateServiceReport,
        response: { 201: ZServiceReport },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r =
        'visitId' in b
          ? await createReportFromVisit(db, req.actor, b.visitId, tz)
          : await createReportForRequest(db, req.actor, b.serviceRequestId, b.kind, tz);
      return reply.status(201).send(r);
    },
  );
  app.get(
    '/api/service-reports/:id',
    {
      config: { permission: 'service_reports.read' },
      schema: { tags, summary: 'One report, with its checklist and signatures', params: ZIdParams, response: { 200: ZServiceReport } },
    },
    async (req) => getServiceReport(db, req.actor, req.params.id),
  );
  app.patch(
    '/api/service-reports/:id',
    {
      config: { permission: 'service_reports.write' },
      schema: {
        tags,
        summary: 'Fill a draft: fields and checklist answers (a signed report is refused)',
        params: ZIdParams,
        body: ZUpdateServiceReport,
        response: { 200: ZServiceReport },
      },
    },
    async (req) => updateServiceReport(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/service-reports/:id/sign',
    {
      bodyLimit: SIGN_BODY_LIMIT,
      config: { permission: 'service_reports.write' },
      schema: {
        tags,
        summary:
          'Sign on the pad (or upload the signed, stamped scan): freezes the report, e-mails and files its PDF, schedules the follow-up',
        params: ZIdParams,
        body: ZSignServiceReport,
        response: { 200: ZServiceReport },
      },
    },
    async (req) => signServiceReport(db, { store, ctx: formContextOf(app.deps.config, undefined) }, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/service-reports/:id/correct',
    {
      config: { permission: 'service_reports.write' },
      schema: {
        tags,
        summary: 'Correct a signed report: a new revision, a draft to be signed again',
        params: ZIdParams,
        response: { 201: ZServiceReport },
      },
    },
    async (req, reply) => reply.status(201).send(await correctServiceReport(db, req.actor, req.params.id)),
  );
  for (const method of ['GET', 'POST'] as const)
    app.route({
      method,
      url: '/api/service-reports/:id/verify',
      config: { permission: 'service_reports.verify' },
      schema: {
        tags,
        summary: 'Re-verify the stored report and PDF against the hashes taken at signing',
        params: ZIdParams,
        response: { 200: ZServiceReportVerification },
      },
      handler: async (req) => verifyServiceReport(db, store, req.actor, req.params.id),
    });
  app.get(
    '/api/service-reports/:id/report.pdf',
    {
      config: { permission: 'service_reports.read' },
      schema: {
        tags,
        summary: 'The report as PDF: the signed bytes once signed (lang=en: printed in English)',
        params: ZIdParams,
        querystring: ZFormPdfQuery,
      },
    },
    async (req, reply) =>
      sendFormPdf(reply, await serviceReportPdf(db, store, req.actor, req.params.id, formContextOf(app.deps.config, req.query.lang))),
  );

  app.get(
    '/api/follow-ups',
    {
      config: { permission: 'follow_ups.read' },
      schema: {
        tags,
        summary: 'Follow-ups after signed reports (mine=true: those I am to make)',
        querystring: ZFollowUpQuery,
        response: { 200: ZPage(ZFollowUp) },
      },
    },
    async (req) => listFollowUps(db, req.actor, req.query, tz),
  );
  app.post(
    '/api/follow-ups/:id/outcome',
    {
      config: { permission: 'follow_ups.record' },
      schema: {
        tags,
        summary: 'Record the follow-up call or e-mail: satisfied (score 1–5) or the problem remains (the request reopens)',
        params: ZIdParams,
        body: ZRecordFollowUp,
        response: { 200: ZFollowUp },
      },
    },
    async (req) => recordFollowUp(db, req.actor, req.params.id, req.body, tz),
  );

  app.post(
    '/api/service-requests/:id/debrief',
    {
      config: { permission: 'debriefs.write' },
      schema: { tags, summary: 'The debrief of a closed request', params: ZIdParams, body: ZCreateDebrief, response: { 201: ZDebrief } },
    },
    async (req, reply) => reply.status(201).send(await createDebrief(db, req.actor, req.params.id, req.body)),
  );
  app.get(
    '/api/service-requests/:id/debrief',
    {
      config: { permission: 'service_requests.read' },
      schema: {
        tags,
        summary: "The request's debrief (null until written)",
        params: ZIdParams,
        response: { 200: z.object({ debrief: ZDebrief.nullable() }) },
      },
    },
    async (req) => getDebriefOfRequest(db, req.actor, req.params.id),
  );
  app.get(
    '/api/debriefs/weekly',
    {
      config: { permission: 'debriefs.read' },
      schema: {
        tags,
        summary: "The technical manager's weekly note to sales: the week's debriefs",
        querystring: ZDebriefWeekQuery,
        response: { 200: ZDebriefWeek },
      },
    },
    async (req) => weeklyDebriefs(db, req.actor, req.query.week, tz),
  );
  app.get(
    '/api/debriefs/weekly.xlsx',
    { config: { permission: 'debriefs.read' }, schema: { tags, summary: 'The weekly note as .xlsx', querystring: ZDebriefWeekQuery } },
    async (req, reply) => {
      const x = await weeklyDebriefsXlsx(db, req.actor, req.query.week, tz, req.query.lang ?? 'zh-CN');
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentDisposition(x.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(x.buffer);
    },
  );
}

/** Photos for the checklist's photo items: the upload needs multipart, so these are registered in the uploads scope (app.ts). */
export async function serviceReportPhotoRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const store = createFileStore(app.deps.config);
  const tags = ['service-reports'];
  app.post(
    '/api/service-reports/:id/checklist/:key/photos',
    {
      config: { permission: 'service_reports.write' },
      schema: {
        tags,
        summary:
          "A photo for a photo item of a draft's checklist: multipart with one `file` part, a PNG or JPEG (by its content) of at most 10 MB",
        consumes: ['multipart/form-data'],
        params: ZChecklistPhotoItemParams,
        response: { 201: ZServiceReport },
      },
    },
    async (req, reply) => {
      const { id, key } = req.params;
      const item = await photoItemOfReport(db, req.actor, id, key);
      const report = await withChecklistPhoto(req, store, item, (file) => addReportChecklistPhoto(db, store, req.actor, id, key, file));
      return reply.status(201).send(report);
    },
  );
  app.get(
    '/api/service-reports/:id/checklist-photos/:photoId',
    {
      config: { permission: 'service_reports.read' },
      schema: { tags, summary: "A photo of the report's checklist (always as an attachment)", params: ZChecklistPhotoParams },
    },
    async (req, reply) => downloadReportChecklistPhoto(db, store, req.actor, reply, req.params.id, req.params.photoId),
  );
}
