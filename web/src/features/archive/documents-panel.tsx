import { Alert, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { DOCUMENT_TYPES, PRICE_SENSITIVE_TYPES, type TDocumentType } from '@contract/documents';
import { type TDocumentListQuery, useDocuments } from '../../api/documents.hooks';
import { useCan } from '../../api/me.hooks';
import { useT } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { useIsPhone } from '../../ui/use-is-phone';
import { useLabels } from '../../ui/labels';
import { DocumentCompleteness } from './document-completeness';
import { DocumentUploadForm } from './document-upload-form';
import { DocumentsTable } from './documents-table';

/**
 * The archive of one contract (completeness, upload, documents) or of one customer: all its
 * documents (`customerId`), or only those of no particular contract (`customerLevelOnly`).
 */
export function DocumentsPanel({
  contractId,
  customerId,
  customerLevelOnly = false,
}: {
  contractId?: number;
  customerId?: number;
  customerLevelOnly?: boolean;
}) {
  const t = useT();
  const labels = useLabels();
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const canManage = useCan('documents.manage');
  const canSeePrices = useCan('contracts.prices');
  const [q, setQ] = useState<string | undefined>();
  const [type, setType] = useState<TDocumentType | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [presetType, setPresetType] = useState<{ type: TDocumentType; at: number } | undefined>();

  const query: TDocumentListQuery =
    contractId !== undefined
      ? { contract: contractId, q, type, ...page }
      : { customer: customerId, ...(customerLevelOnly && { contract: 'none' }), q, type, ...page };
  const docs = useDocuments(query);
  const types = (Object.keys(DOCUMENT_TYPES) as TDocumentType[]).filter((c) => canSeePrices || !PRICE_SENSITIVE_TYPES.includes(c));
  const uploadTo = contractId !== undefined ? { contractId } : { customerId };

  return (
    <Flex vertical gap={16}>
      {(contractId !== undefined || canManage) && (
        <Flex gap={16} wrap align="flex-start">
          {contractId !== undefined && (
            <div style={{ flex: '1 1 300px', minWidth: 0 }}>
              <DocumentCompleteness
                contractId={contractId}
                onUpload={canManage ? (type) => setPresetType({ type, at: Date.now() }) : undefined}
              />
            </div>
          )}
          {canManage && (
            <div style={{ flex: '2 1 420px', minWidth: 0 }}>
              <DocumentUploadForm {...uploadTo} presetType={presetType} />
            </div>
          )}
        </Flex>
      )}
      <Flex gap={8} wrap>
        <Input.Search
          placeholder={t('documents.search')}
          allowClear
          onSearch={(v) => {
            setQ(v.trim() || undefined);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          style={{ width: isPhone ? '100%' : 240 }}
        />
        <Select
          allowClear
          placeholder={t('documents.filterType')}
          value={type}
          onChange={(v) => {
            setType(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={types.map((c) => ({ value: c, label: labels.documentType(c) }))}
          style={{ width: isPhone ? '100%' : 200 }}
          popupMatchSelectWidth={false}
        />
      </Flex>
      {docs.isError && <Alert type="error" showIcon title={errorText(docs.error)} />}
      <DocumentsTable
        items={docs.data?.items}
        loading={docs.isFetching}
        showContract={contractId === undefined && !customerLevelOnly}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 50 })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: docs.data?.total ?? 0,
          hideOnSinglePage: true,
          showTotal: (total) => t('common.total', { total }),
          size: isPhone ? 'small' : undefined,
        }}
      />
    </Flex>
  );
}
