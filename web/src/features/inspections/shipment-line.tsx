import { WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { TShipmentFacts } from '@contract/inspections';
import { GATE_STATE_LABELS } from '@contract/inspection-labels';
import { useLocale } from '../../app/locale-context';
import { GateTag } from './gate-tag';

/**
 * A goods-inspection request's shipment on a card (dispatch board, my work): the planned date,
 * the gate's state, and a warning when the shipment is near and a burn-in has not started.
 */
export function ShipmentLine({ shipment: s, compact = false, testId }: { shipment: TShipmentFacts; compact?: boolean; testId?: string }) {
  const { t, pick } = useLocale();
  const warning = s.burnInWarning && (
    <WarningOutlined style={{ color: '#fa8c16' }} title={t('insp.burnInWarning')} aria-label={t('insp.burnInWarning')} />
  );
  if (compact)
    return (
      <div data-testid={testId} title={`${t('insp.shipDate')} ${s.plannedShipDate ?? '—'} · ${pick(GATE_STATE_LABELS[s.gate])}`}>
        {warning} {t('insp.shipShort')} {s.plannedShipDate?.slice(5) ?? '—'} · {pick(GATE_STATE_LABELS[s.gate])}
      </div>
    );
  return (
    <div data-testid={testId}>
      <span className="fuwu-muted">{t('insp.shipDate')}</span> <strong>{s.plannedShipDate ?? '—'}</strong> <GateTag gate={s.gate} />
      {s.burnInWarning && (
        <div style={{ color: '#ad4e00' }}>
          {warning} {t('insp.burnInWarning')}
        </div>
      )}
      <Link to={`/inspections/${s.inspectionId}`}>{t('insp.openRecord')}</Link>
    </div>
  );
}
