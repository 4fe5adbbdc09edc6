import { z } from 'zod';
import { pick } from '@contract/bilingual';
import { ZIdParams } from '@contract/common';
import { ZFormPdfQuery } from '@contract/company';
import {
  PM_VISIT_STATE_LABELS,
  type TPmGap,
  type TPmVisit,
  ZAgreePmVisit,
  ZGeneratePmPlan,
  ZPmCompletionPage,
  ZPmCompletionQuery,
  ZPmGap,
  ZPmPlan,
  ZPmPlanPage,
  ZPmPlanQuery,
  ZPmVisit,
  ZPmVisitExportQuery,
  ZPmVisitPage,
  ZPmVisitQuery,
  ZSendPmPlan,
  ZSendPmPlanResult,
  ZUpdatePmVisit,
} from '@contract/maintenance';
import { todayIn } from '@contract/zoned-time';
import { requestLocale } from '../../http/request-locale';
import type { AppInstance } from '../../http/types';
import { formContextOf } from '../../pdf/form-text';
import { sendFormPdf } from '../../pdf/send-pdf';
import { type ExportColumn, exportColumn, keysetBatches, sendXlsxStream } from '../../spreadsheets/stream-export';
import { attachmentDisposition } from '../files/file-names';
import { createFileStore } from '../files/file-store';
import { mailFrom } from '../notifications/delivery.sender';
import {
  agreePmVisit,
  generatePmPlan,
  getPlan,
  getPlanOfContract,
  getVisit,
  listPmGaps,
  listPmPlans,
  listPmVisits,
  listPmVisitsAfter,
  planIcsFiles,
  pmCompletion,
  printPmPlan,
  sendPmPlan,
  updatePmVisit,
} from './maintenance.service';

export async function maintenanceRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { config } = app.deps;
  const tz = config.FUWU_TIMEZONE;
  const store = createFileStore(config);
  const tags = ['maintenance'];
  const mailCtx = (req: Parameters<typeof requestLocale>[0]) => ({
    timeZone: tz,
    publicUrl: config.FUWU_PUBLIC_URL,
    locale: requestLocale(req),
    from: mailFrom(config),
  });

  app.get(
    '/api/maintenance/plans',
    {
      config: { permission: 'maintenance.read' },
      schema: { tags, summary: 'PM timetables (R-PM-2)', querystring: ZPmPlanQuery, response: { 200: ZPmPlanPage } },
    },
    async (req) => listPmPlans(db, req.query),
  );

  app.get(
    '/api/maintenance/plans/:id',
    {
      config: { permission: 'maintenance.read' },
      schema: { tags, summary: 'A PM timetable with its visits', params: ZIdParams, response: { 200: ZPmPlan } },
    },
    async (req) => getPlan(db, req.params.id),
  );

  app.get(
    '/api/maintenance/plans/:id/form.pdf',
    {
      config: { permission: 'maintenance.read' },
      schema: { tags, summary: 'The PM Timetable as PDF (zh-CN; lang=en: English)', params: ZIdParams, querystring: ZFormPdfQuery },
    },
    async (req, reply) => {
      const ctx = formContextOf(config, req.query.lang);
      return sendFormPdf(reply, await printPmPlan(db, store, req.params.id, ctx));
    },
  );

  app.get(
    '/api/maintenance/plans/:id/timetable.ics',
    {
      config: { permission: 'maintenance.read' },
      schema: { tags, summary: 'The PM timetable as an iCalendar file (METHOD:REQUEST)', params: ZIdParams },
    },
    async (req, reply) => {
      const plan = await getPlan(db, req.params.id);
      const ics = planIcsFiles(plan, mailCtx(req));
      return reply
        .header('content-type', 'text/calendar; charset=utf-8; method=REQUEST')
        .header('content-disposition', attachmentDisposition(`pm-${plan.contract.number}.ics`))
        .send(ics.request);
    },
  );

  app.post(
    '/api/maintenance/plans/:id/send',
    {
      config: { permission: 'maintenance.plan' },
      schema: {
        tags,
        summary: 'E-mail the timetable to the customer contact: PDF and .ics (R-PM-2)',
        params: ZIdParams,
        body: ZSendPmPlan,
        response: { 200: ZSendPmPlanResult },
      },
    },
    async (req) => sendPmPlan(db, store, req.actor, req.params.id, req.body, mailCtx(req)),
  );

  app.get(
    '/api/maintenance/contracts/:id/plan',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: "A contract's PM timetable (null: none yet)",
        params: ZIdParams,
        response: { 200: z.object({ plan: ZPmPlan.nullable() }) },
      },
    },
    async (req) => ({ plan: await getPlanOfContract(db, req.params.id) }),
  );

  app.post(
    '/api/maintenance/contracts/:id/plan',
    {
      config: { permission: 'maintenance.plan' },
      schema: {
        tags,
        summary: "Generate or regenerate a contract's PM timetable (R-PM-1, R-PM-2); agreed and done visits are kept",
        params: ZIdParams,
        body: ZGeneratePmPlan,
        response: { 200: ZPmPlan },
      },
    },
    async (req) => generatePmPlan(db, req.actor, req.params.id, req.body, tz),
  );

  app.get(
    '/api/maintenance/visits',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: 'PM visits by dates (a month), engineer, state, customer, contract',
        querystring: ZPmVisitQuery,
        response: { 200: ZPmVisitPage },
      },
    },
    async (req) => listPmVisits(db, req.query),
  );

  app.get(
    '/api/maintenance/visits/export.xlsx',
    {
      config: { permission: 'maintenance.export' },
      schema: { tags, summary: 'The filtered PM visits as .xlsx, every row', querystring: ZPmVisitExportQuery },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const say = (l: { zh: string; en: string }) => pick(l, locale);
      const col = (zh: string, en: string, width: number, value: ExportColumn<TPmVisit>['value']) =>
        exportColumn({ zh, en }, locale, width, value);
      return sendXlsxStream(reply, {
        sheetName: say({ zh: '例行检查', en: 'PM visits' }),
        disposition: attachmentDisposition(`${say({ zh: '例行检查', en: 'PM visits' })}-${todayIn(tz)}.xlsx`),
        timeZone: tz,
        columns: [
          col('计划日期', 'Planned date', 12, (v) => v.plannedDate),
          col('时间', 'Time', 8, (v) => v.startTime),
          col('客户', 'Customer', 28, (v) => v.customer.name),
          col('合同编号', 'Contract', 18, (v) => v.contract.number),
          col('负责工程师', 'Responsible engineer', 12, (v) => v.responsibleEngineer.name),
          col('后备工程师', 'Backup engineer', 12, (v) => v.backupEngineer.name),
          col('需停机（分钟）', 'Downtime (min)', 10, (v) => v.downtimeMinutes),
          col('状态', 'State', 10, (v) => say(PM_VISIT_STATE_LABELS[v.state])),
          col('服务要求单', 'Service request', 16, (v) => v.serviceRequest?.number ?? null),
          col('约定地点', 'Agreed place', 24, (v) => v.agreedPlace),
        ],
        batches: keysetBatches((afterId, limit) => listPmVisitsAfter(db, req.query, afterId, limit), 1000),
      });
    },
  );

  app.get(
    '/api/maintenance/visits/:id',
    {
      config: { permission: 'maintenance.read' },
      schema: { tags, summary: 'One PM visit', params: ZIdParams, response: { 200: ZPmVisit } },
    },
    async (req) => getVisit(db, req.params.id),
  );

  app.patch(
    '/api/maintenance/visits/:id',
    {
      config: { permission: 'maintenance.plan' },
      schema: {
        tags,
        summary: 'Move one visit (its calendar UID stays, its SEQUENCE goes up)',
        params: ZIdParams,
        body: ZUpdatePmVisit,
        response: { 200: ZPmVisit },
      },
    },
    async (req) => updatePmVisit(db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/maintenance/visits/:id/agree',
    {
      config: { permission: 'maintenance.agree' },
      schema: {
        tags,
        summary: 'Record what was agreed with the customer and create the PM service request (R-PM-4)',
        params: ZIdParams,
        body: ZAgreePmVisit,
        response: { 200: ZPmVisit },
      },
    },
    async (req) => agreePmVisit(db, req.actor, req.params.id, req.body, tz, requestLocale(req)),
  );

  app.get(
    '/api/maintenance/gaps',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: 'Contracts with routine inspections and no PM timetable (R-PM-1)',
        response: { 200: z.object({ items: z.array(ZPmGap) }) },
      },
    },
    async () => ({ items: await listPmGaps(db) }),
  );

  app.get(
    '/api/maintenance/gaps/export.xlsx',
    {
      config: { permission: 'maintenance.export' },
      schema: { tags, summary: 'Contracts with PM gaps as .xlsx' },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const say = (l: { zh: string; en: string }) => pick(l, locale);
      const col = (zh: string, en: string, width: number, value: ExportColumn<TPmGap>['value']) =>
        exportColumn({ zh, en }, locale, width, value);
      const gaps = await listPmGaps(db);
      return sendXlsxStream(reply, {
        sheetName: say({ zh: '缺少例行检查计划', en: 'PM gaps' }),
        disposition: attachmentDisposition(`${say({ zh: '缺少例行检查计划', en: 'PM gaps' })}-${todayIn(tz)}.xlsx`),
        timeZone: tz,
        columns: [
          col('合同编号', 'Contract', 18, (g) => g.contract.number),
          col('客户', 'Customer', 28, (g) => g.customer.name),
          col('每年例行检查次数', 'PM visits a year', 12, (g) => g.pmVisitsPerYear),
          col('开始日期', 'Start date', 12, (g) => g.startDate),
          col('结束日期', 'End date', 12, (g) => g.endDate),
        ],
        batches: (async function* () {
          yield gaps;
        })(),
      });
    },
  );

  app.get(
    '/api/maintenance/completion',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: 'PM completion per contract for a year: done / due / overdue, most overdue first, with totals (R-PM-7)',
        querystring: ZPmCompletionQuery,
        response: { 200: ZPmCompletionPage },
      },
    },
    async (req) => pmCompletion(db, req.query, tz),
  );
}
