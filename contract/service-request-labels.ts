import type { TServiceRequestAction, TServiceRequestKind, TServiceRequestState } from './service-request-workflow';
import type { TServiceRequestPriority } from './service-requests';
import type { TSlaClockKind, TSlaClockState, TSlaStatus } from './sla';

/*
 * The words of the service-request vocabularies (states, kinds, actions, priorities, SLA clocks) in
 * both languages: plain data, apart from the schemas, so a page showing them loads no zod.
 */

export const SERVICE_REQUEST_STATE_LABELS: Record<TServiceRequestState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  issued: { zh: '已下达', en: 'Issued' },
  accepted: { zh: '已接单', en: 'Accepted' },
  scheduled: { zh: '已排期', en: 'Scheduled' },
  travelling: { zh: '出发', en: 'Travelling' },
  on_site: { zh: '到场', en: 'On site' },
  waiting_customer: { zh: '等待客户', en: 'Waiting for customer' },
  waiting_parts: { zh: '等待备件', en: 'Waiting for parts' },
  resolved: { zh: '已解决', en: 'Resolved' },
  follow_up: { zh: '待回访', en: 'Follow-up' },
  closed: { zh: '已关闭', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  reopened: { zh: '重开', en: 'Reopened' },
};

export const SERVICE_REQUEST_KIND_LABELS: Record<TServiceRequestKind, { zh: string; en: string }> = {
  goods_inspection: { zh: '货品检验', en: 'Goods inspection' },
  installation: { zh: '安装', en: 'Installation' },
  emergency_repair: { zh: '突发响应保修', en: 'Emergency warranty response' },
  preventive_maintenance: { zh: '例行检查/预防性维护', en: 'Routine inspection / Preventive maintenance' },
  training: { zh: '培训', en: 'Training' },
  consulting: { zh: '技术咨询', en: 'Technical consulting' },
  outsourcing: { zh: '外包服务', en: 'Outsourcing' },
  spare_parts: { zh: '备品备件', en: 'Spare parts' },
};

export const SERVICE_REQUEST_ACTION_LABELS: Record<TServiceRequestAction, { zh: string; en: string }> = {
  issue: { zh: '下达', en: 'Issue' },
  accept: { zh: '接单', en: 'Accept' },
  schedule: { zh: '排期', en: 'Schedule' },
  depart: { zh: '出发', en: 'Depart' },
  arrive: { zh: '到场', en: 'Arrive' },
  wait_customer: { zh: '等待客户', en: 'Wait for customer' },
  wait_parts: { zh: '等待备件', en: 'Wait for parts' },
  resume: { zh: '恢复处理', en: 'Resume' },
  resolve: { zh: '解决', en: 'Resolve' },
  follow_up: { zh: '转回访', en: 'To follow-up' },
  close: { zh: '关闭', en: 'Close' },
  cancel: { zh: '取消', en: 'Cancel' },
  reopen: { zh: '重开', en: 'Reopen' },
};

export const SLA_CLOCK_KIND_LABELS: Record<TSlaClockKind, { zh: string; en: string }> = {
  response: { zh: '响应', en: 'Response' },
  arrival: { zh: '到场', en: 'Arrival' },
  resolution: { zh: '解决', en: 'Resolution' },
};

export const SLA_CLOCK_STATE_LABELS: Record<TSlaClockState, { zh: string; en: string }> = {
  running: { zh: '计时中', en: 'Running' },
  paused: { zh: '已暂停', en: 'Paused' },
  met: { zh: '已达成', en: 'Met' },
  at_risk: { zh: '即将超时', en: 'At risk' },
  breached: { zh: '已超时', en: 'Breached' },
};

export const SERVICE_REQUEST_PRIORITY_LABELS: Record<TServiceRequestPriority, { zh: string; en: string }> = {
  low: { zh: '低', en: 'Low' },
  normal: { zh: '普通', en: 'Normal' },
  high: { zh: '高', en: 'High' },
  urgent: { zh: '紧急', en: 'Urgent' },
};

/** The standing in words: the clock states' words (`ok` reads as a running clock). */
export const SLA_STATUS_LABELS: Record<TSlaStatus, { zh: string; en: string }> = {
  ok: SLA_CLOCK_STATE_LABELS.running,
  at_risk: SLA_CLOCK_STATE_LABELS.at_risk,
  breached: SLA_CLOCK_STATE_LABELS.breached,
};
