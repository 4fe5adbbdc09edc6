import { Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PROJECT_STATUSES, PROJECT_STATUS_LABELS, type TProject, ZProjectQuery } from '@contract/projects';
import { useCan } from '../../api/me.hooks';
import { useProjects } from '../../api/projects.hooks';
import { useLocale } from '../../app/locale-context';
import { ListCard, ListCheckFilter, ListFilters, ListSearch, useControlWidth, useListTable } from '../../ui/list-page';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { useUrlQuery } from '../../ui/use-url-query';
import { useSrLabels } from '../service-requests/sr-labels';
import { ProjectFormDrawer } from './project-form-drawer';

export const PROJECT_STATUS_COLORS = { proposed: 'gold', active: 'processing', closed: 'default' } as const;

/** 项目: long, multi-department projects with their project manager (R-ORG-4). */
export function ProjectsPage() {
  const { t } = useLocale();
  const { pick } = useSrLabels();
  const canManage = useCan('projects.manage');
  const navigate = useNavigate();
  const [query, setQuery] = useUrlQuery(ZProjectQuery);
  const list = useProjects(query);
  const [creating, setCreating] = useState(false);

  const table = useListTable<TProject>(query, setQuery, list.data);
  const controlWidth = useControlWidth();

  return (
    <ListCard
      title={t('project.title')}
      create={canManage && { label: t('project.new'), onClick: () => setCreating(true), testId: 'project-new' }}
    >
      <ListFilters>
        <ListSearch
          value={query.q}
          placeholder={t('project.search')}
          onSearch={(q) => setQuery({ q, page: 1 })}
          width={260}
          testId="project-search"
        />
        <Select
          allowClear
          placeholder={t('project.status')}
          value={query.status}
          onChange={(status) => setQuery({ status, page: 1 })}
          options={PROJECT_STATUSES.map((s) => ({ value: s, label: pick(PROJECT_STATUS_LABELS[s]) }))}
          style={controlWidth(140)}
          data-testid="project-filter-status"
        />
        <ListCheckFilter
          checked={query.mine === 'true'}
          onChange={(mine) => setQuery({ mine: mine ? 'true' : undefined, page: 1 })}
          label={t('sr.onlyMine')}
          testId="project-filter-mine"
        />
      </ListFilters>
      <QueryErrorAlert query={list} />
      <Table<TProject>
        rowKey="id"
        data-testid="project-table"
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={table.onChange}
        scroll={{ x: 'max-content' }}
        pagination={table.pagination}
        columns={[
          {
            key: 'code',
            title: t('project.code'),
            render: (_v, p) => (
              <Link to={`/projects/${p.id}`} style={{ whiteSpace: 'nowrap' }} data-testid={`project-link-${p.id}`}>
                {p.code}
              </Link>
            ),
          },
          { key: 'name', title: t('project.name'), render: (_v, p) => p.name },
          {
            key: 'status',
            title: t('project.status'),
            render: (_v, p) => <Tag color={PROJECT_STATUS_COLORS[p.status]}>{pick(PROJECT_STATUS_LABELS[p.status])}</Tag>,
          },
          { key: 'customer', title: t('sr.customer'), render: (_v, p) => p.customer?.name ?? '—' },
          { key: 'manager', title: t('project.manager'), render: (_v, p) => p.projectManager?.name ?? '—' },
          { key: 'members', title: t('project.members'), render: (_v, p) => p.members.map((m) => m.name).join(t('common.listSep')) || '—' },
        ]}
      />
      {creating && <ProjectFormDrawer open onClose={() => setCreating(false)} onSaved={(p) => navigate(`/projects/${p.id}`)} />}
    </ListCard>
  );
}
