import { UserOutlined } from '@ant-design/icons';
import { forwardRef, Suspense, useState } from 'react';
import { useCurrentUser } from '../../api/me.hooks';
import { LightButton, type LightButtonProps } from '../../ui/light-button';
import { lazyWithAntd } from '../../ui/lazy-with-antd';
import { useT } from '../locale-context';

// The menu itself (antd's Dropdown and Menu) loads on the first click: the header shows the
// button only until then.
const UserMenuDropdown = lazyWithAntd(() => import('./user-menu-dropdown').then((m) => m.UserMenuDropdown));

/** The account button of the header; the dropdown wraps it once loaded. */
export const UserButton = forwardRef<HTMLButtonElement | HTMLAnchorElement, LightButtonProps & { compact: boolean }>(function UserButton(
  { compact, ...props },
  ref,
) {
  const t = useT();
  const me = useCurrentUser();
  return (
    <LightButton
      ref={ref}
      type="text"
      icon={<UserOutlined />}
      data-testid="user-menu"
      // The name shown is part of the button's name (a speech user says what they see).
      aria-label={compact ? t('account.menu') : t('account.menuOf', { name: me.name })}
      aria-haspopup="menu"
      {...props}
    >
      {!compact && <span style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis' }}>{me.name}</span>}
    </LightButton>
  );
});

export function UserMenu({ compact }: { compact: boolean }) {
  const [wanted, setWanted] = useState(false);
  const button = <UserButton compact={compact} onClick={() => setWanted(true)} />;
  if (!wanted) return button;
  return (
    <Suspense fallback={button}>
      <UserMenuDropdown compact={compact} />
    </Suspense>
  );
}
