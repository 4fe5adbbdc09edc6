import { Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Radio, Segmented, Select, Space, Table } from 'antd';
import { useState } from 'react';
import {
  PART_TRACKING_LABELS,
  PART_TRACKINGS,
  STOCK_LOCATION_KIND_LABELS,
  type TCreatePart,
  type TPart,
  type TStockLine,
  type TStockLocationKind,
} from '@contract/parts';
import { useCan } from '../../api/me.hooks';
import { useCreatePart, useMoveStock, useStock, useStockLocations } from '../../api/parts.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { COLUMN_WIDTH, CutText, useFitTable } from '../../ui/table-cells';
import { useIsPhone } from '../../ui/use-is-phone';
import { showErrorsOnFields } from '../../ui/zod-form';
import { PartLedgerDrawer } from './part-ledger-drawer';
import { PartSelect } from './part-select';

interface TMoveForm {
  partId?: number;
  sn?: string;
  quantity: number;
  fromLocationId: number | 'outside';
  toLocationId: number | 'outside';
  reason: string;
  inspected: boolean;
}

/** Stock by part and place, from the ledger's running balance; new parts and movements for those who may. */
export function StockTab() {
  const { t, locale, pick } = useLocale();
  const notify = useNotify();
  const isPhone = useIsPhone();
  const fitTable = useFitTable();
  const canManage = useCan('parts.manage');
  const canMove = useCan('parts.move');
  const canExport = useCan('parts.export');
  const [kind, setKind] = useState<TStockLocationKind | 'all'>('all');
  const [page, setPage] = useState(1);
  const list = useStock({ page, pageSize: 50, ...(kind !== 'all' && { locationKind: kind }) });
  const locations = useStockLocations();
  const createPart = useCreatePart();
  const move = useMoveStock();
  const [adding, setAdding] = useState(false);
  const [moving, setMoving] = useState(false);
  const [part, setPart] = useState<TPart | undefined>();
  const [ledgerOf, setLedgerOf] = useState<number | null>(null);
  const [partForm] = Form.useForm<TCreatePart>();
  const [moveForm] = Form.useForm<TMoveForm>();
  const placeOptions = [
    { value: 'outside', label: t('parts.outside') },
    ...(locations.data?.items ?? []).map((l) => ({ value: l.id, label: `${pick(STOCK_LOCATION_KIND_LABELS[l.kind])} · ${l.name}` })),
  ];

  function submitMove(v: TMoveForm) {
    move.mutate(
      {
        partId: v.partId as number,
        ...(v.sn?.trim() && { sn: v.sn.trim() }),
        quantity: part?.tracking === 'serial' ? 1 : v.quantity,
        fromLocationId: v.fromLocationId === 'outside' ? null : v.fromLocationId,
        toLocationId: v.toLocationId === 'outside' ? null : v.toLocationId,
        reason: v.reason,
        ...(v.inspected && { inspection: { result: 'pass' as const } }),
      },
      {
        onSuccess: () => {
          notify.success(t('parts.saved'));
          setMoving(false);
        },
        onError: (err) => {
          const mapPath = (p: (string | number)[]) => (p[0] === 'inspection' ? ['inspected'] : [p[0]]);
          if (!showErrorsOnFields(moveForm, err, locale, { mapPath })) notify.error(err);
        },
      },
    );
  }

  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<TStockLocationKind | 'all'>
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('parts.view.all') },
            ...(['store', 'bag', 'customer', 'vendor'] as const).map((k) => ({ value: k, label: pick(STOCK_LOCATION_KIND_LABELS[k]) })),
          ]}
        />
        <Space style={{ marginLeft: 'auto' }} wrap>
          {canExport && <Button href={`/api/exports/stock${kind === 'all' ? '' : `?locationKind=${kind}`}`}>{t('parts.export')}</Button>}
          {canManage && (
            <Button
              onClick={() => {
                partForm.resetFields();
                setAdding(true);
              }}
            >
              {t('parts.newPart')}
            </Button>
          )}
          {canMove && (
            <Button
              type="primary"
              onClick={() => {
                moveForm.resetFields();
                setMoving(true);
              }}
            >
              {t('parts.move')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryErrorAlert query={list} />
      <Table<TStockLine>
        rowKey={(r) => `${r.part.id}@${r.location.id}`}
        size={isPhone ? 'small' : 'middle'}
        dataSource={list.data?.items}
        loading={list.isFetching}
        {...fitTable}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            key: 'pn',
            title: t('parts.pn'),
            width: 170,
            render: (_v, r) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, maxWidth: '100%' }}
                title={r.part.pn}
                onClick={() => setLedgerOf(r.part.id)}
              >
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{r.part.pn}</span>
              </Button>
            ),
          },
          {
            key: 'description',
            title: t('parts.description'),
            render: (_v, r) => <CutText text={r.part.description} />,
          },
          {
            key: 'kind',
            title: t('parts.placeKind'),
            width: 110,
            render: (_v, r) => <CutText text={pick(STOCK_LOCATION_KIND_LABELS[r.location.kind])} />,
          },
          {
            key: 'place',
            title: t('parts.place'),
            width: 180,
            render: (_v, r) => <CutText text={r.location.name} />,
          },
          { key: 'quantity', title: t('parts.quantity'), width: COLUMN_WIDTH.count, align: 'right', render: (_v, r) => r.quantity },
          {
            key: 'sn',
            title: t('parts.sn'),
            render: (_v, r) => <CutText text={r.serials.join('、') || '—'} />,
          },
        ]}
      />
      {ledgerOf !== null && <PartLedgerDrawer partId={ledgerOf} onClose={() => setLedgerOf(null)} />}
      <Modal
        open={adding}
        title={t('parts.newPart')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setAdding(false)}
        onOk={() => partForm.submit()}
        confirmLoading={createPart.isPending}
        destroyOnHidden
      >
        <Form<TCreatePart>
          form={partForm}
          layout="vertical"
          initialValues={{ tracking: 'serial' }}
          onFinish={(v) =>
            createPart.mutate(v, {
              onSuccess: () => {
                notify.success(t('parts.saved'));
                setAdding(false);
              },
              onError: (err) => {
                if (!showErrorsOnFields(partForm, err, locale, { fields: ['pn', 'description', 'vendor', 'tracking'] })) notify.error(err);
              },
            })
          }
        >
          <Form.Item name="pn" label={t('parts.pn')} rules={[{ required: true, message: t('calls.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="description" label={t('parts.description')} rules={[{ required: true, message: t('calls.required') }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="vendor" label={t('parts.vendor')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="tracking" label={t('parts.tracking')}>
            <Radio.Group options={PART_TRACKINGS.map((k) => ({ value: k, label: pick(PART_TRACKING_LABELS[k]) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={moving}
        title={t('parts.move')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setMoving(false)}
        onOk={() => moveForm.submit()}
        confirmLoading={move.isPending}
        destroyOnHidden
      >
        <Form<TMoveForm>
          form={moveForm}
          layout="vertical"
          initialValues={{
            quantity: 1,
            fromLocationId: 'outside',
            toLocationId: locations.data?.items.find((l) => l.kind === 'store')?.id,
            inspected: false,
          }}
          onFinish={submitMove}
        >
          <Form.Item name="partId" label={t('parts.part')} rules={[{ required: true, message: t('calls.required') }]}>
            <PartSelect onPart={setPart} />
          </Form.Item>
          {part?.tracking === 'serial' ? (
            <Form.Item name="sn" label={t('parts.sn')} rules={[{ required: true, message: t('calls.required') }]}>
              <Input maxLength={100} />
            </Form.Item>
          ) : (
            <Form.Item name="quantity" label={t('parts.quantity')}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Flex gap={8}>
            <Form.Item name="fromLocationId" label={t('parts.from')} style={{ flex: 1 }}>
              <Select options={placeOptions} />
            </Form.Item>
            <Form.Item name="toLocationId" label={t('parts.to')} style={{ flex: 1 }}>
              <Select options={placeOptions} />
            </Form.Item>
          </Flex>
          <Form.Item name="reason" label={t('parts.reason')} rules={[{ required: true, message: t('calls.required') }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="inspected" valuePropName="checked">
            <Checkbox>{t('parts.inspectedOk')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
