import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, Table, Tooltip } from 'antd';
import { Link } from 'react-router';
import { GATE_STATES, GATE_STATE_LABELS, type TGateState, type TInspection, ZInspectionQuery } from '@contract/inspections';
import { toQueryString } from '../../api/client';
import { useInspections } from '../../api/inspections.hooks';
import { useLocale } from '../../app/locale-context';
import { ListCard, useListTable } from '../../ui/list-page';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { useUrlQuery } from '../../ui/use-url-query';
import { GateTag } from './gate-tag';

/** 货品检验: inspections by gate state, or the shipments due this week; each list exported as .xlsx. */
export function InspectionsPage() {
  const { t, pick } = useLocale();
  const [query, setQuery] = useUrlQuery(ZInspectionQuery);
  const list = useInspections(query);
  const table = useListTable<TInspection>(query, setQuery, list.data);
  const view = query.dueThisWeek === 'true' ? 'week' : (query.gate ?? 'all');
  const { page: _p, pageSize: _s, ...filters } = query;

  return (
    <ListCard title={t('nav.inspections')} testId="insp-page">
      <Flex gap={12} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Segmented
          value={view}
          onChange={(v) =>
            setQuery(
              v === 'week'
                ? { dueThisWeek: 'true', gate: undefined, page: 1 }
                : { dueThisWeek: undefined, gate: v === 'all' ? undefined : (v as TGateState), page: 1 },
            )
          }
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'week', label: t('insp.dueThisWeek') },
            ...GATE_STATES.map((g) => ({ value: g, label: pick(GATE_STATE_LABELS[g]) })),
          ]}
          data-testid="insp-view"
        />
        <Button
          icon={<DownloadOutlined />}
          href={`/api/inspections/export.xlsx${toQueryString(filters)}`}
          download
          data-testid="insp-export"
        >
          {t('insp.exportXlsx')}
        </Button>
      </Flex>
      <QueryErrorAlert query={list} />
      <Table<TInspection>
        rowKey="id"
        size="middle"
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={table.onChange}
        pagination={table.pagination}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'request',
            title: t('insp.request'),
            render: (_v, r) => (
              <Link to={`/inspections/${r.id}`} data-testid={`insp-row-${r.id}`}>
                {r.serviceRequest.number}
              </Link>
            ),
          },
          { key: 'customer', title: t('calls.company'), render: (_v, r) => r.customer.name },
          { key: 'contract', title: t('calls.contract'), render: (_v, r) => r.contract.number },
          { key: 'engineer', title: t('insp.engineer'), render: (_v, r) => r.responsibleEngineer?.name ?? '—' },
          {
            key: 'ship',
            title: t('insp.shipDate'),
            render: (_v, r) => (
              <Flex gap={6} align="center">
                {r.plannedShipDate ?? '—'}
                {r.burnInWarning && (
                  <Tooltip title={t('insp.burnInWarning')}>
                    <WarningOutlined style={{ color: '#fa8c16' }} data-testid={`insp-warning-${r.id}`} />
                  </Tooltip>
                )}
              </Flex>
            ),
          },
          { key: 'gate', title: t('insp.gate'), render: (_v, r) => <GateTag gate={r.gate} /> },
          { key: 'units', title: t('insp.unitCount'), render: (_v, r) => r.unitCount },
        ]}
      />
    </ListCard>
  );
}
