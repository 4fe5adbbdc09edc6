import { Card, Descriptions, Result, Spin } from 'antd';
import { useParams } from 'react-router';
import { usePublicCertificate } from '../../api/trainings.hooks';
import { AntdShell } from '../../app/layout/antd-shell';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { LanguageSwitch } from '../../ui/language-switch';

/** Where a certificate's QR code leads (R-TRAIN-3): that certificate's facts, no account needed. */
export function CertificateVerifyPage() {
  return (
    <AntdShell>
      <Verify />
    </AntdShell>
  );
}

function Verify() {
  const { t } = useLocale();
  const code = useParams().code ?? '';
  const cert = usePublicCertificate(code);
  const errorText = useErrorText();
  const c = cert.data;
  return (
    <div style={{ minHeight: '100vh', background: '#f3f5f8', padding: 12 }} data-testid="certificate-verify-page">
      <Card title={t('trainings.verify.title')} extra={<LanguageSwitch />} style={{ maxWidth: 560, margin: '0 auto' }}>
        {cert.isPending && <Spin style={{ display: 'block', margin: '48px auto' }} />}
        {cert.isError && <Result status="error" title={errorText(cert.error)} />}
        {c && (
          <>
            <Result status="success" title={t('trainings.verify.valid')} style={{ padding: '8px 0 16px' }} />
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('trainings.certificateNumber')}>{c.number}</Descriptions.Item>
              <Descriptions.Item label={t('trainings.verify.attendee')}>{c.attendee}</Descriptions.Item>
              <Descriptions.Item label={t('trainings.course')}>{c.course}</Descriptions.Item>
              <Descriptions.Item label={t('trainings.hours')}>{c.hours}</Descriptions.Item>
              <Descriptions.Item label={t('trainings.date')}>{c.date}</Descriptions.Item>
              <Descriptions.Item label={t('trainings.verify.issuer')}>{c.issuer}</Descriptions.Item>
              <Descriptions.Item label={t('trainings.verify.issuedAt')}>{formatCompanyTime(c.issuedAt)}</Descriptions.Item>
            </Descriptions>
          </>
        )}
      </Card>
    </div>
  );
}
