import { Table, Tag, theme } from 'antd';
import type { TServiceRequestDetail } from '@contract/service-requests';
import { SLA_CLOCK_KINDS, type TSlaClockDto, type TSlaClockKind } from '@contract/sla';
import { useT } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { CLOCK_STATE_COLORS, useSrLabels } from './sr-labels';
import { formatMinutes } from './sr-tags';

interface Row {
  kind: TSlaClockKind;
  clock: TSlaClockDto;
}

/** The request's SLA clocks (R-EMER-2/8/9): due, time left, state, coloured by how it stands. */
export function SlaClocks({ sla }: { sla: TServiceRequestDetail['sla'] }) {
  const t = useT();
  const labels = useSrLabels();
  const { token } = theme.useToken();
  const rows: Row[] = SLA_CLOCK_KINDS.flatMap((kind) => {
    const clock = sla[kind];
    return clock ? [{ kind, clock }] : [];
  });
  if (rows.length === 0) return <span data-testid="sr-sla-none">{t('sr.slaNone')}</span>;
  return (
    <Table<Row>
      rowKey="kind"
      size="small"
      pagination={false}
      data-testid="sr-sla"
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'kind', title: t('sr.slaClock'), render: (_v, r) => labels.clock(r.kind) },
        { key: 'due', title: t('sr.slaDue'), render: (_v, r) => formatCompanyTime(r.clock.dueAt).slice(0, 16) },
        {
          key: 'left',
          title: t('sr.slaLeft'),
          render: (_v, r) =>
            r.clock.state === 'met' ? (
              '—'
            ) : (
              <span style={{ color: r.clock.remainingMinutes < 0 ? token.colorError : undefined, whiteSpace: 'nowrap' }}>
                {formatMinutes(r.clock.remainingMinutes, t)}
              </span>
            ),
        },
        {
          key: 'state',
          title: t('sr.slaState'),
          render: (_v, r) => (
            <Tag color={CLOCK_STATE_COLORS[r.clock.state]} data-testid={`sr-sla-${r.kind}`} data-clock-state={r.clock.state}>
              {labels.clockState(r.clock.state)}
            </Tag>
          ),
        },
      ]}
    />
  );
}
