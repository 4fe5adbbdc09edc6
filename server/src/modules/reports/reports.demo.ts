import { addDays, previousMonth, weekStartOf } from '@contract/reports';
import { todayIn } from '@contract/zoned-time';
import type { Actor } from '../../actor';
import type { Db } from '../../db/database';
import { findUserForLogin, rolesOf } from '../users/users.service';
import { addOtherWork } from '../work-hours/work-hours.service';
import * as repo from './reports.repo';
import {
  addWeeklyRecordAction,
  draftWeeklyRecord,
  getMyWeeklyReport,
  rebuildRequestRollup,
  submitMyWeeklyReport,
  updateWeeklyRecord,
} from './reports.service';

async function actorOf(db: Db, email: string): Promise<Actor | null> {
  const row = await findUserForLogin(db, email);
  return row ? { id: Number(row.id), name: row.name, roles: await rolesOf(db, Number(row.id)), requestId: null } : null;
}

/**
 * Reports in the demo: other work the engineers added, last week's reports of two engineers
 * submitted, the weekly meeting's record drafted from them with an action item, and the request
 * roll-up of the last two months (so the dashboards and the monthly summary have figures).
 */
export async function loadDemoReports(db: Db, timeZone: string): Promise<boolean> {
  const today = todayIn(timeZone);
  const lastWeek = addDays(weekStartOf(today), -7);
  if (await repo.findWeeklyRecord(db, lastWeek)) return false;
  const tm = await actorOf(db, 'zhang.wei@demo.fuwu');
  const engineers = (await Promise.all(['chen.jie@demo.fuwu', 'zhao.lei@demo.fuwu'].map((e) => actorOf(db, e)))).filter(
    (a): a is Actor => a !== null,
  );
  if (!tm || engineers.length === 0) return false;
  const notes = ['准备存储阵列运维培训材料', '整理本周备件台账', '更新客户设备巡检表'];
  for (const [i, eng] of engineers.entries()) {
    await addOtherWork(db, eng, {
      workDate: addDays(lastWeek, 2 + i),
      kind: i === 0 ? 'training_prep' : 'internal',
      hours: 2,
      note: notes[i],
    });
    await addOtherWork(db, eng, { workDate: today, kind: 'internal', hours: 1, note: notes[2] });
    const draft = await getMyWeeklyReport(db, eng, lastWeek, timeZone);
    await submitMyWeeklyReport(
      db,
      eng,
      lastWeek,
      {
        version: draft.version,
        lines: draft.lines,
        problems: i === 0 ? '部分备件到货慢，影响一单按时完成' : null,
        suggestions: i === 0 ? '常用硬盘和电源模块增加库存' : null,
        nextWeekPlan: '完成两家客户的季度巡检',
      },
      timeZone,
    );
  }
  const record = await draftWeeklyRecord(db, tm, lastWeek, timeZone);
  await updateWeeklyRecord(db, tm, record.id, {
    version: record.version,
    attendeeIds: [tm.id as number, ...engineers.map((e) => e.id as number)],
    decisions: '常用备件提前申请，周五前确认到货',
  });
  await addWeeklyRecordAction(db, tm, record.id, {
    text: '联系供应商确认硬盘交期',
    ownerId: engineers[0].id as number,
    dueDate: addDays(today, 4),
  });
  await rebuildRequestRollup(db, `${previousMonth(today.slice(0, 7))}-01`, today, timeZone);
  return true;
}
