import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCurrentUser, useLogout } from '../../api/me.hooks';
import { useT } from '../locale-context';

const ChangePasswordModal = lazy(() =>
  import('../../features/auth/change-password-modal').then((m) => ({ default: m.ChangePasswordModal })),
);

export function UserMenu({ compact }: { compact: boolean }) {
  const t = useT();
  const me = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const [changingPassword, setChangingPassword] = useState(false);

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
    if (key === 'password') setChangingPassword(true);
    if (key === 'logout') {
      logout.mutate(undefined, {
        onSettled: () => navigate('/login', { replace: true }),
      });
    }
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button type="text" icon={<UserOutlined />} data-testid="user-menu" aria-label={t('account.menu')} aria-haspopup="menu">
          {!compact && <span style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis' }}>{me.name}</span>}
        </Button>
      </Dropdown>
      {changingPassword && (
        <Suspense fallback={null}>
          <ChangePasswordModal open onClose={() => setChangingPassword(false)} />
        </Suspense>
      )}
    </>
  );
}
