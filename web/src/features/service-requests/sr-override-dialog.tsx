import { Alert, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { TGuardOverride } from '@contract/guards';
import { useLocale } from '../../app/locale-context';

/**
 * A step refused by a rulebook guard (issuing a kind outside the contract, R-SCOPE-1), offered to a
 * technical manager: the refusal, and a written reason to take the step all the same (recorded and
 * audited by the server). Loaded only when a step is refused, so the engineer's phone page stays light.
 */
export function SrOverrideDialog({
  message,
  pending,
  onCancel,
  onConfirm,
}: {
  message: string;
  pending: boolean;
  onCancel: () => void;
  onConfirm: (override: TGuardOverride) => void;
}) {
  const { t } = useLocale();
  const [reason, setReason] = useState('');
  const tooShort = reason.trim().length < 5;
  return (
    <Modal
      open
      title={t('guard.overrideTitle')}
      okText={t('guard.override')}
      okButtonProps={{ disabled: tooShort, danger: true, id: 'guard-override-confirm' }}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      onOk={() => onConfirm({ reason: reason.trim() })}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={message} style={{ marginBottom: 12 }} />
      <Typography.Text>{t('guard.reason')}</Typography.Text>
      <Input.TextArea
        data-testid="guard-override-reason"
        value={reason}
        maxLength={500}
        autoSize={{ minRows: 3 }}
        onChange={(e) => setReason(e.target.value)}
      />
      {reason.length > 0 && tooShort && <Typography.Text type="danger">{t('guard.reasonTooShort')}</Typography.Text>}
    </Modal>
  );
}
