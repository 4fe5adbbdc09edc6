import { z } from 'zod';
import type { TBilingual } from './bilingual';
import { ZPageQuery } from './common';

/**
 * Guards with override (DESIGN.md): a rulebook "must" refuses the step with an error naming the rule,
 * unless a technical manager overrides it with a written reason. One mechanism for every area, so the
 * compliance view counts overrides per rule. A request body that may override carries `override`.
 */
export const ZGuardOverride = z.strictObject({
  reason: z.string().trim().min(5).max(500),
});
export type TGuardOverride = z.infer<typeof ZGuardOverride>;

/**
 * Each guarded rule in words, for the override list and the per-rule count (rule IDs never reach the
 * screen). An area that adds a guard adds its rule here.
 */
export const GUARD_RULE_LABELS: Record<string, TBilingual> = {
  'R-GOODS-3': { zh: '发货前至少提前一天完成老化测试', en: 'Goods tested at least one day before shipment' },
  'R-GOODS-5': { zh: '老化测试不少于 12 小时', en: 'Burn-in of at least 12 hours' },
  'R-EMER-5': {
    zh: '变更生产系统前先备份（或记录客户拒绝及风险）',
    en: "Backup (or the customer's written refusal) before a production change",
  },
  'R-EMER-6': { zh: '重现故障、实施方案前取得客户同意', en: "The customer's approval before reproducing the fault and applying the fix" },
  'R-EMER-7': { zh: '更换部件须记录原因或依据', en: 'Every part replacement records its reason or evidence' },
};

export function guardRuleLabel(rule: string): TBilingual {
  return GUARD_RULE_LABELS[rule] ?? { zh: '规则', en: 'Rule' };
}

export const ZGuardOverrideRecord = z.object({
  id: z.number().int(),
  rule: z.string(),
  ruleLabel: z.object({ zh: z.string(), en: z.string() }),
  entity: z.string(),
  entityId: z.string(),
  reason: z.string(),
  user: z.object({ id: z.number().int(), name: z.string() }),
  at: z.string(),
});
export type TGuardOverrideRecord = z.infer<typeof ZGuardOverrideRecord>;

export const ZGuardOverrideQuery = ZPageQuery.extend({
  rule: z.string().max(20).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
}).strict();
export type TGuardOverrideQuery = z.infer<typeof ZGuardOverrideQuery>;

export const ZGuardOverrideCountQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type TGuardOverrideCountQuery = z.infer<typeof ZGuardOverrideCountQuery>;

export const ZGuardOverrideCount = z.object({
  rule: z.string(),
  ruleLabel: z.object({ zh: z.string(), en: z.string() }),
  count: z.number().int(),
});
export type TGuardOverrideCount = z.infer<typeof ZGuardOverrideCount>;
