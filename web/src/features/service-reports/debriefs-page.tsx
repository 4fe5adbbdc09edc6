import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Empty, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useWeeklyDebriefs } from '../../api/service-reports.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { QueryErrorAlert } from '../../ui/query-error-alert';

/** R-INST-11: the technical manager's weekly note to sales — the week's debriefs, as a page and an .xlsx. */
export function DebriefsPage() {
  const { t, locale } = useLocale();
  const [week, setWeek] = useState<string | undefined>(undefined);
  const note = useWeeklyDebriefs(week);
  const query = new URLSearchParams({ ...(week && { week }), lang: locale });
  return (
    <Card
      title={t('debriefs.title')}
      data-testid="debriefs-page"
      extra={
        <Flex gap={8} wrap>
          <DatePicker picker="week" value={week ? dayjs(week) : null} onChange={(d) => setWeek(d ? d.format('YYYY-MM-DD') : undefined)} />
          <Button icon={<DownloadOutlined />} href={`/api/debriefs/weekly.xlsx?${query}`} download data-testid="debriefs-xlsx">
            {t('debriefs.xlsx')}
          </Button>
        </Flex>
      }
    >
      <QueryErrorAlert query={note} />
      {note.data && (
        <Typography.Paragraph type="secondary">
          {note.data.weekStart} – {note.data.weekEnd}
        </Typography.Paragraph>
      )}
      {note.data?.items.length === 0 && <Empty description={t('debriefs.empty')} />}
      <Flex vertical gap={12}>
        {note.data?.items.map((d) => (
          <Card
            key={d.id}
            size="small"
            title={
              d.serviceRequest ? (
                <Link to={`/service-requests/${d.serviceRequest.id}`}>{`${d.serviceRequest.number} · ${d.customer.name}`}</Link>
              ) : (
                d.trainingSession && (
                  <Link to={`/trainings/sessions/${d.trainingSession.id}`}>
                    {`${t('debriefs.training')} ${d.trainingSession.planNumber} ${d.trainingSession.course} · ${d.customer.name}`}
                  </Link>
                )
              )
            }
            extra={formatCompanyTime(d.createdAt).slice(0, 16)}
          >
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('followUps.engineer')}>{d.author.name}</Descriptions.Item>
              <Descriptions.Item label={t('debriefs.salesOwner')}>{d.salesOwner?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('reports.howItWent')}>{d.howItWent}</Descriptions.Item>
              <Descriptions.Item label={t('reports.lessons')}>{d.lessons}</Descriptions.Item>
              <Descriptions.Item label={t('reports.customerSituation')}>{d.customerSituation}</Descriptions.Item>
            </Descriptions>
          </Card>
        ))}
      </Flex>
    </Card>
  );
}
