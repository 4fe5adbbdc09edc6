import type { TUnitGate } from '@contract/inspections';
import { GATE_STATE_LABELS, type TGateState } from '@contract/inspection-labels';
import { useLocale } from '../../app/locale-context';
import { LightTag } from '../../ui/light-tag';

const GATE_COLORS: Record<TGateState, string> = {
  not_started: 'default',
  burn_in: 'processing',
  blocked: 'red',
  passed: 'green',
  ready: 'cyan',
  shipped: 'purple',
};

/** An inspection's place against the shipment gate (R-GOODS-3). */
export function GateTag({ gate, testId }: { gate: TGateState; testId?: string }) {
  const { pick } = useLocale();
  return (
    <LightTag color={GATE_COLORS[gate]} data-testid={testId}>
      {pick(GATE_STATE_LABELS[gate])}
    </LightTag>
  );
}

const UNIT_COLORS: Record<TUnitGate['state'], string> = {
  not_started: 'default',
  running: 'processing',
  failed: 'red',
  short: 'red',
  too_late: 'red',
  no_ship_date: 'orange',
  passed: 'green',
  customer_declined: 'gold',
};

/** A unit's gate: its state and, when it may not ship, every reason in words. */
export function UnitGateView({ gate, testId }: { gate: TUnitGate; testId?: string }) {
  const { t, pick } = useLocale();
  return (
    <div data-testid={testId}>
      <LightTag color={UNIT_COLORS[gate.state]}>{t(`insp.unitGate.${gate.state}`)}</LightTag>
      {gate.reasons.map((r) => (
        <div key={r.code} style={{ fontSize: 12, color: '#cf1322', maxWidth: 360 }}>
          {pick(r.message)}
        </div>
      ))}
    </div>
  );
}
