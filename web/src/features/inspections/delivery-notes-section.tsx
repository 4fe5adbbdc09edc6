import { Alert, Button, Flex, Form, Input, Modal, Radio, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { ORIGINAL_HOLDERS, type TOriginalHolder } from '@contract/documents';
import type { TDeliveryNote, TInspectionDetail } from '@contract/inspections';
import { useInspectionStep, useInspectionUpload } from '../../api/inspections.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useNotify } from '../../ui/notify';
import { PrintPdfButton } from '../../ui/print-pdf-button';
import { SignaturePad } from '../../ui/signature-pad';
import { showErrorsOnFields } from '../../ui/zod-form';
import { SectionTitle } from './section-title';

/** The pad's PNG data URL as the bytes the upload sends. */
function blobOfDataUrl(url: string): Blob {
  const [head, base64] = url.split(',');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: /data:([^;]+)/.exec(head)?.[1] ?? 'image/png' });
}

interface TSignForm {
  method: 'pad' | 'scan';
  receiverName: string;
  originalHolder: TOriginalHolder;
}

/**
 * 设备签收单 / 送货单: a note for the ticked units marked ready, printed as PDF, signed by the
 * customer's receiver on the phone (or a signed scan uploaded), then filed in the archive as a
 * copy with the department holding the original (R-ORG-7).
 */
export function DeliveryNotesSection({
  inspection: d,
  canManage,
  selected,
}: {
  inspection: TInspectionDetail;
  canManage: boolean;
  selected: number[];
}) {
  const { t, pick, locale } = useLocale();
  const notify = useNotify();
  const step = useInspectionStep(d.id);
  const upload = useInspectionUpload(d.id);
  const [creating, setCreating] = useState(false);
  const [signing, setSigning] = useState<TDeliveryNote | null>(null);
  const [signature, setSignature] = useState<Blob | null>(null);
  const [scan, setScan] = useState<File | null>(null);
  const [createForm] = Form.useForm<{ deliveryDate: string; receiverName?: string }>();
  const [signForm] = Form.useForm<TSignForm>();
  const method = Form.useWatch('method', signForm);
  const ready = d.units.filter((u) => selected.includes(u.id) && u.readyAt && u.deliveryNoteId === null);
  const snOf = (id: number) => d.units.find((u) => u.id === id)?.sn ?? `#${id}`;

  function sign(v: TSignForm) {
    if (!signing) return;
    const file = v.method === 'pad' ? signature : scan;
    if (!file) {
      notify.error(t(v.method === 'pad' ? 'insp.signFirst' : 'insp.scanFirst'));
      return;
    }
    upload.mutate(
      {
        path: `/delivery-notes/${signing.id}/signature`,
        file,
        fileName: v.method === 'pad' ? 'signature.png' : (scan?.name ?? 'scan.pdf'),
        fields: { method: v.method, receiverName: v.receiverName, originalHolder: v.originalHolder },
      },
      {
        onSuccess: () => {
          setSigning(null);
          notify.success(t('insp.signed'));
        },
        onError: (err) => {
          if (!showErrorsOnFields(signForm, err, locale, { fields: ['receiverName', 'originalHolder'] })) notify.error(err);
        },
      },
    );
  }

  return (
    <section>
      <SectionTitle>{t('insp.deliveryNotes')}</SectionTitle>
      {canManage && (
        <Button
          style={{ marginBottom: 12 }}
          disabled={ready.length === 0}
          onClick={() => {
            createForm.resetFields();
            setCreating(true);
          }}
          data-testid="insp-note-new"
        >
          {t('insp.newDeliveryNote', { n: String(ready.length) })}
        </Button>
      )}
      <Table<TDeliveryNote>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.deliveryNotes}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'number', title: t('calls.number'), render: (_v, n) => n.number },
          { key: 'date', title: t('insp.deliveryDate'), render: (_v, n) => n.deliveryDate },
          { key: 'units', title: 'SN', render: (_v, n) => n.unitIds.map(snOf).join('、') },
          {
            key: 'signed',
            title: t('insp.receiver'),
            render: (_v, n) =>
              n.signedAt ? (
                <Tag color="green">
                  {n.receiverName} · {formatCompanyTime(n.signedAt).slice(0, 16)}
                </Tag>
              ) : (
                (n.receiverName ?? '—')
              ),
          },
          {
            key: 'actions',
            title: '',
            render: (_v, n) => (
              <Flex gap={6}>
                <PrintPdfButton href={`/api/inspections/${d.id}/delivery-notes/${n.id}/pdf`} testId={`insp-note-pdf-${n.id}`} />
                {canManage && !n.signedAt && (
                  <Button
                    type="primary"
                    onClick={() => {
                      signForm.setFieldsValue({ method: 'pad', receiverName: n.receiverName ?? '', originalHolder: 'commerce' });
                      setSignature(null);
                      setScan(null);
                      setSigning(n);
                    }}
                    data-testid={`insp-note-sign-${n.id}`}
                  >
                    {t('insp.sign')}
                  </Button>
                )}
                {n.documentId && <a href={`/archive?documentId=${n.documentId}`}>{t('insp.archived')}</a>}
              </Flex>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('insp.newDeliveryNote', { n: String(ready.length) })}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setCreating(false)}
        onOk={() => createForm.submit()}
        confirmLoading={step.isPending}
        destroyOnHidden
      >
        <Form
          form={createForm}
          layout="vertical"
          initialValues={{ deliveryDate: d.plannedShipDate ?? '' }}
          onFinish={(v) =>
            step.mutate(
              {
                path: '/delivery-notes',
                body: { unitIds: ready.map((u) => u.id), deliveryDate: v.deliveryDate, receiverName: v.receiverName?.trim() || null },
              },
              { onSuccess: () => setCreating(false), onError: notify.error },
            )
          }
        >
          <Form.Item name="deliveryDate" label={t('insp.deliveryDate')} rules={[{ required: true, message: t('calls.required') }]}>
            <Input type="date" data-testid="insp-note-date" />
          </Form.Item>
          <Form.Item name="receiverName" label={t('insp.receiver')}>
            <Input data-testid="insp-note-receiver" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={signing !== null}
        title={t('insp.sign')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setSigning(null)}
        onOk={() => signForm.submit()}
        confirmLoading={upload.isPending}
        destroyOnHidden
        width={560}
      >
        <Form<TSignForm> form={signForm} layout="vertical" onFinish={sign}>
          <Form.Item name="method" label={t('insp.signMethod')}>
            <Radio.Group
              options={[
                { value: 'pad', label: t('insp.signPad') },
                { value: 'scan', label: t('insp.signScan') },
              ]}
              data-testid="insp-sign-method"
            />
          </Form.Item>
          <Form.Item
            name="receiverName"
            label={t('insp.receiver')}
            rules={[{ required: true, whitespace: true, message: t('calls.required') }]}
          >
            <Input data-testid="insp-sign-receiver" />
          </Form.Item>
          {method === 'scan' ? (
            <Form.Item label={t('insp.signScan')}>
              <input
                type="file"
                accept="application/pdf,image/png,image/jpeg"
                onChange={(e) => setScan(e.target.files?.[0] ?? null)}
                data-testid="insp-sign-scan"
              />
            </Form.Item>
          ) : (
            <Form.Item label={t('insp.signHere')}>
              <SignaturePad onChange={(url) => setSignature(url ? blobOfDataUrl(url) : null)} testId="insp-signature-pad" />
            </Form.Item>
          )}
          <Form.Item name="originalHolder" label={t('insp.originalHolder')}>
            <Select options={Object.entries(ORIGINAL_HOLDERS).map(([k, v]) => ({ value: k, label: pick(v) }))} />
          </Form.Item>
          <Alert type="info" showIcon title={t('insp.archiveHint')} />
        </Form>
      </Modal>
    </section>
  );
}
