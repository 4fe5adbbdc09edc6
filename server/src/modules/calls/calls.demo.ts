import type { TCallAction, TCallStep } from '@contract/calls';
import { type Actor, systemActor } from '../../actor';
import type { Db } from '../../db/database';
import { getCustomer } from '../customers/customers.service';
import { listContracts } from '../contracts/contracts.service';
import { findUserForLogin, rolesOf } from '../users/users.service';
import { createCall, listCalls, logCallContact, sendCallEmail, takeCallStep } from './calls.service';

async function actorOf(db: Db, email: string): Promise<Actor | null> {
  const row = await findUserForLogin(db, email);
  return row ? { id: Number(row.id), name: row.name, roles: await rolesOf(db, Number(row.id)), requestId: null } : null;
}

type Walk = {
  symptom: string;
  product: string;
  serious?: 'system_down' | 'frequent_errors';
  forward: boolean;
  steps: [TCallAction, 'tm' | 'eng', TCallStep][];
};

/** One call per state (and a critical one), as the front desk would have taken them over the last days. */
const WALKS: Walk[] = [
  { symptom: '服务器前面板告警灯闪烁，询问是否需要处理', product: '服务器', forward: false, steps: [] },
  { symptom: '备份作业连续两晚失败', product: '备份软件', forward: true, steps: [] },
  { symptom: '核心数据库集群全部停止，业务中断', product: '小型机', serious: 'system_down', forward: true, steps: [] },
  { symptom: '存储阵列频繁报出链路错误', product: '存储', serious: 'frequent_errors', forward: true, steps: [['assign_remote', 'tm', {}]] },
  {
    symptom: '虚拟化平台管理界面无法登录',
    product: '虚拟化软件',
    forward: true,
    steps: [
      ['assign_remote', 'tm', {}],
      ['resolve', 'eng', { note: '远程重置证书后恢复' }],
    ],
  },
  { symptom: '交换机端口故障，需更换板卡', product: '网络设备', forward: true, steps: [['convert', 'tm', { siteAddress: '客户机房' }]] },
  {
    symptom: '过保磁带机读写异常',
    product: '磁带库',
    forward: true,
    steps: [['offer_chargeable', 'tm', { note: '已报有偿维修价格，待客户确认' }]],
  },
  {
    symptom: '咨询非我司销售的打印机维修',
    product: '打印机',
    forward: true,
    steps: [['decline', 'tm', { reason: '非我司销售产品，已建议联系原厂' }]],
  },
  { symptom: '备份作业失败（同一问题再次来电）', product: '备份软件', forward: true, steps: [['mark_duplicate', 'tm', {}]] },
];

/** Demo calls in every state, taken by the receiver from known callers and one stranger. Skipped when calls exist. */
export async function loadDemoCalls(db: Db, timeZone: string): Promise<boolean> {
  if ((await listCalls(db, systemActor('demo'), { page: 1, pageSize: 1, sort: '-calledAt' })).total > 0) return false;
  const [receiver, tm, eng] = await Promise.all(
    ['sun.li@demo.fuwu', 'zhang.wei@demo.fuwu', 'chen.jie@demo.fuwu'].map((e) => actorOf(db, e)),
  );
  if (!receiver || !tm || !eng) return false;
  const contracts = (await listContracts(db, systemActor('demo'), { page: 1, pageSize: 20, status: 'active', sort: '-signedAt' })).items;
  if (contracts.length === 0) return false;
  const now = Date.now();
  let first: number | null = null;
  for (const [i, w] of WALKS.entries()) {
    const c = contracts[i % contracts.length];
    const customer = await getCustomer(db, c.customer.id);
    const contact = customer.contacts[0];
    const call = await createCall(
      db,
      receiver,
      {
        callerName: contact?.name ?? '客户',
        company: customer.name,
        phone: contact?.phones[0]?.raw ?? '010-6655 8801',
        productType: w.product,
        symptom: w.symptom,
        calledAt: new Date(now - (WALKS.length - i) * 5 * 3_600_000).toISOString(),
        customerId: customer.id,
        contactId: contact?.id,
        contractId: c.id,
        email: contact?.email ?? undefined,
        statusEmails: Boolean(contact?.email),
        seriousProblem: w.serious,
        forwardToId: w.forward ? (tm.id as number) : undefined,
      },
      timeZone,
    );
    first ??= call.id;
    for (const [action, who, body] of w.steps) {
      const step = { ...body };
      if (action === 'assign_remote') step.engineerId = eng.id as number;
      if (action === 'convert') step.responsibleEngineerId = eng.id as number;
      if (action === 'mark_duplicate') step.duplicateOfId = first;
      if (action === 'resolve')
        await logCallContact(db, eng, call.id, { channel: 'phone', text: '电话联系客户，远程排查', hours: 0.5 }, timeZone);
      await takeCallStep(db, who === 'tm' ? tm : eng, call.id, action, step, timeZone, 'zh-CN');
    }
    if (i === 3)
      await sendCallEmail(
        db,
        eng,
        call.id,
        { subject: '链路错误排查步骤', text: '1. 检查光模块指示灯\n2. 导出阵列日志并回复本邮件' },
        timeZone,
      );
  }
  await createCall(
    db,
    receiver,
    {
      callerName: '周先生',
      company: '杭州某科技有限公司',
      phone: '0571-8888 6666',
      productType: '服务器',
      symptom: '新客户咨询服务器维保',
      statusEmails: false,
    },
    timeZone,
  );
  console.log(`Demo calls: ${WALKS.length + 1} (every state, two critical, one caller not a customer yet).`);
  return true;
}
