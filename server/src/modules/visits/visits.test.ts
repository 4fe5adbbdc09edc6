import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { multipartBody, SAMPLE_PNG, samplePdf } from '../files/files.fixtures';
import { makeServiceRequest } from '../service-requests/service-requests.fixtures';

const ROLES = {
  tm: ['tech_manager'],
  sales: ['sales'],
  commerce: ['commerce'],
  eng: ['engineer'],
  eng2: ['engineer'],
  outsider: ['engineer'],
  pm: ['project_manager'],
} satisfies Record<string, TRole[]>;

type Answers = Record<string, boolean | string | number | string[] | null>;
type Item = { key: string; type: string; required: boolean };

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

for (const engine of engines()) {
  describe(`visits (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let customerId: number;
    let contractId: number;
    let inWarranty: { id: number; sn: string };
    let outOfWarranty: { id: number; sn: string };
    let otherContractUnit: number;
    const db = () => t.app.deps.database.db;

    const unit = async (contract: number, sn: string, warrantyEnd: string) => {
      const r = await u.tm.client.post('/api/equipment', {
        contractId: contract,
        productType: '存储',
        brand: 'Huawei',
        model: 'OceanStor 5300',
        pn: `PN-${sn}`,
        sn,
        warrantyStart: '2019-01-01',
        warrantyEnd,
      });
      assert.equal(r.status, 201, r.text);
      return { id: r.body.id as number, sn };
    };

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES);
      const contract = await makeContract(db(), { status: 'active', salesOwnerId: u.sales.user.id });
      contractId = contract.id;
      customerId = contract.customer.id;
      const c = await u.tm.client.post(`/api/customers/${customerId}/contacts`, {
        name: '钱建国',
        title: '信息中心主任',
        phones: ['139 1001 3001'],
      });
      assert.equal(c.status, 201, c.text);
      inWarranty = await unit(contractId, 'SN-VISIT-IN', '2099-12-31');
      outOfWarranty = await unit(contractId, 'SN-VISIT-OUT', '2020-12-31');
      const other = await makeContract(db(), { status: 'active' });
      otherContractUnit = (await unit(other.id, 'SN-VISIT-ELSEWHERE', '2099-12-31')).id;
    });
    after(() => t.close());

    /** A scheduled request of `eng` (backup `eng2`) and a planned visit of it. */
    async function plannedVisit(over: Record<string, unknown> = {}) {
      const sr = await makeServiceRequest(
        u.sales.client,
        { customerId, contractId },
        { issue: true, responsibleEngineerId: u.eng.user.id, backupEngineerId: u.eng2.user.id, ...over },
      );
      assert.equal((await u.eng.client.post(`/api/service-requests/${sr.id}/accept`, {})).status, 200);
      const s = await u.eng.client.post(`/api/service-requests/${sr.id}/schedule`, {});
      assert.equal(s.status, 200, s.text);
      const v = await u.eng.client.post(`/api/service-requests/${sr.id}/visits`, { engineerIds: [u.eng2.user.id] });
      assert.equal(v.status, 201, v.text);
      return { sr, visit: v.body };
    }

    async function arrivalChecklist(visitId: number, over: Answers = {}) {
      const b = await u.eng.client.get(`/api/visits/${visitId}/briefing`);
      assert.equal(b.status, 200, b.text);
      const c = b.body.arrivalChecklist as { templateId: number; versionNo: number; items: Item[] };
      const answers: Answers = {};
      for (const item of c.items) if (item.type === 'yes_no') answers[item.key] = true;
      return { templateId: c.templateId, versionNo: c.versionNo, answers: { ...answers, ...over } };
    }

    /** Travelled and checked in: on site. */
    async function onSiteVisit(over: Record<string, unknown> = {}) {
      const { sr, visit } = await plannedVisit(over);
      const tr = await u.eng.client.post(`/api/visits/${visit.id}/travel`, { version: visit.version });
      assert.equal(tr.status, 200, tr.text);
      const ci = await u.eng.client.post(`/api/visits/${visit.id}/check-in`, {
        version: tr.body.version,
        checklist: await arrivalChecklist(visit.id),
      });
      assert.equal(ci.status, 200, ci.text);
      return { sr, visit: ci.body };
    }

    it('R-INST-3 before the visit: the contract without amounts, its documents and the site contacts; the pre-visit call is recorded', async () => {
      const { visit } = await plannedVisit();
      const b = await u.eng.client.get(`/api/visits/${visit.id}/briefing`);
      assert.equal(b.status, 200, b.text);
      assert.equal(b.body.contract.id, contractId);
      assert.ok(!/totalAmount|amountFen|unitPrice/.test(b.text), 'no amount in the briefing');
      assert.ok(b.body.contacts.some((c: { name: string }) => c.name === '钱建国'));
      assert.ok(Array.isArray(b.body.documents));
      assert.ok(b.body.arrivalChecklist.items.length > 0);
      // Even a reader who may see prices gets the briefing masked.
      const sales = await u.sales.client.get(`/api/visits/${visit.id}/briefing`);
      assert.ok(!/totalAmount/.test(sales.text));

      const call = {
        version: visit.version,
        calledAt: new Date().toISOString(),
        contactName: '钱建国',
        site: '机房二层，机柜 A3 已预留',
        power: '双路 220V，PDU 已到位',
        network: '管理网段 10.1.8.0/24 已分配',
        agreedTime: '明天 9:00 到场，周六停机窗口 2 小时',
      };
      const r = await u.eng.client.post(`/api/visits/${visit.id}/pre-visit-call`, call);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.preVisitCall.power, call.power);
      assert.equal(r.body.preVisitCall.recordedBy.id, u.eng.user.id);
      const missing = await u.eng.client.post(`/api/visits/${visit.id}/pre-visit-call`, { ...call, version: r.body.version, network: '' });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.issues[0].path, 'network');
    });

    it('R-EMER-2 the arrival is compared with the agreed arrival time, the request moves travelling → on site, late arrivals are counted', async () => {
      const agreed = Date.now() - 2 * HOUR;
      const { sr, visit } = await plannedVisit({ agreedArrivalAt: iso(agreed) });
      const tr = await u.eng.client.post(`/api/visits/${visit.id}/travel`, { version: visit.version, travelStartedAt: iso(agreed - HOUR) });
      assert.equal(tr.status, 200, tr.text);
      assert.equal(tr.body.stage, 'travelling');
      assert.equal(tr.body.serviceRequest.state, 'travelling');
      const ci = await u.eng.client.post(`/api/visits/${visit.id}/check-in`, {
        version: tr.body.version,
        arrivedAt: iso(agreed + 30 * 60_000),
        checklist: await arrivalChecklist(visit.id),
      });
      assert.equal(ci.status, 200, ci.text);
      assert.equal(ci.body.serviceRequest.state, 'on_site');
      assert.equal(ci.body.arrivalDueAt, iso(agreed));
      assert.equal(ci.body.late, true);
      assert.equal(ci.body.lateMinutes, 30);
      assert.equal(ci.body.travelHours, 1.5);
      const detail = (await u.eng.client.get(`/api/service-requests/${sr.id}`)).body;
      assert.equal(detail.state, 'on_site');

      // On time: counted as an arrival, not late.
      const onTime = await plannedVisit({ agreedArrivalAt: iso(Date.now() + HOUR) });
      const t2 = await u.eng.client.post(`/api/visits/${onTime.visit.id}/travel`, { version: onTime.visit.version });
      const c2 = await u.eng.client.post(`/api/visits/${onTime.visit.id}/check-in`, {
        version: t2.body.version,
        checklist: await arrivalChecklist(onTime.visit.id),
      });
      assert.equal(c2.body.late, false);
      const today = new Date().toISOString().slice(0, 10);
      const yesterday = iso(Date.now() - 24 * HOUR).slice(0, 10);
      const tomorrow = iso(Date.now() + 24 * HOUR).slice(0, 10);
      const counts = await u.tm.client.get(`/api/visits/late-arrivals?from=${yesterday}&to=${tomorrow}`);
      assert.equal(counts.status, 200, counts.text);
      const mine = counts.body.items.find((i: { engineer: { id: number } }) => i.engineer.id === u.eng.user.id);
      assert.ok(mine.arrivals >= 2 && mine.late >= 1, counts.text);
      assert.equal((await u.eng.client.get(`/api/visits/late-arrivals?from=${today}&to=${today}`)).status, 403);
    });

    it("R-EMER-2 without an agreed time the arrival is compared with the contract's arrival commitment (the SLA's due time)", async () => {
      const sla = await makeContract(db(), {
        customerId,
        status: 'active',
        commitments: { coverage: { kind: '7x24' }, arrivalHours: 4 },
      });
      const sr = await makeServiceRequest(
        u.sales.client,
        { customerId, contractId: sla.id },
        { issue: true, responsibleEngineerId: u.eng.user.id },
      );
      await u.eng.client.post(`/api/service-requests/${sr.id}/accept`, {});
      await u.eng.client.post(`/api/service-requests/${sr.id}/schedule`, {});
      const due = (await u.eng.client.get(`/api/service-requests/${sr.id}`)).body.sla.arrival.dueAt;
      assert.ok(due, 'the request has an arrival due time');
      const v = (await u.eng.client.post(`/api/service-requests/${sr.id}/visits`, {})).body;
      const late = await u.eng.client.post(`/api/visits/${v.id}/check-in`, {
        version: v.version,
        arrivedAt: iso(Date.parse(due) + 61 * 60_000),
        checklist: await arrivalChecklist(v.id),
      });
      assert.equal(late.status, 200, late.text);
      assert.equal(late.body.arrivalDueAt, new Date(due).toISOString());
      assert.equal(late.body.lateMinutes, 61);
    });

    it('an arrival before the travel start is refused naming arrivedAt, and nothing is saved', async () => {
      const { sr, visit } = await plannedVisit();
      const start = Date.now() - HOUR;
      const tr = await u.eng.client.post(`/api/visits/${visit.id}/travel`, { version: visit.version, travelStartedAt: iso(start) });
      const r = await u.eng.client.post(`/api/visits/${visit.id}/check-in`, {
        version: tr.body.version,
        arrivedAt: iso(start - 60_000),
        checklist: await arrivalChecklist(visit.id),
      });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.issues[0].path, 'arrivedAt');
      const now = (await u.eng.client.get(`/api/visits/${visit.id}`)).body;
      assert.equal(now.stage, 'travelling');
      assert.equal(now.arrivedAt, null);
      assert.equal((await u.eng.client.get(`/api/service-requests/${sr.id}`)).body.state, 'travelling');
    });

    it('corrected times: travel start, arrival and departure are taken as given; a departure before the arrival is refused naming departedAt, nothing saved', async () => {
      const { visit } = await plannedVisit();
      const start = Date.now() - 3 * HOUR;
      const tr = await u.eng.client.post(`/api/visits/${visit.id}/travel`, { version: visit.version, travelStartedAt: iso(start) });
      assert.equal(tr.status, 200, tr.text);
      assert.equal(tr.body.travelStartedAt, iso(start));
      const ci = await u.eng.client.post(`/api/visits/${visit.id}/check-in`, {
        version: tr.body.version,
        arrivedAt: iso(start + HOUR),
        checklist: await arrivalChecklist(visit.id),
      });
      assert.equal(ci.status, 200, ci.text);
      assert.equal(ci.body.arrivedAt, iso(start + HOUR));
      const early = await u.eng.client.post(`/api/visits/${visit.id}/check-out`, {
        version: ci.body.version,
        departedAt: iso(start + HOUR - 60_000),
        workDone: '更换风扇',
      });
      assert.equal(early.status, 400, early.text);
      assert.equal(early.body.issues[0].path, 'departedAt');
      const still = (await u.eng.client.get(`/api/visits/${visit.id}`)).body;
      assert.equal(still.stage, 'on_site');
      assert.equal(still.departedAt, null);
      assert.equal(still.workDone, null);
      const out = await u.eng.client.post(`/api/visits/${visit.id}/check-out`, {
        version: ci.body.version,
        departedAt: iso(start + 2 * HOUR),
        workDone: '更换风扇',
      });
      assert.equal(out.status, 200, out.text);
      assert.equal(out.body.departedAt, iso(start + 2 * HOUR));
      assert.equal(out.body.onSiteHours, 1);
    });

    it('R-INST-2 check-in takes the arrival checklist: each required item missing is named; site readiness and the plan are recorded, a site not ready reported to the manager', async () => {
      const { visit } = await plannedVisit();
      const tr = await u.eng.client.post(`/api/visits/${visit.id}/travel`, { version: visit.version });
      const checklist = await arrivalChecklist(visit.id, { site_ready: null, plan_rechecked: null });
      const r = await u.eng.client.post(`/api/visits/${visit.id}/check-in`, { version: tr.body.version, checklist });
      assert.equal(r.status, 422, r.text);
      assert.equal(r.body.code, 'VISIT_ARRIVAL_CHECKLIST_INCOMPLETE');
      assert.equal(r.body.rule, 'R-INST-2');
      const paths = (r.body.issues as { path: string }[]).map((i) => i.path);
      assert.deepEqual(paths.sort(), ['checklist.answers.plan_rechecked', 'checklist.answers.site_ready']);
      assert.equal((await u.eng.client.get(`/api/visits/${visit.id}`)).body.arrivedAt, null);

      const notReady = await arrivalChecklist(visit.id, { power_ready: false, schedule_problems: '电源未到位，已报告经理' });
      const ok = await u.eng.client.post(`/api/visits/${visit.id}/check-in`, { version: tr.body.version, checklist: notReady });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.arrivalChecklist.siteReady, false);
      assert.equal(ok.body.arrivalChecklist.answers.power_ready, false);
      assert.equal(ok.body.arrivalChecklist.versionNo, notReady.versionNo);
      // The schedule problem reaches the technical manager.
      const told = await u.tm.client.get(`/api/escalations?serviceRequestId=${ok.body.serviceRequest.id}`);
      const incident = told.body.items.find((e: { kind: string }) => e.kind === 'other_incident');
      assert.ok(incident, told.text);
      assert.match(incident.text, /电源已就绪/);
      assert.match(incident.text, /电源未到位，已报告经理/);
    });

    it('R-INST-5 problems met on site and how they were solved are recorded; check-out records the work done and the hours', async () => {
      const { visit } = await onSiteVisit();
      const p = await u.eng2.client.post(`/api/visits/${visit.id}/problems`, {
        problem: '机柜导轨与设备不匹配',
        solution: '改用客户备用导轨，已固定',
      });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.body.problems[0].solution, '改用客户备用导轨，已固定');
      assert.equal(p.body.problems[0].recordedBy.id, u.eng2.user.id);
      assert.deepEqual(p.body.engineers.map((e: { id: number }) => e.id).sort(), [u.eng.user.id, u.eng2.user.id].sort());
      const early = await u.eng.client.post(`/api/visits/${visit.id}/check-out`, {
        version: p.body.version,
        departedAt: iso(Date.parse(visit.arrivedAt) - 60_000),
        workDone: '安装完成',
      });
      assert.equal(early.status, 400);
      assert.equal(early.body.issues[0].path, 'departedAt');
      const out = await u.eng.client.post(`/api/visits/${visit.id}/check-out`, {
        version: p.body.version,
        departedAt: iso(Date.parse(visit.arrivedAt) + 3 * HOUR),
        workDone: '设备上架、加电、初始化配置完成',
      });
      assert.equal(out.status, 200, out.text);
      assert.equal(out.body.stage, 'departed');
      assert.equal(out.body.onSiteHours, 3);
      // The hours land on each engineer present's day, for the weekly and monthly reports.
      const day = out.body.arrivedAt.slice(0, 10);
      const around = `from=${iso(Date.parse(day) - 86_400_000).slice(0, 10)}&to=${iso(Date.parse(day) + 86_400_000).slice(0, 10)}`;
      for (const who of [u.eng, u.eng2]) {
        const hours = await who.client.get(`/api/work-hours?${around}`);
        assert.equal(hours.status, 200, hours.text);
        const mine = hours.body.items.filter(
          (h: { source: { entity: string; id: number } }) => h.source.entity === 'visit' && h.source.id === visit.id,
        );
        const onsite = mine.find((h: { kind: string }) => h.kind === 'visit_onsite');
        assert.equal(onsite?.hours, 3, JSON.stringify(mine));
        assert.equal(onsite.engineer.id, who.user.id);
        // Travel is recorded when there was some (none here when the travel start was not taken apart).
        assert.equal(mine.find((h: { kind: string }) => h.kind === 'visit_travel')?.hours ?? 0, out.body.travelHours ?? 0);
      }
      assert.equal((await u.eng.client.post(`/api/visits/${visit.id}/problems`, { problem: '晚了' })).body.code, 'VISIT_DEPARTED');
    });

    it('R-INST-4 a request outside the contract is recorded with the answer given and raises an extra-work escalation', async () => {
      const { visit } = await onSiteVisit();
      const r = await u.eng.client.post(`/api/visits/${visit.id}/extra-requests`, {
        request: '客户要求顺便调试非合同内的打印服务器',
        answer: '已说明不在合同范围，建议按原方案执行，另行报价',
      });
      assert.equal(r.status, 200, r.text);
      const x = r.body.extraRequests[0];
      assert.ok(x.escalation?.id);
      const e = await u.tm.client.get(`/api/escalations/${x.escalation.id}`);
      assert.equal(e.status, 200, e.text);
      assert.equal(e.body.kind, 'extra_work_requested');
      assert.match(e.body.text, /打印服务器/);
    });

    it("R-PM-5 units served are chosen from the contract's installed base with their warranty state at that moment", async () => {
      const { visit } = await onSiteVisit();
      const c = await u.eng.client.get(`/api/visits/${visit.id}/unit-candidates`);
      assert.equal(c.status, 200, c.text);
      const byId = new Map(c.body.items.map((i: { id: number }) => [i.id, i]));
      assert.equal((byId.get(inWarranty.id) as { underWarranty: boolean }).underWarranty, true);
      assert.equal((byId.get(outOfWarranty.id) as { underWarranty: boolean }).underWarranty, false);
      assert.ok(!byId.has(otherContractUnit));
      const s1 = await u.eng.client.post(`/api/visits/${visit.id}/units`, { action: 'served', equipmentId: inWarranty.id });
      assert.equal(s1.status, 200, s1.text);
      const s2 = await u.eng.client.post(`/api/visits/${visit.id}/units`, { action: 'served', equipmentId: outOfWarranty.id });
      const [a, b] = s2.body.units;
      assert.equal(a.underWarranty, true);
      assert.equal(a.warrantyEnd, '2099-12-31');
      assert.equal(b.underWarranty, false);
      const foreign = await u.eng.client.post(`/api/visits/${visit.id}/units`, { action: 'served', equipmentId: otherContractUnit });
      assert.equal(foreign.status, 400, foreign.text);
      assert.equal(foreign.body.issues[0].path, 'equipmentId');
    });

    it('R-INST-7 units installed, replaced or removed with PN/SN update the installed base and are listed for warranty registration', async () => {
      const { visit } = await onSiteVisit({ kind: 'installation' });
      const inst = await u.eng.client.post(`/api/visits/${visit.id}/units`, {
        action: 'installed',
        productType: '服务器',
        brand: 'Lenovo',
        model: 'SR650',
        newPn: '7X06A0H5CN',
        newSn: 'j30a1b2c',
        warrantyEnd: '2029-12-31',
      });
      assert.equal(inst.status, 200, inst.text);
      const installed = inst.body.units[0];
      assert.equal(installed.newSn, 'J30A1B2C');
      const eq = await u.eng.client.get(`/api/equipment/${installed.equipmentId}`);
      assert.equal(eq.status, 200, eq.text);
      assert.equal(eq.body.sn, 'J30A1B2C');
      assert.equal(eq.body.contractId, contractId);

      const spare = await unit(contractId, 'SN-R7-OLD', '2099-12-31');
      const rep = await u.eng.client.post(`/api/visits/${visit.id}/units`, {
        action: 'replaced',
        equipmentId: spare.id,
        newPn: 'PN-R7-NEW',
        newSn: 'SN-R7-NEW',
        reason: '控制器日志报硬件故障代码 0x3F',
      });
      assert.equal(rep.status, 200, rep.text);
      const replaced = rep.body.units.at(-1);
      assert.equal(replaced.oldSn, 'SN-R7-OLD');
      assert.equal(replaced.newSn, 'SN-R7-NEW');
      assert.equal((await u.eng.client.get(`/api/equipment/${spare.id}`)).body.sn, 'SN-R7-NEW');

      const gone = await unit(contractId, 'SN-R7-GONE', '2099-12-31');
      const rem = await u.eng.client.post(`/api/visits/${visit.id}/units`, {
        action: 'removed',
        equipmentId: gone.id,
        reason: '客户淘汰旧设备',
      });
      assert.equal(rem.status, 200, rem.text);
      assert.equal((await u.eng.client.get(`/api/equipment/${gone.id}`)).status, 404);

      const list = await u.commerce.client.get('/api/visits/warranty-registrations?registered=false&pageSize=100');
      assert.equal(list.status, 200, list.text);
      const sns = list.body.items.map((i: { sn: string }) => i.sn);
      assert.ok(sns.includes('J30A1B2C') && sns.includes('SN-R7-NEW'), list.text);
      assert.ok(!sns.includes(null), 'a removal is not registered');
      const mark = await u.commerce.client.post(`/api/visit-units/${installed.id}/registered`, {});
      assert.equal(mark.status, 200, mark.text);
      assert.equal(
        (await u.commerce.client.post(`/api/visit-units/${installed.id}/registered`, {})).body.code,
        'VISIT_UNIT_ALREADY_REGISTERED',
      );
      const done = await u.commerce.client.get('/api/visits/warranty-registrations?registered=true&pageSize=100');
      assert.ok(
        done.body.items.some(
          (i: { id: number; registeredBy: { id: number } }) => i.id === installed.id && i.registeredBy.id === u.commerce.user.id,
        ),
      );
      assert.equal((await u.eng.client.get('/api/visits/warranty-registrations')).status, 403);
    });

    it('R-EMER-5 a change to a production system is refused until the backup is confirmed or the refusal and its risk recorded; a technical manager may override', async () => {
      const { visit } = await onSiteVisit();
      const change = { kind: 'production_change', description: '升级存储控制器微码' };
      const refused = await u.eng.client.post(`/api/visits/${visit.id}/actions`, change);
      assert.equal(refused.status, 422, refused.text);
      assert.equal(refused.body.code, 'VISIT_BACKUP_REQUIRED');
      assert.equal(refused.body.rule, 'R-EMER-5');
      const byEngineer = await u.eng.client.post(`/api/visits/${visit.id}/actions`, {
        ...change,
        override: { reason: '客户坚持立即升级' },
      });
      assert.equal(byEngineer.status, 403, byEngineer.text);
      assert.equal(byEngineer.body.code, 'GUARD_OVERRIDE_FORBIDDEN');

      const noRisk = await u.eng.client.post(`/api/visits/${visit.id}/backup`, { state: 'refused', customerName: '钱建国' });
      assert.equal(noRisk.status, 400);
      assert.equal(noRisk.body.issues[0].path, 'riskStatement');
      const refusal = await u.eng.client.post(`/api/visits/${visit.id}/backup`, {
        state: 'refused',
        customerName: '钱建国',
        riskStatement: '客户拒绝备份，升级失败导致的数据损失由客户承担',
      });
      assert.equal(refusal.status, 200, refusal.text);
      assert.equal(refusal.body.backup.state, 'refused');
      const ok = await u.eng.client.post(`/api/visits/${visit.id}/actions`, change);
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.actions[0].overridden, false);

      const other = await onSiteVisit();
      const overridden = await u.tm.client.post(`/api/visits/${other.visit.id}/actions`, {
        ...change,
        override: { reason: '备份设备故障，业务中断需立即恢复' },
      });
      assert.equal(overridden.status, 200, overridden.text);
      assert.equal(overridden.body.actions[0].overridden, true);
      const audit = await (await t.admin()).get(`/api/audit?entity=visit&entityId=${other.visit.id}&pageSize=100`);
      assert.ok(audit.text.includes('备份设备故障，业务中断需立即恢复'), 'the override is in the audit trail');
      const counts = await u.tm.client.get('/api/guard-overrides/counts');
      assert.equal(counts.status, 200, counts.text);
      assert.equal(counts.body.find((c: { rule: string }) => c.rule === 'R-EMER-5')?.count, 1);
    });

    it("R-EMER-6 reproducing the fault and applying the fix each need the customer's recorded approval", async () => {
      const { visit } = await onSiteVisit();
      const reproduce = { kind: 'reproduce', description: '拔插链路重现告警' };
      const fix = { kind: 'fix', description: '更换光模块' };
      assert.equal((await u.eng.client.post(`/api/visits/${visit.id}/actions`, reproduce)).body.code, 'VISIT_REPRODUCE_APPROVAL_REQUIRED');
      const a1 = await u.eng.client.post(`/api/visits/${visit.id}/approvals`, { kind: 'reproduce', customerName: '钱建国' });
      assert.equal(a1.status, 200, a1.text);
      assert.equal((await u.eng.client.post(`/api/visits/${visit.id}/actions`, reproduce)).status, 200);
      const noFix = await u.eng.client.post(`/api/visits/${visit.id}/actions`, fix);
      assert.equal(noFix.status, 422);
      assert.equal(noFix.body.code, 'VISIT_FIX_APPROVAL_REQUIRED');
      assert.equal(noFix.body.rule, 'R-EMER-6');
      const overridden = await u.tm.client.post(`/api/visits/${visit.id}/actions`, {
        ...fix,
        override: { reason: '客户电话口头同意，书面稍后补' },
      });
      assert.equal(overridden.status, 200, overridden.text);
      assert.equal(overridden.body.actions.at(-1).overridden, true);
      const counts = await u.tm.client.get('/api/guard-overrides/counts');
      assert.ok(
        counts.body.some((c: { rule: string; count: number }) => c.rule === 'R-EMER-6' && c.count >= 1),
        counts.text,
      );
      await u.eng.client.post(`/api/visits/${visit.id}/approvals`, { kind: 'fix', customerName: '钱建国', note: '同意在午休时间更换' });
      const done = await u.eng.client.post(`/api/visits/${visit.id}/actions`, fix);
      assert.equal(done.status, 200, done.text);
      assert.deepEqual(
        done.body.actions.map((a: { kind: string; overridden: boolean }) => [a.kind, a.overridden]),
        [
          ['reproduce', false],
          ['fix', true],
          ['fix', false],
        ],
      );
    });

    it('R-EMER-7 every replacement records its reason; an intermittent fault that recurs proposes putting the removed part back, keeping the swap history', async () => {
      const { sr, visit } = await onSiteVisit();
      const suspect = await unit(contractId, 'SN-E7-A', '2099-12-31');
      const bare = await u.eng.client.post(`/api/visits/${visit.id}/units`, {
        action: 'replaced',
        equipmentId: suspect.id,
        newSn: 'SN-E7-B',
      });
      assert.equal(bare.status, 422, bare.text);
      assert.equal(bare.body.code, 'VISIT_SWAP_REASON_REQUIRED');
      assert.equal(bare.body.rule, 'R-EMER-7');
      const swap = await u.eng.client.post(`/api/visits/${visit.id}/units`, {
        action: 'replaced',
        equipmentId: suspect.id,
        newSn: 'SN-E7-B',
        reason: '间歇性掉盘，最可能为背板',
        intermittent: true,
      });
      assert.equal(swap.status, 200, swap.text);
      assert.deepEqual(swap.body.swapProposals, []);
      const first = swap.body.units.at(-1);
      await u.eng.client.post(`/api/visits/${visit.id}/check-out`, { version: swap.body.version, workDone: '更换背板，观察' });

      // The fault comes back on the next visit: the screen proposes putting the removed part back.
      const next = await u.eng.client.post(`/api/service-requests/${sr.id}/visits`, {});
      assert.equal(next.status, 201, next.text);
      const ci = await u.eng.client.post(`/api/visits/${next.body.id}/check-in`, {
        version: next.body.version,
        checklist: await arrivalChecklist(next.body.id),
      });
      assert.equal(ci.status, 200, ci.text);
      const recurred = await u.eng.client.post(`/api/visits/${next.body.id}/units`, {
        action: 'served',
        equipmentId: suspect.id,
        faultRecurred: true,
        note: '故障再次出现',
      });
      assert.equal(recurred.status, 200, recurred.text);
      assert.deepEqual(recurred.body.swapProposals, [
        { revertsId: first.id, equipmentId: suspect.id, putBackPn: 'PN-SN-E7-A', putBackSn: 'SN-E7-A', takeOutSn: 'SN-E7-B' },
      ]);
      const back = await u.eng.client.post(`/api/visits/${next.body.id}/units`, {
        action: 'put_back',
        revertsId: first.id,
        reason: '更换背板后故障仍出现，装回原背板',
      });
      assert.equal(back.status, 200, back.text);
      assert.deepEqual(back.body.swapProposals, []);
      assert.equal((await u.eng.client.get(`/api/equipment/${suspect.id}`)).body.sn, 'SN-E7-A');
      const nextSuspect = await u.eng.client.post(`/api/visits/${next.body.id}/units`, {
        action: 'replaced',
        equipmentId: suspect.id,
        newSn: 'SN-E7-C',
        reason: '下一个可疑部件：硬盘控制器',
        intermittent: true,
      });
      const actions = nextSuspect.body.units.map((x: { action: string; oldSn: string; newSn: string }) => [x.action, x.oldSn, x.newSn]);
      assert.deepEqual(actions, [
        ['served', 'SN-E7-B', null],
        ['put_back', 'SN-E7-B', 'SN-E7-A'],
        ['replaced', 'SN-E7-A', 'SN-E7-C'],
      ]);
      // The history spans both visits.
      assert.deepEqual(
        nextSuspect.body.swapHistory.map((x: { action: string; visitId: number; newSn: string }) => [x.action, x.visitId, x.newSn]),
        [
          ['replaced', visit.id, 'SN-E7-B'],
          ['put_back', next.body.id, 'SN-E7-A'],
          ['replaced', next.body.id, 'SN-E7-C'],
        ],
      );
      // A technical manager may let a replacement through without a reason: overridden, audited.
      const tmSwap = await u.tm.client.post(`/api/visits/${next.body.id}/units`, {
        action: 'replaced',
        equipmentId: suspect.id,
        newSn: 'SN-E7-D',
        override: { reason: '工程师电话报告，原因稍后补记' },
      });
      assert.equal(tmSwap.status, 200, tmSwap.text);
      assert.equal(tmSwap.body.units.at(-1).overridden, true);
      const overrides = await u.tm.client.get('/api/guard-overrides?rule=R-EMER-7');
      assert.ok(
        overrides.body.items.some((o: { reason: string }) => o.reason === '工程师电话报告，原因稍后补记'),
        overrides.text,
      );
    });

    it('photos: a PNG is kept and downloaded as an attachment; a file that is not an image is refused naming the file, nothing saved', async () => {
      const { visit } = await onSiteVisit();
      const png = multipartBody({}, { name: '机柜.png', content: SAMPLE_PNG, type: 'image/png' });
      const added = await u.eng.client.request('POST', `/api/visits/${visit.id}/photos`, png.payload, png.headers);
      assert.equal(added.status, 201, added.text);
      const [photo] = added.body.photos;
      assert.equal(photo.fileName, '机柜.png');
      const file = await u.tm.client.get(`/api/visits/${visit.id}/photos/${photo.id}`);
      assert.equal(file.status, 200);
      assert.match(String(file.headers['content-disposition']), /^attachment/);
      const pdf = multipartBody({}, { name: 'photo.png', content: await samplePdf('not a photo'), type: 'image/png' });
      const refused = await u.eng.client.request('POST', `/api/visits/${visit.id}/photos`, pdf.payload, pdf.headers);
      assert.equal(refused.status, 400, refused.text);
      assert.equal(refused.body.issues[0].path, 'file');
      assert.equal((await u.eng.client.get(`/api/visits/${visit.id}`)).body.photos.length, 1);
    });

    it("another engineer neither sees a request's visits nor records on them", async () => {
      const { sr, visit } = await plannedVisit();
      assert.equal((await u.outsider.client.get(`/api/visits/${visit.id}`)).status, 404);
      assert.equal((await u.outsider.client.get(`/api/service-requests/${sr.id}/visits`)).status, 404);
      assert.equal((await u.outsider.client.post(`/api/visits/${visit.id}/travel`, { version: visit.version })).status, 404);
      const mine = await u.outsider.client.get('/api/visits?mine=true');
      assert.equal(mine.body.total, 0);
      const listed = await u.eng.client.get(`/api/service-requests/${sr.id}/visits`);
      assert.equal(listed.body.items[0].id, visit.id);
    });

    it("the managers' list of every engineer's visits: by date, engineer, customer, stage and late arrival, paged; engineers and sales are refused, a project manager sees only his projects' requests", async () => {
      const late = await plannedVisit({ agreedArrivalAt: iso(Date.now() - 2 * HOUR) });
      const tr = await u.eng.client.post(`/api/visits/${late.visit.id}/travel`, { version: late.visit.version });
      const ci = await u.eng.client.post(`/api/visits/${late.visit.id}/check-in`, {
        version: tr.body.version,
        checklist: await arrivalChecklist(late.visit.id),
      });
      assert.equal(ci.status, 200, ci.text);
      assert.equal(ci.body.late, true);
      const planned = await plannedVisit();
      const other = await makeContract(db(), { status: 'active' });
      const elsewhere = await makeServiceRequest(
        u.sales.client,
        { customerId: other.customer.id, contractId: other.id },
        { issue: true, responsibleEngineerId: u.eng2.user.id },
      );
      assert.equal((await u.eng2.client.post(`/api/service-requests/${elsewhere.id}/accept`, {})).status, 200);
      assert.equal((await u.eng2.client.post(`/api/service-requests/${elsewhere.id}/schedule`, {})).status, 200);
      const third = await u.eng2.client.post(`/api/service-requests/${elsewhere.id}/visits`, {});
      assert.equal(third.status, 201, third.text);

      for (const who of ['eng', 'eng2', 'sales', 'commerce'] as const)
        assert.equal((await u[who].client.get('/api/visits/all')).status, 403, who);
      const ids = async (query: string) => {
        const r = await u.tm.client.get(`/api/visits/all?pageSize=100&${query}`);
        assert.equal(r.status, 200, r.text);
        return (r.body.items as { id: number }[]).map((v) => v.id);
      };
      const all = await ids('');
      for (const id of [late.visit.id, planned.visit.id, third.body.id]) assert.ok(all.includes(id), `visit ${id} listed`);
      assert.ok((await ids('late=true')).includes(late.visit.id));
      assert.ok(!(await ids('late=true')).includes(planned.visit.id));
      assert.ok(!(await ids('late=false')).includes(late.visit.id));
      const onSite = await ids('stage=on_site');
      assert.ok(onSite.includes(late.visit.id) && !onSite.includes(planned.visit.id));
      assert.ok((await ids('stage=planned')).includes(planned.visit.id));
      const ofCustomer = await ids(`customerId=${other.customer.id}`);
      assert.deepEqual(ofCustomer, [third.body.id]);
      assert.deepEqual(await ids(`engineerId=${u.eng2.user.id}&customerId=${other.customer.id}`), [third.body.id]);
      const today = new Date().toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
      assert.ok((await ids(`from=${yesterday}`)).includes(planned.visit.id));
      assert.deepEqual(await ids(`to=${yesterday}`), []);
      assert.equal((await u.tm.client.get(`/api/visits/all?from=${today}x`)).status, 400);
      // Paged like the other lists.
      const page1 = await u.tm.client.get('/api/visits/all?pageSize=2&page=1');
      const page2 = await u.tm.client.get('/api/visits/all?pageSize=2&page=2');
      assert.equal(page1.body.items.length, 2);
      assert.equal(page1.body.total, all.length);
      assert.ok(!page2.body.items.some((v: { id: number }) => page1.body.items.some((w: { id: number }) => w.id === v.id)));
      // A project manager may open the list, and sees only the requests of his projects: none here.
      const pm = await u.pm.client.get('/api/visits/all?pageSize=100');
      assert.equal(pm.status, 200, pm.text);
      assert.equal(pm.body.total, 0);
    });
  });
}
