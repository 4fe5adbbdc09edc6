/**
 * The shipment gate's words, without zod: the engineer's work page and the dispatch board show a
 * goods-inspection request's gate and load no schema code (the phone's transfer budget).
 */

/** An inspection's gate state: the least advanced of its units (or shipped when all are). */
export const GATE_STATES = ['not_started', 'burn_in', 'blocked', 'passed', 'ready', 'shipped'] as const;
export type TGateState = (typeof GATE_STATES)[number];

export const GATE_STATE_LABELS: Record<TGateState, { zh: string; en: string }> = {
  not_started: { zh: '未开始老化', en: 'Burn-in not started' },
  burn_in: { zh: '老化中', en: 'Burn-in running' },
  blocked: { zh: '不满足发货条件', en: 'Not ready to ship' },
  passed: { zh: '可发货', en: 'Gate passed' },
  ready: { zh: '已确认待发货', en: 'Ready to ship' },
  shipped: { zh: '已发货', en: 'Shipped' },
};
