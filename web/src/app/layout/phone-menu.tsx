import { Drawer } from 'antd';
import type { TAction } from '@contract/permissions';
import { useT } from '../locale-context';
import { SideMenu } from './side-menu';

/** The menu on a phone: a drawer from the left, closed after each choice. */
export function PhoneMenu({ open, onClose, permissions }: { open: boolean; onClose: () => void; permissions: readonly TAction[] }) {
  const t = useT();
  return (
    <Drawer
      placement="left"
      open={open}
      onClose={onClose}
      size={264}
      title={t('app.name')}
      styles={{ body: { padding: 0 } }}
      data-testid="nav-drawer"
    >
      <SideMenu permissions={permissions} onNavigate={onClose} />
    </Drawer>
  );
}
