import { type TLocale, ZIdParams } from '@contract/common';
import type { TAction } from '@contract/permissions';
import {
  ZAddWeeklyRecordAction,
  ZDashboard,
  ZDashboardQuery,
  ZDraftMonthlySummary,
  ZDraftWeeklyRecord,
  ZMonthlySummary,
  ZMonthlySummaryList,
  ZMonthlySummaryQuery,
  ZReportSettings,
  ZReturnWeeklyReport,
  ZSalesNotes,
  ZSaveReportSettings,
  ZSaveWeeklyReport,
  ZUpdateMonthlySummary,
  ZUpdateWeeklyRecord,
  ZVersion,
  ZWeeklyRecord,
  ZWeeklyReport,
  ZWeeklyReportList,
  ZWeekQuery,
} from '@contract/reports';
import { ZFormPdfQuery } from '@contract/company';
import { z } from 'zod';
import { formContextOf } from '../../pdf/form-text';
import { sendFormPdf } from '../../pdf/send-pdf';
import { createFileStore } from '../files/file-store';
import {
  dashboardDoc,
  monthlySummaryDoc,
  printReport,
  type ReportDoc,
  reportXlsx,
  sendXlsx,
  weeklyRecordDoc,
  weeklyReportDoc,
} from './reports.output';
import type { Actor } from '../../actor';
import type { AppInstance } from '../../http/types';
import { rebuildWorkHoursRollups } from '../work-hours/work-hours.service';
import * as svc from './reports.service';

export async function reportsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE: tz } = app.deps.config;
  const tags = ['reports'];
  const store = createFileStore(app.deps.config);

  /**
   * One report's forms under one path and permission: its JSON (when it has a response schema), its
   * printed form (PDF, R-FORM-1) at `form.pdf` and its .xlsx at `form.xlsx`, all from the same loader.
   */
  function reportForms<T>(o: {
    path: string;
    permission: TAction;
    title: string;
    /** The JSON form: `GET path` (left out where the report's JSON lives elsewhere). */
    json?: { summary: string; response: z.ZodType };
    // biome-ignore lint/suspicious/noExplicitAny: each report validates its own params and querystring
    load: (req: { actor: Actor; params: any; query: any }) => Promise<T>;
    doc: (value: T, ctx: ReturnType<typeof formContextOf>) => ReportDoc;
    params?: z.ZodObject;
    query?: z.ZodObject;
  }) {
    const params = o.params ?? ZIdParams;
    const query = o.query ? o.query.extend(ZFormPdfQuery.shape) : ZFormPdfQuery;
    if (o.json)
      app.get(
        o.path,
        {
          config: { permission: o.permission },
          schema: { tags, summary: o.json.summary, params, ...(o.query && { querystring: o.query }), response: { 200: o.json.response } },
        },
        async (req) => o.load(req),
      );
    app.get(
      `${o.path}/form.pdf`,
      {
        config: { permission: o.permission },
        schema: { tags, summary: `The ${o.title} as its printed form (PDF; lang=en: English)`, params, querystring: query },
      },
      async (req, reply) => {
        const ctx = formContextOf(app.deps.config, (req.query as { lang?: TLocale }).lang);
        const doc = o.doc(await o.load(req), ctx);
        return sendFormPdf(reply, await printReport(db, store, doc, ctx));
      },
    );
    app.get(
      `${o.path}/form.xlsx`,
      {
        config: { permission: o.permission },
        schema: { tags, summary: `The ${o.title} as .xlsx (lang=en: English)`, params, querystring: query },
      },
      async (req, reply) => {
        const ctx = formContextOf(app.deps.config, (req.query as { lang?: TLocale }).lang);
        const doc = o.doc(await o.load(req), ctx);
        return sendXlsx(reply, `${doc.title}-${doc.number}`, await reportXlsx(doc));
      },
    );
  }

  reportForms({
    path: '/api/weekly-reports/:id',
    permission: 'weekly_reports.read',
    title: 'weekly report',
    json: { summary: 'One weekly report (its engineer, or the technical manager)', response: ZWeeklyReport },
    load: (req) => svc.getWeeklyReport(db, req.actor, req.params.id, tz),
    doc: weeklyReportDoc,
  });
  reportForms({
    path: '/api/weekly-records/:id',
    permission: 'reports.read',
    title: 'weekly record',
    json: { summary: 'One weekly record', response: ZWeeklyRecord },
    load: (req) => svc.getWeeklyRecord(db, req.params.id),
    doc: weeklyRecordDoc,
  });
  reportForms({
    path: '/api/monthly-summaries/:id',
    permission: 'reports.read',
    title: 'monthly summary',
    json: { summary: 'One monthly summary', response: ZMonthlySummary },
    load: (req) => svc.getMonthlySummary(db, req.params.id),
    doc: monthlySummaryDoc,
  });

  // Weekly work report
  app.get(
    '/api/weekly-reports/mine',
    {
      config: { permission: 'weekly_reports.write' },
      schema: {
        tags,
        summary: "My weekly report of the week holding `week` (drafted from the week's records until saved)",
        querystring: ZWeekQuery,
        response: { 200: ZWeeklyReport },
      },
    },
    async (req) => svc.getMyWeeklyReport(db, req.actor, req.query.week, tz),
  );
  app.put(
    '/api/weekly-reports/mine',
    {
      config: { permission: 'weekly_reports.write' },
      schema: {
        tags,
        summary: 'Save my weekly report (refused once submitted)',
        querystring: ZWeekQuery,
        body: ZSaveWeeklyReport,
        response: { 200: ZWeeklyReport },
      },
    },
    async (req) => svc.saveMyWeeklyReport(db, req.actor, req.query.week, req.body, tz),
  );
  app.post(
    '/api/weekly-reports/mine/submit',
    {
      config: { permission: 'weekly_reports.write' },
      schema: {
        tags,
        summary: 'Save and submit my weekly report: locked afterwards',
        querystring: ZWeekQuery,
        body: ZSaveWeeklyReport,
        response: { 200: ZWeeklyReport },
      },
    },
    async (req) => svc.submitMyWeeklyReport(db, req.actor, req.query.week, req.body, tz),
  );
  app.get(
    '/api/weekly-reports',
    {
      config: { permission: 'reports.read' },
      schema: { tags, summary: "Every engineer's weekly report of a week", querystring: ZWeekQuery, response: { 200: ZWeeklyReportList } },
    },
    async (req) => svc.listWeeklyReports(db, req.query.week),
  );
  app.post(
    '/api/weekly-reports/:id/return',
    {
      config: { permission: 'reports.manage' },
      schema: {
        tags,
        summary: 'Return a submitted report for correction',
        params: ZIdParams,
        body: ZReturnWeeklyReport,
        response: { 200: ZWeeklyReport },
      },
    },
    async (req) => svc.returnWeeklyReport(db, req.actor, req.params.id, req.body, tz),
  );

  // Weekly work record
  app.post(
    '/api/weekly-records/draft',
    {
      config: { permission: 'reports.manage' },
      schema: {
        tags,
        summary: "Draft (again) the week's record from the submitted reports",
        body: ZDraftWeeklyRecord,
        response: { 200: ZWeeklyRecord },
      },
    },
    async (req) => svc.draftWeeklyRecord(db, req.actor, req.body.week, tz),
  );
  app.get(
    '/api/weekly-records',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        summary: 'The record of the week holding `week`, if drafted',
        querystring: ZWeekQuery,
        response: { 200: ZWeeklyRecord.nullable() },
      },
    },
    async (req) => svc.findWeeklyRecordOfWeek(db, req.query.week),
  );
  app.put(
    '/api/weekly-records/:id',
    {
      config: { permission: 'reports.manage' },
      schema: { tags, summary: 'Attendees and decisions', params: ZIdParams, body: ZUpdateWeeklyRecord, response: { 200: ZWeeklyRecord } },
    },
    async (req) => svc.updateWeeklyRecord(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/weekly-records/:id/actions',
    {
      config: { permission: 'reports.manage' },
      schema: {
        tags,
        summary: 'Add an action item (owner, due date): in the owner’s work list until done',
        params: ZIdParams,
        body: ZAddWeeklyRecordAction,
        response: { 200: ZWeeklyRecord },
      },
    },
    async (req) => svc.addWeeklyRecordAction(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/weekly-records/:id/finalise',
    {
      config: { permission: 'reports.manage' },
      schema: {
        tags,
        summary: 'Finalise the record: e-mailed to the list the administrator set',
        params: ZIdParams,
        body: ZVersion,
        response: { 200: ZWeeklyRecord },
      },
    },
    async (req) => svc.finaliseWeeklyRecord(db, req.actor, req.params.id, req.body.version),
  );
  app.post(
    '/api/weekly-record-actions/:id/done',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Mark my action item done (or any, as technical manager)', params: ZIdParams },
    },
    async (req, reply) => {
      await svc.completeWeeklyRecordAction(db, req.actor, req.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/weekly-records/sales-notes',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        summary: "The week's note to each sales owner about his customers",
        querystring: ZWeekQuery,
        response: { 200: ZSalesNotes },
      },
    },
    async (req) => svc.salesNotesOfWeek(db, req.query.week, tz),
  );

  // Monthly project summary
  app.post(
    '/api/monthly-summaries/draft',
    {
      config: { permission: 'reports.manage' },
      schema: {
        tags,
        summary: 'Draft (again) the summary of a project or a contract for a month',
        body: ZDraftMonthlySummary,
        response: { 200: ZMonthlySummary },
      },
    },
    async (req) => svc.draftMonthlySummary(db, req.actor, req.body, tz),
  );
  app.get(
    '/api/monthly-summaries',
    {
      config: { permission: 'reports.read' },
      schema: { tags, summary: 'The summaries of a month', querystring: ZMonthlySummaryQuery, response: { 200: ZMonthlySummaryList } },
    },
    async (req) => svc.listMonthlySummaries(db, req.query.month),
  );
  app.put(
    '/api/monthly-summaries/:id',
    {
      config: { permission: 'reports.manage' },
      schema: {
        tags,
        summary: 'Edit the notes (refused once approved)',
        params: ZIdParams,
        body: ZUpdateMonthlySummary,
        response: { 200: ZMonthlySummary },
      },
    },
    async (req) => svc.updateMonthlySummary(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/monthly-summaries/:id/approve',
    {
      config: { permission: 'reports.manage' },
      schema: {
        tags,
        summary: 'Approve: locked, e-mailed to the list the administrator set',
        params: ZIdParams,
        body: ZVersion,
        response: { 200: ZMonthlySummary },
      },
    },
    async (req) => svc.approveMonthlySummary(db, req.actor, req.params.id, req.body.version),
  );

  // Dashboards, roll-ups, settings
  app.get(
    '/api/dashboards',
    {
      config: { permission: 'dashboards.read' },
      schema: { tags, summary: 'Dashboards (sales: their own customers)', querystring: ZDashboardQuery, response: { 200: ZDashboard } },
    },
    async (req) => svc.dashboard(db, req.actor, req.query, tz),
  );
  app.get(
    '/api/dashboards.xlsx',
    {
      config: { permission: 'dashboards.read' },
      schema: { tags, summary: 'The dashboards as .xlsx: one sheet per chart (its table view)', querystring: ZDashboardQuery },
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        `dashboard-${req.query.from}-${req.query.to}`,
        await reportXlsx(dashboardDoc(await svc.dashboard(db, req.actor, req.query, tz), 'zh-CN')),
      ),
  );
  app.post(
    '/api/reports/rollups/rebuild',
    {
      config: { permission: 'reports.manage' },
      schema: {
        tags,
        summary: 'Rebuild the roll-ups: hours from scratch, requests for a day range (idempotent)',
        body: z.strictObject({ from: z.iso.date(), to: z.iso.date() }),
      },
    },
    async (req, reply) => {
      await rebuildWorkHoursRollups(db);
      await svc.rebuildRequestRollup(db, req.body.from, req.body.to, tz);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/report-settings',
    { config: { permission: 'reports.read' }, schema: { tags, summary: 'Weekly due time, mail list', response: { 200: ZReportSettings } } },
    async () => svc.getReportSettings(db),
  );
  app.put(
    '/api/report-settings',
    {
      config: { permission: 'settings.manage' },
      schema: { tags, summary: 'Set the weekly due time and the mail list', body: ZSaveReportSettings, response: { 200: ZReportSettings } },
    },
    async (req) => svc.saveReportSettings(db, req.actor, req.body),
  );
}
