import { Alert, Input, Modal, Typography } from 'antd';
import { type ReactNode, useCallback, useRef, useState } from 'react';
import type { TGuardOverride } from '@contract/guards';
import { isApiError } from '../api/api-error';
import { useCan } from '../api/me.hooks';
import { useT } from '../app/locale-context';

type Pending = { message: string; resolve: (o: TGuardOverride | null) => void };

/**
 * Guards with override, on the web side: `run(attempt)` calls `attempt()`; when a rulebook guard
 * refuses it (the error names a rule) and the user may override (a technical manager), a dialog
 * shows the refusal and asks for a written reason, then calls `attempt({ reason })` once more.
 * Anyone else, or a cancelled dialog, gets the refusal as thrown. Render `dialog` once.
 */
export function useGuardOverride(): {
  run: <T>(attempt: (override?: TGuardOverride) => Promise<T>) => Promise<T>;
  dialog: ReactNode;
} {
  const t = useT();
  const canOverride = useCan('guards.override');
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const pendingRef = useRef<Pending | null>(null);
  pendingRef.current = pending;

  const run = useCallback(
    async <T,>(attempt: (override?: TGuardOverride) => Promise<T>): Promise<T> => {
      try {
        return await attempt();
      } catch (err) {
        if (!canOverride || !isApiError(err) || !err.rule) throw err;
        const override = await new Promise<TGuardOverride | null>((resolve) => {
          setReason('');
          setPending({ message: err.message, resolve });
        });
        if (!override) throw err;
        return attempt(override);
      }
    },
    [canOverride],
  );

  const close = (o: TGuardOverride | null) => {
    pendingRef.current?.resolve(o);
    setPending(null);
  };
  const tooShort = reason.trim().length < 5;
  const dialog = (
    <Modal
      open={pending !== null}
      title={t('guard.overrideTitle')}
      okText={t('guard.override')}
      okButtonProps={{ disabled: tooShort, danger: true, id: 'guard-override-confirm' }}
      cancelText={t('common.cancel')}
      onOk={() => close({ reason: reason.trim() })}
      onCancel={() => close(null)}
      destroyOnHidden
    >
      {pending && <Alert type="warning" showIcon message={pending.message} style={{ marginBottom: 12 }} />}
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
  return { run, dialog };
}
