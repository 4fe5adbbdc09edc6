import { type Actor, systemActor } from '../../actor';
import type { Db } from '../../db/database';
import { listServiceRequests } from '../service-requests/service-requests.service';
import { findUserForLogin, rolesOf } from '../users/users.service';
import { createDebrief } from './debriefs.service';
import * as repo from './service-reports.repo';
import {
  createReportForRequest,
  createReportFromVisit,
  listServiceReports,
  type SignDeps,
  signServiceReport,
  updateServiceReport,
} from './service-reports.service';

async function actorOf(db: Db, id: number | null | undefined): Promise<Actor | null> {
  if (!id) return null;
  const users = await repo.findUserNames(db, [id]);
  return users[0] ? { id, name: users[0].name, roles: await rolesOf(db, id), requestId: null } : null;
}

/** A signature image (a PNG, as a pad gives it). */
const SIGNATURE = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * Demo reports: the Installation and Acceptance Reports of the installation waiting for its
 * follow-up (the acceptance signed by both sides), a signed Customer Service Report of a visit if
 * the visits' demo made one, and the debrief of a closed request. Skipped when reports exist.
 */
export async function loadDemoServiceReports(db: Db, deps: SignDeps): Promise<boolean> {
  const demo = systemActor('demo');
  if ((await listServiceReports(db, demo, { page: 1, pageSize: 1 })).total > 0) return false;
  const tm = await findUserForLogin(db, 'zhang.wei@demo.fuwu');
  const requests = (await listServiceRequests(db, demo, { page: 1, pageSize: 200, sort: '-createdAt' })).items;
  let made = 0;
  const installation = requests.find((r) => r.kind === 'installation' && r.state === 'follow_up');
  const installer = await actorOf(db, installation?.responsibleEngineer?.id);
  if (installation && installer) {
    const ir = await createReportForRequest(db, installer, installation.id, 'installation', deps.ctx.timeZone);
    await updateServiceReport(db, installer, ir.id, {
      version: ir.version,
      fields: {
        configuration: '存储扩容：新增 2 个硬盘框、24 块 1.92TB SSD，扩容存储池并调整 LUN 映射',
        tests: [
          { name: '控制器切换测试', result: '通过，业务无中断' },
          { name: '多路径冗余测试', result: '通过' },
        ],
        problems: [{ problem: '新硬盘框固件版本与控制器不一致', solution: '按厂商指导升级固件后识别正常' }],
        outOfContract: [{ request: '客户希望顺便调整备份策略', answer: '不在合同范围，已建议另行立项，客户同意' }],
        openItems: [{ item: '补充配置文档电子版', owner: installer.name ?? '', dueDate: '2026-12-31' }],
        result: 'resolved',
        satisfaction: 5,
      },
    });
    const ar = await createReportForRequest(db, installer, installation.id, 'acceptance', deps.ctx.timeZone);
    const filled = await updateServiceReport(db, installer, ar.id, {
      version: ar.version,
      fields: {
        project: '存储扩容项目',
        tests: [{ name: '扩容后性能测试', result: '达到合同指标' }],
        documentsHandedOver: ['安装报告', '配置清单', '运维手册'],
        openItems: [{ item: '补充配置文档电子版', owner: installer.name ?? '', dueDate: '2026-12-31' }],
        conclusion: 'accepted_with_conditions',
        conditions: '配置文档电子版年底前补交',
      },
    });
    await signServiceReport(db, deps, installer, ar.id, {
      version: filled.version,
      signatures: [
        { role: 'customer', signerName: installation.contactName ?? '客户代表', method: 'pad', image: SIGNATURE },
        { role: 'manager', signerName: tm?.name ?? installer.name ?? '公司代表', method: 'pad', image: SIGNATURE },
      ],
    });
    made += 2;
  }
  // A visit made by the visits' demo (if any): its day's report, signed by the customer.
  for (const r of requests.filter((x) => x.state === 'on_site' || x.state === 'follow_up')) {
    const visit = (await repo.findVisitsOfRequest(db, r.id)).at(-1);
    const engineer = await actorOf(db, r.responsibleEngineer?.id);
    if (!visit || !engineer) continue;
    const report = await createReportFromVisit(db, engineer, Number(visit.id), deps.ctx.timeZone);
    if (report.checklist && report.checklist.missing.length > 0) continue;
    const filled = await updateServiceReport(db, engineer, report.id, {
      version: report.version,
      fields: { faultFound: r.description, result: 'pending', nextStep: '等待备件到货后再次上门', satisfaction: 4 },
    });
    await signServiceReport(db, deps, engineer, report.id, {
      version: filled.version,
      signatures: [{ role: 'customer', signerName: r.contactName ?? '客户代表', method: 'pad', image: SIGNATURE }],
    });
    made++;
    break;
  }
  const closed = requests.find((r) => r.state === 'closed');
  const author = await actorOf(db, closed?.responsibleEngineer?.id);
  if (closed && author) {
    await createDebrief(db, author, closed.id, {
      howItWent: '按计划完成，客户配合良好；到场后发现机房温度偏高，已提醒客户。',
      lessons: '出发前确认机房空调状态，备好同型号备件。',
      customerSituation: '客户明年计划扩容存储，可由销售跟进。',
    });
    made++;
  }
  if (made > 0) console.log(`Demo reports: ${made} (installation, acceptance, service report, debrief).`);
  return made > 0;
}
