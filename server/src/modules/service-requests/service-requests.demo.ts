import type { TServiceRequestAction } from '@contract/service-request-workflow';
import { kindWithinContract } from '@contract/service-requests';
import { type Actor, systemActor } from '../../actor';
import type { Db } from '../../db/database';
import { localDateOf } from '../calendar/working-calendar';
import { dayNumberOfIsoDate, instantOfWallTime } from '@contract/zoned-time';
import { listContracts } from '../contracts/contracts.service';
import { getCustomer } from '../customers/customers.service';
import { createProject } from '../projects/projects.service';
import { raiseEscalation } from '../escalations/escalations.service';
import { createTaskRequest } from '../task-requests/task-requests.service';
import { findUserForLogin, rolesOf } from '../users/users.service';
import { createServiceRequest, listServiceRequests, takeServiceRequestStep } from './service-requests.service';

const E = (steps: string) => steps.split(' ').filter(Boolean) as TServiceRequestAction[];

/** One request per workflow state: the steps that lead there from an issued form (draft: none). */
const WALKS: {
  kind: 'emergency_repair' | 'installation' | 'preventive_maintenance' | 'goods_inspection';
  issue: boolean;
  steps: TServiceRequestAction[];
  text: string;
}[] = [
  { kind: 'installation', issue: false, steps: [], text: '新购服务器上架安装，待确认机房条件' },
  { kind: 'emergency_repair', issue: true, steps: [], text: '磁盘阵列控制器告警，业务读写变慢' },
  { kind: 'preventive_maintenance', issue: true, steps: E('accept'), text: '季度例行检查：小型机及存储' },
  { kind: 'installation', issue: true, steps: E('accept schedule'), text: '核心交换机扩容板卡安装' },
  { kind: 'emergency_repair', issue: true, steps: E('accept schedule depart'), text: 'HIS 数据库服务器宕机，需现场处理' },
  { kind: 'emergency_repair', issue: true, steps: E('accept schedule depart arrive'), text: '服务器电源模块故障灯亮' },
  { kind: 'emergency_repair', issue: true, steps: E('accept schedule arrive wait_customer'), text: '客户需安排停机窗口后更换主板' },
  { kind: 'emergency_repair', issue: true, steps: E('accept schedule arrive wait_parts'), text: '硬盘故障，等待原厂备件到货' },
  { kind: 'goods_inspection', issue: true, steps: E('accept schedule arrive resolve'), text: '到货设备开箱检验与加电测试' },
  { kind: 'installation', issue: true, steps: E('accept schedule arrive resolve follow_up'), text: '存储扩容完成，待回访' },
  {
    kind: 'preventive_maintenance',
    issue: true,
    steps: E('accept schedule arrive resolve follow_up close'),
    text: '半年度巡检，已完成并回访',
  },
  { kind: 'installation', issue: true, steps: E('cancel'), text: '客户推迟项目，安装取消' },
  { kind: 'emergency_repair', issue: true, steps: E('accept resolve follow_up close reopen'), text: '网络间歇中断，关闭后复发' },
];

/** What the engineer did (resolve asks for it) and what came of it (close asks for it). */
const RESOLUTION = '已排除故障并测试，设备运行正常';
const OUTCOME = '客户确认问题已解决，同意结案';

const MANAGER_STEPS: readonly TServiceRequestAction[] = ['close', 'cancel', 'reopen'];

async function actorOf(db: Db, email: string): Promise<Actor | null> {
  const row = await findUserForLogin(db, email);
  return row ? { id: row.id, name: row.name, roles: await rolesOf(db, row.id), requestId: null } : null;
}

/**
 * Demo service requests in every workflow state, an urgent phone dispatch still incomplete, a
 * project with its manager, an escalation and a task request. Skipped when requests exist.
 */
export async function loadDemoServiceRequests(db: Db, timeZone: string): Promise<boolean> {
  if ((await listServiceRequests(db, systemActor('demo'), { page: 1, pageSize: 1, sort: '-createdAt' })).total > 0) return false;
  const [tm, sales, pm, eng1, eng2] = await Promise.all(
    ['zhang.wei@demo.fuwu', 'li.na@demo.fuwu', 'liu.yang@demo.fuwu', 'chen.jie@demo.fuwu', 'zhao.lei@demo.fuwu'].map((e) => actorOf(db, e)),
  );
  if (!tm || !sales || !eng1 || !eng2) return false;
  const contracts = (await listContracts(db, systemActor('demo'), { page: 1, pageSize: 50, status: 'active', sort: '-signedAt' })).items;
  if (contracts.length === 0) return false;
  const project = pm
    ? await createProject(db, tm, {
        code: 'PRJ-2026-001',
        name: `${contracts[0].customer.name} 数据中心扩容项目`,
        customerId: contracts[0].customer.id,
        contractIds: [contracts[0].id],
        projectManagerId: pm.id,
        memberIds: [eng1.id as number, eng2.id as number],
        status: 'active',
      }).catch(() => null)
    : null;
  const hour = 3_600_000;
  // Visits planned at 09:00 in the company's zone, today and the following days.
  const today = dayNumberOfIsoDate(localDateOf(new Date(), timeZone));
  let made = 0;
  for (const [i, w] of WALKS.entries()) {
    // A contract that covers the kind (R-SCOPE-1), the walks spread over them.
    const covering = contracts.filter((k) => kindWithinContract(w.kind, k.serviceKinds));
    const c = covering.length ? covering[i % covering.length] : contracts[i % contracts.length];
    const engineer = i % 2 === 0 ? eng1 : eng2;
    // The customer's own (primary first) contact, as a receiver would take it down.
    const contact = (await getCustomer(db, c.customer.id)).contacts[0];
    const start = new Date(instantOfWallTime(today + (i % 5), 9 * hour, timeZone));
    const sr = await createServiceRequest(
      db,
      i % 3 === 0 ? sales : tm,
      {
        kind: w.kind,
        customerId: c.customer.id,
        contractId: c.id,
        origin: i % 4 === 0 ? 'call' : 'contract',
        contactName: contact?.name ?? '王建国',
        contactPhone: contact?.phones[0]?.raw ?? '139 1001 2001',
        siteAddress: `${c.customer.name} 机房`,
        description: w.text,
        equipmentIds: [],
        responsibleEngineerId: engineer.id,
        backupEngineerId: (engineer === eng1 ? eng2 : eng1).id,
        projectId: i === 3 && project ? project.id : undefined,
        plannedStart: start.toISOString(),
        plannedEnd: new Date(start.getTime() + 4 * hour).toISOString(),
        priority: w.kind === 'emergency_repair' ? 'high' : 'normal',
        issue: w.issue,
      },
      timeZone,
      'zh-CN',
    );
    for (const step of w.steps)
      await takeServiceRequestStep(
        db,
        MANAGER_STEPS.includes(step) ? tm : engineer,
        sr.id,
        step,
        step.startsWith('wait_')
          ? { reason: w.text }
          : step === 'resolve'
            ? { reason: RESOLUTION }
            : step === 'close'
              ? { reason: OUTCOME }
              : {},
        timeZone,
      );
    if (i === 5) await raiseEscalation(db, engineer, sr.id, { kind: 'cannot_solve_in_time', text: '电源模块需原厂更换，今日无法修复' });
    made++;
  }
  const urgent = await createServiceRequest(
    db,
    tm,
    {
      urgent: true,
      kind: 'emergency_repair',
      customerId: contracts[0].customer.id,
      description: '电话报修：核心业务系统全部停止',
      responsibleEngineerId: eng1.id as number,
    },
    timeZone,
    'zh-CN',
  );
  await createTaskRequest(
    db,
    tm,
    {
      task: '整理本月巡检发现的问题并提出改进建议',
      reason: '月度项目汇总',
      customerId: contracts[0].customer.id,
      assigneeId: eng2.id as number,
      dueDate: null,
      expectedOutput: '问题清单与改进建议',
      issue: true,
    },
    timeZone,
  );
  console.log(`Demo service requests: ${made + 1} (every workflow state, one urgent incomplete: ${urgent.number}), 1 task request.`);
  return true;
}
