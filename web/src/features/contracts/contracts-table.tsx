import { Table } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router';
import type { TContractSummaryView } from '@contract/contracts';
import { formatFen } from '@contract/formats';
import { useCan } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { ServiceKindTags, StageTag, StatusTag } from './contract-tags';
import { useLabels } from '../../ui/labels';
import { COLUMN_WIDTH, CutText, DateRange, NO_WRAP, useFitTable } from '../../ui/table-cells';

export type TContractSortField = 'number' | 'signedAt' | 'endDate';

export interface ContractsTableProps {
  items: TContractSummaryView[] | undefined;
  loading: boolean;
  /** Hidden on a customer's own page. */
  showCustomer?: boolean;
  sortOrder?: (field: TContractSortField) => 'ascend' | 'descend' | null;
  pagination: TableProps<TContractSummaryView>['pagination'];
  onChange?: TableProps<TContractSummaryView>['onChange'];
  testId?: string;
}

/**
 * Contracts as the reader may see them. The amount column exists only for `contracts.prices`
 * (R-ORG-5): technical roles get no empty price column, and the API sends them no amount.
 */
export function ContractsTable({ items, loading, showCustomer = true, sortOrder, pagination, onChange, testId }: ContractsTableProps) {
  const { t, locale } = useLocale();
  const labels = useLabels();
  const canSeePrices = useCan('contracts.prices');
  const fitTable = useFitTable();
  const sortable = (field: TContractSortField) => (sortOrder ? { sorter: true, sortOrder: sortOrder(field) } : {});

  const columns: TableProps<TContractSummaryView>['columns'] = [
    {
      key: 'number',
      title: t('contracts.number'),
      width: 160,
      ...sortable('number'),
      // A contract number is never cut: a long one breaks onto a second line.
      render: (_v, c) => (
        <Link to={`/contracts/${c.id}`} style={{ wordBreak: 'break-all' }} data-testid={`contract-link-${c.id}`}>
          {c.number}
        </Link>
      ),
    },
  ];
  if (showCustomer) {
    columns.push({
      key: 'customer',
      title: t('contracts.customer'),
      render: (_v, c) => <CutText title={c.customer.name} text={<Link to={`/customers/${c.customer.id}`}>{c.customer.name}</Link>} />,
    });
  }
  columns.push(
    {
      key: 'kinds',
      title: t('contracts.serviceKinds'),
      width: 124,
      render: (_v, c) => <ServiceKindTags kinds={c.serviceKinds} />,
    },
    { key: 'status', title: t('contracts.status'), width: 96, render: (_v, c) => <StatusTag status={c.status} /> },
    {
      key: 'stage',
      title: t('contracts.stage'),
      width: 128,
      render: (_v, c) => {
        const lead = `${labels.department(c.stageLead.department)}${c.stageLead.user ? ` · ${c.stageLead.user.name}` : ''}`;
        return <CutText text={<StageTag stage={c.stage} />} sub={lead} />;
      },
    },
    {
      key: 'signedAt',
      title: t('contracts.signedAt'),
      width: COLUMN_WIDTH.date,
      ...sortable('signedAt'),
      render: (_v, c) => <span style={NO_WRAP}>{c.signedAt ?? ''}</span>,
    },
    {
      key: 'endDate',
      title: t('contracts.term'),
      width: COLUMN_WIDTH.dateRange,
      ...sortable('endDate'),
      render: (_v, c) => <DateRange from={c.startDate} to={c.endDate} />,
    },
    {
      key: 'salesOwner',
      title: t('contracts.salesOwner'),
      width: COLUMN_WIDTH.person,
      render: (_v, c) => <CutText text={c.salesOwner?.name ?? ''} />,
    },
  );
  if (canSeePrices) {
    columns.push({
      key: 'total',
      title: t('contracts.totalAmount'),
      width: 108,
      align: 'right',
      render: (_v, c) =>
        c.pricesVisible ? (
          <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{formatFen(c.totalAmount, locale)}</span>
        ) : null,
    });
  }

  return (
    <div data-testid={testId}>
      <Table<TContractSummaryView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        onChange={onChange}
        {...fitTable}
        pagination={pagination}
      />
    </div>
  );
}
