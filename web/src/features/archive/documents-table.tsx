import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Spin, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router';
import { type TDocument, type TDocumentVersion, UPLOAD_ACCEPT } from '@contract/documents';
import { formatBytes } from '@contract/formats';
import { documentDownloadUrl, useAddDocumentVersion, useDocumentVersions, useWithdrawDocument } from '../../api/documents.hooks';
import { useCan } from '../../api/me.hooks';
import { useT } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useNotify } from '../../ui/notify';
import { useIsPhone } from '../../ui/use-is-phone';
import { useLabels } from '../../ui/labels';

/** Every version of a document, newest first, each with its own download. */
function DocumentVersions({ doc }: { doc: TDocument }) {
  const t = useT();
  const versions = useDocumentVersions(doc.id);
  if (!versions.data) return <Spin size="small" />;
  return (
    <Table<TDocumentVersion>
      rowKey="number"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={versions.data}
      data-testid={`document-versions-${doc.id}`}
      columns={[
        { key: 'number', title: t('documents.version'), render: (_v, v) => `v${v.number}` },
        {
          key: 'file',
          title: t('documents.file'),
          render: (_v, v) => (
            <a href={documentDownloadUrl(doc.id, v.number)} download={v.fileName}>
              <DownloadOutlined /> {v.fileName}
            </a>
          ),
        },
        { key: 'size', title: t('documents.size'), render: (_v, v) => formatBytes(v.size) },
        { key: 'uploaded', title: t('documents.uploadedAt'), render: (_v, v) => formatCompanyTime(v.uploadedAt) },
        { key: 'by', title: t('documents.uploadedBy'), render: (_v, v) => v.uploadedByName ?? '' },
        { key: 'note', title: t('documents.versionNote'), render: (_v, v) => v.note ?? '' },
      ]}
    />
  );
}

/** Upload a new version of one document: pick or drop a file on the button. */
function NewVersionButton({ doc }: { doc: TDocument }) {
  const t = useT();
  const notify = useNotify();
  const add = useAddDocumentVersion();
  return (
    <Upload
      accept={UPLOAD_ACCEPT}
      showUploadList={false}
      beforeUpload={(file) => {
        add.mutate(
          { id: doc.id, file },
          {
            onSuccess: (d) => notify.success(t('documents.versionAdded', { n: d.latestVersion.number })),
            onError: notify.error,
          },
        );
        return false;
      }}
    >
      <Tooltip title={t('documents.newVersion')}>
        <Button size="small" type="link" icon={<UploadOutlined />} loading={add.isPending} data-testid={`document-new-version-${doc.id}`}>
          {t('documents.newVersionShort')}
        </Button>
      </Tooltip>
    </Upload>
  );
}

/**
 * The documents of a contract or a customer (R-FLOW-2): typed, versioned, downloadable as
 * attachments; copies name who holds the original (R-ORG-7).
 */
export function DocumentsTable({
  items,
  loading,
  showContract,
  testId = 'documents-table',
  pagination,
  onChange,
}: {
  items: TDocument[] | undefined;
  loading: boolean;
  showContract?: boolean;
  testId?: string;
  pagination?: TableProps<TDocument>['pagination'];
  onChange?: TableProps<TDocument>['onChange'];
}) {
  const t = useT();
  const labels = useLabels();
  const isPhone = useIsPhone();
  const notify = useNotify();
  const canManage = useCan('documents.manage');
  const withdraw = useWithdrawDocument();

  const columns: TableProps<TDocument>['columns'] = [
    {
      key: 'type',
      title: t('documents.type'),
      render: (_v, d) => (
        <Tag style={{ marginInlineEnd: 0 }} data-type={d.type}>
          {labels.documentType(d.type)}
        </Tag>
      ),
    },
    {
      key: 'title',
      title: t('documents.title'),
      render: (_v, d) => (
        <a href={documentDownloadUrl(d.id)} download={d.latestVersion.fileName} data-testid={`document-download-${d.id}`}>
          {d.title}
        </a>
      ),
    },
    {
      key: 'version',
      title: t('documents.version'),
      render: (_v, d) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          v{d.latestVersion.number}
          {d.versionCount > 1 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              ({t('documents.versionCount', { n: d.versionCount })})
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      key: 'copy',
      title: t('documents.original'),
      render: (_v, d) =>
        d.isCopy ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            <Tag color="orange" style={{ marginInlineEnd: 4 }}>
              {t('documents.copy')}
            </Tag>
            {d.originalHolder ? t('documents.heldBy', { holder: labels.originalHolder(d.originalHolder) }) : ''}
            {d.originalHolderNote ? ` · ${d.originalHolderNote}` : ''}
          </span>
        ) : null,
    },
    {
      key: 'file',
      title: t('documents.file'),
      render: (_v, d) => (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {d.latestVersion.fileName} · {formatBytes(d.latestVersion.size)}
        </Typography.Text>
      ),
    },
  ];
  if (showContract) {
    columns.push({
      key: 'contract',
      title: t('equipment.contract'),
      render: (_v, d) =>
        d.contractId ? (
          <Link to={`/contracts/${d.contractId}?tab=documents`} style={{ whiteSpace: 'nowrap' }}>
            {d.contractNumber}
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('documents.customerLevel')}</Typography.Text>
        ),
    });
  }
  columns.push({
    key: 'uploaded',
    title: t('documents.updated'),
    render: (_v, d) => (
      <span style={{ whiteSpace: 'nowrap' }}>
        {formatCompanyTime(d.latestVersion.uploadedAt)}
        {d.latestVersion.uploadedByName ? ` · ${d.latestVersion.uploadedByName}` : ''}
      </span>
    ),
  });
  columns.push({
    key: 'actions',
    title: t('common.actions'),
    fixed: isPhone ? undefined : 'right',
    render: (_v, d) => (
      <Flex gap={0} wrap={false}>
        <Tooltip title={t('documents.download')}>
          <Button
            size="small"
            type="link"
            icon={<DownloadOutlined />}
            href={documentDownloadUrl(d.id)}
            download={d.latestVersion.fileName}
            aria-label={t('documents.download')}
          />
        </Tooltip>
        {canManage && <NewVersionButton doc={d} />}
        {canManage && (
          <Popconfirm
            title={t('documents.withdrawConfirm', { title: d.title })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              withdraw.mutate({ id: d.id }, { onSuccess: () => notify.success(t('documents.withdrawn')), onError: notify.error })
            }
          >
            <Button
              size="small"
              type="link"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('documents.withdraw')}
              data-testid={`document-withdraw-${d.id}`}
            />
          </Popconfirm>
        )}
      </Flex>
    ),
  });

  return (
    <div data-testid={testId}>
      <Table<TDocument>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (d) => <DocumentVersions doc={d} />, rowExpandable: (d) => d.versionCount > 0 }}
        pagination={pagination ?? false}
        onChange={onChange}
        locale={{ emptyText: t('documents.none') }}
      />
    </div>
  );
}
