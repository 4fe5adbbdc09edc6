import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { TSalesNotes } from '@contract/reports';
import { SERVICE_REQUEST_STATE_LABELS } from '@contract/service-request-labels';
import { useSalesNotes } from '../../api/reports.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { shiftWeek, thisWeek } from './report-week';
import { WeekPicker } from './week-picker';

type TNote = TSalesNotes['items'][number];
type TDebriefItem = TNote['debriefs'][number];

/** One customer's part of a note: the requests closed for him this week and the debriefs written about him. */
interface TCustomerPart {
  name: string;
  requests: TNote['requests'];
  debriefs: TDebriefItem[];
}

/** The note's customers, by name: the debriefs carry their customer, the requests its name. */
function byCustomer(note: TNote): TCustomerPart[] {
  const parts = new Map<string, TCustomerPart>();
  const partOf = (name: string) => {
    const p = parts.get(name) ?? { name, requests: [], debriefs: [] };
    parts.set(name, p);
    return p;
  };
  for (const r of note.requests) partOf(r.customer).requests.push(r);
  for (const d of note.debriefs) partOf(d.customer?.name ?? '—').debriefs.push(d);
  return [...parts.values()].sort((a, b) => b.debriefs.length - a.debriefs.length || a.name.localeCompare(b.name, 'zh-CN'));
}

/**
 * R-INST-11: the technical manager's weekly note to sales — the week's debriefs and closed requests,
 * grouped per sales owner and his customers; reached from the weekly record (same week).
 */
export function SalesNotesPage() {
  const { t, locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const week = shiftWeek(params.get('week') ?? thisWeek(), 0);
  const notes = useSalesNotes(week);
  const xlsx = new URLSearchParams({ week, lang: locale });
  const stateLabel = (s: string) => {
    const l = SERVICE_REQUEST_STATE_LABELS[s as keyof typeof SERVICE_REQUEST_STATE_LABELS];
    return l ? (locale === 'en' ? l.en : l.zh) : s;
  };

  return (
    <Card
      title={t('salesNotes.title')}
      data-testid="sales-notes-page"
      extra={
        <Flex gap={8} wrap align="center">
          <WeekPicker week={week} onChange={(w) => setParams({ week: w })} />
          <Button icon={<DownloadOutlined />} href={`/api/debriefs/weekly.xlsx?${xlsx}`} download data-testid="sales-notes-xlsx">
            {t('debriefs.xlsx')}
          </Button>
          <Link to={`/reports/weekly-record?week=${week}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('salesNotes.back')}</Button>
          </Link>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('salesNotes.intro')}</Typography.Text>
        <QueryErrorAlert query={notes} />
        {notes.data?.items.length === 0 && <Empty description={t('salesNotes.none')} />}
        {notes.data?.items.map((note) => {
          const customers = byCustomer(note);
          return (
            <Card
              key={note.salesOwner.id}
              type="inner"
              size="small"
              data-testid={`sales-note-${note.salesOwner.id}`}
              title={`${t('debriefs.salesOwner')}：${note.salesOwner.name}`}
              extra={
                <Typography.Text type="secondary">
                  {t('salesNotes.counts', { customers: customers.length, debriefs: note.debriefs.length, requests: note.requests.length })}
                </Typography.Text>
              }
            >
              <Flex vertical gap={16}>
                {customers.map((c) => (
                  <section key={c.name} data-testid="sales-note-customer">
                    <Typography.Title level={5} style={{ marginTop: 0 }}>
                      {c.name}
                    </Typography.Title>
                    {c.requests.length > 0 && (
                      <Space wrap size={[4, 4]} style={{ marginBottom: 8 }}>
                        <Typography.Text type="secondary">{t('salesNotes.requests')}：</Typography.Text>
                        {c.requests.map((r) => (
                          <Link key={r.id} to={`/service-requests/${r.id}`}>
                            <Tag>
                              {r.number} · {stateLabel(r.state)}
                            </Tag>
                          </Link>
                        ))}
                      </Space>
                    )}
                    {c.debriefs.length === 0 && <Typography.Paragraph type="secondary">{t('salesNotes.noDebrief')}</Typography.Paragraph>}
                    <Flex vertical gap={8}>
                      {c.debriefs.map((d) => (
                        <Card
                          key={d.id}
                          size="small"
                          title={
                            d.serviceRequest ? (
                              <Link to={`/service-requests/${d.serviceRequest.id}`}>{d.serviceRequest.number}</Link>
                            ) : (
                              (d.subject ?? d.label)
                            )
                          }
                          extra={d.createdAt ? formatCompanyTime(d.createdAt).slice(0, 16) : null}
                        >
                          {d.howItWent === undefined ? (
                            d.label
                          ) : (
                            <Descriptions size="small" column={1}>
                              <Descriptions.Item label={t('followUps.engineer')}>{d.author?.name ?? '—'}</Descriptions.Item>
                              <Descriptions.Item label={t('reports.howItWent')}>{d.howItWent}</Descriptions.Item>
                              <Descriptions.Item label={t('reports.lessons')}>{d.lessons || '—'}</Descriptions.Item>
                              <Descriptions.Item label={t('reports.customerSituation')}>{d.customerSituation || '—'}</Descriptions.Item>
                            </Descriptions>
                          )}
                        </Card>
                      ))}
                    </Flex>
                  </section>
                ))}
              </Flex>
            </Card>
          );
        })}
      </Flex>
    </Card>
  );
}
