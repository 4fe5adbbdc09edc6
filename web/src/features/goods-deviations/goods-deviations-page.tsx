import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Modal, Radio, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  GOODS_DEVIATION_KIND_LABELS,
  GOODS_DEVIATION_KINDS,
  type TGoodsDeviation,
  type TReportGoodsDeviation,
  ZGoodsDeviationQuery,
} from '@contract/goods-deviations';
import {
  useAddGoodsDeviationPhoto,
  useCloseGoodsDeviation,
  useGoodsDeviations,
  useReportGoodsDeviation,
} from '../../api/goods-deviations.hooks';
import { useCan } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { ListCard, useListTable } from '../../ui/list-page';
import { useNotify } from '../../ui/notify';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { useUrlQuery } from '../../ui/use-url-query';
import { showErrorsOnFields } from '../../ui/zod-form';
import { ContractSelect } from '../contracts/contract-select';
import { useSrLabels } from '../service-requests/sr-labels';

type TReportForm = TReportGoodsDeviation & { contractId?: number };

/**
 * 到货异常 (R-ORG-8): delivered goods wrong, missing or damaged, reported on a contract; the sales
 * owner and commerce are notified at once; open until commerce closes it with what was done.
 */
export function GoodsDeviationsPage() {
  const { t, locale } = useLocale();
  const { pick } = useSrLabels();
  const notify = useNotify();
  const canReport = useCan('goods_deviations.report');
  const canClose = useCan('goods_deviations.close');
  const [query, setQuery] = useUrlQuery(ZGoodsDeviationQuery);
  const list = useGoodsDeviations(query);
  const table = useListTable<TGoodsDeviation>(query, setQuery, list.data);
  const report = useReportGoodsDeviation();
  const close = useCloseGoodsDeviation();
  const addPhoto = useAddGoodsDeviationPhoto();
  const [reporting, setReporting] = useState(false);
  const [closing, setClosing] = useState<TGoodsDeviation | null>(null);
  const [reportForm] = Form.useForm<TReportForm>();
  const [closeForm] = Form.useForm<{ resolution: string }>();

  function submitReport(v: TReportForm) {
    if (!v.contractId) {
      reportForm.setFields([{ name: 'contractId', errors: [t('calls.required')] }]);
      return;
    }
    report.mutate(
      { contractId: v.contractId, body: { kind: v.kind, items: v.items ?? [], ...(v.note?.trim() && { note: v.note.trim() }) } },
      {
        onSuccess: (d) => {
          notify.success(t('goods.reported', { number: d.number }));
          setReporting(false);
        },
        onError: (err) => {
          if (!showErrorsOnFields(reportForm, err, locale, { fields: ['contractId', 'kind', 'items', 'note'] })) notify.error(err);
        },
      },
    );
  }

  return (
    <ListCard
      title={t('goods.title')}
      testId="goods-page"
      create={
        canReport && {
          label: t('goods.report'),
          onClick: () => {
            reportForm.resetFields();
            setReporting(true);
          },
          testId: 'goods-report',
        }
      }
    >
      <Segmented
        value={query.state ?? 'all'}
        onChange={(v) => setQuery({ state: v === 'all' ? undefined : (v as 'open' | 'closed'), page: 1 })}
        options={[
          { value: 'open', label: t('goods.open') },
          { value: 'closed', label: t('goods.closed') },
          { value: 'all', label: t('calls.view.all') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <QueryErrorAlert query={list} />
      <Table<TGoodsDeviation>
        rowKey="id"
        size="middle"
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={table.onChange}
        pagination={table.pagination}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'number', title: t('calls.number'), render: (_v, r) => r.number },
          {
            key: 'state',
            title: t('calls.state'),
            render: (_v, r) => (
              <Tag color={r.state === 'open' ? 'orange' : 'green'}>{t(r.state === 'open' ? 'goods.open' : 'goods.closed')}</Tag>
            ),
          },
          { key: 'kind', title: t('goods.kind'), render: (_v, r) => pick(GOODS_DEVIATION_KIND_LABELS[r.kind]) },
          {
            key: 'contract',
            title: t('calls.contract'),
            render: (_v, r) => <Link to={`/contracts/${r.contract.id}`}>{r.contract.number}</Link>,
          },
          { key: 'customer', title: t('calls.company'), render: (_v, r) => r.customer.name },
          { key: 'items', title: t('goods.items'), render: (_v, r) => r.items.map((i) => `${i.description} × ${i.quantity}`).join('；') },
          {
            key: 'reported',
            title: t('goods.reportedAt'),
            render: (_v, r) => `${formatCompanyTime(r.reportedAt).slice(0, 16)} ${r.reportedBy?.name ?? ''}`,
          },
          {
            key: 'photos',
            title: t('goods.photos'),
            render: (_v, r) => (
              <Flex vertical gap={2}>
                {r.photos.map((p) => (
                  <a key={p.id} href={`/api/goods-deviations/${r.id}/photos/${p.id}`} data-testid={`goods-photo-${p.id}`}>
                    {p.fileName}
                  </a>
                ))}
                {canReport && r.state === 'open' && (
                  <label className="fuwu-link-button" data-testid={`goods-add-photo-${r.id}`}>
                    {t('goods.addPhoto')}
                    <input
                      type="file"
                      accept="image/png,image/jpeg"
                      capture="environment"
                      hidden
                      onChange={(e) => {
                        const file = e.target.files?.[0];
                        e.target.value = '';
                        if (file) addPhoto.mutate({ id: r.id, file }, { onError: notify.error });
                      }}
                    />
                  </label>
                )}
              </Flex>
            ),
          },
          { key: 'resolution', title: t('goods.resolution'), render: (_v, r) => r.resolution ?? '—' },
          {
            key: 'close',
            title: '',
            render: (_v, r) =>
              canClose &&
              r.state === 'open' && (
                <Button
                  size="small"
                  onClick={() => {
                    closeForm.resetFields();
                    setClosing(r);
                  }}
                >
                  {t('goods.close')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={reporting}
        title={t('goods.report')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setReporting(false)}
        onOk={() => reportForm.submit()}
        confirmLoading={report.isPending}
        destroyOnHidden
        width={640}
      >
        <Form<TReportForm>
          form={reportForm}
          layout="vertical"
          onFinish={submitReport}
          initialValues={{ kind: 'damaged', items: [{ description: '', quantity: 1 }] }}
        >
          <Form.Item name="contractId" label={t('calls.contract')} required>
            <ContractSelect />
          </Form.Item>
          <Form.Item name="kind" label={t('goods.kind')} required>
            <Radio.Group options={GOODS_DEVIATION_KINDS.map((k) => ({ value: k, label: pick(GOODS_DEVIATION_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <Form.Item label={t('goods.items')} required>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'description']} rules={[{ required: true, whitespace: true, message: t('calls.required') }]}>
                      <Input placeholder={t('goods.itemDescription')} style={{ width: 320 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quantity']} rules={[{ required: true, message: t('calls.required') }]}>
                      <InputNumber min={1} placeholder={t('goods.quantity')} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                    )}
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ description: '', quantity: 1 })}>
                  {t('goods.addItem')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name="note" label={t('goods.note')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={closing !== null}
        title={t('goods.close')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setClosing(null)}
        onOk={() => closeForm.submit()}
        confirmLoading={close.isPending}
        destroyOnHidden
      >
        <Form
          form={closeForm}
          layout="vertical"
          onFinish={(v) =>
            closing &&
            close.mutate(
              { id: closing.id, body: { version: closing.version, resolution: v.resolution } },
              { onSuccess: () => setClosing(null), onError: notify.error },
            )
          }
        >
          <Form.Item
            name="resolution"
            label={t('goods.resolution')}
            rules={[{ required: true, whitespace: true, message: t('calls.required') }]}
          >
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </ListCard>
  );
}
