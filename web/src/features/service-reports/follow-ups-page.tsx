import { Button, Form, Input, Modal, Radio, Rate, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  FOLLOW_UP_CHANNEL_LABELS,
  FOLLOW_UP_CHANNELS,
  FOLLOW_UP_OUTCOME_LABELS,
  FOLLOW_UP_OUTCOMES,
  type TFollowUp,
  type TRecordFollowUp,
  ZFollowUpQuery,
} from '@contract/service-reports';
import { useCan } from '../../api/me.hooks';
import { useFollowUps, useRecordFollowUp } from '../../api/service-reports.hooks';
import { useLocale } from '../../app/locale-context';
import { ListCard, useListTable } from '../../ui/list-page';
import { useNotify } from '../../ui/notify';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { useUrlQuery } from '../../ui/use-url-query';

/** R-INST-10: the follow-up calls and e-mails after signed reports, due on the working calendar; the outcome recorded. */
export function FollowUpsPage() {
  const { t, locale } = useLocale();
  const pick = (l: { zh: string; en: string }) => (locale === 'en' ? l.en : l.zh);
  const notify = useNotify();
  const canRecord = useCan('follow_ups.record');
  const [query, setQuery] = useUrlQuery(ZFollowUpQuery);
  const list = useFollowUps(query);
  const table = useListTable<TFollowUp>(query, setQuery, list.data);
  const record = useRecordFollowUp();
  const [open, setOpen] = useState<TFollowUp | null>(null);
  const [form] = Form.useForm<Omit<TRecordFollowUp, 'version'>>();
  const outcome = Form.useWatch('outcome', form);
  return (
    <ListCard title={t('followUps.title')} testId="follow-ups-page">
      <Segmented
        value={`${query.mine ?? 'false'}:${query.state ?? 'all'}`}
        onChange={(v) => {
          const [mine, state] = String(v).split(':');
          setQuery({
            mine: mine === 'true' ? 'true' : undefined,
            state: state === 'all' ? undefined : (state as 'open' | 'done'),
            page: 1,
          });
        }}
        options={[
          { value: 'true:open', label: `${t('followUps.mine')} · ${t('followUps.open')}` },
          { value: 'false:open', label: t('followUps.open') },
          { value: 'false:done', label: t('followUps.done') },
          { value: 'false:all', label: t('calls.view.all') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <QueryErrorAlert query={list} />
      <Table<TFollowUp>
        rowKey="id"
        size="middle"
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={table.onChange}
        pagination={table.pagination}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'due',
            title: t('followUps.dueOn'),
            render: (_v, f) => (
              <span data-testid={`follow-up-due-${f.serviceRequest.id}`}>
                {f.dueOn} {f.overdue && <Tag color="red">{t('followUps.overdue')}</Tag>}
              </span>
            ),
          },
          {
            key: 'request',
            title: t('reports.request'),
            render: (_v, f) => <Link to={`/service-requests/${f.serviceRequest.id}`}>{f.serviceRequest.number}</Link>,
          },
          {
            key: 'report',
            title: t('reports.number'),
            render: (_v, f) => <Link to={`/service-reports/${f.serviceReportId}`}>{f.reportNumber}</Link>,
          },
          { key: 'customer', title: t('reports.customer'), render: (_v, f) => f.customer.name },
          { key: 'engineer', title: t('followUps.engineer'), render: (_v, f) => f.engineer.name },
          {
            key: 'outcome',
            title: t('followUps.outcome'),
            render: (_v, f) => (f.outcome ? `${pick(FOLLOW_UP_OUTCOME_LABELS[f.outcome])}${f.score ? ` · ${f.score}/5` : ''}` : '—'),
          },
          {
            key: 'record',
            title: '',
            render: (_v, f) =>
              canRecord &&
              f.state === 'open' && (
                <Button
                  size="small"
                  onClick={() => {
                    form.setFieldsValue({ channel: 'call', outcome: 'satisfied', score: 5, note: '' });
                    setOpen(f);
                  }}
                >
                  {t('followUps.record')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={open !== null}
        title={t('followUps.record')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        confirmLoading={record.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            open &&
            record.mutate(
              { id: open.id, body: { ...v, version: open.version, score: v.outcome === 'satisfied' ? v.score : null } },
              { onSuccess: () => setOpen(null), onError: notify.error },
            )
          }
        >
          <Form.Item name="channel" label={t('followUps.channel')}>
            <Radio.Group
              optionType="button"
              options={FOLLOW_UP_CHANNELS.map((c) => ({ value: c, label: pick(FOLLOW_UP_CHANNEL_LABELS[c]) }))}
            />
          </Form.Item>
          <Form.Item name="outcome" label={t('followUps.outcome')}>
            <Radio.Group
              optionType="button"
              options={FOLLOW_UP_OUTCOMES.map((c) => ({ value: c, label: pick(FOLLOW_UP_OUTCOME_LABELS[c]) }))}
            />
          </Form.Item>
          {outcome === 'satisfied' && (
            <Form.Item name="score" label={t('followUps.score')}>
              <Rate />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('followUps.note')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </ListCard>
  );
}
