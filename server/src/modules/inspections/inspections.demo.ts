import type { TGateState } from '@contract/inspections';
import { dayNumberOfIsoDate, isoDateOfDayNumber, todayIn } from '@contract/zoned-time';
import { type Actor, systemActor } from '../../actor';
import type { Db } from '../../db/database';
import { getContract, listContracts } from '../contracts/contracts.service';
import { getCustomer } from '../customers/customers.service';
import { createServiceRequest } from '../service-requests/service-requests.service';
import { findUserForLogin, rolesOf } from '../users/users.service';
import { createDeliveryNote } from './delivery-notes';
import { addUnits, listInspections, markReady, openInspection, recordBurnIn, recordConsent, saveChecklist } from './inspections.service';
import { createLicence } from './licences.service';

async function actorOf(db: Db, email: string): Promise<Actor | null> {
  const row = await findUserForLogin(db, email);
  return row ? { id: Number(row.id), name: row.name, roles: await rolesOf(db, Number(row.id)), requestId: null } : null;
}

const HOUR = 3_600_000;

/** One inspection per gate state: how far each got, and how many days until it ships. */
const WALKS: { gate: TGateState; shipIn: number; text: string }[] = [
  { gate: 'not_started', shipIn: 2, text: '新到服务器 2 台，待开箱检验（临近发货，尚未老化）' },
  { gate: 'burn_in', shipIn: 6, text: '存储阵列到货，加电老化中' },
  { gate: 'blocked', shipIn: 4, text: '服务器老化不足 12 小时，需补测' },
  { gate: 'passed', shipIn: 5, text: '交换机老化通过，待确认发货' },
  { gate: 'ready', shipIn: 3, text: '小型机已确认待发货（客户拒绝拆封一台）' },
  { gate: 'shipped', shipIn: 1, text: '服务器已发货，送货单待客户签收' },
];

const PREPARED = {
  internal_devices: true,
  console_connected: true,
  os_patches: true,
  own_items: false,
  test_hours: 18,
  environment_simulated: 'yes',
  configuration_agreed: true,
  storage_tested: 'not_applicable',
};

/**
 * Demo goods inspections in every gate state (R-GOODS-3), with units, consent, burn-ins, a
 * delivery note, and licences (one demo licence ending soon). Skipped when inspections exist.
 */
export async function loadDemoInspections(db: Db, timeZone: string): Promise<boolean> {
  if ((await listInspections(db, systemActor('demo'), { page: 1, pageSize: 1 }, timeZone)).total > 0) return false;
  const [tm, eng] = await Promise.all(['zhang.wei@demo.fuwu', 'chen.jie@demo.fuwu'].map((e) => actorOf(db, e)));
  if (!tm || !eng) return false;
  const contracts = (await listContracts(db, systemActor('demo'), { page: 1, pageSize: 20, status: 'active', sort: '-signedAt' })).items;
  if (contracts.length === 0) return false;
  const today = todayIn(timeZone);
  const day = (n: number) => isoDateOfDayNumber(dayNumberOfIsoDate(today) + n);
  const now = Date.now();
  for (const [i, w] of WALKS.entries()) {
    const c = contracts[i % contracts.length];
    const contract = await getContract(db, systemActor('demo'), c.id);
    const line = contract.items[0];
    const contact = (await getCustomer(db, c.customer.id)).contacts[0];
    const sr = await createServiceRequest(
      db,
      tm,
      {
        kind: 'goods_inspection',
        customerId: c.customer.id,
        contractId: c.id,
        origin: 'contract',
        contactName: contact?.name ?? '王建国',
        contactPhone: contact?.phones[0]?.raw ?? '139 1001 2001',
        siteAddress: '公司库房',
        description: w.text,
        equipmentIds: [],
        responsibleEngineerId: eng.id,
        priority: 'normal',
        issue: true,
      },
      timeZone,
      'zh-CN',
    );
    let d = await openInspection(db, eng, sr.id, { plannedShipDate: day(w.shipIn) }, timeZone);
    const model = line?.model ?? '2288H V6';
    d = await addUnits(
      db,
      eng,
      d.id,
      {
        units: [0, 1].map((k) => ({
          contractItemId: line?.id ?? null,
          model,
          pn: '02312QMV',
          sn: `DEMO${i}${k}-${c.id}`.toUpperCase(),
          packaging: w.gate === 'ready' && k === 1 ? ('sealed' as const) : ('opened' as const),
          openedReason: w.gate === 'ready' && k === 1 ? null : '供应商已开箱验货',
        })),
      },
      timeZone,
    );
    if (w.gate === 'not_started') continue;
    const [a, b] = d.units;
    await saveChecklist(db, eng, d.id, PREPARED, timeZone);
    if (w.gate === 'ready') {
      d = await recordConsent(
        db,
        eng,
        d.id,
        b.id,
        {
          version: b.version,
          decision: 'refused',
          by: contact?.name ?? '王建国',
          at: new Date(now - 30 * HOUR).toISOString(),
          method: 'phone',
        },
        timeZone,
      );
    }
    const units = w.gate === 'ready' ? [a.id] : [a.id, b.id];
    const started = w.gate === 'burn_in' ? now - 6 * HOUR : now - 60 * HOUR;
    const hours = w.gate === 'blocked' ? 10 : 18;
    d = await recordBurnIn(
      db,
      eng,
      d.id,
      {
        unitIds: units,
        startedAt: new Date(started).toISOString(),
        ...(w.gate !== 'burn_in' && { endedAt: new Date(started + hours * HOUR).toISOString(), result: 'passed' as const }),
        notes: w.gate === 'blocked' ? '中途停电，老化中断' : '内存、磁盘、网络压力测试',
      },
      timeZone,
    );
    if (w.gate === 'ready' || w.gate === 'shipped') {
      for (const u of d.units)
        d = await markReady(db, eng, d.id, u.id, { version: d.units.find((x) => x.id === u.id)?.version ?? u.version }, timeZone);
    }
    if (w.gate === 'shipped')
      d = await createDeliveryNote(
        db,
        eng,
        d.id,
        { unitIds: d.units.map((u) => u.id), deliveryDate: day(w.shipIn), receiverName: contact?.name ?? null },
        timeZone,
      );
    if (w.gate === 'passed') {
      await createLicence(db, eng, c.id, {
        unitId: d.units[0].id,
        software: 'Oracle Database 19c 企业版',
        needed: true,
        demoExpiresOn: day(20),
        hostid: '0A1B2C3D',
        softwareSerial: 'CSI-2026-88321',
        appliedOn: day(-3),
      });
      await createLicence(db, eng, c.id, {
        unitId: d.units[1].id,
        software: 'VMware vSphere 8 Enterprise Plus',
        needed: true,
        demoExpiresOn: day(55),
        hostid: null,
      });
      await createLicence(db, eng, c.id, { unitId: d.units[1].id, software: 'Red Hat Enterprise Linux 9', needed: false });
    }
  }
  return true;
}
