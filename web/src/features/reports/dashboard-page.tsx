import { Column } from '@ant-design/plots';
import { Button, Card, Col, DatePicker, Empty, Row, Segmented, Space, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { addDays, type TDashboard } from '@contract/reports';
import { useDashboard } from '../../api/reports.hooks';
import { useLocale } from '../../app/locale-context';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { companyDayStart } from '../../ui/company-time';
import { CustomerSelect } from '../customers/customer-select';
import { companyToday } from './report-week';

type View = 'chart' | 'table';

/**
 * The technical manager's dashboards (sales: their own customers). This page is the only importer
 * of the chart library, and the router loads it on first visit: other pages (and phones) never
 * download it. Every figure links to the records behind it.
 */
export function DashboardPage() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const today = companyToday();
  const [range, setRange] = useState<[string, string]>([addDays(today, -90), today]);
  const [customerId, setCustomerId] = useState<number | undefined>();
  const [view, setView] = useState<View>('chart');
  const q = { from: range[0], to: range[1], ...(customerId && { customerId }) };
  const d = useDashboard(q);
  const data = d.data;
  const exportHref = `/api/dashboards.xlsx?from=${q.from}&to=${q.to}${customerId ? `&customerId=${customerId}` : ''}`;
  const requestsHref = (extra: Record<string, string | number>) =>
    `/service-requests?${new URLSearchParams(Object.entries({ state: 'closed', ...(customerId && { customerId }), ...extra }).map(([k, v]) => [k, String(v)]))}`;
  const weekHref = (weekStart: string) =>
    requestsHref({ closedFrom: companyDayStart(weekStart), closedBefore: companyDayStart(weekStart, 7) });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16} data-testid="dashboard-page">
      <Card size="small">
        <Space wrap>
          <DatePicker.RangePicker
            value={[dayjs(range[0]), dayjs(range[1])]}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
          />
          <CustomerSelect value={customerId} onChange={(v) => setCustomerId((v as number | null) ?? undefined)} style={{ width: 220 }} />
          <Segmented<View>
            value={view}
            onChange={setView}
            options={[
              { value: 'chart', label: t('workReports.chartView') },
              { value: 'table', label: t('workReports.tableView') },
            ]}
            data-testid="dashboard-view"
          />
          <Button href={exportHref}>.xlsx</Button>
        </Space>
      </Card>
      <QueryErrorAlert query={d} />
      {data && (
        <>
          <Row gutter={16}>
            <Col span={6}>
              <Card size="small">
                <Statistic
                  title={t('workReports.firstTimeFix')}
                  value={data.firstTimeFix.pct ?? '—'}
                  suffix={data.firstTimeFix.pct === null ? '' : '%'}
                />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('workReports.arrivalOnTime')} value={data.arrivalOnTime?.pct ?? '—'} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('workReports.followUpsOnTime')} value={data.followUpsOnTime?.pct ?? '—'} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('workReports.overdueLoans')} value={data.overdueLoans ?? '—'} />
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <SlaByWeek data={data} view={view} hrefOf={weekHref} />
            </Col>
            <Col span={12}>
              <Card size="small" title={t('workReports.slaByCustomer')}>
                <Table
                  size="small"
                  rowKey={(c) => c.customer.id}
                  dataSource={data.slaByCustomer}
                  pagination={{ pageSize: 8 }}
                  columns={[
                    {
                      title: t('workReports.customer'),
                      render: (_, c) => <Link to={requestsHref({ customerId: c.customer.id })}>{c.customer.name}</Link>,
                    },
                    { title: t('workReports.closed'), dataIndex: 'closed', align: 'right' },
                    {
                      title: t('workReports.breached'),
                      align: 'right',
                      render: (_, c) => <Link to={requestsHref({ customerId: c.customer.id, sla: 'breached' })}>{c.breached}</Link>,
                    },
                    { title: '%', dataIndex: 'pct', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Card size="small" title={t('workReports.openByEngineer')}>
                {view === 'chart' && data.openByEngineer.length === 0 ? (
                  <Empty />
                ) : view === 'chart' ? (
                  <Column
                    height={260}
                    data={data.openByEngineer.map((e) => ({ engineer: e.engineer.name, id: e.engineer.id, open: e.open }))}
                    xField="engineer"
                    yField="open"
                    onReady={({ chart }) =>
                      chart.on('element:click', (ev: { data?: { data?: { id: number } } }) => {
                        const id = ev.data?.data?.id;
                        if (id)
                          navigate(
                            `/service-requests?engineerId=${id}&state=accepted,scheduled,travelling,on_site,waiting_customer,waiting_parts,issued`,
                          );
                      })
                    }
                  />
                ) : (
                  <Table
                    size="small"
                    rowKey={(e) => e.engineer.id}
                    dataSource={data.openByEngineer}
                    pagination={false}
                    columns={[
                      {
                        title: t('workReports.engineer'),
                        render: (_, e) => <Link to={`/service-requests?engineerId=${e.engineer.id}`}>{e.engineer.name}</Link>,
                      },
                      { title: t('workReports.open'), dataIndex: 'open', align: 'right' },
                    ]}
                  />
                )}
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title={t('workReports.callsByHour')}>
                {view === 'chart' && data.callsByHour.length === 0 ? (
                  <Empty />
                ) : view === 'chart' ? (
                  <Column height={260} data={data.callsByHour} xField="hour" yField="calls" colorField="productType" stack />
                ) : (
                  <Table
                    size="small"
                    rowKey={(c) => `${c.hour}-${c.productType}`}
                    dataSource={data.callsByHour}
                    pagination={{ pageSize: 8 }}
                    columns={[
                      { title: t('workReports.hour'), dataIndex: 'hour' },
                      { title: t('workReports.productType'), dataIndex: 'productType' },
                      {
                        title: t('workReports.calls'),
                        render: (_, c) => <Link to={`/calls?q=${encodeURIComponent(c.productType)}`}>{c.calls}</Link>,
                      },
                    ]}
                  />
                )}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('workReports.overridesByRule')}>
            <Table
              size="small"
              rowKey="rule"
              dataSource={data.overridesByRule}
              pagination={false}
              columns={[
                {
                  title: t('workReports.rule'),
                  dataIndex: 'rule',
                  render: (r: string) => <Link to={`/guard-overrides?rule=${r}`}>{r}</Link>,
                },
                { title: t('workReports.count'), dataIndex: 'count', align: 'right' },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

function SlaByWeek({ data, view, hrefOf }: { data: TDashboard; view: View; hrefOf: (weekStart: string) => string }) {
  const { t } = useLocale();
  const navigate = useNavigate();
  const rows = data.slaByWeek.flatMap((w) => [
    { weekStart: w.weekStart, series: t('workReports.met'), n: w.met },
    { weekStart: w.weekStart, series: t('workReports.breached'), n: w.closed - w.met },
  ]);
  return (
    <Card size="small" title={t('workReports.slaByWeek')} data-testid="sla-by-week">
      {view === 'chart' ? (
        <Column
          height={260}
          data={rows}
          xField="weekStart"
          yField="n"
          colorField="series"
          scale={{ color: { range: ['#1677ff', '#ff4d4f'] } }}
          stack
          onReady={({ chart }) =>
            chart.on('element:click', (ev: { data?: { data?: { weekStart: string } } }) => {
              const w = ev.data?.data?.weekStart;
              if (w) navigate(hrefOf(w));
            })
          }
        />
      ) : (
        <Table
          size="small"
          rowKey="weekStart"
          dataSource={data.slaByWeek}
          pagination={false}
          columns={[
            { title: t('workReports.week'), dataIndex: 'weekStart', render: (w: string) => <Link to={hrefOf(w)}>{w}</Link> },
            { title: t('workReports.closed'), dataIndex: 'closed', align: 'right' },
            { title: t('workReports.met'), dataIndex: 'met', align: 'right' },
            { title: '%', dataIndex: 'pct', align: 'right' },
          ]}
        />
      )}
    </Card>
  );
}
