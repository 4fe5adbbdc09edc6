import { Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { TASK_REQUEST_STATES } from '@contract/task-requests';
import { type TTaskRequest, ZTaskRequestQuery } from '@contract/task-requests';
import { useCan } from '../../api/me.hooks';
import { useTaskRequests } from '../../api/task-requests.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { ListCard, ListCheckFilter, ListFilters, useControlWidth, useListTable } from '../../ui/list-page';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { useUrlQuery } from '../../ui/use-url-query';
import { TaskRequestFormDrawer } from './task-request-form-drawer';
import { TASK_STATE_COLORS, useTaskLabels } from './task-request-labels';

/** 任务要求单: the technical manager's written assignments (R-ORG-3). */
export function TaskRequestsPage() {
  const { t } = useLocale();
  const labels = useTaskLabels();
  const canManage = useCan('task_requests.manage');
  const navigate = useNavigate();
  const [query, setQuery] = useUrlQuery(ZTaskRequestQuery);
  const list = useTaskRequests(query);
  const [creating, setCreating] = useState(false);

  const table = useListTable<TTaskRequest>(query, setQuery, list.data);
  const controlWidth = useControlWidth();

  return (
    <ListCard title={t('task.title')} create={canManage && { label: t('task.new'), onClick: () => setCreating(true), testId: 'task-new' }}>
      <ListFilters>
        <Select
          allowClear
          placeholder={t('sr.filterState')}
          value={query.state}
          onChange={(state) => setQuery({ state, page: 1 })}
          options={TASK_REQUEST_STATES.map((s) => ({ value: s, label: labels.state(s) }))}
          style={controlWidth(160)}
          data-testid="task-filter-state"
        />
        <ListCheckFilter
          checked={query.mine === 'true'}
          onChange={(mine) => setQuery({ mine: mine ? 'true' : undefined, page: 1 })}
          label={t('sr.onlyMine')}
          testId="task-filter-mine"
        />
      </ListFilters>
      <QueryErrorAlert query={list} />
      <Table<TTaskRequest>
        rowKey="id"
        data-testid="task-table"
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={table.onChange}
        scroll={{ x: 'max-content' }}
        pagination={table.pagination}
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
    </ListCard>
  );
}
