import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import { todayIn } from '@contract/zoned-time';
import { dayNumberOfIsoDate, isoDateOfDayNumber } from '@contract/zoned-time';
import { holdsText, pdfText } from '../../pdf/pdf-tools.fixtures';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { multipartBody, SAMPLE_PNG } from '../files/files.fixtures';
import { makeServiceRequest } from '../service-requests/service-requests.fixtures';
import { sweepDemoLicences } from './licences.service';

const ROLES = {
  tm: ['tech_manager'],
  sales: ['sales'],
  commerce: ['commerce'],
  eng: ['engineer'],
  other: ['engineer'],
} satisfies Record<string, TRole[]>;

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const plusDays = (date: string, n: number) => isoDateOfDayNumber(dayNumberOfIsoDate(date) + n);

for (const engine of engines()) {
  describe(`goods inspection (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let contractId: number;
    let items: { id: number }[];
    const db = () => t.app.deps.database.db;
    const today = () => todayIn(TZ);

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES);
    });
    after(() => t.close());

    /** A goods-inspection request on a fresh contract with two list lines, and its inspection record. */
    async function freshInspection(shipInDays = 5) {
      const contract = await makeContract(db(), {
        status: 'active',
        salesOwnerId: u.sales.user.id,
        items: [
          { description: '机架式服务器', model: '2288H V6', quantity: 2, unitPrice: 100_00 },
          { description: '光纤交换机', model: 'SN3600', quantity: 1, unitPrice: 100_00 },
        ],
      });
      contractId = contract.id;
      items = contract.items as { id: number }[];
      const sr = await makeServiceRequest(
        u.tm.client,
        { customerId: contract.customer.id, contractId: contract.id },
        { kind: 'goods_inspection', description: '到货检验', responsibleEngineerId: u.eng.user.id, issue: true },
      );
      const r = await u.eng.client.post(`/api/service-requests/${sr.id}/inspection`, { plannedShipDate: plusDays(today(), shipInDays) });
      assert.equal(r.status, 201, r.text);
      return r.body;
    }

    async function receive(id: number, units: Record<string, unknown>[]) {
      const r = await u.eng.client.post(`/api/inspections/${id}/units`, { units });
      assert.equal(r.status, 200, r.text);
      return r.body;
    }

    /** A unit already opened, burnt in for `minutes` ending `endAgoHours` ago, with `result`. */
    async function burntIn(minutes: number, endedAt = new Date(Date.now() - 48 * HOUR), result = 'passed', shipInDays = 5) {
      const insp = await freshInspection(shipInDays);
      const d = await receive(insp.id, [
        {
          contractItemId: items[0].id,
          model: '2288H V6',
          pn: '02312QMV',
          sn: `SN-${Math.random().toString(36).slice(2, 10)}`,
          packaging: 'opened',
          openedReason: '供应商开箱验货',
        },
      ]);
      const unit = d.units[0];
      const b = await u.eng.client.post(`/api/inspections/${insp.id}/burn-ins`, {
        unitIds: [unit.id],
        startedAt: new Date(endedAt.getTime() - minutes * 60_000).toISOString(),
        endedAt: endedAt.toISOString(),
        result,
      });
      assert.equal(b.status, 200, b.text);
      return { id: insp.id as number, unit: b.body.units[0] };
    }

    it('R-GOODS-1 units received are checked against the contract list; SNs typed or pasted are kept upper case', async () => {
      const insp = await freshInspection();
      assert.equal(insp.gate, 'not_started');
      assert.equal(insp.expected.length, 2);
      const d = await receive(insp.id, [
        {
          contractItemId: items[0].id,
          model: '2288H V6',
          pn: '02312QMV',
          sn: ' 21a0x1 ',
          packaging: 'opened',
          openedReason: '供应商已开箱',
        },
        { contractItemId: items[1].id, model: 'SN3650', sn: '21A0X2', packaging: 'sealed' },
      ]);
      assert.deepEqual(
        d.units.map((x: { sn: string }) => x.sn),
        ['21A0X1', '21A0X2'],
      );
      const kinds = d.differences.map((x: { kind: string }) => x.kind).sort();
      assert.deepEqual(kinds, ['missing', 'wrong_model']);
      assert.equal(d.expected[0].received, 1);
    });

    it('R-GOODS-1 a duplicate SN within one contract is refused naming the field, and nothing is saved', async () => {
      const insp = await freshInspection();
      await receive(insp.id, [{ model: '2288H V6', sn: 'DUP-1', packaging: 'opened', openedReason: '已开箱' }]);
      const r = await u.eng.client.post(`/api/inspections/${insp.id}/units`, {
        units: [
          { model: '2288H V6', sn: 'NEW-1', packaging: 'opened', openedReason: '已开箱' },
          { model: '2288H V6', sn: 'dup-1', packaging: 'opened', openedReason: '已开箱' },
        ],
      });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.issues[0].path, 'units.1.sn');
      const d = (await u.eng.client.get(`/api/inspections/${insp.id}`)).body;
      assert.equal(d.units.length, 1);
      const inList = await u.eng.client.post(`/api/inspections/${insp.id}/units`, {
        units: [
          { model: 'X', sn: 'TWICE', packaging: 'opened', openedReason: '已开箱' },
          { model: 'X', sn: 'twice', packaging: 'opened', openedReason: '已开箱' },
        ],
      });
      assert.equal(inList.body.issues[0].path, 'units.1.sn');
    });

    it('R-GOODS-1 only a goods-inspection request gets an inspection record, once', async () => {
      const contract = await makeContract(db(), { status: 'active' });
      const repair = await makeServiceRequest(
        u.tm.client,
        { customerId: contract.customer.id, contractId: contract.id },
        { issue: true, responsibleEngineerId: u.eng.user.id },
      );
      const r = await u.tm.client.post(`/api/service-requests/${repair.id}/inspection`, {});
      assert.equal(r.status, 422);
      assert.equal(r.body.code, 'INSPECTION_NOT_GOODS');
      assert.equal(r.body.rule, 'R-GOODS-1');
      const insp = await freshInspection();
      const again = await u.eng.client.post(`/api/service-requests/${insp.serviceRequest.id}/inspection`, {});
      assert.equal(again.status, 409);
    });

    it('R-GOODS-2 R-ORG-8 the differences are raised as a goods deviation that tells sales and commerce', async () => {
      const insp = await freshInspection();
      await receive(insp.id, [
        { contractItemId: items[0].id, model: '2288H V6', sn: 'ONE-OF-TWO', packaging: 'opened', openedReason: '已开箱' },
      ]);
      const r = await u.eng.client.post(`/api/inspections/${insp.id}/deviations`, { kind: 'missing', note: '少到一台服务器和交换机' });
      assert.equal(r.status, 201, r.text);
      assert.match(r.body.number, /^GD-/);
      assert.equal(r.body.items.length, 2);
      const notices = (await u.sales.client.get('/api/notifications?pageSize=200')).body.items.filter(
        (n: { kind: string; entityId: number }) => n.kind === 'goods_deviation' && n.entityId === r.body.id,
      );
      assert.equal(notices.length, 1);
      const d = (await u.eng.client.get(`/api/inspections/${insp.id}`)).body;
      assert.deepEqual(d.deviationIds, [r.body.id]);
    });

    it('R-GOODS-2 a unit not tested is not shipped without the technical manager approving the exception', async () => {
      const insp = await freshInspection();
      const d = await receive(insp.id, [{ model: '2288H V6', sn: 'VENDOR-ONSITE', packaging: 'opened', openedReason: '厂商现场验货' }]);
      const unit = d.units[0];
      const refused = await u.eng.client.post(`/api/inspections/${insp.id}/units/${unit.id}/ready`, { version: unit.version });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'INSPECTION_GATE_CLOSED');
      const engOverride = await u.eng.client.post(`/api/inspections/${insp.id}/units/${unit.id}/ready`, {
        version: unit.version,
        override: { reason: '厂商现场验货' },
      });
      assert.equal(engOverride.status, 403);
      assert.equal(engOverride.body.code, 'GUARD_OVERRIDE_FORBIDDEN');
      const ok = await u.tm.client.post(`/api/inspections/${insp.id}/units/${unit.id}/ready`, {
        version: unit.version,
        override: { reason: '厂商工程师到客户现场验货，无内部测试条件' },
      });
      assert.equal(ok.status, 200, ok.text);
      assert.ok(ok.body.units[0].readyAt);
    });

    it('R-GOODS-3 the gate refuses ready to ship at 11 h 59 min of burn-in, saying how much is short', async () => {
      const { id, unit } = await burntIn(11 * 60 + 59);
      assert.equal(unit.gate.state, 'short');
      const r = await u.eng.client.post(`/api/inspections/${id}/units/${unit.id}/ready`, { version: unit.version });
      assert.equal(r.status, 422);
      assert.equal(r.body.code, 'INSPECTION_GATE_CLOSED');
      assert.equal(r.body.rule, 'R-GOODS-3');
      assert.equal(r.body.issues[0].path, 'gate');
      assert.equal(r.body.issues[0].code, 'hours_short');
      assert.match(r.body.message + r.body.issues[0].message, /1 分钟|1 min/);
      const exactly12 = await burntIn(12 * 60);
      const ok = await u.eng.client.post(`/api/inspections/${exactly12.id}/units/${exactly12.unit.id}/ready`, {
        version: exactly12.unit.version,
      });
      assert.equal(ok.status, 200, ok.text);
    });

    it('R-GOODS-3 the gate refuses a burn-in ending less than one day before shipment, naming the date', async () => {
      // Ended a minute ago; shipment tomorrow: it had to end before today began.
      const { id, unit } = await burntIn(18 * 60, new Date(Date.now() - 60_000), 'passed', 1);
      assert.equal(unit.gate.state, 'too_late');
      const r = await u.eng.client.post(`/api/inspections/${id}/units/${unit.id}/ready`, { version: unit.version });
      assert.equal(r.status, 422);
      assert.equal(r.body.issues[0].code, 'date_too_late');
      assert.match(r.body.issues[0].message, new RegExp(today()));
    });

    it('R-GOODS-3 a technical manager overrides the gate with a written reason, which the audit trail keeps', async () => {
      const { id, unit } = await burntIn(11 * 60 + 59);
      const short = await u.tm.client.post(`/api/inspections/${id}/units/${unit.id}/ready`, {
        version: unit.version,
        override: { reason: 'ab' },
      });
      assert.equal(short.status, 400);
      const reason = '客户紧急上线，已电话确认，剩余测试在现场完成';
      const r = await u.tm.client.post(`/api/inspections/${id}/units/${unit.id}/ready`, { version: unit.version, override: { reason } });
      assert.equal(r.status, 200, r.text);
      const admin = await t.admin();
      const audit = await admin.get(`/api/audit?entity=inspection&entityId=${id}&pageSize=50`);
      assert.equal(audit.status, 200, audit.text);
      assert.ok(
        (audit.body.items as { action: string }[]).some((e) => e.action === 'override_guard' && JSON.stringify(e).includes(reason)),
        'the override is in the audit trail with its reason',
      );
      const overrides = await u.tm.client.get('/api/guard-overrides?rule=R-GOODS-3&pageSize=200');
      assert.equal(overrides.status, 200, overrides.text);
      assert.ok(
        (overrides.body.items as { reason: string; entityId: string }[]).some((o) => o.reason === reason && o.entityId === String(id)),
      );
    });

    it('R-GOODS-3 a failed burn-in and a running one are not ready; the list groups inspections by gate state', async () => {
      const failed = await burntIn(13 * 60, new Date(Date.now() - 48 * HOUR), 'failed');
      assert.equal(failed.unit.gate.state, 'failed');
      const list = (await u.tm.client.get('/api/inspections?gate=blocked&pageSize=200')).body;
      assert.ok(list.items.some((i: { id: number }) => i.id === failed.id));
      const notStarted = (await u.tm.client.get('/api/inspections?gate=not_started&pageSize=200')).body;
      assert.ok(notStarted.items.every((i: { gate: string }) => i.gate === 'not_started'));
      const xlsx = await u.tm.client.get('/api/inspections/export.xlsx?gate=blocked');
      assert.equal(xlsx.status, 200);
      assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
      const week = await u.tm.client.get('/api/inspections/export.xlsx?dueThisWeek=true');
      assert.equal(week.status, 200);
    });

    it('R-GOODS-3 a shipment within three days whose burn-in has not started carries a warning; a past ship date is refused', async () => {
      const insp = await freshInspection(2);
      await receive(insp.id, [{ model: '2288H V6', sn: `W-${engine}`, packaging: 'opened', openedReason: '已开箱' }]);
      const d = (await u.eng.client.get(`/api/inspections/${insp.id}`)).body;
      assert.equal(d.burnInWarning, true);
      const past = await u.eng.client.patch(`/api/inspections/${insp.id}`, { version: d.version, plannedShipDate: plusDays(today(), -1) });
      assert.equal(past.status, 400);
      assert.equal(past.body.issues[0].path, 'plannedShipDate');
      const after = (await u.eng.client.get(`/api/inspections/${insp.id}`)).body;
      assert.equal(after.plannedShipDate, d.plannedShipDate);
    });

    it('R-GOODS-3 the planned shipment and its gate are on the dispatch board and in the engineer’s work list, with the warning', async () => {
      const insp = await freshInspection(2);
      await receive(insp.id, [{ model: '2288H V6', sn: `BOARD-${engine}`, packaging: 'opened', openedReason: '已开箱' }]);
      const mine = (await u.eng.client.get('/api/my-work')).body;
      const item = [...mine.todayItems, ...mine.upcoming].find((i: { id: number }) => i.id === insp.serviceRequest.id);
      assert.ok(item, 'the request is in my work');
      assert.deepEqual(item.shipment, {
        inspectionId: insp.id,
        plannedShipDate: insp.plannedShipDate,
        gate: 'not_started',
        burnInWarning: true,
      });
      const assigned = await u.tm.client.post(`/api/service-requests/${insp.serviceRequest.id}/assign`, {
        engineerId: u.eng.user.id,
        date: today(),
      });
      assert.equal(assigned.status, 200, assigned.text);
      const board = (await u.tm.client.get(`/api/dispatch/board?from=${today()}&to=${today()}`)).body;
      const cards = board.engineers.flatMap((e: { days: { items: { id: number }[] }[] }) => e.days.flatMap((d) => d.items));
      const card = cards.find((c: { id: number }) => c.id === insp.serviceRequest.id);
      assert.equal(card.shipment.gate, 'not_started');
      assert.equal(card.shipment.burnInWarning, true);
    });

    it('R-GOODS-4 a sealed unit is not burnt in before the customer consents; a refusal ships it untested by the customer’s choice', async () => {
      const insp = await freshInspection();
      const d = await receive(insp.id, [
        { contractItemId: items[0].id, model: '2288H V6', sn: `SEAL-A-${engine}`, packaging: 'sealed' },
        { contractItemId: items[0].id, model: '2288H V6', sn: `SEAL-B-${engine}`, packaging: 'sealed' },
      ]);
      const [a, b] = d.units;
      assert.equal(a.consent, 'pending');
      const start = new Date(Date.now() - 60 * HOUR).toISOString();
      const early = await u.eng.client.post(`/api/inspections/${insp.id}/burn-ins`, { unitIds: [a.id], startedAt: start });
      assert.equal(early.status, 422);
      assert.equal(early.body.rule, 'R-GOODS-4');
      const given = await u.eng.client.post(`/api/inspections/${insp.id}/units/${a.id}/consent`, {
        version: a.version,
        decision: 'given',
        by: '客户信息部 王工',
        at: new Date().toISOString(),
        method: 'phone',
      });
      assert.equal(given.status, 200, given.text);
      assert.equal(given.body.units[0].consentBy, '客户信息部 王工');
      const refused = await u.eng.client.post(`/api/inspections/${insp.id}/units/${b.id}/consent`, {
        version: b.version,
        decision: 'refused',
        by: '客户信息部 王工',
        at: new Date().toISOString(),
        method: 'email',
      });
      const unitB = refused.body.units[1];
      assert.equal(unitB.gate.state, 'customer_declined');
      const ready = await u.eng.client.post(`/api/inspections/${insp.id}/units/${unitB.id}/ready`, { version: unitB.version });
      assert.equal(ready.status, 200, ready.text);
      const note = await u.eng.client.post(`/api/inspections/${insp.id}/delivery-notes`, {
        unitIds: [unitB.id],
        deliveryDate: plusDays(today(), 5),
      });
      assert.equal(note.status, 200, note.text);
      const pdf = await u.eng.client.request('GET', `/api/inspections/${insp.id}/delivery-notes/${note.body.deliveryNotes[0].id}/pdf`);
      assert.equal(pdf.status, 200);
    });

    it('R-GOODS-5 the preparation checklist is the seeded template; a burn-in ending before it starts is refused naming the field', async () => {
      const insp = await freshInspection();
      assert.equal(insp.checklist.complete, false);
      const tpl = (await u.eng.client.get(`/api/checklist-templates/${insp.checklist.templateId}`)).body;
      assert.equal(tpl.code, 'goods_preparation');
      const answers = {
        internal_devices: true,
        console_connected: true,
        os_patches: true,
        test_hours: 18,
        environment_simulated: 'yes',
        configuration_agreed: true,
        storage_tested: 'not_applicable',
      };
      const c = await u.eng.client.post(`/api/inspections/${insp.id}/checklist`, { answers });
      assert.equal(c.status, 200, c.text);
      assert.equal(c.body.checklist.complete, true);
      const d = await receive(insp.id, [{ model: '2288H V6', sn: `BI-${engine}`, packaging: 'opened', openedReason: '已开箱' }]);
      const startedAt = new Date(Date.now() - 10 * HOUR).toISOString();
      const bad = await u.eng.client.post(`/api/inspections/${insp.id}/burn-ins`, {
        unitIds: [d.units[0].id],
        startedAt,
        endedAt: new Date(Date.now() - 11 * HOUR).toISOString(),
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.issues[0].path, 'endedAt');
      assert.equal((await u.eng.client.get(`/api/inspections/${insp.id}`)).body.burnIns.length, 0);
      const ok = await u.eng.client.post(`/api/inspections/${insp.id}/burn-ins`, { unitIds: [d.units[0].id], startedAt });
      assert.equal(ok.body.units[0].gate.state, 'running');
      const bi = ok.body.burnIns[0];
      const endBefore = await u.eng.client.patch(`/api/inspections/${insp.id}/burn-ins/${bi.id}`, {
        version: bi.version,
        endedAt: new Date(Date.now() - 11 * HOUR).toISOString(),
      });
      assert.equal(endBefore.body.issues[0].path, 'endedAt');
      const log = multipartBody({}, { name: 'burn-in.log', content: Buffer.from('memtest OK\nprime95 OK\n'), type: 'text/plain' });
      const up = await u.eng.client.request('POST', `/api/inspections/${insp.id}/burn-ins/${bi.id}/log`, log.payload, log.headers);
      assert.equal(up.status, 200, up.text);
      assert.equal(up.body.burnIns[0].logName, 'burn-in.log');
      const down = await u.eng.client.request('GET', `/api/inspections/${insp.id}/burn-ins/${bi.id}/log`);
      assert.match(String(down.headers['content-disposition']), /attachment/);
    });

    it('R-GOODS-5 a contract burn-in below 12 hours needs a technical manager override; the gate then uses it', async () => {
      const { id, unit } = await burntIn(10 * 60);
      const d = (await u.tm.client.get(`/api/inspections/${id}`)).body;
      const below = await u.tm.client.post(`/api/contracts/${d.contract.id}/burn-in-setting`, { minHours: 8 });
      assert.equal(below.status, 422);
      assert.equal(below.body.rule, 'R-GOODS-5');
      const set = await u.tm.client.post(`/api/contracts/${d.contract.id}/burn-in-setting`, {
        minHours: 8,
        override: { reason: '客户仅采购备机，厂商已出厂测试' },
      });
      assert.equal(set.status, 200, set.text);
      assert.equal(set.body.minHours, 8);
      const after = (await u.eng.client.get(`/api/inspections/${id}`)).body;
      assert.equal(after.units[0].gate.state, 'passed');
      const ok = await u.eng.client.post(`/api/inspections/${id}/units/${unit.id}/ready`, { version: after.units[0].version });
      assert.equal(ok.status, 200, ok.text);
      const higher = await u.tm.client.post(`/api/contracts/${d.contract.id}/burn-in-setting`, { minHours: 24 });
      assert.equal(higher.status, 200);
    });

    it('R-FORM-1 R-ORG-7 the delivery note lists the units shipped, is signed on the pad and filed as a copy with its original holder', async () => {
      const { id, unit } = await burntIn(18 * 60);
      const ready = await u.eng.client.post(`/api/inspections/${id}/units/${unit.id}/ready`, { version: unit.version });
      assert.equal(ready.status, 200, ready.text);
      const notReady = await u.eng.client.post(`/api/inspections/${id}/delivery-notes`, { unitIds: [999999], deliveryDate: today() });
      assert.equal(notReady.status, 400);
      const n = await u.eng.client.post(`/api/inspections/${id}/delivery-notes`, {
        unitIds: [unit.id],
        deliveryDate: plusDays(today(), 5),
        receiverName: '李收货',
      });
      assert.equal(n.status, 200, n.text);
      const note = n.body.deliveryNotes[0];
      assert.match(note.number, /^DN-\d{4}-\d{5}$/);
      assert.equal(n.body.gate, 'shipped');
      const pdf = await t.app.inject({
        method: 'GET',
        url: `/api/inspections/${id}/delivery-notes/${note.id}/pdf`,
        headers: { cookie: u.eng.client.cookie ?? '' },
      });
      assert.equal(pdf.statusCode, 200);
      const text = await pdfText(pdf.rawPayload);
      assert.ok(holdsText(text, unit.sn), text);
      assert.ok(holdsText(text, '设备签收单'));
      assert.ok(holdsText(text, '02312QMV'));
      const sig = multipartBody(
        { method: 'pad', receiverName: '李收货', originalHolder: 'commerce' },
        { name: 'sig.png', content: SAMPLE_PNG, type: 'image/png' },
      );
      const signed = await u.eng.client.request(
        'POST',
        `/api/inspections/${id}/delivery-notes/${note.id}/signature`,
        sig.payload,
        sig.headers,
      );
      assert.equal(signed.status, 200, signed.text);
      const s = signed.body.deliveryNotes[0];
      assert.equal(s.signMethod, 'pad');
      assert.ok(s.signatureId, 'the signature is recorded by the signatures module');
      assert.ok(s.documentId);
      const doc = (await u.tm.client.get(`/api/documents/${s.documentId}`)).body;
      assert.equal(doc.type, 'equipment_receipt');
      assert.equal(doc.isCopy, true);
      assert.equal(doc.originalHolder, 'commerce');
      const twice = await u.eng.client.request(
        'POST',
        `/api/inspections/${id}/delivery-notes/${note.id}/signature`,
        sig.payload,
        sig.headers,
      );
      assert.equal(twice.status, 409);
      const bigPad = multipartBody(
        { method: 'pad', receiverName: '李收货' },
        { name: 'x.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n'), type: 'application/pdf' },
      );
      const wrong = await u.eng.client.request(
        'POST',
        `/api/inspections/${id}/delivery-notes/${note.id}/signature`,
        bigPad.payload,
        bigPad.headers,
      );
      assert.ok([400, 409].includes(wrong.status));
    });

    it('R-GOODS-6 licences: hostid and serial, the key filed in the archive and never in a list, demo expiry reminded once', async () => {
      await freshInspection();
      const expires = plusDays(today(), 10);
      const c = await u.eng.client.post(`/api/contracts/${contractId}/licences`, {
        software: 'Oracle Database EE',
        needed: true,
        demoExpiresOn: expires,
        hostid: '0A1B2C3D',
        softwareSerial: 'ORA-123-456',
        appliedOn: today(),
      });
      assert.equal(c.status, 201, c.text);
      const secret = 'KEY-SECRET-7f3a9c-DO-NOT-LIST';
      const k = await u.eng.client.post(`/api/licences/${c.body.id}/key`, { version: c.body.version, key: secret });
      assert.equal(k.status, 200, k.text);
      assert.equal(k.body.hasKey, true);
      const list30 = await u.sales.client.get('/api/licences?expiringWithin=30');
      assert.ok(list30.body.items.some((l: { id: number }) => l.id === c.body.id));
      assert.ok(!list30.text.includes(secret));
      const search = await u.tm.client.get(`/api/search?q=${encodeURIComponent(secret)}`);
      assert.ok(!search.text.includes(secret));
      const docs = await u.tm.client.get(`/api/documents?contractId=${contractId}`);
      assert.ok(!docs.text.includes(secret));
      const badDates = await u.eng.client.patch(`/api/licences/${c.body.id}`, {
        version: k.body.version,
        receivedOn: plusDays(today(), -3),
      });
      assert.equal(badDates.status, 400);
      assert.equal(badDates.body.issues[0].path, 'receivedOn');
      const first = await sweepDemoLicences(db(), TZ);
      assert.ok(first >= 1);
      assert.equal(await sweepDemoLicences(db(), TZ), 0);
      const notices = (await u.sales.client.get('/api/notifications?pageSize=200')).body.items.filter(
        (n: { kind: string; entityId: number }) => n.kind === 'licence_expiring' && n.entityId === c.body.id,
      );
      assert.equal(notices.length, 1);
      const media = multipartBody(
        {},
        { name: 'media-backup.txt', content: Buffer.from('DVD 1/2 Oracle 19c, 存放于客户档案柜 A3'), type: 'text/plain' },
      );
      const m = await u.eng.client.request('POST', `/api/licences/${c.body.id}/media`, media.payload, media.headers);
      assert.equal(m.status, 200, m.text);
      assert.ok(m.body.mediaDocumentId);
      const xlsx = await u.tm.client.get('/api/licences/export.xlsx?expiringWithin=90');
      assert.equal(xlsx.status, 200);
    });

    it('an engineer outside the request does not see its inspection', async () => {
      const insp = await freshInspection();
      assert.equal((await u.other.client.get(`/api/inspections/${insp.id}`)).status, 404);
      assert.ok(!(await u.other.client.get('/api/inspections?pageSize=200')).body.items.some((i: { id: number }) => i.id === insp.id));
    });
  });
}
