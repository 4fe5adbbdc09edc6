import { DownloadOutlined } from '@ant-design/icons';
import { Button, Checkbox, Empty, Flex, Pagination, Select, Spin, Table, type TablePaginationConfig } from 'antd';
import { type HTMLAttributes, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { SERVICE_REQUEST_KINDS, SERVICE_REQUEST_STATES, type TServiceRequestState } from '@contract/service-request-workflow';
import { type TServiceRequest, ZServiceRequestQuery } from '@contract/service-requests';
import { useCustomer } from '../../api/customers.hooks';
import { useCan, useCurrentUser } from '../../api/me.hooks';
import { serviceRequestsExportUrl, type TServiceRequestListQuery, useServiceRequests } from '../../api/service-requests.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useIsPhone } from '../../ui/use-is-phone';
import { ListCard, ListCheckFilter, ListFilters, ListSearch, useControlWidth, useListTable } from '../../ui/list-page';
import { useUrlQuery } from '../../ui/use-url-query';
import { UserSelect } from '../../ui/user-select';
import { CustomerSelect } from '../customers/customer-select';
import { ServiceRequestFormDrawer } from './service-request-form-drawer';
import { useSrLabels } from './sr-labels';
import { IncompleteTag, KindTag, PriorityTag, SlaCell, StateTag } from './sr-tags';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { CutText, useFitTable } from '../../ui/table-cells';

/** The list's query as the URL holds it: the contract's query, with the states as one `a,b` text. */
const ZUrlQuery = z.object({ ...ZServiceRequestQuery.shape, state: z.string().max(400).optional() });

const isState = (s: string): s is TServiceRequestState => (SERVICE_REQUEST_STATES as readonly string[]).includes(s);

/** 服务要求单: every request, filtered by state, kind, engineer, customer, SLA standing (R-FLOW-1, R-EMER-2). */
export function ServiceRequestsPage() {
  const { t } = useLocale();
  const labels = useSrLabels();
  const me = useCurrentUser();
  const canIssue = useCan('service_requests.issue');
  const canExport = useCan('service_requests.export');
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [urlQuery, setQuery] = useUrlQuery(ZUrlQuery);
  const [params, setParams] = useSearchParams();
  const states = useMemo(() => (urlQuery.state ?? '').split(',').filter(isState), [urlQuery.state]);
  const query: TServiceRequestListQuery = { ...urlQuery, state: states.length ? states : undefined };
  const list = useServiceRequests(query);
  const filteredCustomer = useCustomer(query.customerId);

  // `?new=1` (with `&contractId=`) opens the form: a contract's page links here.
  const creating = params.get('new') === '1';
  const presetContractId = Number(params.get('contractId')) || undefined;
  const setCreating = (open: boolean) => {
    const next = new URLSearchParams(params);
    if (open) next.set('new', '1');
    else next.delete('new');
    setParams(next, { replace: true });
  };

  const table = useListTable<TServiceRequest>(query, setQuery, list.data);
  const fitTable = useFitTable();
  const controlWidth = useControlWidth();
  const hasFilters =
    query.q || states.length || query.kind || query.engineerId || query.customerId || query.contractId || query.sla || query.incomplete;

  return (
    <ListCard
      title={t('sr.title')}
      create={canIssue && { label: t('sr.new'), onClick: () => setCreating(true), testId: 'sr-new' }}
      extra={
        canExport && (
          <Button icon={<DownloadOutlined />} href={serviceRequestsExportUrl(query)} download data-testid="sr-export">
            {isPhone ? null : t('sr.export')}
          </Button>
        )
      }
    >
      <ListFilters
        lead={
          <ListSearch
            value={query.q}
            placeholder={t('sr.search')}
            onSearch={(q) => setQuery({ q, page: 1 })}
            width={260}
            testId="sr-search"
          />
        }
        active={
          [states.length, query.kind, query.engineerId, query.customerId, query.contractId, query.sla, query.incomplete].filter(Boolean)
            .length
        }
      >
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('sr.filterState')}
          value={states}
          onChange={(v: TServiceRequestState[]) => setQuery({ state: v.length ? v.join(',') : undefined, page: 1 })}
          options={SERVICE_REQUEST_STATES.map((s) => ({ value: s, label: labels.state(s) }))}
          style={controlWidth(220)}
          data-testid="sr-filter-state"
        />
        <Select
          allowClear
          placeholder={t('sr.filterKind')}
          value={query.kind}
          onChange={(kind) => setQuery({ kind, page: 1 })}
          options={SERVICE_REQUEST_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
          style={controlWidth(200)}
          popupMatchSelectWidth={false}
          data-testid="sr-filter-kind"
        />
        <UserSelect
          holding="engineer"
          placeholder={t('sr.filterEngineer')}
          value={query.engineerId}
          onChange={(engineerId) => setQuery({ engineerId: engineerId ?? undefined, page: 1 })}
          style={controlWidth(150)}
          data-testid="sr-filter-engineer"
        />
        {me.roles.includes('engineer') && (
          <ListCheckFilter
            checked={query.engineerId === me.id}
            onChange={(mine) => setQuery({ engineerId: mine ? me.id : undefined, page: 1 })}
            label={t('sr.onlyMine')}
            testId="sr-filter-mine"
          />
        )}
        <CustomerSelect
          allowClear
          placeholder={t('sr.filterCustomer')}
          value={query.customerId}
          valueLabel={filteredCustomer.data?.name}
          onChange={(customerId) => setQuery({ customerId, page: 1 })}
          style={controlWidth(220)}
          data-testid="sr-filter-customer"
        />
        <Select
          allowClear
          placeholder={t('sr.filterSla')}
          value={query.sla}
          onChange={(sla) => setQuery({ sla, page: 1 })}
          options={[
            { value: 'breached', label: labels.clockState('breached') },
            { value: 'at_risk', label: labels.clockState('at_risk') },
          ]}
          style={controlWidth(130)}
          data-testid="sr-filter-sla"
        />
        <Checkbox
          checked={query.incomplete === 'true'}
          onChange={(e) => setQuery({ incomplete: e.target.checked ? 'true' : undefined, page: 1 })}
          style={{ alignSelf: 'center' }}
          data-testid="sr-filter-incomplete"
        >
          {t('sr.filterIncomplete')}
        </Checkbox>
        <Select
          value={query.sort}
          onChange={(sort) => setQuery({ sort, page: 1 })}
          options={[
            { value: '-createdAt', label: t('sr.sortNewest') },
            { value: 'urgency', label: t('sr.sortUrgency') },
            { value: 'plannedStart', label: t('sr.sortPlanned') },
          ]}
          style={controlWidth(150)}
          popupMatchSelectWidth={false}
          data-testid="sr-sort"
        />
        {hasFilters && (
          <Button
            onClick={() =>
              setQuery({
                q: undefined,
                state: undefined,
                kind: undefined,
                engineerId: undefined,
                customerId: undefined,
                contractId: undefined,
                sla: undefined,
                incomplete: undefined,
                page: 1,
              })
            }
          >
            {t('common.reset')}
          </Button>
        )}
      </ListFilters>
      <QueryErrorAlert query={list} />
      {isPhone ? (
        <PhoneRequestCards items={list.data?.items} loading={list.isFetching} pagination={table.pagination} setQuery={setQuery} />
      ) : (
        <Table<TServiceRequest>
          rowKey="id"
          size="middle"
          data-testid="sr-table"
          dataSource={list.data?.items}
          loading={list.isFetching}
          onChange={table.onChange}
          // Fits 1440 px without sideways scrolling: fixed widths, long text cut with the whole on hover.
          {...fitTable}
          onRow={(r) => ({ 'data-testid': `sr-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
          pagination={table.pagination}
          columns={[
            {
              key: 'number',
              title: t('sr.number'),
              width: 136,
              render: (_v, r) => (
                <Link to={`/service-requests/${r.id}`} style={{ whiteSpace: 'nowrap' }} data-testid={`sr-link-${r.id}`}>
                  {r.number}
                </Link>
              ),
            },
            {
              key: 'state',
              title: t('sr.state'),
              width: 104,
              render: (_v, r) => (
                <Flex gap={4} wrap>
                  <StateTag state={r.state} />
                  {r.incomplete && <IncompleteTag t={t} />}
                </Flex>
              ),
            },
            { key: 'sla', title: t('sr.filterSla'), width: 84, render: (_v, r) => <SlaCell status={r.slaStatus} t={t} /> },
            {
              key: 'kind',
              title: t('sr.kind'),
              width: 144,
              render: (_v, r) => (
                <Flex gap={4} wrap>
                  <KindTag kind={r.kind} />
                  <PriorityTag priority={r.priority} />
                </Flex>
              ),
            },
            {
              key: 'customer',
              title: t('sr.customer'),
              render: (_v, r) => <CutText text={r.customer.name} sub={r.contract?.number ?? '—'} />,
            },
            {
              key: 'engineer',
              title: t('sr.responsibleEngineer'),
              width: 92,
              ellipsis: true,
              render: (_v, r) => (r.responsibleEngineer ? r.responsibleEngineer.name : '—'),
            },
            {
              key: 'planned',
              title: t('sr.plannedStart'),
              width: 128,
              render: (_v, r) => (
                <span style={{ whiteSpace: 'nowrap' }}>{r.plannedStart ? formatCompanyTime(r.plannedStart).slice(0, 16) : '—'}</span>
              ),
            },
            {
              key: 'description',
              title: t('sr.description'),
              render: (_v, r) => <CutText text={r.description} />,
            },
            {
              key: 'created',
              title: t('sr.createdAt'),
              width: 128,
              render: (_v, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatCompanyTime(r.createdAt).slice(0, 16)}</span>,
            },
          ]}
        />
      )}
      {creating && (
        <ServiceRequestFormDrawer
          open
          contractId={presetContractId}
          onClose={() => setCreating(false)}
          onSaved={(sr) => navigate(`/service-requests/${sr.id}`)}
        />
      )}
    </ListCard>
  );
}

/**
 * The list on a phone: one card per request (number, state and SLA, customer, kind, engineer,
 * planned start), no sideways scrolling; the same paging as the table.
 */
function PhoneRequestCards({
  items,
  loading,
  pagination,
  setQuery,
}: {
  items: TServiceRequest[] | undefined;
  loading: boolean;
  pagination: TablePaginationConfig;
  setQuery: (patch: { page?: number; pageSize?: number }) => void;
}) {
  const { t } = useLocale();
  const labels = useSrLabels();
  return (
    <Spin spinning={loading}>
      <Flex vertical gap={8} data-testid="sr-cards">
        {items?.length === 0 && <Empty />}
        {items?.map((r) => (
          <Link
            key={r.id}
            to={`/service-requests/${r.id}`}
            className="fuwu-card"
            data-testid={`sr-card-${r.id}`}
            style={{ color: 'inherit' }}
          >
            <div className="fuwu-card-head">
              <strong>{r.number}</strong>
              <StateTag state={r.state} />
              <SlaCell status={r.slaStatus} t={t} />
              {r.incomplete && <IncompleteTag t={t} />}
            </div>
            <div className="fuwu-card-body">
              <div style={{ fontWeight: 500 }}>{r.customer.name}</div>
              <div className="fuwu-muted">
                {labels.kind(r.kind)}
                {r.responsibleEngineer ? ` · ${r.responsibleEngineer.name}` : ''}
                {r.plannedStart ? ` · ${formatCompanyTime(r.plannedStart).slice(5, 16)}` : ''}
              </div>
              <div style={{ overflowWrap: 'anywhere' }}>{r.description}</div>
            </div>
          </Link>
        ))}
        <Pagination
          simple
          size="small"
          current={pagination.current}
          pageSize={pagination.pageSize}
          total={pagination.total}
          onChange={(page, pageSize) => setQuery({ page, pageSize })}
          style={{ alignSelf: 'center' }}
        />
      </Flex>
    </Spin>
  );
}
