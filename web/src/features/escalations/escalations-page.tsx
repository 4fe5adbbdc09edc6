import { Button, Card, Empty, Flex, Form, Input, Modal, Pagination, Select, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ERRORS } from '@contract/errors';
import { ESCALATION_KINDS, ESCALATION_STATES, type TCloseEscalation, type TEscalation, ZEscalationQuery } from '@contract/escalations';
import { useAcknowledgeEscalation, useCloseEscalation, useEscalations } from '../../api/escalations.hooks';
import { useCan } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useNotify } from '../../ui/notify';
import { useIsPhone } from '../../ui/use-is-phone';
import { ListCard, ListFilters, useControlWidth, useListTable } from '../../ui/list-page';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { useUrlQuery } from '../../ui/use-url-query';
import { showErrorsOnFields } from '../../ui/zod-form';
import { EscalationStateTag, useEscalationLabels } from './escalation-labels';

const time = (v: string | null) => (v ? formatCompanyTime(v).slice(0, 16) : '—');

/** 升级事项: what engineers called the technical manager about (R-EMER-9); complaints close with an improvement measure (R-ORG-3). */
export function EscalationsPage() {
  const { t } = useLocale();
  const labels = useEscalationLabels();
  const canManage = useCan('escalations.manage');
  const isPhone = useIsPhone();
  const notify = useNotify();
  const [query, setQuery] = useUrlQuery(ZEscalationQuery);
  const list = useEscalations(query);
  const ack = useAcknowledgeEscalation();
  const [closing, setClosing] = useState<TEscalation | null>(null);

  const table = useListTable<TEscalation>(query, setQuery, list.data);
  const controlWidth = useControlWidth();

  function acknowledge(e: TEscalation) {
    ack.mutate(e.id, { onSuccess: () => notify.success(t('escalation.acknowledged')), onError: notify.error });
  }

  /** Acknowledge and close, for the technical manager; nothing once closed. */
  const actions = (e: TEscalation, block = false) =>
    !canManage || e.state === 'closed' ? null : (
      <Flex gap={8}>
        {e.state === 'open' && (
          <Button
            size={block ? 'middle' : 'small'}
            block={block}
            type="primary"
            loading={ack.isPending && ack.variables === e.id}
            onClick={() => acknowledge(e)}
            data-testid={`escalation-ack-${e.id}`}
          >
            {t('escalation.acknowledge')}
          </Button>
        )}
        <Button size={block ? 'middle' : 'small'} block={block} onClick={() => setClosing(e)} data-testid={`escalation-close-${e.id}`}>
          {t('escalation.close')}
        </Button>
      </Flex>
    );
  const srLink = (e: TEscalation) => (
    <Link to={`/service-requests/${e.serviceRequest.id}`} style={{ whiteSpace: 'nowrap' }} data-testid={`escalation-sr-${e.id}`}>
      {e.serviceRequest.number}
    </Link>
  );
  const notes = (e: TEscalation) => (
    <>
      {e.improvementMeasure && (
        <Typography.Text>
          {t('escalation.measure')}
          {t('common.colon')}
          {e.improvementMeasure}
        </Typography.Text>
      )}
      {e.resolutionNote && (
        <Typography.Text>
          {t('escalation.resolutionNote')}
          {t('common.colon')}
          {e.resolutionNote}
        </Typography.Text>
      )}
    </>
  );

  return (
    <ListCard title={t('escalation.title')} testId="escalations-page">
      <ListFilters>
        <Select
          allowClear
          placeholder={t('escalation.state')}
          value={query.state}
          onChange={(state) => setQuery({ state, page: 1 })}
          options={ESCALATION_STATES.map((s) => ({ value: s, label: labels.state(s) }))}
          style={controlWidth(160)}
          data-testid="escalation-filter-state"
        />
        <Select
          allowClear
          placeholder={t('escalation.kind')}
          value={query.kind}
          onChange={(kind) => setQuery({ kind, page: 1 })}
          options={ESCALATION_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
          style={controlWidth(260)}
          data-testid="escalation-filter-kind"
        />
      </ListFilters>
      <QueryErrorAlert query={list} />
      {isPhone ? (
        // A phone (390 px) has no room for the table's columns: one card per escalation, its actions at full width.
        <Spin spinning={list.isFetching}>
          <Flex vertical gap={12} data-testid="escalations-cards">
            {list.data && list.data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('escalation.none')} />}
            {list.data?.items.map((e) => (
              <Card key={e.id} size="small" data-testid={`escalation-card-${e.id}`}>
                <Flex vertical gap={6}>
                  <Flex justify="space-between" align="center" gap={8}>
                    {srLink(e)}
                    <EscalationStateTag state={e.state} testId={`escalation-state-${e.id}`} />
                  </Flex>
                  <Typography.Text strong>{labels.kind(e.kind)}</Typography.Text>
                  <Typography.Paragraph ellipsis={{ rows: 3, expandable: 'collapsible' }} style={{ margin: 0 }}>
                    {e.text}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.raisedBy?.name ?? '—'} · {time(e.raisedAt)}
                  </Typography.Text>
                  {notes(e)}
                  {actions(e, true)}
                </Flex>
              </Card>
            ))}
            {(list.data?.total ?? 0) > query.pageSize && (
              <Pagination
                size="small"
                align="center"
                current={query.page}
                pageSize={query.pageSize}
                total={list.data?.total ?? 0}
                showSizeChanger={false}
                onChange={(page) => setQuery({ page })}
              />
            )}
          </Flex>
        </Spin>
      ) : (
        <Table<TEscalation>
          rowKey="id"
          data-testid="escalations-table"
          dataSource={list.data?.items}
          loading={list.isFetching}
          onChange={table.onChange}
          scroll={{ x: 'max-content' }}
          pagination={table.pagination}
          expandable={{
            rowExpandable: (e) => Boolean(e.improvementMeasure || e.resolutionNote),
            expandedRowRender: (e) => (
              <Flex vertical gap={4}>
                {notes(e)}
              </Flex>
            ),
          }}
          columns={[
            {
              key: 'sr',
              title: t('escalation.serviceRequest'),
              render: (_v, e) => srLink(e),
            },
            {
              key: 'state',
              title: t('escalation.state'),
              render: (_v, e) => <EscalationStateTag state={e.state} testId={`escalation-state-${e.id}`} />,
            },
            { key: 'kind', title: t('escalation.kind'), render: (_v, e) => labels.kind(e.kind) },
            { key: 'text', title: t('escalation.text'), ellipsis: true, width: 320, render: (_v, e) => e.text },
            { key: 'by', title: t('escalation.raisedBy'), render: (_v, e) => e.raisedBy?.name ?? '—' },
            {
              key: 'at',
              title: t('escalation.raisedAt'),
              render: (_v, e) => <span style={{ whiteSpace: 'nowrap' }}>{time(e.raisedAt)}</span>,
            },
            ...(canManage ? [{ key: 'actions', title: t('common.actions'), render: (_v: unknown, e: TEscalation) => actions(e) }] : []),
          ]}
        />
      )}
      {closing && <CloseEscalationModal escalation={closing} onClose={() => setClosing(null)} />}
    </ListCard>
  );
}

interface CloseValues {
  improvementMeasure?: string;
  resolutionNote?: string;
}

function CloseEscalationModal({ escalation: e, onClose }: { escalation: TEscalation; onClose: () => void }) {
  const { t, locale, pick } = useLocale();
  const labels = useEscalationLabels();
  const notify = useNotify();
  const close = useCloseEscalation();
  const [form] = Form.useForm<CloseValues>();
  const isComplaint = e.kind === 'complaint';
  const ruleText = pick(ERRORS.ESCALATION_IMPROVEMENT_REQUIRED);

  function submit(values: CloseValues) {
    const body: TCloseEscalation = {};
    if (values.improvementMeasure?.trim()) body.improvementMeasure = values.improvementMeasure.trim();
    if (values.resolutionNote?.trim()) body.resolutionNote = values.resolutionNote.trim();
    close.mutate(
      { id: e.id, body },
      {
        onSuccess: () => {
          notify.success(t('escalation.closed'));
          onClose();
        },
        onError: (err) => {
          if (!showErrorsOnFields(form, err, locale, { fields: ['improvementMeasure', 'resolutionNote'] })) notify.error(err);
        },
      },
    );
  }

  return (
    <Modal
      open
      title={t('escalation.closeTitle', { number: e.serviceRequest.number })}
      onCancel={onClose}
      destroyOnHidden
      data-testid="escalation-close-dialog"
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={close.isPending} onClick={() => form.submit()} data-testid="escalation-close-submit">
            {t('escalation.close')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">
        {labels.kind(e.kind)}
        {t('common.colon')}
        {e.text}
      </Typography.Paragraph>
      <Form<CloseValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="improvementMeasure"
          label={t('escalation.measure')}
          required={isComplaint}
          extra={isComplaint ? t('escalation.measureHelp') : undefined}
          rules={isComplaint ? [{ required: true, whitespace: true, message: ruleText }] : []}
        >
          <Input.TextArea rows={3} maxLength={4000} data-testid="escalation-measure" />
        </Form.Item>
        <Form.Item name="resolutionNote" label={t('escalation.resolutionNote')}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="escalation-resolution" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
