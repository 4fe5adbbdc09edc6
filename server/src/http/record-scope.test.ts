import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAllowed, type TAction } from '@contract/permissions';
import { ROLES, type TRole } from '@contract/roles';
import { todayIn } from '@contract/zoned-time';
import { DEFAULT_TIME_ZONE } from '../modules/calendar/working-calendar';
import { makeContract } from '../modules/contracts/contracts.fixtures';
import { makePmContract } from '../modules/maintenance/maintenance.fixtures';
import { multipartBody, SAMPLE_PNG, samplePdf } from '../modules/files/files.fixtures';
import { importSheet, sheetXlsx } from '../modules/imports/imports.fixtures';
import { SIGNATURE_PNG } from '../modules/service-reports/service-reports.fixtures';
import type { Client, TestApp, TSignedIn } from '../testing/test-app';
import { startTestApp } from '../testing/test-app';
import { engines } from '../testing/test-db';

/*
 * Every route that names a record by id, called by a signed-in user of each role who is outside
 * the record (not assigned, not on the project, not the uploader): when the record's list does not
 * show it to him, the route answers exactly as for an id that does not exist (404, or 403 when his
 * role may not use the route at all) — it neither reveals the record nor acts on it. When the list
 * shows it, a read answers 200. The routes are read from the app, so a new one fails this test
 * until it has a case below.
 */

type Kind =
  | 'customer'
  | 'contact'
  | 'contract'
  | 'equipment'
  | 'document'
  | 'project'
  | 'service_request'
  | 'escalation'
  | 'task_request'
  | 'user'
  | 'notification'
  | 'industry'
  | 'import_report'
  | 'call'
  | 'goods_deviation'
  | 'robot'
  | 'delivery'
  | 'checklist_template'
  | 'service_report'
  | 'follow_up'
  | 'visit'
  | 'visit_unit'
  | 'pm_plan'
  | 'pm_visit'
  | 'part'
  | 'part_loan'
  | 'faulty_part_tag'
  | 'inspection'
  | 'licence'
  | 'training_plan'
  | 'training_session'
  | 'work_hours'
  | 'weekly_report'
  | 'weekly_record'
  | 'weekly_record_action'
  | 'monthly_summary';

interface RouteCase {
  kind: Kind;
  body?: unknown;
  query?: string;
  /** Values of path parameters that are not ids (a workflow action). */
  action?: string;
  /** Other path parameters that are not the record's id (a version number). */
  params?: Record<string, string>;
}

const V1 = { version: 1 };
const CASES: Record<string, RouteCase> = {
  'GET /api/customers/:id': { kind: 'customer' },
  'PATCH /api/customers/:id': { kind: 'customer', body: V1 },
  'DELETE /api/customers/:id': { kind: 'customer' },
  'GET /api/customers/:id/contracts': { kind: 'customer' },
  'GET /api/customers/:id/contacts': { kind: 'customer' },
  'POST /api/customers/:id/contacts': { kind: 'customer', body: { name: '外人', phones: ['139 0000 0000'] } },
  'PATCH /api/customers/:id/contacts/:contactId': { kind: 'contact', body: V1 },
  'DELETE /api/customers/:id/contacts/:contactId': { kind: 'contact' },
  'GET /api/contracts/:id': { kind: 'contract' },
  'PATCH /api/contracts/:id': { kind: 'contract', body: V1 },
  'DELETE /api/contracts/:id': { kind: 'contract' },
  'POST /api/contracts/:id/stage': { kind: 'contract', body: { stage: 'sales_analysis' } },
  'GET /api/contracts/:id/stages': { kind: 'contract' },
  'GET /api/contracts/:id/equipment': { kind: 'contract' },
  'GET /api/contracts/:id/documents/completeness': { kind: 'contract' },
  'GET /api/equipment/:id': { kind: 'equipment' },
  'PATCH /api/equipment/:id': { kind: 'equipment', body: V1 },
  'DELETE /api/equipment/:id': { kind: 'equipment', query: '?reason=x' },
  'GET /api/documents/:id': { kind: 'document' },
  'PATCH /api/documents/:id': { kind: 'document', body: V1 },
  'DELETE /api/documents/:id': { kind: 'document' },
  'GET /api/documents/:id/download': { kind: 'document' },
  'GET /api/documents/:id/versions': { kind: 'document' },
  'POST /api/documents/:id/versions': { kind: 'document', body: {} },
  'GET /api/projects/:id': { kind: 'project' },
  'PATCH /api/projects/:id': { kind: 'project', body: V1 },
  'PATCH /api/projects/:id/team': { kind: 'project', body: V1 },
  'POST /api/projects/:id/agree': { kind: 'project', body: {} },
  'GET /api/service-requests/:id/attachments': { kind: 'service_request' },
  'POST /api/service-requests/:id/attachments': { kind: 'service_request', body: {} },
  'GET /api/service-requests/:id/attachments/:attachmentId': { kind: 'service_request', params: { attachmentId: '1' } },
  'GET /api/service-requests/:id': { kind: 'service_request' },
  'GET /api/service-requests/:id/history': { kind: 'service_request' },
  'GET /api/service-requests/:id/form.pdf': { kind: 'service_request' },
  'PATCH /api/service-requests/:id': { kind: 'service_request', body: V1 },
  'POST /api/service-requests/:id/assign': { kind: 'service_request', body: { engineerId: 1, date: '2026-12-10' } },
  'POST /api/service-requests/:id/backup': { kind: 'service_request', body: { backupEngineerId: null } },
  'POST /api/service-requests/:id/:action': { kind: 'service_request', action: 'accept', body: {} },
  'POST /api/service-requests/:id/escalations': { kind: 'service_request', body: { kind: 'complaint', text: '外人投诉' } },
  'GET /api/escalations/:id': { kind: 'escalation' },
  'POST /api/escalations/:id/acknowledge': { kind: 'escalation', body: {} },
  'POST /api/escalations/:id/close': { kind: 'escalation', body: {} },
  'GET /api/task-requests/:id': { kind: 'task_request' },
  'GET /api/task-requests/:id/form.pdf': { kind: 'task_request' },
  'PATCH /api/task-requests/:id': { kind: 'task_request', body: V1 },
  'POST /api/task-requests/:id/:action': { kind: 'task_request', action: 'start', body: {} },
  'GET /api/users/:id': { kind: 'user' },
  'PATCH /api/users/:id': { kind: 'user', body: V1 },
  'POST /api/users/:id/password': { kind: 'user', body: { password: 'outsider-password-1' } },
  'PATCH /api/industries/:id': { kind: 'industry', body: V1 },
  'POST /api/notifications/:id/read': { kind: 'notification', body: {} },
  'GET /api/imports/reports/:id': { kind: 'import_report' },
  'GET /api/calls/:id': { kind: 'call' },
  'PATCH /api/calls/:id': { kind: 'call', body: V1 },
  'POST /api/calls/:id/log': { kind: 'call', body: { channel: 'phone', text: '外人记录' } },
  'POST /api/calls/:id/emails': { kind: 'call', body: { to: 'x@corp.cn', subject: '外人', text: '外人' } },
  'POST /api/calls/:id/remind': { kind: 'call', body: {} },
  'POST /api/calls/:id/:action': { kind: 'call', action: 'resolve', body: {} },
  'POST /api/contracts/:id/goods-deviations': {
    kind: 'contract',
    body: { kind: 'missing', items: [{ description: '电源', quantity: 1 }] },
  },
  'GET /api/goods-deviations/:id': { kind: 'goods_deviation' },
  'POST /api/goods-deviations/:id/close': { kind: 'goods_deviation', body: { version: 1, resolution: '外人关闭' } },
  'POST /api/goods-deviations/:id/photos': { kind: 'goods_deviation', body: {} },
  // The first photo of the test's database (uploaded in `before`).
  'GET /api/goods-deviations/:id/photos/:photoId': { kind: 'goods_deviation', params: { photoId: '1' } },
  'PATCH /api/notification-robots/:id': { kind: 'robot', body: V1 },
  'POST /api/notification-deliveries/:id/retry': { kind: 'delivery', body: {} },
  'GET /api/checklist-templates/:id': { kind: 'checklist_template' },
  'PATCH /api/checklist-templates/:id': { kind: 'checklist_template', body: V1 },
  'DELETE /api/work-hours/:id': { kind: 'work_hours' },
  'GET /api/weekly-reports/:id': { kind: 'weekly_report' },
  'GET /api/weekly-reports/:id/form.pdf': { kind: 'weekly_report' },
  'GET /api/weekly-reports/:id/form.xlsx': { kind: 'weekly_report' },
  'GET /api/weekly-records/:id/form.pdf': { kind: 'weekly_record' },
  'GET /api/weekly-records/:id/form.xlsx': { kind: 'weekly_record' },
  'GET /api/monthly-summaries/:id/form.pdf': { kind: 'monthly_summary' },
  'GET /api/monthly-summaries/:id/form.xlsx': { kind: 'monthly_summary' },
  'POST /api/weekly-reports/:id/return': { kind: 'weekly_report', body: { version: 2, reason: '外人退回' } },
  'GET /api/weekly-records/:id': { kind: 'weekly_record' },
  'PUT /api/weekly-records/:id': { kind: 'weekly_record', body: { version: 1, attendeeIds: [], decisions: null } },
  'POST /api/weekly-records/:id/actions': { kind: 'weekly_record', body: { text: '外人待办', ownerId: 1, dueDate: '2026-12-31' } },
  'POST /api/weekly-records/:id/finalise': { kind: 'weekly_record', body: V1 },
  'POST /api/weekly-record-actions/:id/done': { kind: 'weekly_record_action', body: {} },
  'GET /api/monthly-summaries/:id': { kind: 'monthly_summary' },
  'PUT /api/monthly-summaries/:id': { kind: 'monthly_summary', body: { version: 1, notes: '外人' } },
  'POST /api/monthly-summaries/:id/approve': { kind: 'monthly_summary', body: V1 },
  'GET /api/checklist-templates/:id/versions/:versionNo': { kind: 'checklist_template', params: { versionNo: '1' } },
  'GET /api/service-reports/:id': { kind: 'service_report' },
  'PATCH /api/service-reports/:id': { kind: 'service_report', body: V1 },
  'POST /api/service-reports/:id/sign': {
    kind: 'service_report',
    body: { version: 1, signatures: [{ role: 'customer', signerName: '外人', method: 'pad', image: SIGNATURE_PNG.toString('base64') }] },
  },
  'POST /api/service-reports/:id/correct': { kind: 'service_report', body: {} },
  'GET /api/service-reports/:id/verify': { kind: 'service_report' },
  'POST /api/service-reports/:id/verify': { kind: 'service_report', body: {} },
  'GET /api/service-reports/:id/report.pdf': { kind: 'service_report' },
  'POST /api/follow-ups/:id/outcome': { kind: 'follow_up', body: { version: 1, channel: 'call', outcome: 'satisfied', score: 5 } },
  'POST /api/service-requests/:id/debrief': {
    kind: 'service_request',
    body: { howItWent: '外人', lessons: '外人', customerSituation: '外人' },
  },
  'GET /api/service-requests/:id/debrief': { kind: 'service_request' },
  'GET /api/service-requests/:id/visits': { kind: 'service_request' },
  'POST /api/service-requests/:id/visits': { kind: 'service_request', body: {} },
  'GET /api/visits/:id': { kind: 'visit' },
  'PATCH /api/visits/:id': { kind: 'visit', body: V1 },
  'GET /api/visits/:id/briefing': { kind: 'visit' },
  'GET /api/visits/:id/unit-candidates': { kind: 'visit' },
  'POST /api/visits/:id/pre-visit-call': {
    kind: 'visit',
    body: {
      version: 1,
      calledAt: '2026-12-01T08:00:00Z',
      contactName: '外人',
      site: '外人',
      power: '外人',
      network: '外人',
      agreedTime: '外人',
    },
  },
  'POST /api/visits/:id/travel': { kind: 'visit', body: V1 },
  'POST /api/visits/:id/check-in': { kind: 'visit', body: { version: 1, checklist: { templateId: 1, versionNo: 1, answers: {} } } },
  'POST /api/visits/:id/check-out': { kind: 'visit', body: { version: 1, workDone: '外人' } },
  'POST /api/visits/:id/problems': { kind: 'visit', body: { problem: '外人' } },
  'POST /api/visits/:id/extra-requests': { kind: 'visit', body: { request: '外人', answer: '外人' } },
  'POST /api/visits/:id/backup': { kind: 'visit', body: { state: 'confirmed', customerName: '外人' } },
  'POST /api/visits/:id/approvals': { kind: 'visit', body: { kind: 'fix', customerName: '外人' } },
  'POST /api/visits/:id/actions': { kind: 'visit', body: { kind: 'fix', description: '外人' } },
  'POST /api/visits/:id/units': { kind: 'visit', body: { action: 'served', equipmentId: 1 } },
  'POST /api/visits/:id/photos': { kind: 'visit', body: {} },
  // The first visit photo of the test's database (uploaded in `before`).
  'GET /api/visits/:id/photos/:photoId': { kind: 'visit', params: { photoId: '1' } },
  // A checklist item's photos: who may read the visit or report is the checklist-photos test's; here, outsiders learn nothing.
  'POST /api/visits/:id/checklist/:key/photos': { kind: 'visit', body: {}, params: { key: 'photo' } },
  'GET /api/visits/:id/checklist-photos/:photoId': { kind: 'visit', params: { photoId: '1' } },
  'POST /api/service-reports/:id/checklist/:key/photos': { kind: 'service_report', body: {}, params: { key: 'photo' } },
  // The checklist photos of the test's database: the visit's arrival check first, then the report's (uploaded in `before`).
  'GET /api/service-reports/:id/checklist-photos/:photoId': { kind: 'service_report', params: { photoId: '2' } },
  'POST /api/visit-units/:id/registered': { kind: 'visit_unit', body: {} },
  'GET /api/parts/:id': { kind: 'part' },
  'GET /api/part-loans/:id': { kind: 'part_loan' },
  'GET /api/part-loans/:id/form.pdf': { kind: 'part_loan' },
  'POST /api/part-loans/:id/approve': { kind: 'part_loan', body: {} },
  'POST /api/part-loans/:id/reject': { kind: 'part_loan', body: {} },
  'POST /api/part-loans/:id/return': { kind: 'part_loan', body: { condition: 'good' } },
  'GET /api/faulty-part-tags/:id': { kind: 'faulty_part_tag' },
  'GET /api/faulty-part-tags/:id/form.pdf': { kind: 'faulty_part_tag' },
  'POST /api/faulty-part-tags/:id/receive': { kind: 'faulty_part_tag', body: {} },
  'POST /api/faulty-part-tags/:id/inspect': { kind: 'faulty_part_tag', body: { version: 1, result: 'pass' } },
  'POST /api/faulty-part-tags/:id/disposition': { kind: 'faulty_part_tag', body: { version: 1, disposition: 'scrap' } },
  'POST /api/service-requests/:id/inspection': { kind: 'service_request', body: {} },
  'GET /api/inspections/:id': { kind: 'inspection' },
  'PATCH /api/inspections/:id': { kind: 'inspection', body: { version: 1, plannedShipDate: null } },
  'POST /api/inspections/:id/units': {
    kind: 'inspection',
    body: { units: [{ model: '外人', packaging: 'opened', openedReason: '外人' }] },
  },
  // The test's inspection's first unit, burn-in and delivery note (made in `before`).
  'PATCH /api/inspections/:id/units/:unitId': { kind: 'inspection', params: { unitId: '1' }, body: { version: 1, sn: 'OUTSIDER' } },
  'POST /api/inspections/:id/units/:unitId/consent': {
    kind: 'inspection',
    params: { unitId: '1' },
    body: { version: 1, decision: 'given', by: '外人', at: '2026-12-07T08:00:00Z', method: 'phone' },
  },
  'POST /api/inspections/:id/units/:unitId/ready': { kind: 'inspection', params: { unitId: '1' }, body: V1 },
  'POST /api/inspections/:id/deviations': { kind: 'inspection', body: { kind: 'missing' } },
  'POST /api/inspections/:id/checklist': { kind: 'inspection', body: { answers: {} } },
  'POST /api/inspections/:id/burn-ins': { kind: 'inspection', body: { unitIds: [1], startedAt: '2026-12-07T08:00:00Z' } },
  'PATCH /api/inspections/:id/burn-ins/:burnInId': { kind: 'inspection', params: { burnInId: '1' }, body: V1 },
  'POST /api/inspections/:id/burn-ins/:burnInId/log': { kind: 'inspection', params: { burnInId: '1' }, body: {} },
  'GET /api/inspections/:id/burn-ins/:burnInId/log': { kind: 'inspection', params: { burnInId: '1' } },
  'POST /api/inspections/:id/delivery-notes': { kind: 'inspection', body: { unitIds: [1], deliveryDate: '2026-12-31' } },
  'GET /api/inspections/:id/delivery-notes/:noteId/pdf': { kind: 'inspection', params: { noteId: '1' } },
  'POST /api/inspections/:id/delivery-notes/:noteId/signature': { kind: 'inspection', params: { noteId: '1' }, body: {} },
  'GET /api/contracts/:id/burn-in-setting': { kind: 'contract' },
  'POST /api/contracts/:id/burn-in-setting': { kind: 'contract', body: { minHours: 12 } },
  'POST /api/contracts/:id/licences': { kind: 'contract', body: { software: '外人软件', needed: true } },
  'GET /api/licences/:id': { kind: 'licence' },
  'PATCH /api/licences/:id': { kind: 'licence', body: V1 },
  'POST /api/licences/:id/key': { kind: 'licence', body: { version: 1, key: 'OUTSIDER' } },
  'POST /api/licences/:id/media': { kind: 'licence', body: {} },
  'GET /api/maintenance/plans/:id': { kind: 'pm_plan' },
  'GET /api/maintenance/plans/:id/form.pdf': { kind: 'pm_plan' },
  'GET /api/maintenance/plans/:id/timetable.ics': { kind: 'pm_plan' },
  'POST /api/maintenance/plans/:id/send': { kind: 'pm_plan', body: {} },
  'GET /api/maintenance/contracts/:id/plan': { kind: 'contract' },
  'POST /api/maintenance/contracts/:id/plan': { kind: 'contract', body: { responsibleEngineerId: 1, backupEngineerId: 2 } },
  'GET /api/maintenance/visits/:id': { kind: 'pm_visit' },
  'PATCH /api/maintenance/visits/:id': { kind: 'pm_visit', body: V1 },
  'POST /api/maintenance/visits/:id/agree': {
    kind: 'pm_visit',
    body: { version: 1, date: '2026-06-01', startTime: '09:00', place: '外人', systemState: '外人', downtime: '外人' },
  },
  'GET /api/training-plans/:id': { kind: 'training_plan' },
  'GET /api/training-plans/:id/plan.pdf': { kind: 'training_plan' },
  'GET /api/training-plans/:id/plan.ics': { kind: 'training_plan' },
  'POST /api/training-plans/:id/send': { kind: 'training_plan', body: {} },
  'GET /api/training-sessions/:id': { kind: 'training_session' },
  'PATCH /api/training-sessions/:id': { kind: 'training_session', body: V1 },
  'POST /api/training-sessions/:id/cancel': { kind: 'training_session', body: V1 },
  'POST /api/training-sessions/:id/confirm': {
    kind: 'training_session',
    body: { version: 1, date: '2026-12-15', startTime: '09:00', place: '外人会议室', attendees: 5 },
  },
  'PUT /api/training-sessions/:id/checklist': { kind: 'training_session', body: { version: 1, answers: {} } },
  'POST /api/training-sessions/:id/attendees': { kind: 'training_session', body: { name: '外人', method: 'paper' } },
  'GET /api/training-sessions/:id/sign-in-sheet.pdf': { kind: 'training_session' },
  'GET /api/training-sessions/:id/attendees/:attendeeId/signature': { kind: 'training_session', params: { attendeeId: '1' } },
  'GET /api/training-sessions/:id/feedback-form.pdf': { kind: 'training_session' },
  'POST /api/training-sessions/:id/feedback-link': { kind: 'training_session', body: {} },
  'POST /api/training-sessions/:id/debrief': {
    kind: 'training_session',
    body: { howItWent: '外人', lessons: '外人', customerSituation: '外人' },
  },
  'GET /api/training-sessions/:id/debrief': { kind: 'training_session' },
  'POST /api/training-sessions/:id/feedback': {
    kind: 'training_session',
    body: { ratings: { content: 1, trainer: 1, materials: 1, organisation: 1, usefulness: 1 } },
  },
  'POST /api/training-sessions/:id/certificates': { kind: 'training_session', body: {} },
  'GET /api/training-sessions/:id/certificate.pdf': { kind: 'training_session' },
  'POST /api/training-sessions/:id/archive': { kind: 'training_session' },
  'POST /api/training-sessions/:id/sign-in-scan': { kind: 'training_session', body: {} },
};

/** Today in the company's zone, as the server dates work hours, weeks and months (the UTC date lags it from 16:00 UTC). */
const TODAY = todayIn(DEFAULT_TIME_ZONE);
/** The list that decides who sees a record of each kind (import reports have none: only their maker and an administrator). */
const LISTS: Record<Exclude<Kind, 'contact' | 'import_report' | 'weekly_record_action'>, string> = {
  customer: '/api/customers',
  contract: '/api/contracts',
  equipment: '/api/equipment',
  document: '/api/documents',
  project: '/api/projects',
  service_request: '/api/service-requests',
  escalation: '/api/escalations',
  task_request: '/api/task-requests',
  user: '/api/users',
  notification: '/api/notifications',
  industry: '/api/industries',
  call: '/api/calls',
  goods_deviation: '/api/goods-deviations',
  robot: '/api/notification-robots',
  delivery: '/api/notification-deliveries?state=pending',
  checklist_template: '/api/checklist-templates',
  service_report: '/api/service-reports',
  follow_up: '/api/follow-ups',
  visit: '/api/visits',
  visit_unit: '/api/visits/warranty-registrations',
  part: '/api/parts',
  part_loan: '/api/part-loans',
  faulty_part_tag: '/api/faulty-part-tags',
  inspection: '/api/inspections',
  licence: '/api/licences',
  pm_plan: '/api/maintenance/plans',
  pm_visit: '/api/maintenance/visits',
  training_plan: '/api/training-plans',
  training_session: '/api/training-sessions',
  work_hours: '/api/work-hours?from=2000-01-01&to=2100-01-01',
  weekly_report: `/api/weekly-reports?week=${TODAY}`,
  weekly_record: `/api/weekly-records?week=${TODAY}`,
  monthly_summary: `/api/monthly-summaries?month=${TODAY.slice(0, 7)}`,
};

const MISSING_ID = '999999';
const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

/** A route names a record when one of its path parameters is `id` or ends in `Id`. */
const isRecordRoute = (url: string) => /:(id|[a-zA-Z]+Id)\b/.test(url);

for (const engine of engines()) {
  describe(`record scope of every /:id route (${engine})`, () => {
    let t: TestApp;
    let ids: Record<Kind, string>;
    let customerId: string;
    const outsiders = new Map<TRole, TSignedIn>();

    before(async () => {
      t = await startTestApp(engine);
      const db = t.app.deps.database.db;
      const insiders = await t.usersWith({
        tm: ['tech_manager'],
        pm: ['project_manager'],
        eng: ['engineer'],
        sales: ['sales'],
        commerce: ['commerce'],
        rcv: ['receiver'],
      });
      for (const role of ROLES) outsiders.set(role, await t.userWith([role]));
      const admin = await t.admin();
      const ok = (r: { status: number; text: string }, status = 201) => assert.equal(r.status, status, r.text);

      const contract = await makeContract(db, { status: 'active' });
      customerId = String(contract.customer.id);
      const contact = await insiders.sales.client.post(`/api/customers/${customerId}/contacts`, {
        name: '钱经理',
        phones: ['139 1001 2001'],
      });
      ok(contact);
      const project = await insiders.tm.client.post('/api/projects', {
        code: `SCOPE-${engine}`,
        name: '数据中心扩容',
        projectManagerId: insiders.pm.user.id,
        contractIds: [contract.id],
      });
      ok(project);
      const unit = await insiders.tm.client.post('/api/equipment', {
        contractId: contract.id,
        productType: '服务器',
        brand: '华为',
        model: '2288H V6',
        sn: `SCOPE-SN-${engine}`,
      });
      ok(unit);
      const { payload, headers } = multipartBody(
        { contractId: String(contract.id), type: 'other', title: '销售上传的文档' },
        { name: 'doc.pdf', content: await samplePdf('scope') },
      );
      const doc = await insiders.sales.client.request('POST', '/api/documents', payload, headers);
      ok(doc);
      const robot = await admin.post('/api/notification-robots', {
        name: '外人群',
        kind: 'wecom',
        webhookUrl: 'http://127.0.0.1:9/robot',
        notificationKinds: ['assignment'],
      });
      ok(robot);
      const sr = await insiders.tm.client.post('/api/service-requests', {
        kind: 'emergency_repair',
        customerId: contract.customer.id,
        contractId: contract.id,
        projectId: project.body.id,
        contactName: '钱经理',
        contactPhone: '139 1001 2001',
        siteAddress: '上海市浦东新区',
        description: '存储告警',
        responsibleEngineerId: insiders.eng.user.id,
        issue: true,
      });
      ok(sr);
      const escalation = await insiders.eng.client.post(`/api/service-requests/${sr.body.id}/escalations`, {
        kind: 'complaint',
        text: '客户投诉响应慢',
      });
      ok(escalation);
      const task = await insiders.tm.client.post('/api/task-requests', {
        task: '整理巡检报告',
        assigneeId: insiders.eng.user.id,
        serviceRequestId: sr.body.id,
        issue: true,
      });
      ok(task);
      const call = await insiders.rcv.client.post('/api/calls', {
        callerName: '钱经理',
        company: '外人公司',
        phone: '139 1001 2001',
        productType: '存储',
        symptom: '控制器告警',
      });
      ok(call);
      const deviation = await insiders.tm.client.post(`/api/contracts/${contract.id}/goods-deviations`, {
        kind: 'damaged',
        items: [{ description: '硬盘', quantity: 2 }],
      });
      ok(deviation);
      const png = multipartBody({}, { name: 'box.png', content: SAMPLE_PNG, type: 'image/png' });
      const photo = await insiders.tm.client.request('POST', `/api/goods-deviations/${deviation.body.id}/photos`, png.payload, png.headers);
      ok(photo);
      assert.equal(photo.body.photos[0].id, 1);
      // Every checklist gets an optional photo item, so that the visit and the report each have a checklist photo.
      const templates = (await admin.get('/api/checklist-templates?pageSize=200')).body.items as {
        id: number;
        currentVersion: number;
        items: unknown[];
      }[];
      for (const tpl of templates)
        ok(
          await admin.patch(`/api/checklist-templates/${tpl.id}`, {
            version: tpl.currentVersion,
            items: [...tpl.items, { key: 'photo', type: 'photo', labelZh: '现场照片', labelEn: 'Site photo', required: false }],
          }),
          200,
        );
      const visit = await insiders.eng.client.post(`/api/service-requests/${sr.body.id}/visits`, {});
      ok(visit);
      const arrivalPhoto = multipartBody({}, { name: 'arrival.png', content: SAMPLE_PNG, type: 'image/png' });
      const checklistPhoto = await insiders.eng.client.request(
        'POST',
        `/api/visits/${visit.body.id}/checklist/photo/photos`,
        arrivalPhoto.payload,
        arrivalPhoto.headers,
      );
      ok(checklistPhoto);
      assert.equal(checklistPhoto.body.id, 1);
      const arrival = (await insiders.eng.client.get(`/api/visits/${visit.body.id}/briefing`)).body.arrivalChecklist;
      const answers = Object.fromEntries(
        (arrival.items as { key: string; type: string }[]).filter((i) => i.type === 'yes_no').map((i) => [i.key, true]),
      );
      const checkedIn = await insiders.eng.client.post(`/api/visits/${visit.body.id}/check-in`, {
        version: visit.body.version,
        checklist: { templateId: arrival.templateId, versionNo: arrival.versionNo, answers },
      });
      ok(checkedIn, 200);
      const visitPhoto = await insiders.eng.client.request('POST', `/api/visits/${visit.body.id}/photos`, png.payload, png.headers);
      ok(visitPhoto);
      assert.equal(visitPhoto.body.photos[0].id, 1);
      const installed = await insiders.eng.client.post(`/api/visits/${visit.body.id}/units`, {
        action: 'installed',
        productType: '服务器',
        brand: '华为',
        model: '1288H V6',
        newSn: `SCOPE-VU-${engine}`,
      });
      ok(installed, 200);
      // A repair has no checklist of its own: one with only a photo item, so that the report has a checklist photo.
      ok(
        await admin.post('/api/checklist-templates', {
          code: 'scope_repair',
          serviceKind: 'emergency_repair',
          nameZh: '故障处理照片',
          nameEn: 'Repair photos',
          items: [{ key: 'photo', type: 'photo', labelZh: '现场照片', labelEn: 'Site photo', required: false }],
        }),
      );
      const report = await insiders.eng.client.post('/api/service-reports', { visitId: visit.body.id });
      ok(report);
      const reportPhoto = multipartBody({}, { name: 'report.png', content: SAMPLE_PNG, type: 'image/png' });
      const reportChecklistPhoto = await insiders.eng.client.request(
        'POST',
        `/api/service-reports/${report.body.id}/checklist/photo/photos`,
        reportPhoto.payload,
        reportPhoto.headers,
      );
      ok(reportChecklistPhoto);
      const signed = await insiders.eng.client.post(`/api/service-reports/${report.body.id}/sign`, {
        version: (await insiders.eng.client.get(`/api/service-reports/${report.body.id}`)).body.version,
        signatures: [{ role: 'customer', signerName: '钱经理', method: 'pad', image: SIGNATURE_PNG.toString('base64') }],
      });
      ok(signed, 200);
      const followUps = await insiders.eng.client.get('/api/follow-ups?mine=true');
      ok(followUps, 200);
      const sitePhoto = multipartBody({}, { name: 'site.png', content: SAMPLE_PNG, type: 'image/png' });
      const attached = await insiders.eng.client.request(
        'POST',
        `/api/service-requests/${sr.body.id}/attachments`,
        sitePhoto.payload,
        sitePhoto.headers,
      );
      ok(attached);
      assert.equal(attached.body[0].id, 1);
      const deliveries = await admin.get('/api/notification-deliveries?state=pending');
      ok(deliveries, 200);
      assert.ok(deliveries.body.items.length > 0, 'the robot has a message waiting');
      const notes = await insiders.eng.client.get('/api/notifications');
      ok(notes, 200);
      assert.ok(notes.body.items.length > 0, 'the engineer was notified');
      const part = await insiders.tm.client.post('/api/parts', { pn: `SCOPE-PN-${engine}`, description: '硬盘', tracking: 'count' });
      ok(part);
      const loan = await insiders.eng.client.post('/api/part-loans', {
        partId: part.body.id,
        purpose: 'loan',
        customerId: Number(customerId),
        dueDate: '2099-01-01',
      });
      ok(loan);
      const tag = await insiders.eng.client.post('/api/faulty-part-tags', {
        pn: 'SCOPE-PN',
        fault: '外人故障',
        removedDate: '2026-12-07',
        condition: 'faulty',
      });
      ok(tag);
      const industry = await admin.post('/api/industries', { code: 'outsider_trade', nameZh: '外人行业', nameEn: 'Outsider industry' });
      ok(industry);
      const sheet = await sheetXlsx([
        ['合同编号', '产品类型', '品牌', '型号', 'SN', '数量', '保修开始', '保修结束'],
        ['HT-NO-SUCH', '交换机', 'H3C', 'S6850', 'SCOPE-X', 1, '', ''],
      ]);
      const imported = await importSheet(insiders.commerce.client, 'equipment', '设备.xlsx', sheet);
      assert.equal(imported.status, 422, imported.text);
      const goods = await insiders.tm.client.post('/api/service-requests', {
        kind: 'goods_inspection',
        customerId: contract.customer.id,
        contractId: contract.id,
        contactName: '钱经理',
        contactPhone: '139 1001 2001',
        siteAddress: '上海市浦东新区',
        description: '到货检验',
        responsibleEngineerId: insiders.eng.user.id,
        issue: true,
      });
      ok(goods);
      const inspection = await insiders.eng.client.post(`/api/service-requests/${goods.body.id}/inspection`, {
        plannedShipDate: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
      });
      ok(inspection);
      const inspectionId = inspection.body.id;
      const received = await insiders.eng.client.post(`/api/inspections/${inspectionId}/units`, {
        units: [{ model: '2288H V6', sn: `SCOPE-INSP-${engine}`, packaging: 'opened', openedReason: '已开箱' }],
      });
      ok(received, 200);
      const burnIn = await insiders.eng.client.post(`/api/inspections/${inspectionId}/burn-ins`, {
        unitIds: [received.body.units[0].id],
        startedAt: new Date(Date.now() - 72 * 3_600_000).toISOString(),
        endedAt: new Date(Date.now() - 48 * 3_600_000).toISOString(),
        result: 'passed',
      });
      ok(burnIn, 200);
      const log = multipartBody({}, { name: 'burn-in.log', content: Buffer.from('OK'), type: 'text/plain' });
      ok(
        await insiders.eng.client.request(
          'POST',
          `/api/inspections/${inspectionId}/burn-ins/${burnIn.body.burnIns[0].id}/log`,
          log.payload,
          log.headers,
        ),
        200,
      );
      const unit1 = burnIn.body.units[0];
      ok(await insiders.eng.client.post(`/api/inspections/${inspectionId}/units/${unit1.id}/ready`, { version: unit1.version }), 200);
      ok(
        await insiders.eng.client.post(`/api/inspections/${inspectionId}/delivery-notes`, {
          unitIds: [unit1.id],
          deliveryDate: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
        }),
        200,
      );
      const licence = await insiders.tm.client.post(`/api/contracts/${contract.id}/licences`, { software: 'Oracle', needed: true });
      ok(licence);
      const pmContract = await makePmContract(db, 4);
      const pmPlan = await insiders.tm.client.post(`/api/maintenance/contracts/${pmContract.id}/plan`, {
        responsibleEngineerId: insiders.eng.user.id,
        backupEngineerId: (await t.userWith(['engineer'])).user.id,
      });
      ok(pmPlan, 200);
      const trainingContract = await makeContract(db, { status: 'active', commitments: { trainingDays: 1 } });
      const plan = await insiders.tm.client.post('/api/training-plans', {
        contractId: trainingContract.id,
        title: '外人培训',
        sessions: [
          {
            course: '运维培训',
            date: '2026-12-15',
            startTime: '09:00',
            hours: 2,
            place: '会议室',
            trainerId: insiders.eng.user.id,
            expectedAttendees: 5,
          },
        ],
      });
      ok(plan);
      const trainingSession = `/api/training-sessions/${plan.body.sessions[0].id}`;
      ok(
        await insiders.eng.client.post(`${trainingSession}/confirm`, {
          version: plan.body.sessions[0].version,
          date: '2026-12-15',
          startTime: '09:00',
          place: '会议室',
          attendees: 5,
        }),
        200,
      );
      ok(
        await insiders.eng.client.post(`${trainingSession}/attendees`, {
          name: '学员甲',
          method: 'pad',
          signature: `data:image/png;base64,${SAMPLE_PNG.toString('base64')}`,
        }),
      );
      ok(await insiders.eng.client.post(`${trainingSession}/certificates`), 200);
      const hours = await insiders.eng.client.post('/api/work-hours', { workDate: TODAY, kind: 'internal', hours: 1, note: '整理文档' });
      ok(hours);
      const weeklyReport = await insiders.eng.client.post(`/api/weekly-reports/mine/submit?week=${TODAY}`, { version: 0, lines: [] });
      ok(weeklyReport, 200);
      const record = await insiders.tm.client.post('/api/weekly-records/draft', { week: TODAY });
      ok(record, 200);
      const withAction = await insiders.tm.client.post(`/api/weekly-records/${record.body.id}/actions`, {
        text: '整理备件清单',
        ownerId: insiders.eng.user.id,
        dueDate: '2026-12-31',
      });
      ok(withAction, 200);
      const summary = await insiders.tm.client.post('/api/monthly-summaries/draft', { month: TODAY.slice(0, 7), contractId: contract.id });
      ok(summary, 200);
      ids = {
        inspection: String(inspectionId),
        licence: String(licence.body.id),
        pm_plan: String(pmPlan.body.id),
        pm_visit: String(pmPlan.body.visits[0].id),
        customer: customerId,
        contact: String(contact.body.id),
        contract: String(contract.id),
        equipment: String(unit.body.id),
        document: String(doc.body.id),
        project: String(project.body.id),
        service_request: String(sr.body.id),
        escalation: String(escalation.body.id),
        task_request: String(task.body.id),
        user: String(insiders.eng.user.id),
        notification: String(notes.body.items[0].id),
        industry: String(industry.body.id),
        import_report: String(imported.body.reportId),
        call: String(call.body.id),
        goods_deviation: String(deviation.body.id),
        robot: String(robot.body.id),
        delivery: String(deliveries.body.items[0].id),
        checklist_template: String((await admin.get('/api/checklist-templates')).body.items[0].id),
        service_report: String(report.body.id),
        follow_up: String(followUps.body.items[0].id),
        visit: String(visit.body.id),
        visit_unit: String(installed.body.units[0].id),
        part: String(part.body.id),
        part_loan: String(loan.body.id),
        faulty_part_tag: String(tag.body.id),
        training_plan: String(plan.body.id),
        training_session: String(plan.body.sessions[0].id),
        work_hours: String(hours.body.items[0].id),
        weekly_report: String(weeklyReport.body.id),
        weekly_record: String(record.body.id),
        weekly_record_action: String(withAction.body.actions[0].id),
        monthly_summary: String(summary.body.id),
      };
    });
    after(() => t.close());

    function urlOf(url: string, c: RouteCase, missing: boolean): string {
      const own = missing ? (c.kind === 'import_report' ? MISSING_UUID : MISSING_ID) : ids[c.kind];
      const path = url
        .replace(':contactId', own)
        .replace(':id', c.kind === 'contact' ? customerId : own)
        .replace(':action', c.action ?? '');
      const named = Object.entries(c.params ?? {}).reduce((p, [name, value]) => p.replace(`:${name}`, value), path);
      return named + (c.query ?? '');
    }

    // What each outsider's list shows, read once per role and kind: nothing here writes what a list shows.
    const seen = new Map<string, Promise<boolean>>();
    function sees(client: Client, role: TRole, kind: Kind): Promise<boolean> {
      const key = `${role} ${kind}`;
      let answer = seen.get(key);
      if (!answer) {
        answer = readSees(client, role, kind);
        seen.set(key, answer);
      }
      return answer;
    }

    async function readSees(client: Client, role: TRole, kind: Kind): Promise<boolean> {
      if (kind === 'import_report') return role === 'admin';
      // A meeting's action item: its owner, or a manager (the weekly record's readers).
      if (kind === 'weekly_record_action') return role === 'admin' || role === 'tech_manager';
      // A customer's contacts are read with the customer.
      const listed = kind === 'contact' ? 'customer' : kind;
      const list = LISTS[listed];
      const r = await client.get(`${list}${list.includes('?') ? '&' : '?'}pageSize=200`);
      if (r.status !== 200) return false;
      // The weekly record of a week is one object (or null), not a list.
      const items: { id: number }[] = Array.isArray(r.body) ? r.body : (r.body?.items ?? (r.body ? [r.body] : []));
      return items.some((i) => String(i.id) === ids[listed]);
    }

    it('R-ORG-4 an outsider of each role gets from every /:id route what an id that does not exist gets, unless the list shows him the record', async () => {
      const routes = t.app.declaredRoutes.filter((r) => isRecordRoute(r.url) && r.permission !== 'public');
      assert.ok(routes.length >= 40, `found ${routes.length} record routes`);
      const holes: string[] = [];
      for (const route of routes) {
        const key = `${route.method} ${route.url}`;
        const c = CASES[key];
        if (!c) {
          holes.push(`${key}: no case in this test`);
          continue;
        }
        for (const role of ROLES) {
          const { client } = outsiders.get(role)!;
          if (await sees(client, role, c.kind)) {
            if (route.method !== 'GET') continue; // writes by those who see the record: the areas' own rules
            const r = await client.get(urlOf(route.url, c, false));
            const expected = route.permission === 'authenticated' || isAllowed([role], route.permission as TAction) ? 200 : 403;
            if (r.status !== expected) holes.push(`${role} ${key} (listed) → ${r.status} ${r.body?.code ?? ''}`);
            continue;
          }
          const real = await client.request(route.method, urlOf(route.url, c, false), c.body);
          const none = await client.request(route.method, urlOf(route.url, c, true), c.body);
          const same = real.status === none.status && real.body?.code === none.body?.code && [403, 404].includes(real.status);
          if (!same)
            holes.push(
              `${role} ${key} (not listed) → ${real.status} ${real.body?.code ?? ''}, missing id → ${none.status} ${none.body?.code ?? ''}`,
            );
        }
      }
      assert.deepEqual(holes, []);
    });
  });
}
