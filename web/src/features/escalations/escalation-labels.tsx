import { LightTag } from '../../ui/light-tag';
import { ESCALATION_KIND_LABELS, type TEscalationKind } from '@contract/escalation-labels';
import type { TEscalation } from '@contract/escalations';
import type { TMessageKey } from '../../app/i18n';
import { useLocale } from '../../app/locale-context';

type TEscalationState = TEscalation['state'];

export const ESCALATION_STATE_COLORS: Record<TEscalationState, string> = {
  open: 'red',
  acknowledged: 'processing',
  closed: 'default',
};

const STATE_KEYS: Record<TEscalationState, TMessageKey> = {
  open: 'escalation.state.open',
  acknowledged: 'escalation.state.acknowledged',
  closed: 'escalation.state.closed',
};

/** Escalation kinds (labels from the contract) and states in the user's language. */
export function useEscalationLabels() {
  const { pick, t } = useLocale();
  return {
    kind: (k: TEscalationKind) => pick(ESCALATION_KIND_LABELS[k]),
    state: (s: TEscalationState) => t(STATE_KEYS[s]),
  };
}

export function EscalationStateTag({ state, testId }: { state: TEscalationState; testId?: string }) {
  const labels = useEscalationLabels();
  return (
    <LightTag color={ESCALATION_STATE_COLORS[state]} data-testid={testId}>
      {labels.state(state)}
    </LightTag>
  );
}
