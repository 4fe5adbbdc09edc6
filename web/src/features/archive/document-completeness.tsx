import { CheckCircleFilled, CloseCircleFilled, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Spin, Tag, theme, Tooltip, Typography } from 'antd';
import { PRICE_SENSITIVE_TYPES, type TDocumentType } from '@contract/documents';
import { useDocumentCompleteness } from '../../api/documents.hooks';
import { useCan } from '../../api/me.hooks';
import { useT } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { useLabels } from '../../ui/labels';

/**
 * R-FLOW-2: the document types this contract's service kinds call for, present or missing.
 * Technical roles never see the original contract (R-ORG-5), so it is not listed for them.
 */
export function DocumentCompleteness({ contractId, onUpload }: { contractId: number; onUpload?: (type: TDocumentType) => void }) {
  const t = useT();
  const labels = useLabels();
  const { token } = theme.useToken();
  const errorText = useErrorText();
  const canSeePrices = useCan('contracts.prices');
  const completeness = useDocumentCompleteness(contractId);

  if (completeness.isError) return <Alert type="error" showIcon title={errorText(completeness.error)} />;
  if (!completeness.data) return <Spin />;
  const rows = completeness.data.required.filter((r) => canSeePrices || !PRICE_SENSITIVE_TYPES.includes(r.type));
  const missing = rows.filter((r) => !r.present);

  return (
    <Card
      size="small"
      title={t('documents.completeness')}
      extra={
        missing.length === 0 ? (
          <Tag color="success" data-testid="completeness-state" data-complete="true">
            {t('documents.complete')}
          </Tag>
        ) : (
          <Tag color="error" data-testid="completeness-state" data-complete="false">
            {t('documents.missingCount', { n: missing.length })}
          </Tag>
        )
      }
      data-testid="document-completeness"
    >
      <Flex vertical gap={6}>
        {rows.length === 0 && <Typography.Text type="secondary">{t('documents.nothingRequired')}</Typography.Text>}
        {rows.map((r) => (
          <Flex key={r.type} align="center" gap={8} wrap data-testid={`completeness-${r.type}`} data-present={r.present}>
            {r.present ? (
              <CheckCircleFilled style={{ color: token.colorSuccess }} aria-label={t('documents.present')} />
            ) : (
              <CloseCircleFilled style={{ color: token.colorError }} aria-label={t('documents.missing')} />
            )}
            <span style={{ minWidth: 120 }}>{labels.documentType(r.type)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.requiredBy
                .map((b) => (b === 'contract' ? t('documents.requiredByContract') : labels.serviceKind(b)))
                .join(t('common.listSep'))}
              {r.condition && ` · ${t(r.condition === 'licensed' ? 'documents.whenLicensed' : 'documents.whenTraining')}`}
            </Typography.Text>
            {!r.present && onUpload && (
              <Tooltip title={t('documents.uploadThis')}>
                <Button
                  size="small"
                  type="link"
                  icon={<UploadOutlined />}
                  onClick={() => onUpload(r.type)}
                  aria-label={t('documents.uploadThis')}
                />
              </Tooltip>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
