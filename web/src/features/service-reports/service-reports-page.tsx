import { Alert, Segmented, Table, Tag } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  SERVICE_REPORT_KIND_LABELS,
  SERVICE_REPORT_STATE_LABELS,
  type TServiceReportListItem,
  ZServiceReportQuery,
} from '@contract/service-reports';
import { useCreateServiceReport, useServiceReports } from '../../api/service-reports.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { FullPageSpin } from '../../ui/full-page-spin';
import { ListCard, useListTable } from '../../ui/list-page';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { useUrlQuery } from '../../ui/use-url-query';

/** Reports of the requests the reader may see; `?visitId=` makes the day's report from that visit and opens it. */
export function ServiceReportsPage() {
  const [params] = useSearchParams();
  const visitId = Number(params.get('visitId'));
  return visitId > 0 ? <ReportFromVisit visitId={visitId} /> : <ReportList />;
}

function ReportFromVisit({ visitId }: { visitId: number }) {
  const { t } = useLocale();
  const navigate = useNavigate();
  const create = useCreateServiceReport();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    create.mutate({ visitId }, { onSuccess: (r) => navigate(`/service-reports/${r.id}`, { replace: true }) });
  }, [visitId, create, navigate]);
  return create.isError ? <Alert type="error" showIcon message={String(create.error)} /> : <FullPageSpin tip={t('reports.making')} />;
}

function ReportList() {
  const { t, locale } = useLocale();
  const pick = (l: { zh: string; en: string }) => (locale === 'en' ? l.en : l.zh);
  const [query, setQuery] = useUrlQuery(ZServiceReportQuery);
  const list = useServiceReports(query);
  const table = useListTable<TServiceReportListItem>(query, setQuery, list.data);
  return (
    <ListCard title={t('reports.title')} testId="reports-page">
      <Segmented
        value={query.state ?? 'all'}
        onChange={(v) => setQuery({ state: v === 'all' ? undefined : (v as TServiceReportListItem['state']), page: 1 })}
        options={[
          { value: 'draft', label: pick(SERVICE_REPORT_STATE_LABELS.draft) },
          { value: 'signed', label: pick(SERVICE_REPORT_STATE_LABELS.signed) },
          { value: 'all', label: t('calls.view.all') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <QueryErrorAlert query={list} />
      <Table<TServiceReportListItem>
        rowKey="id"
        size="middle"
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={table.onChange}
        pagination={table.pagination}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'number',
            title: t('reports.number'),
            render: (_v, r) => <Link to={`/service-reports/${r.id}`}>{r.revision > 1 ? `${r.number}-${r.revision}` : r.number}</Link>,
          },
          { key: 'kind', title: t('reports.kind'), render: (_v, r) => pick(SERVICE_REPORT_KIND_LABELS[r.kind]) },
          {
            key: 'state',
            title: t('reports.state'),
            render: (_v, r) => (
              <Tag color={r.state === 'signed' ? 'green' : r.state === 'draft' ? 'blue' : 'default'}>
                {pick(SERVICE_REPORT_STATE_LABELS[r.state])}
              </Tag>
            ),
          },
          {
            key: 'request',
            title: t('reports.request'),
            render: (_v, r) => <Link to={`/service-requests/${r.serviceRequest.id}`}>{r.serviceRequest.number}</Link>,
          },
          { key: 'customer', title: t('reports.customer'), render: (_v, r) => r.customer.name },
          {
            key: 'signed',
            title: t('reports.signedAt'),
            render: (_v, r) => (r.signedAt ? formatCompanyTime(r.signedAt).slice(0, 16) : '—'),
          },
        ]}
      />
    </ListCard>
  );
}
