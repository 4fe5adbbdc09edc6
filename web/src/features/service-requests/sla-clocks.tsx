import type { TServiceRequestDetail } from '@contract/service-requests';
import { SLA_CLOCK_KINDS, type TSlaClockKind } from '@contract/service-request-states';
import type { TSlaClockDto } from '@contract/sla';
import { useT } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { LightTable } from '../../ui/light-table';
import { LightTag } from '../../ui/light-tag';
import { CLOCK_STATE_COLORS, useSrLabels } from './sr-labels';
import { formatMinutes } from './sr-tags';

interface Row {
  kind: TSlaClockKind;
  clock: TSlaClockDto;
}

/**
 * The request's SLA clocks (R-EMER-2/8/9): the due date and time, the service time left (counted
 * in the contract's covered hours, so it is said so), the state, coloured by how it stands. Without
 * clocks, why: no contract linked, or a contract that promises no times.
 */
export function SlaClocks({
  sla,
  request,
}: {
  sla: TServiceRequestDetail['sla'];
  request: Pick<TServiceRequestDetail, 'contract' | 'state'>;
}) {
  const t = useT();
  const labels = useSrLabels();
  const rows: Row[] = SLA_CLOCK_KINDS.flatMap((kind) => {
    const clock = sla[kind];
    return clock ? [{ kind, clock }] : [];
  });
  if (rows.length === 0)
    return (
      <span data-testid="sr-sla-none">
        {request.state === 'cancelled' ? t('sr.slaNoneCancelled') : request.contract ? t('sr.slaNoneNoTargets') : t('sr.slaNoneNoContract')}
      </span>
    );
  return (
    <LightTable<Row>
      rowKey={(r) => r.kind}
      testId="sr-sla"
      rows={rows}
      columns={[
        { key: 'kind', title: t('sr.slaClock'), render: (r) => labels.clock(r.kind) },
        {
          key: 'due',
          title: t('sr.slaDue'),
          render: (r) => (
            <span style={{ whiteSpace: 'nowrap' }} data-testid={`sr-sla-due-${r.kind}`}>
              {formatCompanyTime(r.clock.dueAt).slice(0, 16)}
            </span>
          ),
        },
        {
          key: 'left',
          title: (
            <span title={t('sr.slaLeftHelp')} data-testid="sr-sla-left-title">
              {t('sr.slaLeft')}
            </span>
          ),
          render: (r) =>
            r.clock.state === 'met' ? (
              '—'
            ) : (
              <span
                style={{
                  color:
                    r.clock.state === 'breached' || r.clock.remainingMinutes < 0
                      ? 'var(--fuwu-danger)'
                      : r.clock.state === 'at_risk'
                        ? 'var(--fuwu-warning)'
                        : undefined,
                  whiteSpace: 'nowrap',
                }}
              >
                {formatMinutes(r.clock.remainingMinutes, t)}
              </span>
            ),
        },
        {
          key: 'state',
          title: t('sr.slaState'),
          render: (r) => (
            <LightTag color={CLOCK_STATE_COLORS[r.clock.state]} data-testid={`sr-sla-${r.kind}`} data-clock-state={r.clock.state}>
              {labels.clockState(r.clock.state)}
            </LightTag>
          ),
        },
      ]}
    />
  );
}
