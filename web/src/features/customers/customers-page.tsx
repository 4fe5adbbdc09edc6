import { EditOutlined } from '@ant-design/icons';
import { Button, Input, Select, Table } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type TCustomer, ZCustomerQuery } from '@contract/customers';
import { type TCustomerListQuery, useCustomers, useIndustries } from '../../api/customers.hooks';
import { useCan } from '../../api/me.hooks';
import { useT } from '../../app/locale-context';
import { companyDayOf } from '../../ui/company-time';
import { ListCard, ListFilters, ListSearch, useControlWidth, useListTable } from '../../ui/list-page';
import { useUrlQuery } from '../../ui/use-url-query';
import { useLabels } from '../../ui/labels';
import { CustomerFormDrawer } from './customer-form-drawer';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { COLUMN_WIDTH, CutText, NO_WRAP, useFitTable } from '../../ui/table-cells';

type TSort = TCustomerListQuery['sort'];

/** 客户: the customers the department serves, by industry and region (R-ORG-6). */
export function CustomersPage() {
  const t = useT();
  const labels = useLabels();
  const canManage = useCan('customers.manage');
  const [query, setQuery] = useUrlQuery(ZCustomerQuery);
  const customers = useCustomers(query);
  const industries = useIndustries();
  const [editing, setEditing] = useState<{ id?: number } | null>(null);
  const table = useListTable<TCustomer, TSort>(query, setQuery, customers.data, 'name');
  const controlWidth = useControlWidth();
  const fitTable = useFitTable();

  const columns: TableProps<TCustomer>['columns'] = [
    {
      key: 'name',
      title: t('customers.name'),
      sorter: true,
      sortOrder: table.sortOrder('name'),
      render: (_v, c) => (
        <CutText
          title={c.name}
          text={
            <Link to={`/customers/${c.id}`} data-testid={`customer-link-${c.id}`}>
              {c.name}
            </Link>
          }
        />
      ),
    },
    {
      key: 'industry',
      title: t('customers.industry'),
      width: 140,
      render: (_v, c) => <CutText text={c.industry ? labels.named(c.industry.nameZh, c.industry.nameEn) : ''} />,
    },
    {
      key: 'region',
      title: t('customers.region'),
      width: 110,
      render: (_v, c) => <CutText text={c.region ?? ''} />,
    },
    {
      key: 'address',
      title: t('customers.address'),
      render: (_v, c) => <CutText text={c.address ?? ''} />,
    },
    {
      key: 'updatedAt',
      title: t('common.updatedAt'),
      width: COLUMN_WIDTH.date,
      sorter: true,
      sortOrder: table.sortOrder('updatedAt'),
      render: (_v, c) => <span style={NO_WRAP}>{companyDayOf(c.updatedAt)}</span>,
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: COLUMN_WIDTH.actions,
      render: (_v, c) => (
        <Button
          size="small"
          type="link"
          icon={<EditOutlined />}
          onClick={() => setEditing({ id: c.id })}
          data-testid={`customer-edit-${c.id}`}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <ListCard
      title={t('customers.title')}
      create={canManage && { label: t('customers.new'), onClick: () => setEditing({}), testId: 'customers-new' }}
    >
      <ListFilters>
        <ListSearch
          value={query.q}
          placeholder={t('customers.search')}
          onSearch={(q) => setQuery({ q, page: 1 })}
          width={300}
          testId="customers-search"
        />
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('customers.filterIndustry')}
          value={query.industryId}
          onChange={(industryId) => setQuery({ industryId, page: 1 })}
          options={(industries.data ?? []).map((i) => ({ value: i.id, label: labels.named(i.nameZh, i.nameEn) }))}
          style={controlWidth(170)}
          data-testid="customers-filter-industry"
        />
        <Input.Search
          key={`region-${query.region ?? ''}`}
          defaultValue={query.region}
          placeholder={t('customers.filterRegion')}
          allowClear
          onSearch={(region) => setQuery({ region: region.trim() || undefined, page: 1 })}
          style={controlWidth(170)}
          data-testid="customers-filter-region"
        />
      </ListFilters>
      <QueryErrorAlert query={customers} />
      <div data-testid="customers-table">
        <Table<TCustomer>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={customers.data?.items}
          loading={customers.isFetching}
          onChange={table.onChange}
          {...fitTable}
          pagination={table.pagination}
        />
      </div>
      {editing && <CustomerFormDrawer open customerId={editing.id} onClose={() => setEditing(null)} />}
    </ListCard>
  );
}
