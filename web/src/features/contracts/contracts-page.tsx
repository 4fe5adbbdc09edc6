import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Flex, Input, Select } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { CONTRACT_STAGES, CONTRACT_STATUSES, SERVICE_KINDS, type TContractSummaryView, ZContractQuery } from '@contract/contracts';
import { type TContractListQuery, useContracts } from '../../api/contracts.hooks';
import { useCustomer } from '../../api/customers.hooks';
import { useCan, useCurrentUser } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { useIsPhone } from '../../ui/use-is-phone';
import { useUrlQuery } from '../../ui/use-url-query';
import { CustomerSelect } from '../customers/customer-select';
import { ContractFormDrawer } from './contract-form-drawer';
import { ContractsTable, type TContractSortField } from './contracts-table';
import { DATE_FORMAT, fromDay, toDay, useDayjsLocale } from './form-support';
import { useLabels } from './labels';
import { UserSelect } from './user-select';
import { QueryErrorAlert } from '../../ui/query-error-alert';

type TSort = TContractListQuery['sort'];

const PAGE_SIZES = [20, 50, 100, 200];

/** 合同: commercial contracts with their service kinds, stage and term (R-SCOPE-1, R-ORG-2). */
export function ContractsPage() {
  const { t, locale } = useLocale();
  useDayjsLocale(locale);
  const labels = useLabels();
  const me = useCurrentUser();
  const canManage = useCan('contracts.manage');
  const canListUsers = useCan('users.read');
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [query, setQuery] = useUrlQuery(ZContractQuery);
  const contracts = useContracts(query);
  const filteredCustomer = useCustomer(query.customerId);
  const [creating, setCreating] = useState(false);

  const sortOrder = (field: TContractSortField) => {
    if (query.sort === field) return 'ascend' as const;
    if (query.sort === `-${field}`) return 'descend' as const;
    return null;
  };

  const onTableChange: TableProps<TContractSummaryView>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.columnKey as TContractSortField | undefined;
      const sort: TSort = field && s.order ? (s.order === 'descend' ? `-${field}` : field) : '-signedAt';
      setQuery({ sort, page: 1 });
      return;
    }
    setQuery({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? query.pageSize });
  };

  const controlWidth = (desktop: number) => ({ width: isPhone ? '100%' : desktop });
  const hasFilters =
    query.q || query.customerId || query.serviceKind || query.status || query.stage || query.salesOwnerId || query.endFrom || query.endTo;

  return (
    <Card
      title={t('contracts.title')}
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="contracts-new"
            aria-label={t('contracts.new')}
          >
            {isPhone ? null : t('contracts.new')}
          </Button>
        )
      }
      styles={{ body: { padding: isPhone ? 12 : undefined } }}
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          key={`q-${query.q ?? ''}`}
          defaultValue={query.q}
          placeholder={t('contracts.search')}
          allowClear
          enterButton
          onSearch={(q) => setQuery({ q: q.trim() || undefined, page: 1 })}
          style={controlWidth(280)}
          data-testid="contracts-search"
        />
        <CustomerSelect
          allowClear
          placeholder={t('contracts.filterCustomer')}
          value={query.customerId}
          valueLabel={filteredCustomer.data?.name}
          onChange={(customerId) => setQuery({ customerId, page: 1 })}
          style={controlWidth(220)}
          data-testid="contracts-filter-customer"
        />
        <Select
          allowClear
          placeholder={t('contracts.filterKind')}
          value={query.serviceKind}
          onChange={(serviceKind) => setQuery({ serviceKind, page: 1 })}
          options={SERVICE_KINDS.map((k) => ({ value: k, label: labels.serviceKind(k) }))}
          style={controlWidth(190)}
          popupMatchSelectWidth={false}
          data-testid="contracts-filter-kind"
        />
        <Select
          allowClear
          placeholder={t('contracts.filterStatus')}
          value={query.status}
          onChange={(status) => setQuery({ status, page: 1 })}
          options={CONTRACT_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          style={controlWidth(130)}
          data-testid="contracts-filter-status"
        />
        <Select
          allowClear
          placeholder={t('contracts.filterStage')}
          value={query.stage}
          onChange={(stage) => setQuery({ stage, page: 1 })}
          options={CONTRACT_STAGES.map((s) => ({ value: s.code, label: `${s.no}. ${labels.stage(s.code)}` }))}
          style={controlWidth(160)}
          popupMatchSelectWidth={false}
          data-testid="contracts-filter-stage"
        />
        {canListUsers ? (
          <UserSelect
            holding="sales"
            placeholder={t('contracts.filterSalesOwner')}
            value={query.salesOwnerId}
            onChange={(salesOwnerId) => setQuery({ salesOwnerId: salesOwnerId ?? undefined, page: 1 })}
            style={controlWidth(150)}
            data-testid="contracts-filter-sales-owner"
          />
        ) : (
          me.roles.includes('sales') && (
            <Checkbox
              checked={query.salesOwnerId === me.id}
              onChange={(e) => setQuery({ salesOwnerId: e.target.checked ? me.id : undefined, page: 1 })}
              style={{ alignSelf: 'center' }}
              data-testid="contracts-filter-mine"
            >
              {t('contracts.onlyMine')}
            </Checkbox>
          )
        )}
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          format={DATE_FORMAT}
          placeholder={[t('contracts.endFrom'), t('contracts.endTo')]}
          value={[fromDay(query.endFrom), fromDay(query.endTo)]}
          onChange={(range) => setQuery({ endFrom: toDay(range?.[0]) ?? undefined, endTo: toDay(range?.[1]) ?? undefined, page: 1 })}
          style={controlWidth(260)}
          data-testid="contracts-filter-end"
        />
        {hasFilters && (
          <Button
            onClick={() =>
              setQuery({
                q: undefined,
                customerId: undefined,
                serviceKind: undefined,
                status: undefined,
                stage: undefined,
                salesOwnerId: undefined,
                endFrom: undefined,
                endTo: undefined,
                page: 1,
              })
            }
          >
            {t('common.reset')}
          </Button>
        )}
      </Flex>
      <QueryErrorAlert query={contracts} />
      <ContractsTable
        testId="contracts-table"
        items={contracts.data?.items}
        loading={contracts.isFetching}
        sortOrder={sortOrder}
        onChange={onTableChange}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: contracts.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (total) => t('common.total', { total }),
          size: isPhone ? 'small' : undefined,
        }}
      />
      {creating && (
        <ContractFormDrawer
          open
          onClose={() => setCreating(false)}
          onSaved={(c) => {
            setCreating(false);
            navigate(`/contracts/${c.id}`);
          }}
        />
      )}
    </Card>
  );
}
