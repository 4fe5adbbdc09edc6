import { Popover } from 'antd';
import { useState } from 'react';
import { BellButton } from './notification-bell';
import { NotificationPanel } from './notification-panel';

/** The bell's pop-over with the latest notifications, open when it first appears (the click that loaded it asked for it). */
export function NotificationPopover({ count }: { count: number }) {
  const [open, setOpen] = useState(true);
  return (
    <Popover
      content={open && <NotificationPanel unread={count} onClose={() => setOpen(false)} />}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      arrow={false}
    >
      <BellButton count={count} />
    </Popover>
  );
}
