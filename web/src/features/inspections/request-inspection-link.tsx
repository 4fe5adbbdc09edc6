import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useInspections, useOpenInspection } from '../../api/inspections.hooks';
import { useCan } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { LightButton } from '../../ui/light-button';
import { useNotify } from '../../ui/notify';

/** On a goods-inspection request: its inspection record, or the button that opens one (R-GOODS-1). */
export function RequestInspectionLink({ requestId }: { requestId: number }) {
  const { t } = useLocale();
  const notify = useNotify();
  const navigate = useNavigate();
  const canRead = useCan('inspections.read');
  const canManage = useCan('inspections.manage');
  const found = useInspections({ page: 1, pageSize: 1, serviceRequestId: requestId });
  const open = useOpenInspection();
  if (!canRead || !found.data) return null;
  const existing = found.data.items[0];
  if (existing)
    return (
      <LightButton icon={<SafetyCertificateOutlined />} onClick={() => navigate(`/inspections/${existing.id}`)} data-testid="sr-inspection">
        {t('insp.openRecord')}
      </LightButton>
    );
  if (!canManage) return null;
  return (
    <LightButton
      type="primary"
      icon={<SafetyCertificateOutlined />}
      loading={open.isPending}
      onClick={() => open.mutate({ requestId }, { onSuccess: (d) => navigate(`/inspections/${d.id}`), onError: notify.error })}
      data-testid="sr-inspection"
    >
      {t('insp.createRecord')}
    </LightButton>
  );
}
