import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Table } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type TCustomer, ZCustomerQuery } from '@contract/customers';
import { type TCustomerListQuery, useCustomers, useIndustries } from '../../api/customers.hooks';
import { useCan } from '../../api/me.hooks';
import { useT } from '../../app/locale-context';
import { companyDayOf } from '../../ui/company-time';
import { useIsPhone } from '../../ui/use-is-phone';
import { useUrlQuery } from '../../ui/use-url-query';
import { useLabels } from '../contracts/labels';
import { CustomerFormDrawer } from './customer-form-drawer';
import { QueryErrorAlert } from '../../ui/query-error-alert';

type TSort = TCustomerListQuery['sort'];
type TSortField = 'name' | 'createdAt' | 'updatedAt';

const PAGE_SIZES = [20, 50, 100, 200];

function sortOrder(sort: TSort, field: TSortField) {
  if (sort === field) return 'ascend' as const;
  if (sort === `-${field}`) return 'descend' as const;
  return null;
}

/** 客户: the customers the department serves, by industry and region (R-ORG-6). */
export function CustomersPage() {
  const t = useT();
  const labels = useLabels();
  const canManage = useCan('customers.manage');
  const isPhone = useIsPhone();
  const [query, setQuery] = useUrlQuery(ZCustomerQuery);
  const customers = useCustomers(query);
  const industries = useIndustries();
  const [editing, setEditing] = useState<{ id?: number } | null>(null);

  const columns: TableProps<TCustomer>['columns'] = [
    {
      key: 'name',
      title: t('customers.name'),
      sorter: true,
      sortOrder: sortOrder(query.sort, 'name'),
      render: (_v, c) => (
        <Link to={`/customers/${c.id}`} data-testid={`customer-link-${c.id}`}>
          {c.name}
        </Link>
      ),
    },
    {
      key: 'industry',
      title: t('customers.industry'),
      render: (_v, c) => (c.industry ? labels.named(c.industry.nameZh, c.industry.nameEn) : null),
    },
    { key: 'region', dataIndex: 'region', title: t('customers.region') },
    { key: 'address', dataIndex: 'address', title: t('customers.address'), ellipsis: true, width: 280 },
    {
      key: 'updatedAt',
      title: t('common.updatedAt'),
      sorter: true,
      sortOrder: sortOrder(query.sort, 'updatedAt'),
      render: (_v, c) => <span style={{ whiteSpace: 'nowrap' }}>{companyDayOf(c.updatedAt)}</span>,
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: isPhone ? undefined : 'right',
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

  const onTableChange: TableProps<TCustomer>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.columnKey as TSortField | undefined;
      const sort: TSort = field && s.order ? (s.order === 'descend' ? `-${field}` : field) : 'name';
      setQuery({ sort, page: 1 });
      return;
    }
    setQuery({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? query.pageSize });
  };

  const controlWidth = (desktop: number) => ({ width: isPhone ? '100%' : desktop });

  return (
    <Card
      title={t('customers.title')}
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
            data-testid="customers-new"
            aria-label={t('customers.new')}
          >
            {isPhone ? null : t('customers.new')}
          </Button>
        )
      }
      styles={{ body: { padding: isPhone ? 12 : undefined } }}
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          key={`q-${query.q ?? ''}`}
          defaultValue={query.q}
          placeholder={t('customers.search')}
          allowClear
          enterButton
          onSearch={(q) => setQuery({ q: q.trim() || undefined, page: 1 })}
          style={controlWidth(300)}
          data-testid="customers-search"
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
      </Flex>
      <QueryErrorAlert query={customers} />
      <div data-testid="customers-table">
        <Table<TCustomer>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={customers.data?.items}
          loading={customers.isFetching}
          onChange={onTableChange}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: customers.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t('common.total', { total }),
            size: isPhone ? 'small' : undefined,
          }}
        />
      </div>
      {editing && <CustomerFormDrawer open customerId={editing.id} onClose={() => setEditing(null)} />}
    </Card>
  );
}
