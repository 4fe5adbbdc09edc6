import { Button, Card, DatePicker, Flex, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { previousMonth, type TMonthlySummary } from '@contract/reports';
import { useMonthlySummaries, useMonthlySummaryActions } from '../../api/reports.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { PrintPdfButton } from '../../ui/print-pdf-button';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { ContractSelect } from '../contracts/contract-select';
import { companyToday } from './report-week';

const fmt = (n: number | null) => (n === null ? '—' : String(n));
const delta = (n: number | null | undefined) => (n === null || n === undefined ? '' : n > 0 ? ` (+${n})` : n < 0 ? ` (${n})` : '');

/** 月项目汇总表: per project and contract for a month, drafted on the 1st for the month before; approved by the technical manager. */
export function MonthlySummaryPage() {
  const { t } = useLocale();
  const notify = useNotify();
  const [month, setMonth] = useState(previousMonth(companyToday().slice(0, 7)));
  const [contractId, setContractId] = useState<number | null>(null);
  const list = useMonthlySummaries(month);
  const act = useMonthlySummaryActions();
  return (
    <Card
      title={t('workReports.monthlySummary')}
      data-testid="monthly-summary-page"
      extra={
        <Space>
          <DatePicker picker="month" value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} allowClear={false} />
          <ContractSelect
            value={contractId ?? undefined}
            onChange={(v) => setContractId((v as number | null) ?? null)}
            style={{ width: 220 }}
          />
          <Button
            type="primary"
            disabled={!contractId}
            onClick={() => contractId && act.draft.mutate({ month, contractId }, { onError: (e) => notify.error(e) })}
          >
            {t('workReports.draft')}
          </Button>
        </Space>
      }
    >
      <QueryErrorAlert query={list} />
      <Table<TMonthlySummary>
        size="small"
        rowKey="id"
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('workReports.scope'), render: (_, s) => s.project?.name ?? s.contract?.number },
          { title: t('workReports.requests'), render: (_, s) => `${s.figures.requests}${delta(s.change.requests)}` },
          { title: t('workReports.visits'), render: (_, s) => `${s.figures.visits}${delta(s.change.visits)}` },
          { title: t('workReports.hours'), render: (_, s) => `${s.figures.hours}${delta(s.change.hours)}` },
          { title: t('workReports.slaMet'), render: (_, s) => `${fmt(s.figures.slaMetPct)}${delta(s.change.slaMetPct)}` },
          { title: t('workReports.open'), render: (_, s) => s.figures.openItems },
          { title: t('workReports.partsUsed'), render: (_, s) => `${fmt(s.figures.partsUsed)}${delta(s.change.partsUsed)}` },
          { title: t('workReports.pm'), render: (_, s) => `${fmt(s.figures.pmDone)} / ${fmt(s.figures.pmDue)}` },
          {
            title: t('workReports.satisfactionScore'),
            render: (_, s) => (
              <Flex vertical>
                <span data-testid="satisfaction-combined">
                  {fmt(s.figures.satisfaction)}
                  {delta(s.change.satisfaction)}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {t('workReports.satisfactionFollowUps')} {fmt(s.figures.satisfactionFollowUps ?? null)} ·{' '}
                  {t('workReports.satisfactionTraining')} {fmt(s.figures.satisfactionTraining ?? null)}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('workReports.state'),
            render: (_, s) => <Tag color={s.state === 'approved' ? 'green' : 'blue'}>{t(`workReports.state.${s.state}` as never)}</Tag>,
          },
          {
            title: '',
            render: (_, s) => (
              <Flex gap={4}>
                <PrintPdfButton href={`/api/monthly-summaries/${s.id}/form.pdf`} />
                <Button href={`/api/monthly-summaries/${s.id}/form.xlsx`}>.xlsx</Button>
                {s.state === 'draft' && (
                  <Button onClick={() => act.approve.mutate({ id: s.id, version: s.version }, { onError: (e) => notify.error(e) })}>
                    {t('workReports.approve')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
