import { z } from 'zod';
import {
  CALL_SEVERITY_LABELS,
  CALL_STATE_LABELS,
  type TCall,
  ZCall,
  ZCallDetail,
  ZCallExportQuery,
  ZCallForwardTarget,
  ZCallQuery,
  ZCallStep,
  ZCallStepParams,
  ZCreateCall,
  ZCreateCallLog,
  ZEntitlement,
  ZEntitlementQuery,
  ZForwardTargetsQuery,
  ZRecentCall,
  ZRecentCallsQuery,
  ZSendCallEmail,
  ZUpdateCall,
} from '@contract/calls';
import { pick } from '@contract/bilingual';
import { ZIdParams, ZPage } from '@contract/common';
import { todayIn } from '@contract/zoned-time';
import { requestLocale } from '../../http/request-locale';
import { type ExportColumn, type ExportFormat, exportColumn, keysetBatches, sendXlsxStream } from '../../spreadsheets/stream-export';
import type { AppInstance } from '../../http/types';
import { attachmentDisposition } from '../files/file-names';
import {
  createCall,
  getCall,
  getEntitlement,
  listCalls,
  listCallsAfter,
  listForwardTargets,
  listRecentCalls,
  logCallContact,
  remindHolder,
  sendCallEmail,
  takeCallStep,
  updateCall,
} from './calls.service';

export async function callsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE: tz } = app.deps.config;
  const tags = ['calls'];

  app.get(
    '/api/calls',
    {
      config: { permission: 'calls.read' },
      schema: {
        tags,
        summary: 'List calls the reader may see (state, severity, customer, product type, receiver, holder, dates, q)',
        querystring: ZCallQuery,
        response: { 200: ZPage(ZCall) },
      },
    },
    async (req) => listCalls(db, req.actor, req.query),
  );

  app.get(
    '/api/calls/export.xlsx',
    {
      config: { permission: 'calls.export' },
      schema: { tags, summary: 'The filtered call list as .xlsx, every row', querystring: ZCallExportQuery },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const say = (l: { zh: string; en: string }) => pick(l, locale);
      const col = (zh: string, en: string, width: number, value: ExportColumn<TCall>['value'], format?: ExportFormat) =>
        exportColumn({ zh, en }, locale, width, value, format);
      const name = `${say({ zh: '来电记录', en: 'Calls' })}-${todayIn(tz)}.xlsx`;
      return sendXlsxStream(reply, {
        sheetName: say({ zh: '来电记录', en: 'Calls' }),
        disposition: attachmentDisposition(name),
        timeZone: tz,
        columns: [
          col('编号', 'Number', 18, (r) => r.number),
          col('来电时间', 'Called at', 17, (r) => r.calledAt, 'datetime'),
          col('状态', 'State', 14, (r) => say(CALL_STATE_LABELS[r.state])),
          col('严重程度', 'Severity', 10, (r) => say(CALL_SEVERITY_LABELS[r.severity])),
          col('来电人', 'Caller', 12, (r) => r.callerName),
          col('单位', 'Company', 28, (r) => r.customer?.name ?? r.company),
          col('电话', 'Phone', 16, (r) => r.phone),
          col('产品类型', 'Product type', 14, (r) => r.productType),
          col('故障现象', 'Symptom', 40, (r) => r.symptom),
          col('接线员', 'Receiver', 12, (r) => r.receivedBy?.name ?? null),
          col('处理人', 'Holder', 12, (r) => r.holder?.name ?? null),
          col('服务要求单', 'Service request', 16, (r) => r.serviceRequest?.number ?? null),
          col('首次响应（工作分钟）', 'First response (working min)', 14, (r) => r.firstResponseMinutes),
          col('解决用时（工作分钟）', 'Resolution (working min)', 14, (r) => r.resolutionMinutes),
        ],
        batches: keysetBatches((afterId, limit) => listCallsAfter(db, req.actor, req.query, afterId, limit), 1000),
      });
    },
  );

  app.get(
    '/api/calls/recent',
    {
      config: { permission: 'calls.record' },
      schema: {
        tags,
        summary: "The customer's (or the number's) last calls, beside the intake form",
        querystring: ZRecentCallsQuery,
        response: { 200: z.object({ items: z.array(ZRecentCall) }) },
      },
    },
    async (req) => ({ items: await listRecentCalls(db, req.query) }),
  );

  app.get(
    '/api/calls/entitlement',
    {
      config: { permission: 'calls.read' },
      schema: {
        tags,
        summary: 'Entitlement for a customer / contract / unit at a minute (R-EMER-3)',
        querystring: ZEntitlementQuery,
        response: { 200: ZEntitlement },
      },
    },
    async (req) => getEntitlement(db, req.query, tz),
  );

  app.get(
    '/api/calls/forward-targets',
    {
      config: { permission: 'calls.record' },
      schema: {
        tags,
        summary: "Technical managers and the customer's sales owners",
        querystring: ZForwardTargetsQuery,
        response: { 200: z.object({ items: z.array(ZCallForwardTarget) }) },
      },
    },
    async (req) => ({ items: await listForwardTargets(db, req.query.customerId) }),
  );

  app.post(
    '/api/calls',
    {
      config: { permission: 'calls.record' },
      schema: { tags, summary: 'Record a call (R-CALL-1)', body: ZCreateCall, response: { 201: ZCall } },
    },
    async (req, reply) => reply.status(201).send(await createCall(db, req.actor, req.body, tz)),
  );

  app.get(
    '/api/calls/:id',
    {
      config: { permission: 'calls.read' },
      schema: { tags, summary: 'One call with its handling log and entitlement', params: ZIdParams, response: { 200: ZCallDetail } },
    },
    async (req) => getCall(db, req.actor, req.params.id, tz),
  );

  app.patch(
    '/api/calls/:id',
    {
      config: { permission: 'calls.triage' },
      schema: {
        tags,
        summary: 'Fill in the call record, severity (R-CALL-3/5)',
        params: ZIdParams,
        body: ZUpdateCall,
        response: { 200: ZCall },
      },
    },
    async (req) => updateCall(db, req.actor, req.params.id, req.body, tz),
  );

  app.post(
    '/api/calls/:id/log',
    {
      config: { permission: 'calls.handle' },
      schema: {
        tags,
        summary: 'Log a contact with the customer (R-CALL-4)',
        params: ZIdParams,
        body: ZCreateCallLog,
        response: { 200: ZCallDetail },
      },
    },
    async (req) => logCallContact(db, req.actor, req.params.id, req.body, tz),
  );

  app.post(
    '/api/calls/:id/emails',
    {
      config: { permission: 'calls.handle' },
      schema: {
        tags,
        summary: 'Send diagnostic steps by e-mail, kept on the call (R-CALL-4)',
        params: ZIdParams,
        body: ZSendCallEmail,
        response: { 200: ZCallDetail },
      },
    },
    async (req) => sendCallEmail(db, req.actor, req.params.id, req.body, tz),
  );

  app.post(
    '/api/calls/:id/remind',
    {
      config: { permission: 'calls.follow' },
      schema: { tags, summary: 'Remind the holder, at most once an hour (R-CALL-2)', params: ZIdParams, response: { 200: ZCallDetail } },
    },
    async (req) => remindHolder(db, req.actor, req.params.id, tz),
  );

  app.post(
    '/api/calls/:id/:action',
    {
      config: { permission: 'calls.act' },
      schema: {
        tags,
        summary: 'A workflow step: forward, assign_remote, resolve, convert, offer_chargeable, decline, mark_duplicate',
        params: ZCallStepParams,
        body: ZCallStep,
        response: { 200: ZCall },
      },
    },
    async (req) => takeCallStep(db, req.actor, req.params.id, req.params.action, req.body ?? {}, tz, requestLocale(req)),
  );
}
