import { Button, Segmented, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { type TWarrantyRegistration, ZWarrantyRegistrationQuery } from '@contract/visits';
import { useMarkRegistered, useWarrantyRegistrations } from '../../api/visits.hooks';
import { useCan } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { ListCard, useListTable } from '../../ui/list-page';
import { useNotify } from '../../ui/notify';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { COLUMN_WIDTH, CutText, NO_WRAP, useFitTable } from '../../ui/table-cells';
import { useUrlQuery } from '../../ui/use-url-query';
import { useUnitActionLabel } from './visit-labels';

/** 保修登记 (R-INST-7): units installed or replaced on site, with PN/SN, for commerce to register with the vendor. */
export function WarrantyRegistrationsPage() {
  const { t } = useLocale();
  const notify = useNotify();
  const canMark = useCan('visits.warranty');
  const actionLabel = useUnitActionLabel();
  const [query, setQuery] = useUrlQuery(ZWarrantyRegistrationQuery);
  const list = useWarrantyRegistrations(query);
  const table = useListTable<TWarrantyRegistration>(query, setQuery, list.data);
  const mark = useMarkRegistered();
  const fitTable = useFitTable();
  return (
    <ListCard title={t('visits.registrationsTitle')} testId="warranty-registrations-page">
      <Segmented
        value={query.registered ?? 'all'}
        onChange={(v) => setQuery({ registered: v === 'all' ? undefined : (v as 'true' | 'false'), page: 1 })}
        options={[
          { value: 'false', label: t('visits.toRegister') },
          { value: 'true', label: t('visits.registered') },
          { value: 'all', label: t('calls.view.all') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <QueryErrorAlert query={list} />
      <Table<TWarrantyRegistration>
        rowKey="id"
        size="middle"
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={table.onChange}
        pagination={table.pagination}
        {...fitTable}
        columns={[
          { key: 'action', title: t('visits.unitAction'), width: 80, render: (_v, r) => <Tag>{actionLabel(r.action)}</Tag> },
          { key: 'unit', title: t('visits.unit'), render: (_v, r) => <CutText text={`${r.brand} ${r.model}`} sub={r.productType} /> },
          {
            key: 'sn',
            title: 'SN / PN',
            width: 200,
            render: (_v, r) => <CutText text={<code className="fuwu-code">{r.sn ?? '—'}</code>} title={r.sn} sub={r.pn ?? '—'} />,
          },
          { key: 'oldSn', title: t('visits.oldSn'), width: 150, render: (_v, r) => <CutText text={r.oldSn ?? '—'} /> },
          {
            key: 'customer',
            title: `${t('calls.company')} / ${t('calls.contract')}`,
            render: (_v, r) => (
              <CutText
                text={r.customer.name}
                subTitle={r.contract?.number}
                sub={r.contract ? <Link to={`/contracts/${r.contract.id}`}>{r.contract.number}</Link> : '—'}
              />
            ),
          },
          {
            key: 'request',
            title: t('sr.number'),
            width: COLUMN_WIDTH.number,
            render: (_v, r) => (
              <Link to={`/service-requests/${r.serviceRequest.id}`} style={NO_WRAP}>
                {r.serviceRequest.number}
              </Link>
            ),
          },
          {
            key: 'at',
            title: t('visits.recordedAt'),
            width: COLUMN_WIDTH.dateTime,
            render: (_v, r) => <span style={NO_WRAP}>{formatCompanyTime(r.recordedAt).slice(0, 16)}</span>,
          },
          {
            key: 'registered',
            title: t('visits.registered'),
            width: 120,
            render: (_v, r) =>
              r.registeredAt ? (
                <CutText text={formatCompanyTime(r.registeredAt).slice(0, 10)} sub={r.registeredBy?.name ?? ''} />
              ) : canMark ? (
                <Button size="small" loading={mark.isPending} onClick={() => mark.mutate(r.id, { onError: notify.error })}>
                  {t('visits.markRegistered')}
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </ListCard>
  );
}
