import { Alert, Button, Card, Flex, Form, Input, Modal, Radio, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { GOODS_DEVIATION_KIND_LABELS, GOODS_DEVIATION_KINDS } from '@contract/goods-deviations';
import { PACKAGING_LABELS, PACKAGING_STATES, type TInspectionDetail, type TPackaging } from '@contract/inspections';
import { useInspectionStep, useRaiseInspectionDeviation } from '../../api/inspections.hooks';
import { useCan } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { showErrorsOnFields } from '../../ui/zod-form';
import { SectionTitle } from './section-title';
import { parseSnList } from './sn-list';
import { SnScanButton } from './sn-scanner';

interface TReceiveForm {
  contractItemId?: number;
  model: string;
  pn?: string;
  packaging: TPackaging;
  openedReason?: string;
  sn?: string;
  snList?: string;
}

/**
 * R-GOODS-1: the contract's list against what arrived, the differences, and the form that
 * records units — one SN typed or scanned, or a pasted list (one unit per SN).
 */
export function ReceivingSection({ inspection: d, canManage }: { inspection: TInspectionDetail; canManage: boolean }) {
  const { t, pick, locale } = useLocale();
  const notify = useNotify();
  const step = useInspectionStep(d.id);
  const raise = useRaiseInspectionDeviation(d.id);
  const canReport = useCan('goods_deviations.report');
  const [form] = Form.useForm<TReceiveForm>();
  const [deviating, setDeviating] = useState(false);
  const [devForm] = Form.useForm<{ kind: 'wrong' | 'missing' | 'damaged'; note?: string }>();
  const packaging = Form.useWatch('packaging', form);

  function submit(v: TReceiveForm) {
    const sns = v.snList?.trim() ? parseSnList(v.snList) : [v.sn?.trim() || null];
    const base = {
      ...(v.contractItemId && { contractItemId: v.contractItemId }),
      model: v.model,
      ...(v.pn?.trim() && { pn: v.pn.trim() }),
      packaging: v.packaging,
      ...(v.packaging === 'opened' && { openedReason: v.openedReason }),
    };
    step.mutate(
      { path: '/units', body: { units: sns.map((sn) => ({ ...base, sn })) } },
      {
        onSuccess: () => {
          notify.success(t('insp.received', { n: String(sns.length) }));
          form.setFieldsValue({ sn: '', snList: '' });
        },
        onError: (err) => {
          // `units.3.sn` (a pasted list's fourth SN) lands on the field it came from.
          const mapPath = (p: (string | number)[]) => {
            const field = String(p[p.length - 1]);
            if (field === 'sn') return [v.snList?.trim() ? 'snList' : 'sn'];
            return ['model', 'pn', 'openedReason'].includes(field) ? [field] : null;
          };
          if (!showErrorsOnFields(form, err, locale, { mapPath })) notify.error(err);
        },
      },
    );
  }

  return (
    <section>
      <SectionTitle>{t('insp.receiving')}</SectionTitle>
      <Table
        rowKey="contractItemId"
        size="small"
        pagination={false}
        dataSource={d.expected}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'line', title: '#', render: (_v, r) => r.lineNo },
          { key: 'desc', title: t('insp.item'), render: (_v, r) => r.description },
          { key: 'model', title: t('insp.model'), render: (_v, r) => r.model ?? '—' },
          { key: 'qty', title: t('insp.quantity'), render: (_v, r) => r.quantity },
          {
            key: 'received',
            title: t('insp.receivedCount'),
            render: (_v, r) => <Tag color={r.received === r.quantity ? 'green' : 'orange'}>{r.received}</Tag>,
          },
        ]}
      />
      {d.differences.length > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          data-testid="insp-differences"
          title={t('insp.differences')}
          description={d.differences.map((x) => `${t(`insp.diff.${x.kind}`)} ${x.description} × ${x.quantity}`).join('；')}
          action={
            canReport && (
              <Button size="small" onClick={() => setDeviating(true)} data-testid="insp-raise-deviation">
                {t('insp.raiseDeviation')}
              </Button>
            )
          }
        />
      )}
      {d.deviationIds.length > 0 && (
        <div style={{ marginTop: 8 }}>
          {t('insp.deviationsRaised', { n: String(d.deviationIds.length) })} <a href="/goods-deviations">{t('nav.goodsDeviations')}</a>
        </div>
      )}
      {canManage && (
        <Card size="small" style={{ marginTop: 12 }} title={t('insp.receiveUnits')}>
          <Form<TReceiveForm> form={form} layout="vertical" onFinish={submit} initialValues={{ packaging: 'sealed' }}>
            <Flex gap={12} wrap>
              <Form.Item name="contractItemId" label={t('insp.item')} style={{ minWidth: 220, flex: 1 }}>
                <Select
                  allowClear
                  options={d.expected.map((e) => ({
                    value: e.contractItemId,
                    label: `${e.lineNo}. ${e.description}${e.model ? ` ${e.model}` : ''}`,
                  }))}
                  onChange={(v) => {
                    const line = d.expected.find((e) => e.contractItemId === v);
                    if (line?.model) form.setFieldValue('model', line.model);
                  }}
                  data-testid="insp-unit-item"
                />
              </Form.Item>
              <Form.Item
                name="model"
                label={t('insp.model')}
                rules={[{ required: true, whitespace: true, message: t('calls.required') }]}
                style={{ minWidth: 160, flex: 1 }}
              >
                <Input data-testid="insp-unit-model" />
              </Form.Item>
              <Form.Item name="pn" label="PN" style={{ minWidth: 140, flex: 1 }}>
                <Input data-testid="insp-unit-pn" />
              </Form.Item>
            </Flex>
            <Form.Item name="packaging" label={t('insp.packaging')}>
              <Radio.Group
                options={PACKAGING_STATES.map((p) => ({ value: p, label: pick(PACKAGING_LABELS[p]) }))}
                data-testid="insp-unit-packaging"
              />
            </Form.Item>
            {packaging === 'opened' && (
              <Form.Item
                name="openedReason"
                label={t('insp.openedReason')}
                rules={[{ required: true, whitespace: true, message: t('calls.required') }]}
              >
                <Input data-testid="insp-unit-opened-reason" />
              </Form.Item>
            )}
            <Form.Item label="SN" required={false}>
              <Flex gap={8}>
                <Form.Item name="sn" noStyle>
                  <Input placeholder={t('insp.snPlaceholder')} autoComplete="off" data-testid="insp-unit-sn" />
                </Form.Item>
                <SnScanButton onScan={(v) => form.setFieldValue('sn', v)} testId="insp-scan" />
              </Flex>
            </Form.Item>
            <Form.Item name="snList" label={t('insp.snList')}>
              <Input.TextArea rows={3} placeholder={t('insp.snListPlaceholder')} data-testid="insp-unit-sn-list" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={step.isPending} data-testid="insp-unit-add">
              {t('insp.addUnits')}
            </Button>
          </Form>
        </Card>
      )}
      <Modal
        open={deviating}
        title={t('insp.raiseDeviation')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setDeviating(false)}
        onOk={() => devForm.submit()}
        confirmLoading={raise.isPending}
        destroyOnHidden
      >
        <Form
          form={devForm}
          layout="vertical"
          initialValues={{ kind: 'missing' }}
          onFinish={(v) =>
            raise.mutate(
              { kind: v.kind, ...(v.note?.trim() && { note: v.note.trim() }) },
              {
                onSuccess: (g) => {
                  notify.success(t('goods.reported', { number: g.number }));
                  setDeviating(false);
                },
                onError: notify.error,
              },
            )
          }
        >
          <Form.Item name="kind" label={t('goods.kind')}>
            <Radio.Group options={GOODS_DEVIATION_KINDS.map((k) => ({ value: k, label: pick(GOODS_DEVIATION_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('goods.note')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
