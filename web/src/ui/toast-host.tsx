import { message } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { useEffect } from 'react';
import { AntdShell } from '../app/layout/antd-shell';

/** antd's toast holder in the theme's context; hands its API to MessageProvider (message.tsx) once mounted. */
export function ToastHost({ onReady }: { onReady: (api: MessageInstance) => void }) {
  return (
    <AntdShell>
      <Holder onReady={onReady} />
    </AntdShell>
  );
}

function Holder({ onReady }: { onReady: (api: MessageInstance) => void }) {
  const [api, holder] = message.useMessage();
  useEffect(() => onReady(api), [api, onReady]);
  return holder;
}
