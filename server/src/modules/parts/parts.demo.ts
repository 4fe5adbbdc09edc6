import { ZServiceRequestQuery } from '@contract/service-requests';
import { todayIn } from '@contract/zoned-time';
import { type Actor, systemActor } from '../../actor';
import type { Db } from '../../db/database';
import { listServiceRequests } from '../service-requests/service-requests.service';
import { findUserForLogin, rolesOf } from '../users/users.service';
import * as repo from './parts.repo';
import {
  approveLoan,
  createLoan,
  createPart,
  createTag,
  inspectTag,
  listParts,
  moveStock,
  receiveTag,
  setTagDisposition,
} from './parts.service';

async function actorOf(db: Db, email: string): Promise<Actor | null> {
  const row = await findUserForLogin(db, email);
  return row ? { id: Number(row.id), name: row.name, roles: await rolesOf(db, Number(row.id)), requestId: null } : null;
}

const PARTS = [
  {
    pn: '02312AAA',
    description: '600GB 10K SAS 硬盘',
    vendor: '华为',
    tracking: 'serial' as const,
    sns: ['HW6SAS0001', 'HW6SAS0002', 'HW6SAS0003'],
  },
  { pn: 'P08432-B21', description: '32GB DDR4 内存', vendor: 'HPE', tracking: 'count' as const, quantity: 12 },
  { pn: '02131093', description: '900W 电源模块', vendor: '华为', tracking: 'count' as const, quantity: 4 },
  { pn: 'SFP-10G-SR', description: '10G 多模光模块', vendor: 'H3C', tracking: 'count' as const, quantity: 20 },
];

/**
 * Demo spare parts: stock in the main store, an emergency loan whose paperwork is pending, an
 * approved loan, and faulty part tags in each disposition (one received and inspected, one
 * returned to commerce with the vendor's case number, one not yet back at the office).
 * Skipped when parts exist.
 */
export async function loadDemoParts(db: Db, timeZone: string): Promise<boolean> {
  if ((await listParts(db, { page: 1, pageSize: 1 })).total > 0) return false;
  const [tm, eng, commerce] = await Promise.all(
    ['zhang.wei@demo.fuwu', 'chen.jie@demo.fuwu', 'wang.fang@demo.fuwu'].map((e) => actorOf(db, e)),
  );
  if (!tm || !eng || !commerce) return false;
  const requests = (await listServiceRequests(db, systemActor('demo'), ZServiceRequestQuery.parse({ pageSize: 5 }))).items;
  const sr = requests[0];
  if (!sr) return false;
  const store = await repo.mainStoreId(db);
  const ids: number[] = [];
  for (const p of PARTS) {
    const part = await createPart(db, tm, { pn: p.pn, description: p.description, vendor: p.vendor, tracking: p.tracking });
    ids.push(part.id);
    const receipt = {
      partId: part.id,
      fromLocationId: null,
      toLocationId: store,
      reason: '采购入库',
      inspection: { result: 'pass' as const, note: '到货检验合格' },
    };
    if (p.tracking === 'serial') for (const sn of p.sns ?? []) await moveStock(db, commerce, { ...receipt, sn });
    else await moveStock(db, commerce, { ...receipt, quantity: p.quantity });
  }
  const today = todayIn(timeZone);
  const inDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const customerId = sr.customer.id;
  await createLoan(
    db,
    eng,
    {
      partId: ids[0],
      sn: 'HW6SAS0001',
      purpose: 'replacement',
      customerId,
      serviceRequestId: sr.id,
      dueDate: inDays(14),
      emergency: true,
      note: '客户存储双盘告警，先借后补手续',
    },
    timeZone,
  );
  const asked = await createLoan(
    db,
    eng,
    { partId: ids[1], quantity: 2, purpose: 'test', customerId, serviceRequestId: sr.id, dueDate: inDays(7) },
    timeZone,
  );
  await approveLoan(db, tm, asked.id, undefined, timeZone);
  await createLoan(db, eng, { partId: ids[3], quantity: 2, purpose: 'loan', customerId, dueDate: inDays(10) }, timeZone);
  const base = { customerId, serviceRequestId: sr.id, removedDate: today, condition: 'faulty' as const };
  const disk = await createTag(
    db,
    eng,
    {
      ...base,
      partId: ids[0],
      pn: '02312AAA',
      sn: 'HW6SASX9981',
      unitSn: '2102311TYBN0K8000123',
      fault: '硬盘 SMART 预警，RAID 重建失败',
      disposition: 'repair',
    },
    timeZone,
  );
  const got = await receiveTag(db, tm, disk.id);
  await inspectTag(db, tm, disk.id, { version: got.version, result: 'pass', note: '厂商返修后复测通过', restock: true });
  const psu = await createTag(db, eng, { ...base, partId: ids[2], pn: '02131093', fault: '电源模块无输出', disposition: 'rma' }, timeZone);
  await setTagDisposition(db, commerce, psu.id, { version: psu.version, disposition: 'rma', rmaCaseNumber: 'HW-RMA-20261207-0042' });
  await createTag(db, eng, { ...base, pn: 'FAN-02311', fault: '风扇异响，转速告警', disposition: 'scrap' }, timeZone);
  await createTag(db, eng, { ...base, pn: 'P08432-B21', sn: 'MEM-7741', fault: '内存 ECC 可纠正错误频繁', condition: 'good' }, timeZone);
  console.log(`Demo spare parts: ${PARTS.length} parts, 3 loans (one emergency with paperwork pending), 4 faulty part tags.`);
  return true;
}
