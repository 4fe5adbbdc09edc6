import { Suspense, useState } from 'react';
import type { TServiceRequestAction, TServiceRequestKind } from '@contract/service-request-workflow';
import type { TServiceRequestDetail, TServiceRequestStep } from '@contract/service-requests';
import { isApiError } from '../../api/api-error';
import { useCan } from '../../api/me.hooks';
import { useServiceRequestStep } from '../../api/service-requests.hooks';
import { useLocale } from '../../app/locale-context';
import { LightButton } from '../../ui/light-button';
import { lazyWithAntd } from '../../ui/lazy-with-antd';
import { useNotify } from '../../ui/notify';
import { FORWARD_ACTIONS, REASON_ACTIONS, useSrLabels } from './sr-labels';

export interface SrActionTarget {
  id: number;
  kind: TServiceRequestKind;
  /** Sent when known, so a step on a stale view is refused instead of applied. */
  version?: number;
  allowedActions: readonly TServiceRequestAction[];
}

// The dialogs (antd's Modal and form) load when a step asks for one; the buttons are plain.
const SrStepDialog = lazyWithAntd(() => import('./sr-step-dialog').then((m) => m.SrStepDialog));
const SrOverrideDialog = lazyWithAntd(() => import('./sr-override-dialog').then((m) => m.SrOverrideDialog));

/** A step a guard refused, waiting for a technical manager's reason. */
interface TRefused {
  action: TServiceRequestAction;
  body: TServiceRequestStep;
  message: string;
}

/**
 * The workflow steps the caller may take now, as buttons (`data-testid="action-<action>"`):
 * exactly the server's `allowedActions`. Pauses, cancel and reopen ask for a reason first;
 * schedule for the planned time.
 */
export function SrActions({
  target,
  block,
  onDone,
}: {
  target: SrActionTarget;
  /** Full-width buttons (phones). */
  block?: boolean;
  onDone?: (sr: TServiceRequestDetail) => void;
}) {
  const { t } = useLocale();
  const labels = useSrLabels();
  const notify = useNotify();
  const step = useServiceRequestStep();
  const [asking, setAsking] = useState<TServiceRequestAction | null>(null);
  const [refused, setRefused] = useState<TRefused | null>(null);
  const canOverride = useCan('guards.override');

  function run(action: TServiceRequestAction, body: TServiceRequestStep = {}) {
    step.mutate(
      { id: target.id, action, body: { ...body, version: target.version } },
      {
        onSuccess: (sr) => {
          notify.success(t('sr.stepDone', { action: labels.action(action) }));
          setAsking(null);
          setRefused(null);
          onDone?.(sr);
        },
        onError: (err) => {
          // A rulebook guard refused the step: a technical manager may take it with a reason.
          if (canOverride && !body.override && isApiError(err) && err.rule) {
            setAsking(null);
            setRefused({ action, body, message: err.message });
            return;
          }
          notify.error(err);
        },
      },
    );
  }

  function click(action: TServiceRequestAction) {
    if (REASON_ACTIONS.includes(action) || action === 'schedule') {
      setAsking(action);
      return;
    }
    run(action);
  }

  if (target.allowedActions.length === 0) return null;
  return (
    <>
      <div className={block ? 'fuwu-stack' : 'fuwu-row'} data-testid="sr-actions">
        {target.allowedActions.map((a) => (
          <LightButton
            key={a}
            type={FORWARD_ACTIONS.includes(a) ? 'primary' : 'default'}
            danger={a === 'cancel'}
            block={block}
            size={block ? 'large' : undefined}
            loading={step.isPending && step.variables?.action === a}
            disabled={step.isPending && step.variables?.action !== a}
            onClick={() => click(a)}
            data-testid={`action-${a}`}
          >
            {labels.action(a)}
          </LightButton>
        ))}
      </div>
      {refused && (
        <Suspense>
          <SrOverrideDialog
            message={refused.message}
            pending={step.isPending}
            onCancel={() => setRefused(null)}
            onConfirm={(override) => run(refused.action, { ...refused.body, override })}
          />
        </Suspense>
      )}
      {asking && (
        <Suspense>
          <SrStepDialog action={asking} pending={step.isPending} onCancel={() => setAsking(null)} onConfirm={(body) => run(asking, body)} />
        </Suspense>
      )}
    </>
  );
}
