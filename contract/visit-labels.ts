/** A visit's stages and a unit's actions with their words in both languages: plain data, apart from the schemas, so a page showing them loads no zod. */

/** Where the visit stands, from its times. */
export const VISIT_STAGES = ['planned', 'travelling', 'on_site', 'departed'] as const;
export type TVisitStage = (typeof VISIT_STAGES)[number];
export const VISIT_STAGE_LABELS: Record<TVisitStage, { zh: string; en: string }> = {
  planned: { zh: '待出发', en: 'Planned' },
  travelling: { zh: '在途', en: 'Travelling' },
  on_site: { zh: '在现场', en: 'On site' },
  departed: { zh: '已离场', en: 'Departed' },
};

/** What was done to a unit on a visit. */
export const UNIT_ACTIONS = ['served', 'installed', 'removed', 'replaced', 'put_back'] as const;
export type TUnitAction = (typeof UNIT_ACTIONS)[number];
export const UNIT_ACTION_LABELS: Record<TUnitAction, { zh: string; en: string }> = {
  served: { zh: '检修', en: 'Served' },
  installed: { zh: '安装', en: 'Installed' },
  removed: { zh: '拆除', en: 'Removed' },
  replaced: { zh: '更换', en: 'Replaced' },
  put_back: { zh: '装回原件', en: 'Put back' },
};
