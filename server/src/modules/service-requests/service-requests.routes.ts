import { ZIdParams, ZPage } from '@contract/common';
import { pick } from '@contract/bilingual';
import {
  ZAssignServiceRequest,
  ZCreateEngineerLeave,
  ZDispatchBoard,
  ZDispatchQuery,
  ZEngineerLeave,
  ZSetBackupEngineer,
} from '@contract/dispatch';
import { ZMyWork } from '@contract/my-work';
import {
  SERVICE_REQUEST_KIND_LABELS,
  SERVICE_REQUEST_PRIORITY_LABELS,
  SERVICE_REQUEST_STATE_LABELS,
  SLA_STATUS_LABELS,
} from '@contract/service-request-labels';
import {
  type TServiceRequest,
  ZCreateServiceRequest,
  ZServiceRequest,
  ZServiceRequestDetail,
  ZServiceRequestQuery,
  ZServiceRequestStep,
  ZServiceRequestStepParams,
  ZUpdateServiceRequest,
} from '@contract/service-requests';
import { ZServiceRequestHistory } from '@contract/service-request-history';
import { todayIn } from '@contract/zoned-time';
import { z } from 'zod';
import { requestLocale } from '../../http/request-locale';
import { type ExportColumn, type ExportFormat, exportColumn, keysetBatches, sendXlsxStream } from '../../spreadsheets/stream-export';
import type { AppInstance } from '../../http/types';
import { attachmentDisposition } from '../files/file-names';
import { ZFormPdfQuery } from '@contract/company';
import { sendFormPdf } from '../../pdf/send-pdf';
import { formContextOf } from '../../pdf/form-text';
import { createFileStore } from '../files/file-store';
import { serviceRequestFormPdf } from './service-request-form';
import { assignServiceRequest, createEngineerLeave, dispatchBoard, listEngineerLeave, myWork, setBackupEngineer } from './dispatch.service';
import { getServiceRequestHistory } from './service-request-history';
import {
  createServiceRequest,
  getServiceRequest,
  listServiceRequests,
  listServiceRequestsAfter,
  takeServiceRequestStep,
  updateServiceRequest,
} from './service-requests.service';

const ZLeaveQuery = z.object({ from: z.iso.date(), to: z.iso.date() }).strict();

export async function serviceRequestsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE: tz } = app.deps.config;
  const tags = ['service-requests'];

  app.get(
    '/api/service-requests',
    {
      config: { permission: 'service_requests.read' },
      schema: {
        tags,
        summary: 'List service requests (state(s), kind, engineer, customer, contract, project, incomplete, sla, q)',
        querystring: ZServiceRequestQuery,
        response: { 200: ZPage(ZServiceRequest) },
      },
    },
    async (req) => listServiceRequests(db, req.actor, req.query),
  );

  app.get(
    '/api/service-requests/export.xlsx',
    {
      config: { permission: 'service_requests.export' },
      schema: {
        tags,
        summary: 'The filtered list as .xlsx, every row',
        querystring: ZServiceRequestQuery.omit({ page: true, pageSize: true, sort: true }),
      },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const col = (zh: string, en: string, width: number, value: ExportColumn<TServiceRequest>['value'], format?: ExportFormat) =>
        exportColumn({ zh, en }, locale, width, value, format);
      const name = `${pick({ zh: '服务要求单', en: 'Service requests' }, locale)}-${todayIn(tz)}.xlsx`;
      return sendXlsxStream(reply, {
        sheetName: pick({ zh: '服务要求单', en: 'Service requests' }, locale),
        disposition: attachmentDisposition(name),
        timeZone: tz,
        columns: [
          col('编号', 'Number', 16, (r) => r.number),
          col('类型', 'Kind', 18, (r) => pick(SERVICE_REQUEST_KIND_LABELS[r.kind], locale)),
          col('状态', 'State', 12, (r) => pick(SERVICE_REQUEST_STATE_LABELS[r.state], locale)),
          col('优先级', 'Priority', 10, (r) => pick(SERVICE_REQUEST_PRIORITY_LABELS[r.priority], locale)),
          col('客户', 'Customer', 30, (r) => r.customer.name),
          col('合同', 'Contract', 16, (r) => r.contract?.number ?? null),
          col('负责工程师', 'Engineer', 12, (r) => r.responsibleEngineer?.name ?? null),
          col('后备工程师', 'Backup engineer', 12, (r) => r.backupEngineer?.name ?? null),
          col('计划开始', 'Planned start', 17, (r) => r.plannedStart, 'datetime'),
          col('故障描述', 'Description', 40, (r) => r.description),
          col('待补全', 'Incomplete', 8, (r) => (r.incomplete ? pick({ zh: '是', en: 'yes' }, locale) : '')),
          col('SLA', 'SLA', 10, (r) => (r.slaStatus ? pick(SLA_STATUS_LABELS[r.slaStatus], locale) : null)),
          col('创建时间', 'Created', 17, (r) => r.createdAt, 'datetime'),
        ],
        batches: keysetBatches((afterId, limit) => listServiceRequestsAfter(db, req.actor, req.query, afterId, limit), 1000),
      });
    },
  );

  app.post(
    '/api/service-requests',
    {
      config: { permission: 'service_requests.issue' },
      schema: {
        tags,
        summary: 'Create a Service Request Form: draft, issued (issue: true), or urgent minimal (urgent: true, R-EMER-1)',
        body: ZCreateServiceRequest,
        response: { 201: ZServiceRequestDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createServiceRequest(db, req.actor, req.body, tz, requestLocale(req))),
  );

  app.get(
    '/api/service-requests/:id',
    {
      config: { permission: 'service_requests.read' },
      schema: {
        tags,
        summary: 'One request with SLA clocks, pauses and the actions open to the caller',
        params: ZIdParams,
        response: { 200: ZServiceRequestDetail },
      },
    },
    async (req) => getServiceRequest(db, req.actor, req.params.id, tz),
  );

  app.get(
    '/api/service-requests/:id/history',
    {
      config: { permission: 'service_requests.read' },
      schema: {
        tags,
        summary: 'The request’s activity from the audit trail: steps, assignments, edits, pauses, escalations (R-FLOW-1)',
        params: ZIdParams,
        response: { 200: ZServiceRequestHistory },
      },
    },
    async (req) => getServiceRequestHistory(db, req.actor, req.params.id),
  );

  const store = createFileStore(app.deps.config);
  app.get(
    '/api/service-requests/:id/form.pdf',
    {
      config: { permission: 'service_requests.read' },
      schema: { tags, summary: 'The Service Request Form as PDF (zh-CN; lang=en: English)', params: ZIdParams, querystring: ZFormPdfQuery },
    },
    async (req, reply) => {
      const form = await serviceRequestFormPdf(db, store, req.actor, req.params.id, formContextOf(app.deps.config, req.query.lang));
      return sendFormPdf(reply, form);
    },
  );

  app.patch(
    '/api/service-requests/:id',
    {
      config: { permission: 'service_requests.act' },
      schema: {
        tags,
        summary: 'Edit (or complete) the form',
        params: ZIdParams,
        body: ZUpdateServiceRequest,
        response: { 200: ZServiceRequestDetail },
      },
    },
    async (req) => updateServiceRequest(db, req.actor, req.params.id, req.body, tz, requestLocale(req)),
  );

  app.post(
    '/api/service-requests/:id/assign',
    {
      config: { permission: 'dispatch.manage' },
      schema: {
        tags,
        summary: 'Assign engineers and day; warns on double booking and leave',
        params: ZIdParams,
        body: ZAssignServiceRequest,
        response: { 200: ZServiceRequestDetail },
      },
    },
    async (req) => assignServiceRequest(db, req.actor, req.params.id, req.body, tz, requestLocale(req)),
  );

  app.post(
    '/api/service-requests/:id/backup',
    {
      config: { permission: 'dispatch.manage' },
      schema: {
        tags,
        summary: 'Set or clear (null) the backup engineer; he is notified (R-PM-3)',
        params: ZIdParams,
        body: ZSetBackupEngineer,
        response: { 200: ZServiceRequestDetail },
      },
    },
    async (req) => setBackupEngineer(db, req.actor, req.params.id, req.body, tz),
  );

  app.post(
    '/api/service-requests/:id/:action',
    {
      config: { permission: 'service_requests.act' },
      schema: {
        tags,
        summary: 'A workflow step (the transition table decides: 409 illegal, 403 not yours)',
        params: ZServiceRequestStepParams,
        body: ZServiceRequestStep.optional(),
        response: { 200: ZServiceRequestDetail },
      },
    },
    async (req) => takeServiceRequestStep(db, req.actor, req.params.id, req.params.action, req.body ?? {}, tz),
  );

  app.get(
    '/api/dispatch/board',
    {
      config: { permission: 'dispatch.manage' },
      schema: {
        tags: ['dispatch'],
        summary: 'Engineers × days with planned work and load',
        querystring: ZDispatchQuery,
        response: { 200: ZDispatchBoard },
      },
    },
    async (req) => dispatchBoard(db, req.query, tz),
  );

  app.get(
    '/api/engineer-leave',
    {
      config: { permission: 'dispatch.manage' },
      schema: {
        tags: ['dispatch'],
        summary: 'Leave overlapping a period',
        querystring: ZLeaveQuery,
        response: { 200: z.array(ZEngineerLeave) },
      },
    },
    async (req) => listEngineerLeave(db, req.query.from, req.query.to),
  );

  app.post(
    '/api/engineer-leave',
    {
      config: { permission: 'dispatch.leave' },
      schema: { tags: ['dispatch'], summary: 'Record an engineer’s leave', body: ZCreateEngineerLeave, response: { 201: ZEngineerLeave } },
    },
    async (req, reply) => reply.status(201).send(await createEngineerLeave(db, req.actor, req.body)),
  );

  app.get(
    '/api/my-work',
    {
      config: { permission: 'my_work.read' },
      schema: {
        tags: ['my-work'],
        summary: 'My requests today and upcoming, with site, contact and commitments (no prices)',
        response: { 200: ZMyWork },
      },
    },
    async (req) => myWork(db, req.actor, tz),
  );
}
