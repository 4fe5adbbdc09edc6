import { Button, DatePicker, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { CONTRACT_STAGES, CONTRACT_STATUSES, SERVICE_KINDS, type TContractSummaryView, ZContractQuery } from '@contract/contracts';
import { type TContractListQuery, useContracts } from '../../api/contracts.hooks';
import { useCustomer } from '../../api/customers.hooks';
import { useCan, useCurrentUser } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { ListCard, ListCheckFilter, ListFilters, ListSearch, useControlWidth, useListTable } from '../../ui/list-page';
import { useUrlQuery } from '../../ui/use-url-query';
import { CustomerSelect } from '../customers/customer-select';
import { ContractFormDrawer } from './contract-form-drawer';
import { ContractsTable } from './contracts-table';
import { useLabels } from '../../ui/labels';
import { UserSelect } from '../../ui/user-select';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { DATE_FORMAT, fromDay, toDay, useDayjsLocale } from '../../ui/dates';

type TSort = TContractListQuery['sort'];

/** 合同: commercial contracts with their service kinds, stage and term (R-SCOPE-1, R-ORG-2). */
export function ContractsPage() {
  const { t, locale } = useLocale();
  useDayjsLocale(locale);
  const labels = useLabels();
  const me = useCurrentUser();
  const canManage = useCan('contracts.manage');
  const canListUsers = useCan('users.read');
  const navigate = useNavigate();
  const [query, setQuery] = useUrlQuery(ZContractQuery);
  const contracts = useContracts(query);
  const filteredCustomer = useCustomer(query.customerId);
  const [creating, setCreating] = useState(false);

  const table = useListTable<TContractSummaryView, TSort>(query, setQuery, contracts.data, '-signedAt');
  const controlWidth = useControlWidth();
  const hasFilters =
    query.q || query.customerId || query.serviceKind || query.status || query.stage || query.salesOwnerId || query.endFrom || query.endTo;

  return (
    <ListCard
      title={t('contracts.title')}
      create={canManage && { label: t('contracts.new'), onClick: () => setCreating(true), testId: 'contracts-new' }}
    >
      <ListFilters>
        <ListSearch
          value={query.q}
          placeholder={t('contracts.search')}
          onSearch={(q) => setQuery({ q, page: 1 })}
          width={280}
          testId="contracts-search"
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
            <ListCheckFilter
              checked={query.salesOwnerId === me.id}
              onChange={(mine) => setQuery({ salesOwnerId: mine ? me.id : undefined, page: 1 })}
              label={t('contracts.onlyMine')}
              testId="contracts-filter-mine"
            />
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
      </ListFilters>
      <QueryErrorAlert query={contracts} />
      <ContractsTable
        testId="contracts-table"
        items={contracts.data?.items}
        loading={contracts.isFetching}
        sortOrder={table.sortOrder}
        onChange={table.onChange}
        pagination={table.pagination}
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
    </ListCard>
  );
}
