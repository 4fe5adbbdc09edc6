import { pick } from '@contract/bilingual';
import { ZIdParams, ZPage } from '@contract/common';
import { ZFormPdfQuery } from '@contract/company';
import { ZGoodsDeviation } from '@contract/goods-deviations';
import {
  GATE_STATE_LABELS,
  type TInspection,
  type TLicence,
  ZAddUnits,
  ZBurnInParams,
  ZBurnInSetting,
  ZCreateDeliveryNote,
  ZCreateLicence,
  ZDeliveryNoteParams,
  ZInspection,
  ZInspectionDetail,
  ZInspectionQuery,
  ZLicence,
  ZLicenceQuery,
  ZMarkReady,
  ZOpenInspection,
  ZRaiseDeviation,
  ZRecordBurnIn,
  ZRecordConsent,
  ZSaveChecklist,
  ZSetBurnInSetting,
  ZSignDeliveryNote,
  ZStoreLicenceKey,
  ZUnitParams,
  ZUpdateBurnIn,
  ZUpdateInspection,
  ZUpdateLicence,
  ZUpdateUnit,
} from '@contract/inspections';
import { todayIn } from '@contract/zoned-time';
import { requestLocale } from '../../http/request-locale';
import type { AppInstance } from '../../http/types';
import { formContextOf } from '../../pdf/form-text';
import { sendFormPdf } from '../../pdf/send-pdf';
import { type ExportColumn, type ExportFormat, exportColumn, sendXlsxStream } from '../../spreadsheets/stream-export';
import { attachmentDisposition } from '../files/file-names';
import { createFileStore } from '../files/file-store';
import { parseFormFields, withUpload } from '../files/uploads';
import { attachDeliveryNoteSignature, createDeliveryNote, deliveryNotePdf } from './delivery-notes';
import {
  addUnits,
  assertInspectionReadable,
  attachBurnInLog,
  downloadBurnInLog,
  getBurnInSetting,
  getInspection,
  listInspections,
  markReady,
  openInspection,
  raiseDeviation,
  recordBurnIn,
  recordConsent,
  saveChecklist,
  setBurnInSetting,
  updateBurnIn,
  updateInspection,
  updateUnit,
} from './inspections.service';
import { createLicence, getLicence, listLicences, storeLicenceKey, storeLicenceMedia, updateLicence } from './licences.service';

async function* once<T>(items: T[]) {
  yield items;
}

export async function inspectionsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE: tz } = app.deps.config;
  const store = createFileStore(app.deps.config);
  const tags = ['inspections'];
  const read = { permission: 'inspections.read' } as const;
  const manage = { permission: 'inspections.manage' } as const;

  app.get(
    '/api/inspections',
    {
      config: read,
      schema: {
        tags,
        summary: 'Inspections by gate state, or shipments due this week',
        querystring: ZInspectionQuery,
        response: { 200: ZPage(ZInspection) },
      },
    },
    async (req) => listInspections(db, req.actor, req.query, tz),
  );
  app.get(
    '/api/inspections/export.xlsx',
    {
      config: read,
      schema: { tags, summary: 'The filtered inspections as .xlsx', querystring: ZInspectionQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const col = (zh: string, en: string, width: number, value: ExportColumn<TInspection>['value'], format?: ExportFormat) =>
        exportColumn({ zh, en }, locale, width, value, format);
      const title =
        req.query.dueThisWeek === 'true'
          ? { zh: '本周待发货', en: 'Shipments due this week' }
          : { zh: '货品检验', en: 'Goods inspections' };
      const { items } = await listInspections(db, req.actor, req.query, tz);
      return sendXlsxStream(reply, {
        sheetName: pick(title, locale),
        disposition: attachmentDisposition(`${pick(title, locale)}-${todayIn(tz)}.xlsx`),
        timeZone: tz,
        columns: [
          col('服务要求单', 'Service request', 16, (r) => r.serviceRequest.number),
          col('客户', 'Customer', 30, (r) => r.customer.name),
          col('合同', 'Contract', 16, (r) => r.contract.number),
          col('负责工程师', 'Engineer', 12, (r) => r.responsibleEngineer?.name ?? null),
          col('计划发货日期', 'Planned shipment', 14, (r) => r.plannedShipDate, 'date'),
          col('发货条件', 'Gate', 16, (r) => pick(GATE_STATE_LABELS[r.gate], locale)),
          col('设备数', 'Units', 8, (r) => r.unitCount, 'integer'),
          col('老化未开始预警', 'Burn-in not started', 12, (r) => (r.burnInWarning ? pick({ zh: '是', en: 'yes' }, locale) : '')),
        ],
        batches: once(items),
      });
    },
  );
  app.post(
    '/api/service-requests/:id/inspection',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Open the inspection record of a goods-inspection request (R-GOODS-1)',
        params: ZIdParams,
        body: ZOpenInspection,
        response: { 201: ZInspectionDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await openInspection(db, req.actor, req.params.id, req.body, tz)),
  );
  app.get(
    '/api/inspections/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One inspection with units, burn-ins, checklist, gate',
        params: ZIdParams,
        response: { 200: ZInspectionDetail },
      },
    },
    async (req) => getInspection(db, req.actor, req.params.id, tz),
  );
  app.patch(
    '/api/inspections/:id',
    {
      config: manage,
      schema: { tags, summary: 'Planned shipment date', params: ZIdParams, body: ZUpdateInspection, response: { 200: ZInspectionDetail } },
    },
    async (req) => updateInspection(db, req.actor, req.params.id, req.body, tz),
  );
  app.post(
    '/api/inspections/:id/units',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Units received: model, PN, SN, packaging (R-GOODS-1, R-GOODS-4)',
        params: ZIdParams,
        body: ZAddUnits,
        response: { 200: ZInspectionDetail },
      },
    },
    async (req) => addUnits(db, req.actor, req.params.id, req.body, tz),
  );
  app.patch(
    '/api/inspections/:id/units/:unitId',
    {
      config: manage,
      schema: { tags, summary: "Correct a unit's SN or PN", params: ZUnitParams, body: ZUpdateUnit, response: { 200: ZInspectionDetail } },
    },
    async (req) => updateUnit(db, req.actor, req.params.id, req.params.unitId, req.body, tz),
  );
  app.post(
    '/api/inspections/:id/units/:unitId/consent',
    {
      config: manage,
      schema: {
        tags,
        summary: "The customer's answer on opening a sealed unit (R-GOODS-4)",
        params: ZUnitParams,
        body: ZRecordConsent,
        response: { 200: ZInspectionDetail },
      },
    },
    async (req) => recordConsent(db, req.actor, req.params.id, req.params.unitId, req.body, tz),
  );
  app.post(
    '/api/inspections/:id/units/:unitId/ready',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Mark ready to ship through the gate (R-GOODS-3); a technical manager may override with a reason',
        params: ZUnitParams,
        body: ZMarkReady,
        response: { 200: ZInspectionDetail },
      },
    },
    async (req) => markReady(db, req.actor, req.params.id, req.params.unitId, req.body, tz),
  );
  app.post(
    '/api/inspections/:id/deviations',
    {
      config: { permission: 'goods_deviations.report' },
      schema: {
        tags,
        summary: 'Raise the differences as a goods deviation (R-ORG-8)',
        params: ZIdParams,
        body: ZRaiseDeviation,
        response: { 201: ZGoodsDeviation },
      },
    },
    async (req, reply) => reply.status(201).send(await raiseDeviation(db, req.actor, req.params.id, req.body, tz)),
  );
  app.post(
    '/api/inspections/:id/checklist',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The preparation checklist (R-GOODS-5)',
        params: ZIdParams,
        body: ZSaveChecklist,
        response: { 200: ZInspectionDetail },
      },
    },
    async (req) => saveChecklist(db, req.actor, req.params.id, req.body.answers, tz),
  );
  app.post(
    '/api/inspections/:id/burn-ins',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A burn-in of a unit or a batch (R-GOODS-5)',
        params: ZIdParams,
        body: ZRecordBurnIn,
        response: { 200: ZInspectionDetail },
      },
    },
    async (req) => recordBurnIn(db, req.actor, req.params.id, req.body, tz),
  );
  app.patch(
    '/api/inspections/:id/burn-ins/:burnInId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'End a burn-in, its result',
        params: ZBurnInParams,
        body: ZUpdateBurnIn,
        response: { 200: ZInspectionDetail },
      },
    },
    async (req) => updateBurnIn(db, req.actor, req.params.id, req.params.burnInId, req.body, tz),
  );
  app.post(
    '/api/inspections/:id/delivery-notes',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A delivery note for units ready to ship',
        params: ZIdParams,
        body: ZCreateDeliveryNote,
        response: { 200: ZInspectionDetail },
      },
    },
    async (req) => createDeliveryNote(db, req.actor, req.params.id, req.body, tz),
  );
  app.get(
    '/api/inspections/:id/delivery-notes/:noteId/pdf',
    {
      config: read,
      schema: {
        tags,
        summary: 'Equipment receipt / delivery note as PDF (R-FORM-1)',
        params: ZDeliveryNoteParams,
        querystring: ZFormPdfQuery,
      },
    },
    async (req, reply) =>
      sendFormPdf(
        reply,
        await deliveryNotePdf(db, store, req.actor, req.params.id, req.params.noteId, formContextOf(app.deps.config, req.query.lang)),
      ),
  );
  app.get(
    '/api/contracts/:id/burn-in-setting',
    {
      config: read,
      schema: { tags, summary: "The contract's minimum burn-in hours", params: ZIdParams, response: { 200: ZBurnInSetting } },
    },
    async (req) => getBurnInSetting(db, req.params.id),
  );
  app.post(
    '/api/contracts/:id/burn-in-setting',
    {
      config: { permission: 'inspections.settings' },
      schema: {
        tags,
        summary: 'Set the minimum burn-in hours (below 12 only with an override, R-GOODS-5)',
        params: ZIdParams,
        body: ZSetBurnInSetting,
        response: { 200: ZBurnInSetting },
      },
    },
    async (req) => setBurnInSetting(db, req.actor, req.params.id, req.body),
  );

  // ── Licences (R-GOODS-6) ──
  app.get(
    '/api/licences',
    {
      config: { permission: 'licences.read' },
      schema: { tags, summary: 'Licences; expiring in 30/60/90 days', querystring: ZLicenceQuery, response: { 200: ZPage(ZLicence) } },
    },
    async (req) => listLicences(db, req.query, tz),
  );
  app.get(
    '/api/licences/export.xlsx',
    {
      config: { permission: 'licences.read' },
      schema: { tags, summary: 'Licences as .xlsx (never the key)', querystring: ZLicenceQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const col = (zh: string, en: string, width: number, value: ExportColumn<TLicence>['value'], format?: ExportFormat) =>
        exportColumn({ zh, en }, locale, width, value, format);
      const { items } = await listLicences(db, { ...req.query, page: 1, pageSize: 100_000 }, tz);
      const title = pick({ zh: '许可证到期', en: 'Licences expiring' }, locale);
      const yes = (b: boolean) => (b ? pick({ zh: '是', en: 'yes' }, locale) : pick({ zh: '否', en: 'no' }, locale));
      return sendXlsxStream(reply, {
        sheetName: title,
        disposition: attachmentDisposition(`${title}-${todayIn(tz)}.xlsx`),
        timeZone: tz,
        columns: [
          col('客户', 'Customer', 30, (r) => r.customer.name),
          col('合同', 'Contract', 16, (r) => r.contract.number),
          col('软件', 'Software', 24, (r) => r.software),
          col('设备 SN', 'Unit SN', 18, (r) => r.unitSn),
          col('需要许可证', 'Licence needed', 10, (r) => yes(r.needed)),
          col('演示许可证到期', 'Demo licence ends', 14, (r) => r.demoExpiresOn, 'date'),
          col('hostid', 'hostid', 16, (r) => r.hostid),
          col('软件序列号', 'Software serial', 20, (r) => r.softwareSerial),
          col('申请日期', 'Applied', 12, (r) => r.appliedOn, 'date'),
          col('收到日期', 'Received', 12, (r) => r.receivedOn, 'date'),
          col('密钥已归档', 'Key filed', 10, (r) => yes(r.hasKey)),
        ],
        batches: once(items),
      });
    },
  );
  app.post(
    '/api/contracts/:id/licences',
    {
      config: { permission: 'licences.manage' },
      schema: {
        tags,
        summary: 'A licence of a unit or software item',
        params: ZIdParams,
        body: ZCreateLicence,
        response: { 201: ZLicence },
      },
    },
    async (req, reply) => reply.status(201).send(await createLicence(db, req.actor, req.params.id, req.body)),
  );
  app.get(
    '/api/licences/:id',
    {
      config: { permission: 'licences.read' },
      schema: { tags, summary: 'One licence (never its key)', params: ZIdParams, response: { 200: ZLicence } },
    },
    async (req) => getLicence(db, req.params.id),
  );
  app.patch(
    '/api/licences/:id',
    {
      config: { permission: 'licences.manage' },
      schema: { tags, summary: 'Edit a licence', params: ZIdParams, body: ZUpdateLicence, response: { 200: ZLicence } },
    },
    async (req) => updateLicence(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/licences/:id/key',
    {
      config: { permission: 'licences.manage' },
      schema: {
        tags,
        summary: 'File the licence key in the archive (never shown in lists or search)',
        params: ZIdParams,
        body: ZStoreLicenceKey,
        response: { 200: ZLicence },
      },
    },
    async (req) => storeLicenceKey(db, store, req.actor, req.params.id, req.body),
  );
}

/** Uploads of this area (multipart: registered in the uploads scope, app.ts). */
export async function inspectionUploadRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE: tz } = app.deps.config;
  const store = createFileStore(app.deps.config);
  const tags = ['inspections'];

  app.post(
    '/api/inspections/:id/burn-ins/:burnInId/log',
    {
      config: { permission: 'inspections.manage' },
      schema: {
        tags,
        summary: "Attach the burn-in's test log (multipart, one `file` part)",
        consumes: ['multipart/form-data'],
        params: ZBurnInParams,
        response: { 200: ZInspectionDetail },
      },
    },
    async (req) => {
      await assertInspectionReadable(db, req.actor, req.params.id);
      return withUpload(req, store, ({ file }) => attachBurnInLog(db, store, req.actor, req.params.id, req.params.burnInId, file, tz));
    },
  );
  app.get(
    '/api/inspections/:id/burn-ins/:burnInId/log',
    {
      config: { permission: 'inspections.read' },
      schema: { tags, summary: 'Download the test log (always as an attachment)', params: ZBurnInParams },
    },
    async (req, reply) => downloadBurnInLog(db, store, req.actor, reply, req.params.id, req.params.burnInId),
  );
  app.post(
    '/api/inspections/:id/delivery-notes/:noteId/signature',
    {
      config: { permission: 'inspections.manage' },
      schema: {
        tags,
        summary: "The receiver's signature (pad PNG) or a signed scan; files the note in the archive (R-ORG-7)",
        consumes: ['multipart/form-data'],
        params: ZDeliveryNoteParams,
        response: { 200: ZInspectionDetail },
      },
    },
    async (req) => {
      await assertInspectionReadable(db, req.actor, req.params.id);
      return withUpload(req, store, ({ fields, file }) =>
        attachDeliveryNoteSignature(
          db,
          store,
          req.actor,
          req.params.id,
          req.params.noteId,
          parseFormFields(ZSignDeliveryNote, fields, requestLocale(req)),
          file,
          formContextOf(app.deps.config, undefined),
        ),
      );
    },
  );
  app.post(
    '/api/licences/:id/media',
    {
      config: { permission: 'licences.manage' },
      schema: {
        tags,
        summary: "File the media backup record in the customer's archive",
        consumes: ['multipart/form-data'],
        params: ZIdParams,
        response: { 200: ZLicence },
      },
    },
    async (req) => withUpload(req, store, ({ file }) => storeLicenceMedia(db, store, req.actor, req.params.id, file)),
  );
}
