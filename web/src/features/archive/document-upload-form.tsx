import { InboxOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Form, Input, Progress, Select, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import {
  COPY_TYPES,
  DOCUMENT_TYPES,
  ORIGINAL_HOLDERS,
  PRICE_SENSITIVE_TYPES,
  type TDocumentType,
  type TOriginalHolder,
  UPLOAD_ACCEPT,
  ZCreateDocument,
} from '@contract/documents';
import { useUploadDocument } from '../../api/documents.hooks';
import { useCan } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { blankToNull, showErrorsOnFields, zodRule } from '../../ui/zod-form';
import { useLabels } from '../../ui/labels';

interface UploadValues {
  type?: TDocumentType;
  title?: string;
  isCopy?: boolean;
  originalHolder?: TOriginalHolder | null;
  originalHolderNote?: string | null;
  priceSensitive?: boolean;
  notes?: string | null;
}

const DOCUMENT_TYPE_CODES = Object.keys(DOCUMENT_TYPES) as TDocumentType[];
const HOLDERS = Object.keys(ORIGINAL_HOLDERS) as TOriginalHolder[];
const TITLE = ZCreateDocument.shape.title;

/** A file name without its extension, as a first guess at the title. */
function titleOf(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').slice(0, 200);
}

/**
 * File a document into the archive (R-FLOW-2, R-ORG-6): type, title, and one file dropped on
 * the area or picked. Copies record who holds the original (R-ORG-7). The original contract
 * (price-sensitive, R-ORG-5) is offered only to roles that may see prices.
 */
export function DocumentUploadForm({
  contractId,
  customerId,
  presetType,
}: {
  contractId?: number;
  customerId?: number;
  /** Chosen from the completeness list ("upload the missing acceptance report"). */
  presetType?: { type: TDocumentType; at: number };
}) {
  const { t, locale } = useLocale();
  const labels = useLabels();
  const canSeePrices = useCan('contracts.prices');
  const [form] = Form.useForm<UploadValues>();
  const upload = useUploadDocument();
  const notify = useNotify();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const isCopy = Form.useWatch('isCopy', form);

  const types = DOCUMENT_TYPE_CODES.filter((c) => canSeePrices || !PRICE_SENSITIVE_TYPES.includes(c));

  useEffect(() => {
    if (!presetType) return;
    form.setFieldsValue({ type: presetType.type, isCopy: COPY_TYPES.includes(presetType.type) });
  }, [presetType, form]);

  const fileList: UploadFile[] = file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : [];

  function submit(v: UploadValues) {
    if (!file) {
      setFileError(t('documents.chooseFile'));
      return;
    }
    setProgress(0);
    upload.mutate(
      {
        doc: {
          contractId,
          customerId: contractId === undefined ? customerId : undefined,
          type: v.type as TDocumentType,
          title: (v.title ?? '').trim(),
          notes: blankToNull(v.notes),
          isCopy: v.isCopy ?? false,
          originalHolder: v.isCopy ? (v.originalHolder ?? null) : null,
          originalHolderNote: v.isCopy ? blankToNull(v.originalHolderNote) : null,
          priceSensitive: canSeePrices ? (v.priceSensitive ?? false) : undefined,
          file,
        },
        onProgress: setProgress,
      },
      {
        onSuccess: (doc) => {
          notify.success(t('documents.uploaded', { title: doc.title }));
          form.resetFields();
          setFile(null);
        },
        onError: (err) => {
          const placed = showErrorsOnFields(form, err, locale, {
            codeToField: { DOCUMENT_ORIGINAL_HOLDER_REQUIRED: ['originalHolder'], DOCUMENT_PRICES_REQUIRED: ['type'] },
            mapPath: (p) => (p[0] === 'file' ? null : p),
          });
          if (!placed) notify.error(err);
        },
        onSettled: () => setProgress(null),
      },
    );
  }

  return (
    <Card size="small" title={t('documents.uploadTitle')} data-testid="document-upload-form">
      <Form<UploadValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={upload.isPending}
        initialValues={{ isCopy: false, priceSensitive: false }}
        onValuesChange={(changed: UploadValues) => {
          if (changed.type) {
            form.setFieldValue('isCopy', COPY_TYPES.includes(changed.type));
            if (PRICE_SENSITIVE_TYPES.includes(changed.type)) form.setFieldValue('priceSensitive', true);
          }
        }}
      >
        <div data-testid="document-upload">
          <Upload.Dragger
            accept={UPLOAD_ACCEPT}
            multiple={false}
            maxCount={1}
            fileList={fileList}
            beforeUpload={(f) => {
              setFile(f);
              setFileError(null);
              if (!form.getFieldValue('title')) form.setFieldValue('title', titleOf(f.name));
              // Kept for the form's submit; nothing is sent until then.
              return false;
            }}
            onRemove={() => setFile(null)}
            disabled={upload.isPending}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('documents.dropHere')}</p>
            <p className="ant-upload-hint">{t('documents.dropHint')}</p>
          </Upload.Dragger>
        </div>
        {fileError && <div style={{ color: 'var(--ant-color-error, #ff4d4f)', marginTop: 4 }}>{fileError}</div>}
        {progress !== null && <Progress percent={progress} size="small" style={{ marginTop: 8 }} />}
        <Flex gap={12} wrap style={{ marginTop: 12 }}>
          <Form.Item
            name="type"
            label={t('documents.type')}
            required
            rules={[{ required: true, message: t('validation.required') }]}
            style={{ flex: '1 1 200px' }}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.choose')}
              options={types.map((c) => ({ value: c, label: labels.documentType(c) }))}
              data-testid="document-type"
            />
          </Form.Item>
          <Form.Item name="title" label={t('documents.title')} required rules={[zodRule(TITLE, t)]} style={{ flex: '2 1 260px' }}>
            <Input autoComplete="off" data-testid="document-title" />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item name="isCopy" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox data-testid="document-is-copy">{t('documents.isCopy')}</Checkbox>
          </Form.Item>
          {canSeePrices && (
            <Form.Item name="priceSensitive" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox data-testid="document-price-sensitive">{t('documents.priceSensitive')}</Checkbox>
            </Form.Item>
          )}
        </Flex>
        {isCopy && (
          <Flex gap={12} wrap>
            <Form.Item
              name="originalHolder"
              label={t('documents.originalHolder')}
              extra={t('documents.originalHolderHelp')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ flex: '1 1 200px' }}
            >
              <Select
                placeholder={t('common.choose')}
                options={HOLDERS.map((h) => ({ value: h, label: labels.originalHolder(h) }))}
                data-testid="document-original-holder"
              />
            </Form.Item>
            <Form.Item name="originalHolderNote" label={t('documents.originalHolderNote')} style={{ flex: '2 1 260px' }}>
              <Input autoComplete="off" maxLength={200} data-testid="document-original-holder-note" />
            </Form.Item>
          </Flex>
        )}
        <Form.Item name="notes" label={t('documents.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} data-testid="document-notes" />
        </Form.Item>
        <Flex justify="flex-end">
          <Button type="primary" htmlType="submit" loading={upload.isPending} data-testid="document-submit">
            {t('documents.upload')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
