import { ZIdParams, ZPage } from '@contract/common';
import {
  ZApprovePartLoan,
  ZCreateFaultyPartTag,
  ZCreatePart,
  ZCreatePartLoan,
  ZCreateStockLocation,
  ZCreateStockMovement,
  ZFaultyPartTag,
  ZFaultyPartTagQuery,
  ZInspectTag,
  ZPart,
  ZPartDetail,
  ZPartFormQuery,
  ZPartLoan,
  ZPartLoanQuery,
  ZPartQuery,
  ZPartsBroughtBack,
  ZPartsBroughtBackQuery,
  ZReturnPartLoan,
  ZStockLine,
  ZStockLocation,
  ZStockMovement,
  ZStockQuery,
  ZTagDispositionInput,
} from '@contract/parts';
import { z } from 'zod';
import { requestLocale } from '../../http/request-locale';
import type { AppInstance } from '../../http/types';
import { formContextOf } from '../../pdf/form-text';
import { sendFormPdf } from '../../pdf/send-pdf';
import { sendXlsxStream } from '../../spreadsheets/stream-export';
import { createFileStore } from '../files/file-store';
import { attachmentDisposition } from '../files/file-names';
import { faultyPartTagPdf, partLoanPdf } from './parts-forms';
import { loanExport, type PartsExportPlan, stockExport, tagExport } from './parts.exports';
import {
  approveLoan,
  createLoan,
  createLocation,
  createPart,
  createTag,
  getLoan,
  getPart,
  getTag,
  inspectTag,
  listLoans,
  listLocations,
  listParts,
  listStock,
  listTags,
  moveStock,
  myBag,
  partsBroughtBack,
  receiveTag,
  rejectLoan,
  returnLoan,
  setTagDisposition,
} from './parts.service';

const ZEmpty = z.strictObject({});
const exportQuery = <T extends z.ZodObject>(q: T) => q.omit({ page: true, pageSize: true } as never);

export async function partsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE: tz } = app.deps.config;
  const store = createFileStore(app.deps.config);
  const tags = ['parts'];
  const send = <T>(reply: Parameters<typeof sendXlsxStream>[0], plan: PartsExportPlan<T>) =>
    sendXlsxStream(reply, { ...plan, disposition: attachmentDisposition(plan.fileName), timeZone: tz });

  // ── Catalogue, places, stock ──
  app.get(
    '/api/parts',
    {
      config: { permission: 'parts.read' },
      schema: { tags, summary: 'The spare-part catalogue with stock on hand', querystring: ZPartQuery, response: { 200: ZPage(ZPart) } },
    },
    async (req) => listParts(db, req.query),
  );
  app.post(
    '/api/parts',
    {
      config: { permission: 'parts.manage' },
      schema: { tags, summary: 'Add a part (PN, description, vendor, SN-tracked or counted)', body: ZCreatePart, response: { 201: ZPart } },
    },
    async (req, reply) => reply.status(201).send(await createPart(db, req.actor, req.body)),
  );
  app.get(
    '/api/parts/brought-back',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: "A request's loans still out and tagged parts not yet received (R-PM-7/8)",
        querystring: ZPartsBroughtBackQuery,
        response: { 200: ZPartsBroughtBack },
      },
    },
    async (req) => partsBroughtBack(db, req.query.serviceRequestId, tz),
  );
  app.get(
    '/api/parts/:id',
    {
      config: { permission: 'parts.read' },
      schema: { tags, summary: 'One part: stock by place and its last ledger entries', params: ZIdParams, response: { 200: ZPartDetail } },
    },
    async (req) => getPart(db, req.params.id),
  );
  app.get(
    '/api/stock-locations',
    {
      config: { permission: 'parts.read' },
      schema: { tags, summary: 'Stock places', response: { 200: z.object({ items: z.array(ZStockLocation) }) } },
    },
    async () => listLocations(db),
  );
  app.post(
    '/api/stock-locations',
    {
      config: { permission: 'parts.manage' },
      schema: { tags, summary: 'Add a store or a vendor place', body: ZCreateStockLocation, response: { 201: ZStockLocation } },
    },
    async (req, reply) => reply.status(201).send(await createLocation(db, req.actor, req.body)),
  );
  app.get(
    '/api/stock-locations/mine',
    {
      config: { permission: 'parts.borrow' },
      schema: { tags, summary: "The caller's own bag (made when first asked for)", response: { 200: ZStockLocation } },
    },
    async (req) => myBag(db, req.actor),
  );
  app.get(
    '/api/stock',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: 'Stock by part and place (from the running balance of the ledger)',
        querystring: ZStockQuery,
        response: { 200: ZPage(ZStockLine) },
      },
    },
    async (req) => listStock(db, req.query),
  );
  app.post(
    '/api/stock-movements',
    {
      config: { permission: 'parts.move' },
      schema: {
        tags,
        summary: 'A receipt, transfer or taking out of stock: one ledger entry (stocking in needs an inspection, R-INST-9)',
        body: ZCreateStockMovement,
        response: { 201: ZStockMovement },
      },
    },
    async (req, reply) => reply.status(201).send(await moveStock(db, req.actor, req.body)),
  );

  // ── Loans ──
  app.get(
    '/api/part-loans',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: 'Loans (state, overdue, paperwork pending, request, borrower): `total` is the count',
        querystring: ZPartLoanQuery,
        response: { 200: ZPage(ZPartLoan) },
      },
    },
    async (req) => listLoans(db, req.query, tz),
  );
  app.post(
    '/api/part-loans',
    {
      config: { permission: 'parts.borrow' },
      schema: {
        tags,
        summary: 'Borrow a spare: a request to approve, or (emergency) taken at once with paperwork pending (R-EMER-4)',
        body: ZCreatePartLoan,
        response: { 201: ZPartLoan },
      },
    },
    async (req, reply) => reply.status(201).send(await createLoan(db, req.actor, req.body, tz)),
  );
  app.get(
    '/api/part-loans/:id',
    { config: { permission: 'parts.read' }, schema: { tags, summary: 'One loan', params: ZIdParams, response: { 200: ZPartLoan } } },
    async (req) => getLoan(db, req.params.id, tz),
  );
  app.post(
    '/api/part-loans/:id/approve',
    {
      config: { permission: 'parts.approve' },
      schema: {
        tags,
        summary: 'The technical manager approves (an emergency loan: completes its paperwork); twice: 409',
        params: ZIdParams,
        body: ZApprovePartLoan,
        response: { 200: ZPartLoan },
      },
    },
    async (req) => approveLoan(db, req.actor, req.params.id, req.body.note, tz),
  );
  app.post(
    '/api/part-loans/:id/reject',
    {
      config: { permission: 'parts.approve' },
      schema: { tags, summary: 'Refuse a requested loan', params: ZIdParams, body: ZApprovePartLoan, response: { 200: ZPartLoan } },
    },
    async (req) => rejectLoan(db, req.actor, req.params.id, req.body.note, tz),
  );
  app.post(
    '/api/part-loans/:id/return',
    {
      config: { permission: 'parts.borrow' },
      schema: {
        tags,
        summary: 'The part comes back (good, faulty: tagged, kept by the customer)',
        params: ZIdParams,
        body: ZReturnPartLoan,
        response: { 200: ZPartLoan },
      },
    },
    async (req) => returnLoan(db, req.actor, req.params.id, req.body, tz),
  );
  app.get(
    '/api/part-loans/:id/form.pdf',
    {
      config: { permission: 'parts.read' },
      schema: { tags, summary: 'The Spare Part Loan form as PDF', params: ZIdParams, querystring: ZPartFormQuery },
    },
    async (req, reply) => sendFormPdf(reply, await partLoanPdf(db, store, req.params.id, formContextOf(app.deps.config, req.query.lang))),
  );

  // ── Faulty part tags ──
  app.get(
    '/api/faulty-part-tags',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: 'Faulty part tags (disposition, received, request)',
        querystring: ZFaultyPartTagQuery,
        response: { 200: ZPage(ZFaultyPartTag) },
      },
    },
    async (req) => listTags(db, req.query),
  );
  app.post(
    '/api/faulty-part-tags',
    {
      config: { permission: 'parts.tag' },
      schema: {
        tags,
        summary: 'Tag a part removed on site (R-INST-9, R-EMER-10)',
        body: ZCreateFaultyPartTag,
        response: { 201: ZFaultyPartTag },
      },
    },
    async (req, reply) => reply.status(201).send(await createTag(db, req.actor, req.body, tz)),
  );
  app.get(
    '/api/faulty-part-tags/:id',
    { config: { permission: 'parts.read' }, schema: { tags, summary: 'One tag', params: ZIdParams, response: { 200: ZFaultyPartTag } } },
    async (req) => getTag(db, req.params.id),
  );
  app.post(
    '/api/faulty-part-tags/:id/receive',
    {
      config: { permission: 'parts.tag' },
      schema: {
        tags,
        summary: 'The tagged part is received at the office',
        params: ZIdParams,
        body: ZEmpty,
        response: { 200: ZFaultyPartTag },
      },
    },
    async (req) => receiveTag(db, req.actor, req.params.id),
  );
  app.post(
    '/api/faulty-part-tags/:id/inspect',
    {
      config: { permission: 'parts.tag' },
      schema: {
        tags,
        summary: 'The inspection record (who, result); a pass may stock the part back in',
        params: ZIdParams,
        body: ZInspectTag,
        response: { 200: ZFaultyPartTag },
      },
    },
    async (req) => inspectTag(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/faulty-part-tags/:id/disposition',
    {
      config: { permission: 'parts.tag' },
      schema: {
        tags,
        summary: "To repair, returned to commerce (with the vendor's case number) or scrapped",
        params: ZIdParams,
        body: ZTagDispositionInput,
        response: { 200: ZFaultyPartTag },
      },
    },
    async (req) => setTagDisposition(db, req.actor, req.params.id, req.body),
  );
  app.get(
    '/api/faulty-part-tags/:id/form.pdf',
    {
      config: { permission: 'parts.read' },
      schema: { tags, summary: 'The tag as PDF: A4, or (paper=label) a 100×70 mm label', params: ZIdParams, querystring: ZPartFormQuery },
    },
    async (req, reply) =>
      sendFormPdf(
        reply,
        await faultyPartTagPdf(db, store, req.params.id, formContextOf(app.deps.config, req.query.lang), req.query.paper ?? 'a4'),
      ),
  );

  // ── Exports (.xlsx) ──
  app.get(
    '/api/exports/stock',
    {
      config: { permission: 'parts.export' },
      schema: { tags, summary: 'Stock by part and place as .xlsx', querystring: exportQuery(ZStockQuery) },
    },
    async (req, reply) => send(reply, stockExport(db, req.query as never, requestLocale(req), tz)),
  );
  app.get(
    '/api/exports/part-loans',
    {
      config: { permission: 'parts.export' },
      schema: { tags, summary: 'Loans as .xlsx (open, overdue, paperwork pending)', querystring: exportQuery(ZPartLoanQuery) },
    },
    async (req, reply) => send(reply, loanExport(db, req.query as never, requestLocale(req), tz)),
  );
  app.get(
    '/api/exports/faulty-part-tags',
    {
      config: { permission: 'parts.export' },
      schema: { tags, summary: 'Faulty part tags by disposition as .xlsx', querystring: exportQuery(ZFaultyPartTagQuery) },
    },
    async (req, reply) => send(reply, tagExport(db, req.query as never, requestLocale(req), tz)),
  );
}
