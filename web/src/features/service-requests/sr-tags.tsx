import type { TServiceRequestKind, TServiceRequestState } from '@contract/service-request-workflow';
import type { TServiceRequestPriority } from '@contract/service-requests';
import type { TSlaStatus } from '@contract/sla';
import type { TTranslate } from '../../app/locale-context';
import { LightTag } from '../../ui/light-tag';
import { PRIORITY_COLORS, STATE_COLORS, useSrLabels } from './sr-labels';

export function StateTag({ state, testId }: { state: TServiceRequestState; testId?: string }) {
  const labels = useSrLabels();
  return (
    <LightTag color={STATE_COLORS[state]} data-state={state} data-testid={testId}>
      {labels.state(state)}
    </LightTag>
  );
}

export function KindTag({ kind }: { kind: TServiceRequestKind }) {
  const labels = useSrLabels();
  return <LightTag data-kind={kind}>{labels.kind(kind)}</LightTag>;
}

/** Normal priority is the usual case and shows nothing. */
export function PriorityTag({ priority }: { priority: TServiceRequestPriority }) {
  const labels = useSrLabels();
  if (priority === 'normal') return null;
  return (
    <LightTag color={PRIORITY_COLORS[priority]} data-priority={priority}>
      {labels.priority(priority)}
    </LightTag>
  );
}

/** The request's SLA standing as of the last sweep (R-EMER-2/8/9); nothing when on time. */
export function SlaBadge({ status }: { status: TSlaStatus | null }) {
  const labels = useSrLabels();
  if (status === null || status === 'ok') return null;
  return (
    <LightTag color={status === 'breached' ? 'error' : 'warning'} data-sla={status} data-testid="sr-sla-badge">
      SLA · {labels.slaStatus(status)}
    </LightTag>
  );
}

/** The list's SLA column: the standing as of the last sweep, coloured; "none" when the request has no clock. */
export function SlaCell({ status, t }: { status: TSlaStatus | null; t: TTranslate }) {
  const labels = useSrLabels();
  // Not yet weighed by the sweep, or no clock: the detail says which.
  if (status === null)
    return (
      <span title={t('sr.slaNoneShort')} data-testid="sr-sla-cell" data-sla="none">
        —
      </span>
    );
  const color = status === 'breached' ? 'error' : status === 'at_risk' ? 'warning' : 'success';
  return (
    <LightTag color={color} data-testid="sr-sla-cell" data-sla={status}>
      {labels.slaStatus(status)}
    </LightTag>
  );
}

/** R-EMER-1: dispatched by phone, the form still to complete. */
export function IncompleteTag({ t }: { t: TTranslate }) {
  return (
    <LightTag color="volcano" title={t('sr.incompleteHelp')} data-testid="sr-incomplete">
      {t('sr.incomplete')}
    </LightTag>
  );
}

/** `2 小时 5 分` / `2 h 5 min`; negative minutes are shown as an overrun. */
export function formatMinutes(minutes: number, t: TTranslate): string {
  const m = Math.round(Math.abs(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  const text = h > 0 ? t('sr.hoursMinutes', { h, m: rest }) : t('sr.minutes', { m: rest });
  return minutes < 0 ? t('sr.overdueBy', { time: text }) : text;
}
