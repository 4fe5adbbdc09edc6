import { DownloadOutlined } from '@ant-design/icons';
import { Badge, Button, Calendar, DatePicker, Flex, Segmented, Select, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ColumnType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router';
import { pick } from '@contract/bilingual';
import {
  PM_VISIT_STATE_LABELS,
  PM_VISIT_STATES,
  type TPmCompletion,
  type TPmGap,
  type TPmPlanSummary,
  type TPmVisit,
  type TPmVisitState,
} from '@contract/maintenance';
import { useCan } from '../../api/me.hooks';
import { pmVisitsExportUrl, usePmCompletion, usePmGaps, usePmPlans, usePmVisits } from '../../api/maintenance.hooks';
import type { TMessageKey } from '../../app/i18n';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { ListCard, ListFilters, useControlWidth } from '../../ui/list-page';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { COLUMN_WIDTH, CutText, DateRange, NO_WRAP, useFitTable } from '../../ui/table-cells';
import { useDayjsLocale } from '../../ui/dates';
import { UserSelect } from '../../ui/user-select';
import { CustomerSelect } from '../customers/customer-select';

const VIEWS = ['calendar', 'list', 'plans', 'gaps', 'completion'] as const;
type TView = (typeof VIEWS)[number];

export const PM_STATE_COLORS: Record<TPmVisitState, string> = {
  planned: 'blue',
  agreeing: 'orange',
  agreed: 'cyan',
  done: 'green',
  cancelled: 'default',
};

/** The "customer / contract" column every PM table opens with: the customer, and the contract linking to its PM page. */
function contractColumn<T extends { customer: { name: string }; contract: { id: number; number: string } }>(
  t: (key: TMessageKey) => string,
): ColumnType<T> {
  return {
    key: 'contract',
    title: `${t('pm.customer')} / ${t('pm.contract')}`,
    render: (_v, r) => (
      <CutText
        text={r.customer.name}
        subTitle={r.contract.number}
        sub={<Link to={`/maintenance/contracts/${r.contract.id}`}>{r.contract.number}</Link>}
      />
    ),
  };
}

export function PmStateTag({ state }: { state: TPmVisitState }) {
  const { locale } = useLocale();
  return <Tag color={PM_STATE_COLORS[state]}>{pick(PM_VISIT_STATE_LABELS[state], locale)}</Tag>;
}

/**
 * Routine inspections (R-PM-1 … R-PM-8): the visits of every timetable by month (a calendar and a
 * list, by engineer, state and customer), the timetables, the contracts that lack one, and the
 * year's completion per contract.
 */
export function MaintenancePage() {
  const { t, locale } = useLocale();
  useDayjsLocale(locale);
  const [params, setParams] = useSearchParams();
  const view = (VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as TView) : 'calendar';
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? (params.get('month') as string) : dayjs().format('YYYY-MM');
  const engineerId = Number(params.get('engineerId')) || undefined;
  const customerId = Number(params.get('customerId')) || undefined;
  const state = (PM_VISIT_STATES as readonly string[]).includes(params.get('state') ?? '')
    ? (params.get('state') as TPmVisitState)
    : undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const width = useControlWidth();
  const canExport = useCan('maintenance.export');
  const start = dayjs(`${month}-01`);
  const query = {
    page: 1,
    pageSize: 200,
    from: start.format('YYYY-MM-DD'),
    to: start.endOf('month').format('YYYY-MM-DD'),
    ...(engineerId && { engineerId }),
    ...(customerId && { customerId }),
    ...(state && { state }),
  };
  const monthFilters = (
    <ListFilters>
      <DatePicker
        picker="month"
        allowClear={false}
        value={start}
        onChange={(d) => d && set({ month: d.format('YYYY-MM') })}
        style={width(140)}
        data-testid="pm-month"
      />
      <UserSelect
        holding="engineer"
        value={engineerId ?? null}
        onChange={(v) => set({ engineerId: v ? String(v) : undefined })}
        placeholder={t('pm.engineer')}
        style={width(180)}
      />
      <CustomerSelect
        value={customerId ?? null}
        onChange={(v) => set({ customerId: v ? String(v) : undefined })}
        allowClear
        placeholder={t('pm.customer')}
        style={width(220)}
      />
      <Select<TPmVisitState | 'all'>
        value={state ?? 'all'}
        onChange={(v) => set({ state: v === 'all' ? undefined : v })}
        options={[
          { value: 'all', label: t('pm.all') },
          ...PM_VISIT_STATES.map((s) => ({ value: s, label: pick(PM_VISIT_STATE_LABELS[s], locale) })),
        ]}
        style={width(140)}
        aria-label={t('pm.state')}
      />
      {canExport && (
        <Button icon={<DownloadOutlined />} href={pmVisitsExportUrl(query)} download data-testid="pm-export">
          {t('pm.export')}
        </Button>
      )}
    </ListFilters>
  );
  return (
    <ListCard title={t('pm.title')} testId="pm-page">
      <Segmented<TView>
        value={view}
        onChange={(v) => set({ view: v })}
        options={VIEWS.map((v) => ({ value: v, label: t(`pm.view.${v}`) }))}
        style={{ marginBottom: 16 }}
        data-testid="pm-views"
      />
      {view === 'calendar' && (
        <>
          {monthFilters}
          <VisitCalendar query={query} month={month} onMonth={(m) => set({ month: m })} />
        </>
      )}
      {view === 'list' && (
        <>
          {monthFilters}
          <VisitList query={query} />
        </>
      )}
      {view === 'plans' && <PlanList />}
      {view === 'gaps' && <GapList />}
      {view === 'completion' && <CompletionList />}
    </ListCard>
  );
}

type TVisitQuery = Parameters<typeof usePmVisits>[0];

function VisitCalendar({ query, month, onMonth }: { query: TVisitQuery; month: string; onMonth: (m: string) => void }) {
  const { t } = useLocale();
  const visits = usePmVisits(query);
  const byDay = new Map<string, TPmVisit[]>();
  for (const v of visits.data?.items ?? []) byDay.set(v.plannedDate, [...(byDay.get(v.plannedDate) ?? []), v]);
  return (
    <>
      <QueryErrorAlert query={visits} />
      <Calendar
        value={dayjs(`${month}-01`)}
        headerRender={() => null}
        onPanelChange={(d) => onMonth(d.format('YYYY-MM'))}
        cellRender={(d, info) => {
          if (info.type !== 'date' || d.format('YYYY-MM') !== month) return null;
          return (
            <Flex vertical gap={2}>
              {(byDay.get(d.format('YYYY-MM-DD')) ?? []).map((v) => (
                <Link key={v.id} to={`/maintenance/contracts/${v.contract.id}`} data-testid={`pm-cal-visit-${v.id}`}>
                  <Badge
                    color={PM_STATE_COLORS[v.state] === 'default' ? 'gray' : PM_STATE_COLORS[v.state]}
                    text={`${v.startTime} ${v.customer.name}`}
                  />
                </Link>
              ))}
            </Flex>
          );
        }}
      />
      {visits.data?.items.length === 0 && <Typography.Text type="secondary">{t('pm.noVisits')}</Typography.Text>}
    </>
  );
}

function VisitList({ query }: { query: TVisitQuery }) {
  const { t } = useLocale();
  const fitTable = useFitTable();
  const visits = usePmVisits(query);
  return (
    <>
      <QueryErrorAlert query={visits} />
      <Table<TPmVisit>
        rowKey="id"
        size="middle"
        dataSource={visits.data?.items}
        loading={visits.isFetching}
        pagination={false}
        {...fitTable}
        data-testid="pm-visit-list"
        columns={[
          {
            key: 'date',
            title: t('pm.plannedDate'),
            width: COLUMN_WIDTH.dateTime,
            render: (_v, r) => <span style={NO_WRAP}>{`${r.plannedDate} ${r.startTime}`}</span>,
          },
          contractColumn(t),
          {
            key: 'responsible',
            title: `${t('pm.responsible')} / ${t('pm.backup')}`,
            width: 112,
            render: (_v, r) => <CutText text={r.responsibleEngineer.name} sub={r.backupEngineer.name} />,
          },
          { key: 'downtime', title: t('pm.downtime'), width: 96, render: (_v, r) => r.downtimeMinutes },
          { key: 'state', title: t('pm.state'), width: COLUMN_WIDTH.state, render: (_v, r) => <PmStateTag state={r.state} /> },
          {
            key: 'sr',
            title: t('pm.serviceRequest'),
            width: COLUMN_WIDTH.number,
            render: (_v, r) =>
              r.serviceRequest ? <Link to={`/service-requests/${r.serviceRequest.id}`}>{r.serviceRequest.number}</Link> : null,
          },
        ]}
      />
    </>
  );
}

function PlanList() {
  const { t } = useLocale();
  const fitTable = useFitTable();
  const plans = usePmPlans({ page: 1, pageSize: 200 });
  return (
    <>
      <QueryErrorAlert query={plans} />
      <Table<TPmPlanSummary>
        rowKey="id"
        size="middle"
        dataSource={plans.data?.items}
        loading={plans.isFetching}
        pagination={false}
        {...fitTable}
        columns={[
          contractColumn(t),
          {
            key: 'period',
            title: t('pm.period'),
            width: COLUMN_WIDTH.dateRange,
            render: (_v, r) => <DateRange from={r.periodStart} to={r.periodEnd} />,
          },
          {
            key: 'responsible',
            title: `${t('pm.responsible')} / ${t('pm.backup')}`,
            width: 112,
            render: (_v, r) => <CutText text={r.responsibleEngineer.name} sub={r.backupEngineer.name} />,
          },
          { key: 'visits', title: t('pm.visits'), width: 88, render: (_v, r) => `${r.done} / ${r.visits}` },
          {
            key: 'sent',
            title: t('pm.sentAt'),
            width: COLUMN_WIDTH.dateTime,
            render: (_v, r) => <span style={NO_WRAP}>{r.sentAt ? formatCompanyTime(r.sentAt).slice(0, 16) : t('pm.notSent')}</span>,
          },
        ]}
      />
    </>
  );
}

function GapList() {
  const { t } = useLocale();
  const fitTable = useFitTable();
  const gaps = usePmGaps();
  const canExport = useCan('maintenance.export');
  return (
    <>
      <QueryErrorAlert query={gaps} />
      {canExport && (
        <ListFilters>
          <Button icon={<DownloadOutlined />} href="/api/maintenance/gaps/export.xlsx" download>
            {t('pm.export')}
          </Button>
        </ListFilters>
      )}
      <Table<TPmGap>
        rowKey={(r) => r.contract.id}
        size="middle"
        dataSource={gaps.data?.items}
        loading={gaps.isFetching}
        pagination={false}
        {...fitTable}
        data-testid="pm-gap-list"
        columns={[
          contractColumn(t),
          { key: 'perYear', title: t('pm.visitsPerYear'), width: 112, render: (_v, r) => r.pmVisitsPerYear },
          {
            key: 'period',
            title: t('pm.period'),
            width: COLUMN_WIDTH.dateRange,
            render: (_v, r) => <DateRange from={r.startDate} to={r.endDate} />,
          },
          {
            key: 'go',
            title: '',
            width: 120,
            render: (_v, r) => (
              <Link to={`/maintenance/contracts/${r.contract.id}`} data-testid={`pm-gap-${r.contract.id}`}>
                {t('pm.generate')}
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}

function CompletionList() {
  const { t } = useLocale();
  const fitTable = useFitTable();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || dayjs().year();
  const page = Number(params.get('page')) || 1;
  const completion = usePmCompletion({ year, page, pageSize: 50 });
  const totals = completion.data?.totals;
  return (
    <>
      <ListFilters>
        <DatePicker
          picker="year"
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          onChange={(d) => {
            if (!d) return;
            const next = new URLSearchParams(params);
            next.set('year', String(d.year()));
            setParams(next, { replace: true });
          }}
        />
      </ListFilters>
      <QueryErrorAlert query={completion} />
      {totals && (
        <Flex gap={48} wrap style={{ marginBottom: 16 }} data-testid="pm-completion-totals">
          <Statistic title={t('pm.contract')} value={totals.contracts} />
          <Statistic title={t('pm.planned')} value={totals.planned} />
          <Statistic title={t('pm.done')} value={totals.done} styles={{ content: { color: '#389e0d' } }} />
          <Statistic title={t('pm.due')} value={totals.due} />
          <Statistic title={t('pm.overdue')} value={totals.overdue} styles={{ content: totals.overdue > 0 ? { color: '#cf1322' } : {} }} />
        </Flex>
      )}
      <Table<TPmCompletion>
        rowKey={(r) => r.contract.id}
        size="middle"
        dataSource={completion.data?.items}
        loading={completion.isFetching}
        pagination={{
          current: page,
          pageSize: 50,
          total: completion.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => {
            const next = new URLSearchParams(params);
            next.set('page', String(p));
            setParams(next, { replace: true });
          },
        }}
        {...fitTable}
        columns={[
          contractColumn(t),
          { key: 'planned', title: t('pm.planned'), width: 96, render: (_v, r) => r.planned },
          { key: 'done', title: t('pm.done'), width: 96, render: (_v, r) => <Tag color="green">{r.done}</Tag> },
          { key: 'due', title: t('pm.due'), width: 96, render: (_v, r) => <Tag color="blue">{r.due}</Tag> },
          {
            key: 'overdue',
            title: t('pm.overdue'),
            width: 96,
            render: (_v, r) => (r.overdue > 0 ? <Tag color="red">{r.overdue}</Tag> : 0),
          },
        ]}
      />
    </>
  );
}
