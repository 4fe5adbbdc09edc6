import type { TBilingual } from './bilingual';
import { CALL_ACTION_LABELS } from './calls';
import { SERVICE_REQUEST_ACTION_LABELS } from './service-request-labels';

/**
 * The audit trail in words: what kind of record (`service_request` → 服务要求单) and what was done
 * (`create_issued` → 创建并下达), for the audit page's columns and its filters (a filter is chosen
 * by its words; the code stays in the URL). An area that audits a new entity or action adds it here;
 * anything not here is shown as its code.
 */
export const AUDIT_ENTITY_LABELS: Record<string, TBilingual> = {
  auth: { zh: '登录', en: 'Sign-in' },
  user: { zh: '用户', en: 'User' },
  customer: { zh: '客户', en: 'Customer' },
  contact: { zh: '联系人', en: 'Contact' },
  industry: { zh: '行业', en: 'Industry' },
  contract: { zh: '合同', en: 'Contract' },
  equipment: { zh: '设备', en: 'Equipment' },
  document: { zh: '文档', en: 'Document' },
  import: { zh: '导入', en: 'Import' },
  call: { zh: '来电', en: 'Call' },
  service_request: { zh: '服务要求单', en: 'Service request' },
  escalation: { zh: '升级', en: 'Escalation' },
  task_request: { zh: '任务申请', en: 'Task request' },
  project: { zh: '项目', en: 'Project' },
  engineer_leave: { zh: '工程师请假', en: 'Engineer leave' },
  goods_deviation: { zh: '到货异常', en: 'Goods deviation' },
  holiday_year: { zh: '年度节假日', en: 'Holiday year' },
  company_profile: { zh: '公司信息', en: 'Company profile' },
  checklist_template: { zh: '检查表模板', en: 'Checklist template' },
  delivery_robot: { zh: '通知机器人', en: 'Notification robot' },
  delivery_outbox: { zh: '通知发送', en: 'Notification delivery' },
  notification_preferences: { zh: '通知偏好', en: 'Notification preferences' },
  guard_override: { zh: '规则例外', en: 'Rule override' },
};

const ACTION_WORDS: Record<string, TBilingual> = {
  create: { zh: '创建', en: 'Create' },
  create_issued: { zh: '创建并下达', en: 'Create and issue' },
  create_urgent: { zh: '电话紧急派工', en: 'Urgent dispatch by phone' },
  update: { zh: '修改', en: 'Edit' },
  delete: { zh: '删除', en: 'Delete' },
  assign: { zh: '派工', en: 'Assign' },
  set_backup: { zh: '设置后备工程师', en: 'Set backup engineer' },
  stage: { zh: '变更阶段', en: 'Change stage' },
  raise: { zh: '提出', en: 'Raise' },
  acknowledge: { zh: '确认', en: 'Acknowledge' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  new_version: { zh: '新版本', en: 'New version' },
  add_version: { zh: '添加版本', en: 'Add version' },
  add_photo: { zh: '添加照片', en: 'Add photo' },
  attach: { zh: '添加附件', en: 'Attach a file' },
  update_team: { zh: '修改团队', en: 'Edit team' },
  agree: { zh: '确认计划', en: 'Agree to the plan' },
  report: { zh: '报告', en: 'Report' },
  remind: { zh: '提醒', en: 'Remind' },
  retry: { zh: '重试', en: 'Retry' },
  start: { zh: '开始', en: 'Start' },
  login: { zh: '登录', en: 'Sign in' },
  logout: { zh: '退出登录', en: 'Sign out' },
  login_failed: { zh: '登录失败', en: 'Failed sign-in' },
  password_check_failed: { zh: '密码核对失败', en: 'Password check failed' },
  change_password: { zh: '修改密码', en: 'Change password' },
  reset_password: { zh: '重置密码', en: 'Reset password' },
  set_locale: { zh: '切换语言', en: 'Change language' },
  override_guard: { zh: '按例外放行', en: 'Override a rule' },
  log_step: { zh: '记录处理步骤', en: 'Log a step' },
  log_contact: { zh: '记录联系', en: 'Log a contact' },
  log_diagnostic_email: { zh: '发送诊断邮件', en: 'Send diagnostic e-mail' },
  log_status_email: { zh: '发送进展邮件', en: 'Send status e-mail' },
  log_notice: { zh: '记录通知', en: 'Log a notice' },
};

/** Every action the trail may hold, with its words (workflow steps of requests and calls included). */
export const AUDIT_ACTION_LABELS: Record<string, TBilingual> = {
  ...CALL_ACTION_LABELS,
  ...SERVICE_REQUEST_ACTION_LABELS,
  ...ACTION_WORDS,
};

export function auditEntityLabel(entity: string): TBilingual | undefined {
  return AUDIT_ENTITY_LABELS[entity];
}

export function auditActionLabel(action: string): TBilingual | undefined {
  return AUDIT_ACTION_LABELS[action];
}
