import { LightTag } from '../../ui/light-tag';
import { pick } from '@contract/bilingual';
import { type TUnitAction, type TVisitStage, UNIT_ACTION_LABELS, VISIT_STAGE_LABELS } from '@contract/visit-labels';
import { useLocale } from '../../app/locale-context';

const STAGE_COLORS: Record<TVisitStage, string> = { planned: 'default', travelling: 'gold', on_site: 'blue', departed: 'green' };

export function VisitStageTag({ stage }: { stage: TVisitStage }) {
  const { locale } = useLocale();
  return (
    <LightTag color={STAGE_COLORS[stage]} data-stage={stage} data-testid="visit-stage">
      {pick(VISIT_STAGE_LABELS[stage], locale)}
    </LightTag>
  );
}

export function useUnitActionLabel(): (a: TUnitAction) => string {
  const { locale } = useLocale();
  return (a) => pick(UNIT_ACTION_LABELS[a], locale);
}
