import { List, Tag, theme, Typography } from 'antd';
import type { TNotification } from '@contract/notifications';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';

/** The kinds that ask for attention get a colour. */
const KIND_COLORS: Partial<Record<TNotification['kind'], string>> = {
  sla_breach: 'error',
  sla_warning: 'warning',
  escalation: 'volcano',
  incomplete_reminder: 'gold',
};

/** Notifications, newest first; unread ones in bold. Clicking one calls `onOpen`. */
export function NotificationList({
  items,
  loading,
  onOpen,
  compact,
}: {
  items: readonly TNotification[];
  loading?: boolean;
  onOpen: (n: TNotification) => void;
  compact?: boolean;
}) {
  const { t, pick } = useLocale();
  const { token } = theme.useToken();
  return (
    <List<TNotification>
      loading={loading}
      dataSource={[...items]}
      locale={{ emptyText: t('notifications.empty') }}
      renderItem={(n) => (
        <List.Item
          key={n.id}
          onClick={() => onOpen(n)}
          data-testid={`notification-${n.id}`}
          data-unread={n.readAt === null || undefined}
          style={{
            cursor: 'pointer',
            paddingInline: 8,
            background: n.readAt === null ? token.colorPrimaryBg : undefined,
            borderRadius: token.borderRadiusSM,
          }}
        >
          <div style={{ minWidth: 0, width: '100%' }}>
            <div style={{ fontWeight: n.readAt === null ? 600 : 400 }}>
              {KIND_COLORS[n.kind] && <Tag color={KIND_COLORS[n.kind]}>{t(`notifications.kind.${n.kind}`)}</Tag>}
              {pick({ zh: n.titleZh, en: n.titleEn })}
            </div>
            {n.body && (
              <Typography.Paragraph type="secondary" ellipsis={compact ? { rows: 2 } : false} style={{ marginBottom: 0, fontSize: 13 }}>
                {n.body}
              </Typography.Paragraph>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatCompanyTime(n.createdAt).slice(0, 16)}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}
