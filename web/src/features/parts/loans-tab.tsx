import { Button, Flex, Form, Input, Modal, Pagination, Radio, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Link } from 'react-router';
import {
  LOAN_PURPOSE_LABELS,
  LOAN_STATE_LABELS,
  RETURN_CONDITION_LABELS,
  RETURN_CONDITIONS,
  type TPartLoan,
  type TPartLoanQuery,
} from '@contract/parts';
import { useCan } from '../../api/me.hooks';
import { useApproveLoan, usePartLoans, useReturnLoan } from '../../api/parts.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useNotify } from '../../ui/notify';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { COLUMN_WIDTH, CutText, NO_WRAP, SubLine, useFitTable } from '../../ui/table-cells';
import { useIsPhone } from '../../ui/use-is-phone';
import { BorrowDrawer } from './borrow-drawer';

type TView = 'open' | 'overdue' | 'pending' | 'requested' | 'all';
const FILTERS: Record<TView, Partial<TPartLoanQuery>> = {
  open: { state: 'open' },
  overdue: { overdue: 'true' },
  pending: { paperworkPending: 'true' },
  requested: { state: 'requested' },
  all: {},
};

/** Loans: open, overdue, pending paperwork (the counts are the lists' totals), approval and return. */
export function LoansTab({ highlight }: { highlight?: number }) {
  const { t, pick } = useLocale();
  const notify = useNotify();
  const isPhone = useIsPhone();
  const fitTable = useFitTable();
  const canBorrow = useCan('parts.borrow');
  const canApprove = useCan('parts.approve');
  const canExport = useCan('parts.export');
  // `?view=` opens a list directly (the workbench's numbers link to the overdue and pending ones).
  const [params] = useSearchParams();
  const asked = params.get('view');
  const [view, setView] = useState<TView>(asked && asked in FILTERS ? (asked as TView) : 'open');
  const [page, setPage] = useState(1);
  const query: TPartLoanQuery = { page, pageSize: 20, ...FILTERS[view] };
  const list = usePartLoans(query);
  const overdue = usePartLoans({ page: 1, pageSize: 1, overdue: 'true' });
  const pending = usePartLoans({ page: 1, pageSize: 1, paperworkPending: 'true' });
  const approve = useApproveLoan();
  const giveBack = useReturnLoan();
  const [borrowing, setBorrowing] = useState(false);
  const [returning, setReturning] = useState<TPartLoan | null>(null);
  const [returnForm] = Form.useForm<{ condition: 'good' | 'faulty' | 'kept'; note?: string }>();

  const stateOf = (r: TPartLoan) => (
    <Flex gap={4} wrap>
      <Tag color={r.state === 'open' ? 'blue' : r.state === 'requested' ? 'orange' : undefined}>{pick(LOAN_STATE_LABELS[r.state])}</Tag>
      {r.emergency && <Tag color="red">{t('parts.emergencyTag')}</Tag>}
      {r.paperworkPending && <Tag color="volcano">{t('parts.paperworkPending')}</Tag>}
      {r.overdue && <Tag color="red">{t('parts.overdue')}</Tag>}
      {r.paperworkPending && r.paperworkEscalatedAt && <Tag color="magenta">{t('parts.escalated')}</Tag>}
    </Flex>
  );
  const actionsOf = (r: TPartLoan) => (
    <Space size={4} wrap>
      {canApprove && (r.state === 'requested' || r.paperworkPending) && (
        <Button
          size="small"
          type="primary"
          loading={approve.isPending}
          data-testid={`parts-approve-${r.id}`}
          onClick={() => approve.mutate(r.id, { onSuccess: () => notify.success(t('parts.approved')), onError: notify.error })}
        >
          {t(r.state === 'requested' ? 'parts.approve' : 'parts.completePaperwork')}
        </Button>
      )}
      {canBorrow && r.state === 'open' && (
        <Button
          size="small"
          onClick={() => {
            returnForm.resetFields();
            setReturning(r);
          }}
        >
          {t('parts.return')}
        </Button>
      )}
      <Button size="small" type="link" href={`/api/part-loans/${r.id}/form.pdf`} download>
        PDF
      </Button>
    </Space>
  );
  const exportQuery = new URLSearchParams(Object.entries(FILTERS[view]) as [string, string][]).toString();

  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<TView>
          style={isPhone ? { maxWidth: '100%', overflowX: 'auto' } : undefined}
          value={view}
          onChange={(v) => {
            setView(v);
            setPage(1);
          }}
          options={[
            { value: 'open', label: t('parts.view.open') },
            { value: 'overdue', label: `${t('parts.view.overdue')} ${overdue.data?.total ?? ''}` },
            { value: 'pending', label: `${t('parts.view.pending')} ${pending.data?.total ?? ''}` },
            { value: 'requested', label: t('parts.view.requested') },
            { value: 'all', label: t('parts.view.all') },
          ]}
          data-testid="parts-loan-views"
        />
        <Space style={{ marginLeft: 'auto' }}>
          {canExport && <Button href={`/api/exports/part-loans?${exportQuery}`}>{t('parts.export')}</Button>}
          {canBorrow && (
            <Button type="primary" onClick={() => setBorrowing(true)} data-testid="parts-borrow">
              {t('parts.borrow')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryErrorAlert query={list} />
      {isPhone ? (
        <Flex vertical gap={8}>
          {(list.data?.items ?? []).map((r) => (
            <div
              key={r.id}
              className="fuwu-phone-card"
              data-testid={`parts-loan-card-${r.id}`}
              style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}
            >
              <Flex justify="space-between" align="baseline" gap={8}>
                <strong data-testid={`parts-loan-${r.number}`}>{r.number}</strong>
                <span>{r.dueDate}</span>
              </Flex>
              <div>{`${r.part.pn} · ${r.part.description}${r.sn ? ` · ${r.sn}` : r.quantity > 1 ? ` × ${r.quantity}` : ''}`}</div>
              <div style={{ color: '#595959' }}>{`${pick(LOAN_PURPOSE_LABELS[r.purpose])} · ${r.customer.name} · ${r.borrower.name}`}</div>
              <div style={{ margin: '6px 0' }}>{stateOf(r)}</div>
              {actionsOf(r)}
            </div>
          ))}
          {(list.data?.total ?? 0) > 20 && (
            <Pagination size="small" simple current={page} pageSize={20} total={list.data?.total ?? 0} onChange={setPage} />
          )}
        </Flex>
      ) : (
        <Table<TPartLoan>
          rowKey="id"
          size={isPhone ? 'small' : 'middle'}
          dataSource={list.data?.items}
          loading={list.isFetching}
          {...fitTable}
          rowClassName={(r) => (r.id === highlight ? 'ant-table-row-selected' : '')}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
          columns={[
            {
              key: 'number',
              title: t('calls.number'),
              width: COLUMN_WIDTH.number,
              render: (_v, r) => (
                <span style={NO_WRAP} data-testid={`parts-loan-${r.number}`}>
                  {r.number}
                </span>
              ),
            },
            {
              key: 'part',
              title: t('parts.part'),
              render: (_v, r) => (
                <CutText text={`${r.part.pn}${r.sn ? ` · ${r.sn}` : r.quantity > 1 ? ` × ${r.quantity}` : ''}`} sub={r.part.description} />
              ),
            },
            {
              key: 'state',
              title: `${t('parts.state')} / ${t('parts.approvedBy')}`,
              width: 124,
              render: (_v, r) => (
                <>
                  {stateOf(r)}
                  {r.approvedBy && <SubLine text={r.approvedBy.name} />}
                </>
              ),
            },
            {
              key: 'borrower',
              title: `${t('parts.borrower')} / ${t('parts.purpose')}`,
              width: 104,
              render: (_v, r) => <CutText text={r.borrower.name} sub={pick(LOAN_PURPOSE_LABELS[r.purpose])} />,
            },
            {
              key: 'customer',
              title: `${t('parts.customer')} / ${t('parts.request')}`,
              render: (_v, r) => (
                <CutText
                  text={r.customer.name}
                  subTitle={r.serviceRequest?.number}
                  sub={r.serviceRequest ? <Link to={`/service-requests/${r.serviceRequest.id}`}>{r.serviceRequest.number}</Link> : '—'}
                />
              ),
            },
            {
              key: 'borrowed',
              title: `${t('parts.borrowedAt')} / ${t('parts.dueDate')}`,
              width: COLUMN_WIDTH.dateTime,
              render: (_v, r) => (
                <div style={NO_WRAP}>
                  <div>{r.borrowedAt ? formatCompanyTime(r.borrowedAt).slice(0, 16) : '—'}</div>
                  <div>~ {r.dueDate}</div>
                </div>
              ),
            },
            {
              key: 'actions',
              title: '',
              width: 170,
              render: (_v, r) => actionsOf(r),
            },
          ]}
        />
      )}
      {borrowing && <BorrowDrawer onClose={() => setBorrowing(false)} />}
      <Modal
        open={returning !== null}
        title={`${t('parts.return')} ${returning?.number ?? ''}`}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setReturning(null)}
        onOk={() => returnForm.submit()}
        confirmLoading={giveBack.isPending}
        destroyOnHidden
      >
        <Form
          form={returnForm}
          layout="vertical"
          initialValues={{ condition: 'good' }}
          onFinish={(v) =>
            returning &&
            giveBack.mutate(
              { id: returning.id, body: { condition: v.condition, ...(v.note?.trim() && { note: v.note.trim() }) } },
              {
                onSuccess: () => {
                  notify.success(t('parts.returned'));
                  setReturning(null);
                },
                onError: notify.error,
              },
            )
          }
        >
          <Form.Item name="condition" label={t('parts.condition')}>
            <Radio.Group options={RETURN_CONDITIONS.map((c) => ({ value: c, label: pick(RETURN_CONDITION_LABELS[c]) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('parts.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
