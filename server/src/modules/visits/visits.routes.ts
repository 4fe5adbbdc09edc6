import { ZIdParams, ZOk, ZPage } from '@contract/common';
import {
  ZCheckIn,
  ZCheckOut,
  ZCreateVisit,
  ZLateArrivalCounts,
  ZLateArrivalQuery,
  ZRecordApproval,
  ZRecordBackup,
  ZRecordExtraRequest,
  ZRecordPreVisitCall,
  ZRecordProblem,
  ZRecordVisitAction,
  ZRecordVisitUnit,
  ZStartTravel,
  ZUnitCandidates,
  ZUpdateVisit,
  ZVisit,
  ZVisitBriefing,
  ZVisitListItem,
  ZVisitPhotoParams,
  ZVisitQuery,
  ZWarrantyRegistration,
  ZWarrantyRegistrationQuery,
} from '@contract/visits';
import { ZChecklistPhoto, ZChecklistPhotoItemParams, ZChecklistPhotoParams } from '@contract/checklists';
import type { AppInstance } from '../../http/types';
import { withChecklistPhoto } from '../checklists/checklist-photos';
import { createFileStore } from '../files/file-store';
import { withUpload } from '../files/uploads';
import {
  addArrivalChecklistPhoto,
  addVisitPhoto,
  arrivalPhotoItem,
  downloadArrivalChecklistPhoto,
  assertMayAddPhoto,
  checkIn,
  checkOut,
  createVisit,
  downloadVisitPhoto,
  getVisit,
  getVisitBriefing,
  lateArrivalCounts,
  listRequestVisits,
  listUnitCandidates,
  listVisits,
  listWarrantyRegistrations,
  markWarrantyRegistered,
  recordApproval,
  recordBackup,
  recordExtraRequest,
  recordPreVisitCall,
  recordProblem,
  recordVisitAction,
  recordVisitUnit,
  startTravel,
  updateVisit,
} from './visits.service';

export async function visitsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE: tz } = app.deps.config;
  const tags = ['visits'];
  const read = { config: { permission: 'visits.read' as const } };
  const record = { config: { permission: 'visits.record' as const } };

  app.get(
    '/api/visits',
    {
      ...read,
      schema: {
        tags,
        summary: 'Visits (engineer, request, mine, dates)',
        querystring: ZVisitQuery,
        response: { 200: ZPage(ZVisitListItem) },
      },
    },
    async (req) => listVisits(db, req.actor, req.query, tz),
  );
  app.get(
    '/api/visits/all',
    {
      config: { permission: 'visits.manage' },
      schema: {
        tags,
        summary: "Every engineer's visits, for the managers (dates, engineer, customer, stage, late arrivals)",
        querystring: ZVisitQuery,
        response: { 200: ZPage(ZVisitListItem) },
      },
    },
    async (req) => listVisits(db, req.actor, req.query, tz),
  );
  app.get(
    '/api/visits/late-arrivals',
    {
      config: { permission: 'visits.reports' },
      schema: {
        tags,
        summary: 'R-EMER-2: arrivals and late arrivals per engineer in a period (company dates, inclusive)',
        querystring: ZLateArrivalQuery,
        response: { 200: ZLateArrivalCounts },
      },
    },
    async (req) => lateArrivalCounts(db, req.query, tz),
  );
  app.get(
    '/api/visits/warranty-registrations',
    {
      config: { permission: 'visits.warranty' },
      schema: {
        tags,
        summary: 'R-INST-7: units installed or replaced on site, for warranty registration',
        querystring: ZWarrantyRegistrationQuery,
        response: { 200: ZPage(ZWarrantyRegistration) },
      },
    },
    async (req) => listWarrantyRegistrations(db, req.query),
  );
  app.post(
    '/api/visit-units/:id/registered',
    {
      config: { permission: 'visits.warranty' },
      schema: { tags, summary: 'Commerce registered the unit’s warranty with the vendor', params: ZIdParams, response: { 200: ZOk } },
    },
    async (req) => markWarrantyRegistered(db, req.actor, req.params.id),
  );
  app.get(
    '/api/service-requests/:id/visits',
    { ...read, schema: { tags, summary: "A request's visits", params: ZIdParams, response: { 200: ZPage(ZVisitListItem) } } },
    async (req) => listRequestVisits(db, req.actor, req.params.id, tz),
  );
  app.post(
    '/api/service-requests/:id/visits',
    {
      ...record,
      schema: { tags, summary: 'Plan a visit of the request', params: ZIdParams, body: ZCreateVisit, response: { 201: ZVisit } },
    },
    async (req, reply) => reply.status(201).send(await createVisit(db, req.actor, req.params.id, req.body)),
  );
  app.get(
    '/api/visits/:id',
    { ...read, schema: { tags, summary: 'One visit with what was recorded on it', params: ZIdParams, response: { 200: ZVisit } } },
    async (req) => getVisit(db, req.actor, req.params.id),
  );
  app.get(
    '/api/visits/:id/briefing',
    {
      ...read,
      schema: {
        tags,
        summary: 'R-INST-3: before the visit — the contract (masked), its documents, the site contacts, the arrival checklist',
        params: ZIdParams,
        response: { 200: ZVisitBriefing },
      },
    },
    async (req) => getVisitBriefing(db, req.actor, req.params.id),
  );
  app.get(
    '/api/visits/:id/unit-candidates',
    {
      ...read,
      schema: {
        tags,
        summary: "R-PM-5: the contract's installed base with each unit's warranty state now",
        params: ZIdParams,
        response: { 200: ZUnitCandidates },
      },
    },
    async (req) => listUnitCandidates(db, req.actor, req.params.id, tz),
  );
  app.patch(
    '/api/visits/:id',
    {
      ...record,
      schema: { tags, summary: 'Work done, engineers present', params: ZIdParams, body: ZUpdateVisit, response: { 200: ZVisit } },
    },
    async (req) => updateVisit(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/visits/:id/pre-visit-call',
    {
      ...record,
      schema: {
        tags,
        summary: 'R-INST-3: the pre-visit call about site, power, network and time',
        params: ZIdParams,
        body: ZRecordPreVisitCall,
        response: { 200: ZVisit },
      },
    },
    async (req) => recordPreVisitCall(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/visits/:id/travel',
    {
      ...record,
      schema: {
        tags,
        summary: 'Travel start: the request goes travelling',
        params: ZIdParams,
        body: ZStartTravel,
        response: { 200: ZVisit },
      },
    },
    async (req) => startTravel(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/visits/:id/check-in',
    {
      ...record,
      schema: {
        tags,
        summary: 'Arrival with the arrival checklist (R-INST-2), compared with the agreed time (R-EMER-2); the request goes on site',
        params: ZIdParams,
        body: ZCheckIn,
        response: { 200: ZVisit },
      },
    },
    async (req) => checkIn(db, req.actor, req.params.id, req.body, tz),
  );
  app.post(
    '/api/visits/:id/check-out',
    { ...record, schema: { tags, summary: 'Departure with the work done', params: ZIdParams, body: ZCheckOut, response: { 200: ZVisit } } },
    async (req) => checkOut(db, req.actor, req.params.id, req.body, tz),
  );
  app.post(
    '/api/visits/:id/problems',
    {
      ...record,
      schema: {
        tags,
        summary: 'R-INST-5: a problem met and how it was solved',
        params: ZIdParams,
        body: ZRecordProblem,
        response: { 200: ZVisit },
      },
    },
    async (req) => recordProblem(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/visits/:id/extra-requests',
    {
      ...record,
      schema: {
        tags,
        summary: 'R-INST-4: a request outside the contract and the answer given; raises an escalation',
        params: ZIdParams,
        body: ZRecordExtraRequest,
        response: { 200: ZVisit },
      },
    },
    async (req) => recordExtraRequest(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/visits/:id/backup',
    {
      ...record,
      schema: {
        tags,
        summary: "R-EMER-5: backup confirmed, or the customer's refusal with the risk",
        params: ZIdParams,
        body: ZRecordBackup,
        response: { 200: ZVisit },
      },
    },
    async (req) => recordBackup(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/visits/:id/approvals',
    {
      ...record,
      schema: {
        tags,
        summary: "R-EMER-6: the customer's approval to reproduce or to fix",
        params: ZIdParams,
        body: ZRecordApproval,
        response: { 200: ZVisit },
      },
    },
    async (req) => recordApproval(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/visits/:id/actions',
    {
      ...record,
      schema: {
        tags,
        summary: 'A guarded step on the customer’s system (R-EMER-5, R-EMER-6); a technical manager may override',
        params: ZIdParams,
        body: ZRecordVisitAction,
        response: { 200: ZVisit },
      },
    },
    async (req) => recordVisitAction(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/visits/:id/units',
    {
      ...record,
      schema: {
        tags,
        summary: 'A unit served, installed, removed, replaced or put back (R-PM-5, R-INST-7, R-EMER-7)',
        params: ZIdParams,
        body: ZRecordVisitUnit,
        response: { 200: ZVisit },
      },
    },
    async (req) => recordVisitUnit(db, req.actor, req.params.id, req.body, tz),
  );
}

/** A visit's photos: the upload needs multipart, so these are registered in the uploads scope (app.ts). */
export async function visitPhotoRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const store = createFileStore(app.deps.config);
  const tags = ['visits'];
  app.post(
    '/api/visits/:id/photos',
    {
      config: { permission: 'visits.record' },
      schema: {
        tags,
        summary: 'Add a photo taken on site: multipart with one `file` part, a PNG or JPEG of at most 10 MB',
        consumes: ['multipart/form-data'],
        params: ZIdParams,
        response: { 201: ZVisit },
      },
    },
    async (req, reply) => {
      await assertMayAddPhoto(db, req.actor, req.params.id);
      return reply.status(201).send(await withUpload(req, store, ({ file }) => addVisitPhoto(db, store, req.actor, req.params.id, file)));
    },
  );
  app.get(
    '/api/visits/:id/photos/:photoId',
    {
      config: { permission: 'visits.read' },
      schema: { tags, summary: 'Download a photo (always as an attachment)', params: ZVisitPhotoParams },
    },
    async (req, reply) => downloadVisitPhoto(db, store, req.actor, reply, req.params.id, req.params.photoId),
  );
  app.post(
    '/api/visits/:id/checklist/:key/photos',
    {
      config: { permission: 'visits.record' },
      schema: {
        tags,
        summary:
          'A photo for a photo item of the arrival checklist, before check-in (which names it in the answers): multipart with one `file` part, a PNG or JPEG by its content',
        consumes: ['multipart/form-data'],
        params: ZChecklistPhotoItemParams,
        response: { 201: ZChecklistPhoto },
      },
    },
    async (req, reply) => {
      const { id, key } = req.params;
      const item = await arrivalPhotoItem(db, req.actor, id, key);
      const photo = await withChecklistPhoto(req, store, item, (file) => addArrivalChecklistPhoto(db, store, req.actor, id, key, file));
      return reply.status(201).send(photo);
    },
  );
  app.get(
    '/api/visits/:id/checklist-photos/:photoId',
    {
      config: { permission: 'visits.read' },
      schema: { tags, summary: 'A photo of the arrival checklist (always as an attachment)', params: ZChecklistPhotoParams },
    },
    async (req, reply) => downloadArrivalChecklistPhoto(db, store, req.actor, reply, req.params.id, req.params.photoId),
  );
}
