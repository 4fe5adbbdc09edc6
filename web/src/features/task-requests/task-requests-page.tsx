import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Select, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { TASK_REQUEST_STATES } from '@contract/service-requests';
import { type TTaskRequest, ZTaskRequestQuery } from '@contract/task-requests';
import { useCan } from '../../api/me.hooks';
import { useTaskRequests } from '../../api/task-requests.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { useIsPhone } from '../../ui/use-is-phone';
import { useUrlQuery } from '../../ui/use-url-query';
import { TaskRequestFormDrawer } from './task-request-form-drawer';
import { TASK_STATE_COLORS, useTaskLabels } from './task-request-labels';

/** 任务要求单: the technical manager's written assignments (R-ORG-3). */
export function TaskRequestsPage() {
  const { t } = useLocale();
  const labels = useTaskLabels();
  const canManage = useCan('task_requests.manage');
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [query, setQuery] = useUrlQuery(ZTaskRequestQuery);
  const list = useTaskRequests(query);
  const [creating, setCreating] = useState(false);

  const onTableChange: TableProps<TTaskRequest>['onChange'] = (p) =>
    setQuery({ page: p.current ?? 1, pageSize: p.pageSize ?? query.pageSize });

  return (
    <Card
      title={t('task.title')}
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="task-new"
            aria-label={t('task.new')}
          >
            {isPhone ? null : t('task.new')}
          </Button>
        )
      }
      styles={{ body: { padding: isPhone ? 12 : undefined } }}
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('sr.filterState')}
          value={query.state}
          onChange={(state) => setQuery({ state, page: 1 })}
          options={TASK_REQUEST_STATES.map((s) => ({ value: s, label: labels.state(s) }))}
          style={{ width: isPhone ? '100%' : 160 }}
          data-testid="task-filter-state"
        />
        <Checkbox
          checked={query.mine === 'true'}
          onChange={(e) => setQuery({ mine: e.target.checked ? 'true' : undefined, page: 1 })}
          style={{ alignSelf: 'center' }}
          data-testid="task-filter-mine"
        >
          {t('sr.onlyMine')}
        </Checkbox>
      </Flex>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<TTaskRequest>
        rowKey="id"
        data-testid="task-table"
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={onTableChange}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          size: isPhone ? 'small' : undefined,
        }}
        columns={[
          {
            key: 'number',
            title: t('sr.number'),
            render: (_v, r) => (
              <Link to={`/task-requests/${r.id}`} style={{ whiteSpace: 'nowrap' }} data-testid={`task-link-${r.id}`}>
                {r.number}
              </Link>
            ),
          },
          { key: 'state', title: t('sr.state'), render: (_v, r) => <Tag color={TASK_STATE_COLORS[r.state]}>{labels.state(r.state)}</Tag> },
          { key: 'task', title: t('task.task'), ellipsis: true, width: 320, render: (_v, r) => r.task },
          { key: 'assignee', title: t('task.assignee'), render: (_v, r) => r.assignee.name },
          { key: 'customer', title: t('sr.customer'), render: (_v, r) => r.customer?.name ?? '—' },
          { key: 'due', title: t('task.dueDate'), render: (_v, r) => r.dueDate ?? '—' },
          {
            key: 'created',
            title: t('sr.createdAt'),
            render: (_v, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatCompanyTime(r.createdAt).slice(0, 16)}</span>,
          },
        ]}
      />
      {creating && <TaskRequestFormDrawer open onClose={() => setCreating(false)} onSaved={(tr) => navigate(`/task-requests/${tr.id}`)} />}
    </Card>
  );
}
