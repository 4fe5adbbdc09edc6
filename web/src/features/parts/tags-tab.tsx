import { Button, DatePicker, Form, Input, Modal, Radio, Segmented, Space, Switch, Table, Tag, Flex } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  TAG_CONDITION_LABELS,
  TAG_CONDITIONS,
  TAG_DISPOSITION_LABELS,
  TAG_DISPOSITIONS,
  type TFaultyPartTag,
  type TFaultyPartTagQuery,
  type TTagDisposition,
} from '@contract/parts';
import { useCan } from '../../api/me.hooks';
import { useCreateTag, useDisposeTag, useFaultyPartTags, useInspectTag, useReceiveTag } from '../../api/parts.hooks';
import { useLocale } from '../../app/locale-context';
import { keepEnterInPicker, toDay } from '../../ui/dates';
import { useNotify } from '../../ui/notify';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { COLUMN_WIDTH, CutText, NO_WRAP, useFitTable } from '../../ui/table-cells';
import { useIsPhone } from '../../ui/use-is-phone';
import { showErrorsOnFields } from '../../ui/zod-form';
import { CustomerSelect } from '../customers/customer-select';
import { PartSelect } from './part-select';

type TView = TTagDisposition | 'not_received' | 'all';

interface TTagForm {
  partId?: number;
  pn: string;
  sn?: string;
  customerId?: number;
  unitSn?: string;
  fault: string;
  removedDate: Dayjs;
  condition: 'good' | 'faulty';
  disposition?: TTagDisposition;
}

/**
 * Faulty part tags (R-INST-9, R-EMER-10): by disposition; received at the office, inspected (a
 * pass may stock the part back in), returns to commerce with the vendor's case number.
 */
export function TagsTab() {
  const { t, locale, pick } = useLocale();
  const notify = useNotify();
  const isPhone = useIsPhone();
  const fitTable = useFitTable();
  const canTag = useCan('parts.tag');
  const canExport = useCan('parts.export');
  const [view, setView] = useState<TView>('all');
  const [page, setPage] = useState(1);
  const filter: Partial<TFaultyPartTagQuery> =
    view === 'all' ? {} : view === 'not_received' ? { received: 'false' } : { disposition: view };
  const list = useFaultyPartTags({ page, pageSize: 20, ...filter });
  const create = useCreateTag();
  const receive = useReceiveTag();
  const inspect = useInspectTag();
  const dispose = useDisposeTag();
  const [tagging, setTagging] = useState(false);
  const [inspecting, setInspecting] = useState<TFaultyPartTag | null>(null);
  const [disposing, setDisposing] = useState<TFaultyPartTag | null>(null);
  const [tagForm] = Form.useForm<TTagForm>();
  const [inspectForm] = Form.useForm<{ result: 'pass' | 'fail'; note?: string; restock: boolean }>();
  const [disposeForm] = Form.useForm<{ disposition: TTagDisposition; rmaCaseNumber?: string }>();
  const done = (close: () => void) => ({
    onSuccess: () => {
      notify.success(t('parts.saved'));
      close();
    },
    onError: notify.error,
  });

  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<TView>
          value={view}
          onChange={(v) => {
            setView(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('parts.view.all') },
            { value: 'not_received', label: t('parts.notReceived') },
            ...TAG_DISPOSITIONS.map((d) => ({ value: d, label: pick(TAG_DISPOSITION_LABELS[d]) })),
          ]}
        />
        <Space style={{ marginLeft: 'auto' }}>
          {canExport && (
            <Button href={`/api/exports/faulty-part-tags?${new URLSearchParams(filter as Record<string, string>).toString()}`}>
              {t('parts.export')}
            </Button>
          )}
          {canTag && (
            <Button
              type="primary"
              onClick={() => {
                tagForm.resetFields();
                setTagging(true);
              }}
              data-testid="parts-new-tag"
            >
              {t('parts.newTag')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryErrorAlert query={list} />
      <Table<TFaultyPartTag>
        rowKey="id"
        size={isPhone ? 'small' : 'middle'}
        dataSource={list.data?.items}
        loading={list.isFetching}
        {...fitTable}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            key: 'number',
            title: t('parts.tagNumber'),
            width: COLUMN_WIDTH.number,
            render: (_v, r) => <span style={NO_WRAP}>{r.number}</span>,
          },
          {
            key: 'part',
            title: `${t('parts.part')} / ${t('parts.fault')}`,
            render: (_v, r) => <CutText text={`${r.pn}${r.sn ? ` · ${r.sn}` : ''}`} sub={r.fault} />,
          },
          {
            key: 'condition',
            title: t('parts.tagCondition'),
            width: 88,
            render: (_v, r) => <Tag color={r.condition === 'faulty' ? 'red' : 'green'}>{pick(TAG_CONDITION_LABELS[r.condition])}</Tag>,
          },
          {
            key: 'customer',
            title: `${t('parts.customer')} / ${t('parts.request')}`,
            render: (_v, r) => (
              <CutText
                text={r.customer?.name ?? '—'}
                subTitle={r.serviceRequest?.number}
                sub={r.serviceRequest ? <Link to={`/service-requests/${r.serviceRequest.id}`}>{r.serviceRequest.number}</Link> : '—'}
              />
            ),
          },
          {
            key: 'removed',
            title: t('parts.removedDate'),
            width: COLUMN_WIDTH.date,
            render: (_v, r) => <CutText text={r.removedDate} sub={r.engineer?.name ?? ''} />,
          },
          {
            key: 'disposition',
            title: t('parts.disposition'),
            width: 120,
            render: (_v, r) => (
              <CutText text={r.disposition ? pick(TAG_DISPOSITION_LABELS[r.disposition]) : '—'} sub={r.rmaCaseNumber ?? undefined} />
            ),
          },
          {
            key: 'received',
            title: `${t('parts.received')} / ${t('parts.inspection')}`,
            width: 120,
            render: (_v, r) => (
              <CutText
                text={r.receivedAt ? `✓ ${r.receivedBy?.name ?? ''}` : '—'}
                sub={
                  r.inspection
                    ? `${t(r.inspection.result === 'pass' ? 'parts.pass' : 'parts.fail')} · ${r.inspection.inspectedBy?.name ?? ''}`
                    : undefined
                }
              />
            ),
          },
          {
            key: 'actions',
            title: '',
            width: 224,
            render: (_v, r) => (
              <Space size={4} wrap>
                {canTag && !r.receivedAt && (
                  <Button
                    size="small"
                    onClick={() => receive.mutate(r.id, { onSuccess: () => notify.success(t('parts.saved')), onError: notify.error })}
                  >
                    {t('parts.receive')}
                  </Button>
                )}
                {canTag && r.receivedAt && !r.inspection && (
                  <Button
                    size="small"
                    onClick={() => {
                      inspectForm.resetFields();
                      setInspecting(r);
                    }}
                  >
                    {t('parts.inspect')}
                  </Button>
                )}
                {canTag && (
                  <Button
                    size="small"
                    onClick={() => {
                      disposeForm.setFieldsValue({ disposition: r.disposition ?? 'repair', rmaCaseNumber: r.rmaCaseNumber ?? undefined });
                      setDisposing(r);
                    }}
                  >
                    {t('parts.disposition')}
                  </Button>
                )}
                <Button size="small" type="link" href={`/api/faulty-part-tags/${r.id}/form.pdf?paper=label`} download>
                  {t('parts.label')}
                </Button>
                <Button size="small" type="link" href={`/api/faulty-part-tags/${r.id}/form.pdf`} download>
                  A4
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={tagging}
        title={t('parts.newTag')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setTagging(false)}
        onOk={() => tagForm.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form<TTagForm>
          form={tagForm}
          layout="vertical"
          initialValues={{ condition: 'faulty', removedDate: dayjs() }}
          onFinish={(v) =>
            create.mutate(
              {
                ...(v.partId && { partId: v.partId }),
                pn: v.pn,
                ...(v.sn?.trim() && { sn: v.sn.trim() }),
                ...(v.customerId && { customerId: v.customerId }),
                ...(v.unitSn?.trim() && { unitSn: v.unitSn.trim() }),
                fault: v.fault,
                removedDate: toDay(v.removedDate) ?? '',
                condition: v.condition,
                ...(v.disposition && { disposition: v.disposition }),
              },
              {
                onSuccess: (g) => {
                  notify.success(t('parts.tagged', { number: g.number }));
                  setTagging(false);
                },
                onError: (err) => {
                  if (
                    !showErrorsOnFields(tagForm, err, locale, {
                      fields: ['partId', 'pn', 'sn', 'customerId', 'unitSn', 'fault', 'removedDate', 'condition', 'disposition'],
                    })
                  )
                    notify.error(err);
                },
              },
            )
          }
        >
          <Form.Item name="partId" label={t('parts.part')}>
            <PartSelect onPart={(p) => p && tagForm.setFieldsValue({ pn: p.pn })} />
          </Form.Item>
          <Form.Item name="pn" label={t('parts.pn')} rules={[{ required: true, message: t('calls.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="sn" label={t('parts.sn')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="customerId" label={t('parts.customer')}>
            <CustomerSelect allowClear />
          </Form.Item>
          <Form.Item name="unitSn" label={t('parts.unitSn')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="fault" label={t('parts.fault')} rules={[{ required: true, message: t('calls.required') }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="removedDate" label={t('parts.removedDate')}>
            <DatePicker style={{ width: '100%' }} onKeyDown={keepEnterInPicker} inputReadOnly />
          </Form.Item>
          <Form.Item name="condition" label={t('parts.tagCondition')}>
            <Radio.Group options={TAG_CONDITIONS.map((c) => ({ value: c, label: pick(TAG_CONDITION_LABELS[c]) }))} />
          </Form.Item>
          <Form.Item name="disposition" label={t('parts.disposition')}>
            <Radio.Group options={TAG_DISPOSITIONS.map((d) => ({ value: d, label: pick(TAG_DISPOSITION_LABELS[d]) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={inspecting !== null}
        title={`${t('parts.inspect')} ${inspecting?.number ?? ''}`}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setInspecting(null)}
        onOk={() => inspectForm.submit()}
        confirmLoading={inspect.isPending}
        destroyOnHidden
      >
        <Form
          form={inspectForm}
          layout="vertical"
          initialValues={{ result: 'pass', restock: false }}
          onFinish={(v) =>
            inspecting &&
            inspect.mutate(
              {
                id: inspecting.id,
                body: { version: inspecting.version, result: v.result, restock: v.restock, ...(v.note?.trim() && { note: v.note.trim() }) },
              },
              done(() => setInspecting(null)),
            )
          }
        >
          <Form.Item name="result" label={t('parts.result')}>
            <Radio.Group
              options={[
                { value: 'pass', label: t('parts.pass') },
                { value: 'fail', label: t('parts.fail') },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label={t('parts.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="restock" label={t('parts.restock')} valuePropName="checked">
            <Switch disabled={!inspecting?.part} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={disposing !== null}
        title={`${t('parts.disposition')} ${disposing?.number ?? ''}`}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setDisposing(null)}
        onOk={() => disposeForm.submit()}
        confirmLoading={dispose.isPending}
        destroyOnHidden
      >
        <Form
          form={disposeForm}
          layout="vertical"
          onFinish={(v) =>
            disposing &&
            dispose.mutate(
              {
                id: disposing.id,
                body: {
                  version: disposing.version,
                  disposition: v.disposition,
                  ...(v.rmaCaseNumber?.trim() && { rmaCaseNumber: v.rmaCaseNumber.trim() }),
                },
              },
              done(() => setDisposing(null)),
            )
          }
        >
          <Form.Item name="disposition" label={t('parts.disposition')}>
            <Radio.Group options={TAG_DISPOSITIONS.map((d) => ({ value: d, label: pick(TAG_DISPOSITION_LABELS[d]) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.disposition !== b.disposition}>
            {({ getFieldValue }) =>
              getFieldValue('disposition') === 'rma' && (
                <Form.Item name="rmaCaseNumber" label={t('parts.caseNumber')}>
                  <Input maxLength={100} />
                </Form.Item>
              )
            }
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
