import type { Actor } from '../../actor';
import type { Db } from '../../db/database';
import { formContextOf } from '../../pdf/form-text';
import { getCompanyProfile, updateCompanyProfile } from '../company/company.service';
import { findContractsByNumbers } from '../contracts/contracts.service';
import type { FileStore } from '../files/file-store';
import { findUserForLogin, rolesOf } from '../users/users.service';
import {
  addPaperFeedback,
  addTrainingAttendee,
  archiveTrainingSession,
  confirmTrainingSession,
  createFeedbackLink,
  createTrainingDebrief,
  createTrainingPlan,
  getTrainingSession,
  issueCertificates,
  listTrainingPlans,
  saveTrainingChecklist,
  submitPublicFeedback,
} from './trainings.service';

async function actorOf(db: Db, email: string): Promise<Actor | null> {
  const row = await findUserForLogin(db, email);
  return row ? { id: Number(row.id), name: row.name, roles: await rolesOf(db, Number(row.id)), requestId: null } : null;
}

/** A signature as a tablet would send it: a small PNG (a stroke on white). */
const SIGNATURE_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const ATTENDEES: { name: string; company: string; contact: string; pad: boolean }[] = [
  { name: '赵立新', company: '中金汇通银行 / 数据中心', contact: '139 1001 2001', pad: true },
  { name: '钱晓梅', company: '中金汇通银行 / 数据中心', contact: '010-6655 8802', pad: true },
  { name: '欧阳明轩', company: '中金汇通银行 / 运维部', contact: '138 0101 3321', pad: true },
  { name: '李静', company: '中金汇通银行 / 运维部', contact: '137 0102 4455', pad: false },
  { name: '王宏伟', company: '中金汇通银行 / 网络部', contact: '136 0103 5566', pad: false },
  { name: '周晓东', company: '中金汇通银行 / 信息安全部', contact: '135 0104 6677', pad: false },
];

const FEEDBACK: [number, number, number, number, number, string | null][] = [
  [5, 5, 4, 5, 5, '讲解清楚，实操环节很有帮助'],
  [4, 5, 4, 4, 5, null],
  [5, 4, 3, 4, 4, '希望资料提供电子版'],
  [4, 4, 4, 5, 4, null],
  [5, 5, 5, 4, 5, '建议增加故障演练'],
];

/** A date `days` from today, as YYYY-MM-DD. */
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A training plan on the demo's training contract: a session held last week (confirmed, room
 * checked, six sign-ins, feedback from phones and paper, certificates, filed in the archive) and
 * one coming. Skipped when a plan exists or the contract and people are missing.
 */
export async function loadDemoTrainings(
  db: Db,
  store: FileStore,
  config: { FUWU_TIMEZONE: string; FUWU_PUBLIC_URL: string },
): Promise<boolean> {
  if ((await listTrainingPlans(db, { page: 1, pageSize: 1 })).total > 0) return false;
  const contract = (await findContractsByNumbers(db, ['ZJHT-2026-PX-002'])).get('ZJHT-2026-PX-002');
  const [tm, trainer, second] = await Promise.all(
    ['zhang.wei@demo.fuwu', 'chen.jie@demo.fuwu', 'zhao.lei@demo.fuwu'].map((e) => actorOf(db, e)),
  );
  if (!contract || !tm || !trainer || !second) return false;
  const tz = config.FUWU_TIMEZONE;
  // Certificates name their issuer: the company's name on every printed form.
  const company = await getCompanyProfile(db);
  if (!company.name) await updateCompanyProfile(db, tm, { version: company.version, name: '华信技术服务有限公司' });
  const plan = await createTrainingPlan(
    db,
    tm,
    {
      contractId: contract.id,
      title: '存储与虚拟化运维培训',
      contactName: '赵立新',
      contactEmail: 'zhaolx@zjht-bank.com.cn',
      notes: '合同约定两天现场培训，15 人以内',
      sessions: [
        {
          course: '存储系统日常运维',
          date: dayFromToday(-7),
          startTime: '09:30',
          hours: 6,
          place: '汇通大厦 5 楼培训室',
          trainerId: trainer.id as number,
          expectedAttendees: 8,
        },
        {
          course: '虚拟化平台故障处理',
          date: dayFromToday(10),
          startTime: '09:30',
          hours: 6,
          place: '汇通大厦 5 楼培训室',
          trainerId: second.id as number,
          expectedAttendees: 8,
        },
      ],
    },
    tz,
  );
  const held = plan.sessions[0];
  let s = await confirmTrainingSession(
    db,
    trainer,
    held.id,
    { version: held.version, date: held.date, startTime: held.startTime, place: held.place, attendees: 6 },
    tz,
  );
  s = await saveTrainingChecklist(
    db,
    trainer,
    held.id,
    {
      version: s.version,
      answers: {
        equipment_installed: true,
        room_temperature: 23,
        room_humidity: 48,
        supply_voltage: 221,
        power_signal_ok: true,
        seats: 10,
        headcount_fits: true,
        sign_in_sheet: true,
        feedback_forms: true,
        certificates: true,
      },
    },
    tz,
  );
  for (const a of ATTENDEES)
    await addTrainingAttendee(db, store, trainer, held.id, {
      name: a.name,
      company: a.company,
      contact: a.contact,
      method: a.pad ? 'pad' : 'paper',
      ...(a.pad && { signature: SIGNATURE_PNG }),
    });
  const link = await createFeedbackLink(db, trainer, held.id, 3, config.FUWU_PUBLIC_URL);
  for (const [i, [content, tr, materials, organisation, usefulness, comments]] of FEEDBACK.entries()) {
    const input = { ratings: { content, trainer: tr, materials, organisation, usefulness }, comments };
    if (i < 3) await submitPublicFeedback(db, link.token, `demo-phone-${i}-0000000000`, { ...input, sessionId: held.id });
    else await addPaperFeedback(db, trainer, held.id, input);
  }
  await issueCertificates(db, trainer, held.id, {}, tz);
  await archiveTrainingSession(db, store, trainer, held.id, formContextOf(config, 'zh-CN'));
  await createTrainingDebrief(db, trainer, held.id, {
    howItWent: '六位学员全部到场，实操环节气氛积极；机房演示因网络权限延误约二十分钟。',
    lessons: '下次提前一天与客户确认演示账号和网络权限，并多准备一份离线演示环境。',
    customerSituation: '客户数据中心计划明年扩容存储，运维部希望再安排一次故障处理专题培训。',
  });
  const done = await getTrainingSession(db, held.id, tz);
  console.log(
    `Demo training: plan ${plan.number}, ${done.attendees.length} sign-ins, ${done.feedback.length} feedback forms, ${done.certificateCount} certificates.`,
  );
  return true;
}
