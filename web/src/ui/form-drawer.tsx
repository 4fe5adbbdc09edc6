import { Button, Drawer, Flex, Form, type FormInstance, type FormProps } from 'antd';
import { type CSSProperties, createContext, type ReactNode, useContext } from 'react';
import { useT } from '../app/locale-context';
import { useIsPhone } from './use-is-phone';

/** What the form inside a drawer needs from it: how to close, and the test ids' stem. */
const DrawerContext = createContext<{ onClose: () => void; testId: string } | null>(null);

/**
 * The drawer a create or edit form opens in: the whole screen on a phone, `width` pixels
 * elsewhere; its content is dropped on closing, so each opening starts from the record again.
 * The drawer is `<testId>-form` to the browser tests, its submit button `<testId>-submit`.
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
    <Drawer open={open} onClose={onClose} title={title} size={isPhone ? '100%' : width} destroyOnHidden data-testid={`${testId}-form`}>
      <DrawerContext.Provider value={{ onClose, testId }}>{children}</DrawerContext.Provider>
    </Drawer>
  );
}

/**
 * The form of a FormDrawer: vertical, disabled while it saves, scrolled to the first error,
 * ending with Cancel (which closes the drawer, usable while saving) and the submit button.
 */
export function DrawerForm<V>({
  form,
  initialValues,
  onFinish,
  pending,
  submitLabel,
  stickyActions,
  children,
}: {
  form: FormInstance<V>;
  initialValues: FormProps<V>['initialValues'];
  onFinish: (values: V) => void;
  pending: boolean;
  /** Default: Save. */
  submitLabel?: ReactNode;
  /** A long form keeps its buttons in view. */
  stickyActions?: CSSProperties;
  children: ReactNode;
}) {
  const t = useT();
  const drawer = useContext(DrawerContext);
  if (!drawer) throw new Error('DrawerForm outside a FormDrawer');
  return (
    <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={pending} scrollToFirstError>
      {children}
      <Flex justify="flex-end" gap={8} style={stickyActions}>
        <Button onClick={drawer.onClose} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={pending} data-testid={`${drawer.testId}-submit`}>
          {submitLabel ?? t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
