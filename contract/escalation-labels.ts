/** An escalation's kinds and their words in both languages: plain data, apart from the schemas, so a page showing them loads no zod. */

export const ESCALATION_KINDS = ['cannot_solve_in_time', 'extra_work_requested', 'complaint', 'other_incident'] as const;
export type TEscalationKind = (typeof ESCALATION_KINDS)[number];
export const ESCALATION_KIND_LABELS: Record<TEscalationKind, { zh: string; en: string }> = {
  cannot_solve_in_time: { zh: '无法按时解决', en: 'Cannot solve in time' },
  extra_work_requested: { zh: '客户要求额外工作', en: 'Customer asks for extra work' },
  complaint: { zh: '客户投诉 / 不接受进度', en: 'Customer complaint / cannot accept the speed' },
  other_incident: { zh: '其他突发情况', en: 'Other incident' },
};
