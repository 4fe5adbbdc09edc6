import { EditOutlined, RedoOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Pagination, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { DELIVERY_STATES, type TDelivery, type TRobot, ZDeliveryQuery } from '@contract/notification-delivery';
import { useDeliveries, useDeliveryCounts, useRetryDelivery, useRobots } from '../../api/notification-delivery.hooks';
import { pick } from '@contract/bilingual';
import { useT } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { ListCard } from '../../ui/list-page';
import { useNotify } from '../../ui/notify';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { useUrlQuery } from '../../ui/use-url-query';
import { DeliveryError, DeliveryTarget } from './delivery-cells';
import { RobotFormDrawer } from './robot-form-drawer';

type TEditing = { kind: 'create' } | { kind: 'edit'; robot: TRobot } | null;

/** 通知渠道: group robots (WeCom, DingTalk, Feishu) and the delivery outbox with its dead letters. */
export function DeliveryChannelsPage() {
  const t = useT();
  const notify = useNotify();
  const robots = useRobots();
  const [editing, setEditing] = useState<TEditing>(null);
  const [query, setQuery] = useUrlQuery(ZDeliveryQuery);
  const deliveries = useDeliveries(query);
  const counts = useDeliveryCounts();
  const retry = useRetryDelivery();

  const robotColumns: TableProps<TRobot>['columns'] = [
    { key: 'name', dataIndex: 'name', title: t('delivery.robotName') },
    { key: 'kind', title: t('delivery.robotKind'), render: (_v, r) => <Tag>{t(`delivery.kind.${r.kind}`)}</Tag> },
    {
      key: 'webhookUrl',
      title: t('delivery.webhookUrl'),
      render: (_v, r) => (
        <Typography.Text ellipsis style={{ maxWidth: 320 }}>
          {r.webhookUrl}
        </Typography.Text>
      ),
    },
    { key: 'secret', title: t('delivery.secret'), render: (_v, r) => (r.hasSecret ? t('delivery.secretSet') : '—') },
    {
      key: 'kinds',
      title: t('delivery.routedKinds'),
      render: (_v, r) => (
        <Space size={[4, 4]} wrap>
          {r.notificationKinds.map((k) => (
            <Tag key={k}>{t(`notifications.kind.${k}`)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'active',
      title: t('users.status'),
      render: (_v, r) => (r.active ? <Tag color="success">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_v, r) => (
        <Button
          size="small"
          type="link"
          icon={<EditOutlined />}
          onClick={() => setEditing({ kind: 'edit', robot: r })}
          data-testid={`robot-edit-${r.id}`}
        >
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  const deliveryColumns: TableProps<TDelivery>['columns'] = [
    { key: 'createdAt', title: t('delivery.createdAt'), render: (_v, d) => formatCompanyTime(d.createdAt) },
    {
      key: 'title',
      title: t('delivery.message'),
      render: (_v, d) => pick({ zh: d.titleZh, en: d.titleEn }, t.locale),
    },
    { key: 'channel', title: t('delivery.channel'), render: (_v, d) => <DeliveryTarget delivery={d} /> },
    { key: 'attempts', dataIndex: 'attempts', title: t('delivery.attempts') },
    { key: 'lastError', title: t('delivery.lastError'), render: (_v, d) => <DeliveryError error={d.lastError} maxWidth={360} /> },
  ];
  // A dead message has no next attempt; the others show when they are due, or were sent.
  if (query.state !== 'dead') {
    deliveryColumns.splice(4, 0, {
      key: 'when',
      title: query.state === 'sent' ? t('delivery.sentAt') : t('delivery.dueAt'),
      render: (_v, d) => formatCompanyTime(query.state === 'sent' ? (d.sentAt ?? d.dueAt) : d.dueAt),
    });
  } else {
    deliveryColumns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_v, d) => (
        <Button
          size="small"
          type="link"
          icon={<RedoOutlined />}
          loading={retry.isPending && retry.variables === d.id}
          onClick={() => retry.mutate(d.id, { onSuccess: () => notify.success(t('delivery.retried')), onError: notify.error })}
          data-testid={`delivery-retry-${d.id}`}
        >
          {t('delivery.retry')}
        </Button>
      ),
    });
  }

  return (
    <Flex vertical gap={16}>
      <ListCard
        title={t('delivery.title')}
        create={{ label: t('delivery.newRobot'), onClick: () => setEditing({ kind: 'create' }), testId: 'robots-new' }}
        testId="delivery-channels-page"
      >
        <Typography.Paragraph type="secondary">{t('delivery.robotsHelp')}</Typography.Paragraph>
        <QueryErrorAlert query={robots} />
        <Table<TRobot>
          rowKey="id"
          size="middle"
          columns={robotColumns}
          dataSource={robots.data?.items}
          loading={robots.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={false}
          data-testid="robots-table"
        />
      </ListCard>
      <Card title={t('delivery.outbox')} data-testid="delivery-outbox">
        <Segmented
          value={query.state}
          onChange={(state) => setQuery({ state, page: 1 })}
          options={DELIVERY_STATES.map((s) => ({ value: s, label: `${t(`delivery.state.${s}`)} (${counts.data?.[s] ?? '…'})` }))}
          style={{ marginBottom: 12 }}
          data-testid="delivery-state"
        />
        <QueryErrorAlert query={deliveries} />
        <Table<TDelivery>
          rowKey="id"
          size="middle"
          columns={deliveryColumns}
          dataSource={deliveries.data?.items}
          loading={deliveries.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={false}
        />
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Pagination
            current={query.page}
            pageSize={query.pageSize}
            total={deliveries.data?.total ?? 0}
            showTotal={(total) => t('common.total', { total })}
            onChange={(page, pageSize) => setQuery({ page, pageSize })}
          />
        </Flex>
      </Card>
      {editing && <RobotFormDrawer robot={editing.kind === 'edit' ? editing.robot : undefined} onClose={() => setEditing(null)} />}
    </Flex>
  );
}
