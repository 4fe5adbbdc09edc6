import { Button, Drawer, Flex } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useT } from '../app/locale-context';
import { useIsPhone } from './use-is-phone';

/**
 * The drawer a create or edit form opens in: the whole screen on a phone, `width` pixels
 * elsewhere; its content is dropped on closing, so each opening starts from the record again.
 */
export function FormDrawer({
  open = true,
  onClose,
  title,
  width,
  testId,
  children,
}: {
  open?: boolean;
  onClose: () => void;
  title: ReactNode;
  width: number;
  testId: string;
  children: ReactNode;
}) {
  const isPhone = useIsPhone();
  return (
    <Drawer open={open} onClose={onClose} title={title} size={isPhone ? '100%' : width} destroyOnHidden data-testid={testId}>
      {children}
    </Drawer>
  );
}

/** A form's Cancel and submit buttons, at its end; Cancel stays usable while the form is disabled by a pending save. */
export function FormActions({
  onCancel,
  pending,
  submitTestId,
  submitLabel,
  style,
}: {
  onCancel: () => void;
  pending: boolean;
  submitTestId: string;
  /** Default: Save. */
  submitLabel?: ReactNode;
  /** A long form keeps its buttons in view (sticky). */
  style?: CSSProperties;
}) {
  const t = useT();
  return (
    <Flex justify="flex-end" gap={8} style={style}>
      <Button onClick={onCancel} disabled={false}>
        {t('common.cancel')}
      </Button>
      <Button type="primary" htmlType="submit" loading={pending} data-testid={submitTestId}>
        {submitLabel ?? t('common.save')}
      </Button>
    </Flex>
  );
}
