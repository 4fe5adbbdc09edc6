import { ZGeneratePmPlan } from '@contract/maintenance';
import { todayIn } from '@contract/zoned-time';
import { type Actor, systemActor } from '../../actor';
import type { Db } from '../../db/database';
import { listContracts } from '../contracts/contracts.service';
import { findUserForLogin, rolesOf } from '../users/users.service';
import { agreePmVisit, generatePmPlans, getPlan, listPmGaps, listPmPlans } from './maintenance.service';

async function actorOf(db: Db, email: string): Promise<Actor | null> {
  const row = await findUserForLogin(db, email);
  return row ? { id: Number(row.id), name: row.name, roles: await rolesOf(db, Number(row.id)), requestId: null } : null;
}

/**
 * A year of PM timetables: every active contract with routine inspections but one (left as the
 * gap the list shows) gets its timetable, quarterly on the first Tuesday for one of them; the next
 * visit of the first is agreed with the customer (its PM service request issued). Skipped when
 * timetables exist.
 */
export async function loadDemoMaintenance(db: Db, timeZone: string): Promise<boolean> {
  if ((await listPmPlans(db, { page: 1, pageSize: 1 })).total > 0) return false;
  const [tm, chen, zhao] = await Promise.all(
    ['zhang.wei@demo.fuwu', 'chen.jie@demo.fuwu', 'zhao.lei@demo.fuwu'].map((e) => actorOf(db, e)),
  );
  if (!tm || !chen || !zhao) return false;
  const gaps = (await listPmGaps(db)).filter((g) => g.startDate && g.endDate);
  if (gaps.length < 2) return false;
  const planned = gaps.slice(0, -1);
  const ids = await generatePmPlans(
    db,
    tm,
    planned.map((g, i) => ({
      contractId: g.contract.id,
      input: ZGeneratePmPlan.parse({
        rrule: i === 1 ? 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU' : null,
        startTime: i % 2 ? '14:00' : '09:30',
        durationMinutes: 240,
        downtimeMinutes: i % 2 ? 120 : 60,
        responsibleEngineerId: i % 2 ? zhao.id : chen.id,
        backupEngineerId: i % 2 ? chen.id : zhao.id,
      }),
    })),
    timeZone,
  );
  const today = todayIn(timeZone);
  const first = await getPlan(db, ids[0]);
  const next = first.visits.find((v) => v.plannedDate >= today && v.state === 'planned');
  if (next) {
    const engineer = next.responsibleEngineer.id === chen.id ? chen : zhao;
    await agreePmVisit(
      db,
      engineer,
      next.id,
      {
        version: next.version,
        date: next.plannedDate,
        startTime: next.startTime,
        place: '客户数据中心 2 号机房',
        systemState: '生产系统运行，检查期间切换至备机',
        downtime: '上午 10:00–11:00 停机一小时',
        openProblems: '上次巡检发现 2 号电源模块风扇噪音偏大',
      },
      timeZone,
      'zh-CN',
    );
  }
  const contracts = (await listContracts(db, systemActor('demo'), { page: 1, pageSize: 1, sort: '-signedAt' })).total;
  console.log(`Demo PM timetables: ${ids.length} of ${contracts} contracts, one contract left without a timetable.`);
  return true;
}
