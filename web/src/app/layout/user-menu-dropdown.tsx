import { KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { Dropdown, type MenuProps } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCurrentUser, useLogout } from '../../api/me.hooks';
import { useT } from '../locale-context';
import { UserButton } from './user-menu';

const ChangePasswordModal = lazy(() =>
  import('../../features/auth/change-password-modal').then((m) => ({ default: m.ChangePasswordModal })),
);

/** The account menu, open when it first appears (the click that loaded it asked for it). */
export function UserMenuDropdown({ compact }: { compact: boolean }) {
  const t = useT();
  const me = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const [changingPassword, setChangingPassword] = useState(false);
  const [open, setOpen] = useState(true);

  const items: MenuProps['items'] = [
    { key: 'who', label: me.email, disabled: true },
    { type: 'divider' },
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="change-password">{t('account.changePassword')}</span>,
    },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('account.logout')}</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    setOpen(false);
    if (key === 'password') setChangingPassword(true);
    if (key === 'logout') {
      logout.mutate(undefined, {
        onSettled: () => navigate('/login', { replace: true }),
      });
    }
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight" open={open} onOpenChange={setOpen}>
        <UserButton compact={compact} />
      </Dropdown>
      {changingPassword && (
        <Suspense fallback={null}>
          <ChangePasswordModal open onClose={() => setChangingPassword(false)} />
        </Suspense>
      )}
    </>
  );
}
