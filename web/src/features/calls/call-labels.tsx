import { Tag } from 'antd';
import {
  CALL_ACTION_LABELS,
  CALL_CHANNEL_LABELS,
  CALL_SEVERITY_LABELS,
  CALL_STATE_LABELS,
  ENTITLEMENT_VERDICT_LABELS,
  SERIOUS_PROBLEM_LABELS,
  type TCallAction,
  type TCallChannel,
  type TCallSeverity,
  type TCallState,
  type TEntitlementVerdict,
  type TSeriousProblem,
} from '@contract/calls';
import { useSrLabels } from '../service-requests/sr-labels';

export const CALL_STATE_COLORS: Record<TCallState, string> = {
  new: 'gold',
  forwarded: 'blue',
  remote: 'processing',
  resolved: 'green',
  converted: 'purple',
  chargeable: 'orange',
  declined: 'default',
  duplicate: 'default',
};

export const CALL_SEVERITY_COLORS: Record<TCallSeverity, string> = { critical: 'red', high: 'volcano', normal: 'default', low: 'default' };

/** Call vocabularies in the user's language (labels from the contract). */
export function useCallLabels() {
  const { pick } = useSrLabels();
  return {
    pick,
    state: (s: TCallState) => pick(CALL_STATE_LABELS[s]),
    action: (a: TCallAction) => pick(CALL_ACTION_LABELS[a]),
    severity: (s: TCallSeverity) => pick(CALL_SEVERITY_LABELS[s]),
    channel: (c: TCallChannel) => pick(CALL_CHANNEL_LABELS[c]),
    serious: (p: TSeriousProblem) => pick(SERIOUS_PROBLEM_LABELS[p]),
    verdict: (v: TEntitlementVerdict) => pick(ENTITLEMENT_VERDICT_LABELS[v]),
  };
}

export function CallStateTag({ state }: { state: TCallState }) {
  const labels = useCallLabels();
  return (
    <Tag color={CALL_STATE_COLORS[state]} data-testid="call-state" data-state={state}>
      {labels.state(state)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: TCallSeverity }) {
  const labels = useCallLabels();
  if (severity === 'normal') return null;
  return (
    <Tag color={CALL_SEVERITY_COLORS[severity]} data-testid="call-severity" data-severity={severity}>
      {labels.severity(severity)}
    </Tag>
  );
}

/** Working minutes as "1 h 20 min" / "1小时20分". */
export function formatWorkingMinutes(
  minutes: number | null,
  t: (k: 'calls.hoursMinutes' | 'calls.minutes', v: Record<string, number>) => string,
): string {
  if (minutes === null) return '—';
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return h > 0 ? t('calls.hoursMinutes', { h, m }) : t('calls.minutes', { m });
}
