import type { TChecklistAnswers } from '@contract/checklists';
import type { TServiceRequestState } from '@contract/service-request-workflow';
import { type Actor, systemActor } from '../../actor';
import type { Db } from '../../db/database';
import { listServiceRequests } from '../service-requests/service-requests.service';
import { findUserForLogin, rolesOf } from '../users/users.service';
import {
  checkIn,
  checkOut,
  createVisit,
  getVisitBriefing,
  listUnitCandidates,
  listVisits,
  recordPreVisitCall,
  recordProblem,
  recordVisitUnit,
  startTravel,
} from './visits.service';

const HOUR = 3_600_000;
const ENGINEERS = ['chen.jie@demo.fuwu', 'zhao.lei@demo.fuwu'];

async function actorOf(db: Db, email: string): Promise<Actor | null> {
  const row = await findUserForLogin(db, email);
  return row ? { id: row.id, name: row.name, roles: await rolesOf(db, row.id), requestId: null } : null;
}

/** How far each demo request's visit goes, by the request's state. */
const STAGE_OF: Partial<Record<TServiceRequestState, 'planned' | 'travelling' | 'on_site' | 'departed'>> = {
  scheduled: 'planned',
  travelling: 'travelling',
  on_site: 'on_site',
  waiting_customer: 'departed',
  waiting_parts: 'departed',
};

/**
 * Demo visits on the demo requests: a planned one with its pre-visit call, one on the way, one on
 * site (checked in, a problem met, a unit served with its warranty state, a new unit installed for
 * warranty registration) and finished ones with their hours. Skipped when visits exist.
 */
export async function loadDemoVisits(db: Db, timeZone: string): Promise<boolean> {
  const system = systemActor('demo');
  if ((await listVisits(db, system, { page: 1, pageSize: 1 }, timeZone)).total > 0) return false;
  const engineers = (await Promise.all(ENGINEERS.map((e) => actorOf(db, e)))).filter((a): a is Actor => a !== null);
  if (engineers.length === 0) return false;
  const requests = (await listServiceRequests(db, system, { page: 1, pageSize: 100, sort: '-createdAt' })).items;
  let made = 0;
  for (const sr of requests) {
    const stage = STAGE_OF[sr.state];
    const engineer = engineers.find((e) => e.id === sr.responsibleEngineer?.id);
    if (!stage || !engineer) continue;
    const now = Date.now();
    let v = await createVisit(db, engineer, sr.id, {});
    v = await recordPreVisitCall(db, engineer, v.id, {
      version: v.version,
      calledAt: new Date(now - 20 * HOUR).toISOString(),
      contactName: sr.contactName ?? '客户管理员',
      site: '机房已预留机柜位置，门禁已登记',
      power: '双路供电，PDU 空位充足',
      network: '管理网 IP 已分配',
      agreedTime: '上午 9:00 到场，停机窗口 2 小时',
    });
    if (stage === 'planned') {
      made++;
      continue;
    }
    v = await startTravel(db, engineer, v.id, { version: v.version, travelStartedAt: new Date(now - 3 * HOUR).toISOString() });
    if (stage === 'travelling') {
      made++;
      continue;
    }
    const checklist = (await getVisitBriefing(db, engineer, v.id)).arrivalChecklist;
    if (!checklist) continue;
    const answers: TChecklistAnswers = Object.fromEntries(checklist.items.filter((i) => i.type === 'yes_no').map((i) => [i.key, true]));
    v = await checkIn(
      db,
      engineer,
      v.id,
      {
        version: v.version,
        arrivedAt: new Date(now - 2 * HOUR).toISOString(),
        checklist: { templateId: checklist.templateId, versionNo: checklist.versionNo, answers },
      },
      timeZone,
    );
    v = await recordProblem(db, engineer, v.id, { problem: '机柜空间不足，原定位置被占用', solution: '与客户协调改用相邻机柜' });
    const unit = (await listUnitCandidates(db, engineer, v.id, timeZone)).items[0];
    if (unit) v = await recordVisitUnit(db, engineer, v.id, { action: 'served', equipmentId: unit.id, note: '检查运行状态' }, timeZone);
    if (stage === 'on_site')
      v = await recordVisitUnit(
        db,
        engineer,
        v.id,
        { action: 'installed', productType: '电源模块', brand: '华为', model: 'PAC900S12', newPn: '02312QKL', newSn: `DEMO-PSU-${v.id}` },
        timeZone,
      );
    if (stage === 'departed')
      await checkOut(
        db,
        engineer,
        v.id,
        {
          version: v.version,
          departedAt: new Date(now - HOUR / 2).toISOString(),
          workDone: '完成故障诊断与处理，系统运行正常',
        },
        timeZone,
      );
    made++;
  }
  console.log(`Demo visits: ${made}.`);
  return made > 0;
}
