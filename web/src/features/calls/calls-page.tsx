import { BellOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input, Segmented, Select, Table, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { CALL_OUTCOME_STATES, CALL_SEVERITIES, CALL_STATES, type TCall, ZCallQuery } from '@contract/calls';
import { callsExportUrl, type TCallListQuery, useCalls, useRemindCall } from '../../api/calls.hooks';
import { useCustomer } from '../../api/customers.hooks';
import { useCan, useCurrentUser } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { ListCard, ListFilters, ListSearch, useControlWidth, useListTable } from '../../ui/list-page';
import { useNotify } from '../../ui/notify';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { COLUMN_WIDTH, CutText, NO_WRAP, useFitTable } from '../../ui/table-cells';
import { useIsPhone } from '../../ui/use-is-phone';
import { useUrlQuery } from '../../ui/use-url-query';
import { UserSelect } from '../../ui/user-select';
import { CustomerSelect } from '../customers/customer-select';
import { CallStateTag, formatWorkingMinutes, SeverityTag, useCallLabels } from './call-labels';

const VIEWS = ['mine', 'queue', 'all'] as const;
type TView = (typeof VIEWS)[number];

/** The list's query as the URL holds it, with the view: my calls (R-CALL-2), the triage queue (R-CALL-3), all. */
const ZUrlQuery = ZCallQuery.extend({ view: z.enum(VIEWS).optional() });

/**
 * 来电记录: the receiver's own calls with their live status and holder and the remind action
 * (R-CALL-2); the technical manager's and sales' triage queue (R-CALL-3); every call with filters.
 */
export function CallsPage() {
  const { t } = useLocale();
  const labels = useCallLabels();
  const me = useCurrentUser();
  const notify = useNotify();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const canRecord = useCan('calls.record');
  const canTriage = useCan('calls.triage');
  const canExport = useCan('calls.export');
  const [urlQuery, setQuery] = useUrlQuery(ZUrlQuery);
  const defaultView: TView = canTriage ? 'queue' : me.roles.includes('receiver') ? 'mine' : 'all';
  const view = urlQuery.view ?? defaultView;
  const { view: _view, ...rest } = urlQuery;
  const query: TCallListQuery = {
    ...rest,
    ...(view === 'mine' && me.roles.includes('receiver') && { mine: 'received' as const }),
    ...(view === 'queue' && !rest.state && { open: 'true' as const }),
  };
  const list = useCalls(query);
  const remind = useRemindCall();
  const filteredCustomer = useCustomer(query.customerId);
  const table = useListTable<TCall, TCallListQuery['sort']>(query, setQuery, list.data, '-calledAt');
  const fitTable = useFitTable();
  const controlWidth = useControlWidth();
  const isOpen = (c: TCall) => !CALL_OUTCOME_STATES.includes(c.state);
  const mayRemind = (c: TCall) =>
    c.holder !== null && isOpen(c) && (canTriage || (me.roles.includes('receiver') && c.receivedBy?.id === me.id));

  return (
    <ListCard
      title={t('calls.title')}
      testId="calls-page"
      create={canRecord && { label: t('calls.new'), onClick: () => navigate('/calls/new'), testId: 'calls-new' }}
      extra={
        canExport && (
          <Button icon={<DownloadOutlined />} href={callsExportUrl(query)} download data-testid="calls-export">
            {isPhone ? null : t('calls.export')}
          </Button>
        )
      }
    >
      <Segmented<TView>
        value={view}
        onChange={(v) => setQuery({ view: v, page: 1 })}
        options={VIEWS.filter((v) => v !== 'mine' || me.roles.includes('receiver')).map((v) => ({ value: v, label: t(`calls.view.${v}`) }))}
        style={{ marginBottom: 12 }}
        data-testid="calls-view"
      />
      <ListFilters>
        <ListSearch
          value={query.q}
          placeholder={t('calls.search')}
          onSearch={(q) => setQuery({ q, page: 1 })}
          width={240}
          testId="calls-search"
        />
        <Select
          allowClear
          placeholder={t('calls.filterState')}
          value={query.state}
          onChange={(state) => setQuery({ state, page: 1 })}
          options={CALL_STATES.map((s) => ({ value: s, label: labels.state(s) }))}
          style={controlWidth(150)}
          data-testid="calls-filter-state"
        />
        <Select
          allowClear
          placeholder={t('calls.filterSeverity')}
          value={query.severity}
          onChange={(severity) => setQuery({ severity, page: 1 })}
          options={CALL_SEVERITIES.map((s) => ({ value: s, label: labels.severity(s) }))}
          style={controlWidth(120)}
          data-testid="calls-filter-severity"
        />
        <CustomerSelect
          allowClear
          placeholder={t('calls.filterCustomer')}
          value={query.customerId}
          valueLabel={filteredCustomer.data?.name}
          onChange={(customerId) => setQuery({ customerId, page: 1 })}
          style={controlWidth(200)}
          data-testid="calls-filter-customer"
        />
        <Input
          allowClear
          key={`pt-${query.productType ?? ''}`}
          defaultValue={query.productType}
          placeholder={t('calls.productType')}
          onPressEnter={(e) => setQuery({ productType: e.currentTarget.value.trim() || undefined, page: 1 })}
          onBlur={(e) =>
            e.currentTarget.value.trim() !== (query.productType ?? '') &&
            setQuery({ productType: e.currentTarget.value.trim() || undefined, page: 1 })
          }
          style={controlWidth(130)}
          data-testid="calls-filter-product"
        />
        <UserSelect
          holding="receiver"
          placeholder={t('calls.filterReceiver')}
          value={query.receivedById}
          onChange={(id) => setQuery({ receivedById: id ?? undefined, page: 1 })}
          style={controlWidth(130)}
          data-testid="calls-filter-receiver"
        />
        <UserSelect
          holding="tech_manager"
          placeholder={t('calls.filterHolder')}
          value={query.holderId}
          onChange={(id) => setQuery({ holderId: id ?? undefined, page: 1 })}
          style={controlWidth(130)}
          data-testid="calls-filter-holder"
        />
        <DatePicker.RangePicker
          value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to).subtract(1, 'day') : null]}
          onChange={(r) =>
            setQuery({
              from: r?.[0] ? r[0].startOf('day').toISOString() : undefined,
              to: r?.[1] ? r[1].add(1, 'day').startOf('day').toISOString() : undefined,
              page: 1,
            })
          }
          style={controlWidth(240)}
          data-testid="calls-filter-dates"
        />
      </ListFilters>
      <QueryErrorAlert query={list} />
      <Table<TCall>
        rowKey="id"
        size="middle"
        data-testid="calls-table"
        dataSource={list.data?.items}
        loading={list.isFetching && !list.data}
        onChange={table.onChange}
        {...fitTable}
        onRow={(r) => ({ 'data-testid': `call-row-${r.id}`, 'data-number': r.number }) as HTMLAttributes<HTMLElement>}
        pagination={table.pagination}
        columns={[
          {
            key: 'number',
            title: t('calls.number'),
            sorter: true,
            sortOrder: table.sortOrder('number'),
            width: COLUMN_WIDTH.number,
            render: (_v, r) => (
              <Link to={`/calls/${r.id}`} style={NO_WRAP}>
                {r.number}
              </Link>
            ),
          },
          {
            key: 'calledAt',
            title: t('calls.calledAt'),
            sorter: true,
            sortOrder: table.sortOrder('calledAt'),
            width: COLUMN_WIDTH.dateTime,
            render: (_v, r) => <span style={NO_WRAP}>{formatCompanyTime(r.calledAt).slice(0, 16)}</span>,
          },
          {
            key: 'state',
            title: t('calls.state'),
            width: 104,
            render: (_v, r) => (
              <Flex gap={4} wrap>
                <CallStateTag state={r.state} />
                <SeverityTag severity={r.severity} />
              </Flex>
            ),
          },
          {
            key: 'caller',
            title: `${t('calls.callerName')} / ${t('calls.phone')}`,
            render: (_v, r) => <CutText text={`${r.callerName} · ${r.customer?.name ?? r.company}`} sub={r.phone} />,
          },
          {
            key: 'symptom',
            title: `${t('calls.symptom')} / ${t('calls.productType')}`,
            render: (_v, r) => <CutText text={r.symptom} sub={r.productType} />,
          },
          {
            key: 'holder',
            title: t('calls.holder'),
            width: COLUMN_WIDTH.person,
            render: (_v, r) => <CutText text={r.holder?.name ?? '—'} testId="call-holder" />,
          },
          {
            key: 'sr',
            title: t('calls.serviceRequest'),
            width: COLUMN_WIDTH.number,
            render: (_v, r) =>
              r.serviceRequest ? (
                <Link to={`/service-requests/${r.serviceRequest.id}`} data-testid="call-sr">
                  {r.serviceRequest.number}
                </Link>
              ) : (
                '—'
              ),
          },
          {
            key: 'times',
            title: t('calls.workingTimes'),
            width: 112,
            render: (_v, r) => (
              <div style={NO_WRAP}>
                <div>{formatWorkingMinutes(r.firstResponseMinutes, t)}</div>
                <div>/ {formatWorkingMinutes(r.resolutionMinutes, t)}</div>
              </div>
            ),
          },
          {
            key: 'remind',
            title: '',
            width: 88,
            render: (_v, r) =>
              mayRemind(r) && (
                <Tooltip title={t('calls.remindHint')}>
                  <Button
                    size="small"
                    icon={<BellOutlined />}
                    loading={remind.isPending && remind.variables === r.id}
                    onClick={() => remind.mutate(r.id, { onSuccess: () => notify.success(t('calls.reminded')), onError: notify.error })}
                    data-testid={`call-remind-${r.id}`}
                  >
                    {t('calls.remind')}
                  </Button>
                </Tooltip>
              ),
          },
        ]}
      />
    </ListCard>
  );
}
