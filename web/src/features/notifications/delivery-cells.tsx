import { Typography } from 'antd';
import type { TDelivery } from '@contract/notification-delivery';
import { useT } from '../../app/locale-context';

/** "Robot · 值班群", "E-mail · 张经理": a delivery's channel and where it goes (the outbox, a call's deliveries). */
export function DeliveryTarget({ delivery: d }: { delivery: TDelivery }) {
  const t = useT();
  return <>{`${t(`delivery.channel.${d.channel}`)} · ${d.target}`}</>;
}

/** A delivery's last error, cut to the column with the whole text on hover. */
export function DeliveryError({ error, maxWidth }: { error: string | null; maxWidth: number }) {
  return (
    <Typography.Text type="danger" ellipsis={{ tooltip: error }} style={{ maxWidth }}>
      {error ?? ''}
    </Typography.Text>
  );
}
