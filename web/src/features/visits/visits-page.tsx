import { DatePicker, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { pick } from '@contract/bilingual';
import { type TVisitListItem, VISIT_STAGE_LABELS, VISIT_STAGES, ZVisitQuery } from '@contract/visits';
import { useCustomer } from '../../api/customers.hooks';
import { useAllVisits } from '../../api/visits.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { ListCard, ListFilters, useControlWidth, useListTable } from '../../ui/list-page';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { useUrlQuery } from '../../ui/use-url-query';
import { UserSelect } from '../../ui/user-select';
import { CustomerSelect } from '../customers/customer-select';
import { VisitStageTag } from './visit-labels';

const hm = (iso: string | null) => (iso ? formatCompanyTime(iso).slice(0, 16) : '—');

/** 现场服务记录: every engineer's visits for the managers — by day, engineer, customer, stage, late arrival; a row opens the visit. */
export function VisitsPage() {
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const controlWidth = useControlWidth();
  const [query, setQuery] = useUrlQuery(ZVisitQuery);
  const list = useAllVisits(query);
  const table = useListTable<TVisitListItem>(query, setQuery, list.data);
  const filteredCustomer = useCustomer(query.customerId);
  return (
    <ListCard title={t('visits.allTitle')} testId="visits-page">
      <ListFilters>
        <DatePicker.RangePicker
          value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
          onChange={(r) =>
            setQuery({ from: r?.[0]?.format('YYYY-MM-DD') ?? undefined, to: r?.[1]?.format('YYYY-MM-DD') ?? undefined, page: 1 })
          }
          style={controlWidth(240)}
          data-testid="visits-filter-dates"
        />
        <UserSelect
          holding="engineer"
          placeholder={t('visits.filterEngineer')}
          value={query.engineerId}
          onChange={(id) => setQuery({ engineerId: id ?? undefined, page: 1 })}
          style={controlWidth(140)}
          data-testid="visits-filter-engineer"
        />
        <CustomerSelect
          allowClear
          placeholder={t('calls.filterCustomer')}
          value={query.customerId}
          valueLabel={filteredCustomer.data?.name}
          onChange={(customerId) => setQuery({ customerId, page: 1 })}
          style={controlWidth(200)}
          data-testid="visits-filter-customer"
        />
        <Select
          allowClear
          placeholder={t('visits.filterStage')}
          value={query.stage}
          onChange={(stage) => setQuery({ stage, page: 1 })}
          options={VISIT_STAGES.map((s) => ({ value: s, label: pick(VISIT_STAGE_LABELS[s], locale) }))}
          style={controlWidth(120)}
          data-testid="visits-filter-stage"
        />
        <Select
          allowClear
          placeholder={t('visits.filterLate')}
          value={query.late}
          onChange={(late) => setQuery({ late, page: 1 })}
          options={[
            { value: 'true', label: t('visits.lateOnly') },
            { value: 'false', label: t('visits.onTimeOnly') },
          ]}
          style={controlWidth(120)}
          data-testid="visits-filter-late"
        />
      </ListFilters>
      <QueryErrorAlert query={list} />
      <Table<TVisitListItem>
        rowKey="id"
        size="middle"
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={table.onChange}
        pagination={table.pagination}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ onClick: () => navigate(`/visits/${r.id}`), style: { cursor: 'pointer' }, 'data-testid': `visit-row-${r.id}` })}
        columns={[
          {
            key: 'request',
            title: t('sr.number'),
            render: (_v, r) => (
              <Link to={`/visits/${r.id}`} onClick={(e) => e.stopPropagation()}>
                {r.serviceRequest.number}
              </Link>
            ),
          },
          { key: 'customer', title: t('calls.company'), render: (_v, r) => r.serviceRequest.customer.name },
          { key: 'engineer', title: t('visits.engineer'), render: (_v, r) => r.engineer.name },
          { key: 'stage', title: t('visits.stage'), render: (_v, r) => <VisitStageTag stage={r.stage} /> },
          { key: 'travel', title: t('visits.travelStartedAt'), render: (_v, r) => hm(r.travelStartedAt) },
          {
            key: 'arrived',
            title: t('visits.arrivedAt'),
            render: (_v, r) => (
              <>
                {hm(r.arrivedAt)}{' '}
                {r.late && (
                  <Tag color="red" data-testid="visit-late">
                    {t('visits.late', { minutes: r.lateMinutes ?? 0 })}
                  </Tag>
                )}
              </>
            ),
          },
          { key: 'departed', title: t('visits.departedAt'), render: (_v, r) => hm(r.departedAt) },
          { key: 'hours', title: t('visits.onSiteHoursCol'), render: (_v, r) => r.onSiteHours ?? '—' },
        ]}
      />
    </ListCard>
  );
}
