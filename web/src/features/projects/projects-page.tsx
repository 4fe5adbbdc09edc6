import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Input, Select, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PROJECT_STATUSES, PROJECT_STATUS_LABELS, type TProject, ZProjectQuery } from '@contract/projects';
import { useCan } from '../../api/me.hooks';
import { useProjects } from '../../api/projects.hooks';
import { useLocale } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { useIsPhone } from '../../ui/use-is-phone';
import { useUrlQuery } from '../../ui/use-url-query';
import { useSrLabels } from '../service-requests/sr-labels';
import { ProjectFormDrawer } from './project-form-drawer';

export const PROJECT_STATUS_COLORS = { proposed: 'gold', active: 'processing', closed: 'default' } as const;

/** 项目: long, multi-department projects with their project manager (R-ORG-4). */
export function ProjectsPage() {
  const { t } = useLocale();
  const { pick } = useSrLabels();
  const canManage = useCan('projects.manage');
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [query, setQuery] = useUrlQuery(ZProjectQuery);
  const list = useProjects(query);
  const [creating, setCreating] = useState(false);

  const onTableChange: TableProps<TProject>['onChange'] = (p) => setQuery({ page: p.current ?? 1, pageSize: p.pageSize ?? query.pageSize });

  return (
    <Card
      title={t('project.title')}
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="project-new"
            aria-label={t('project.new')}
          >
            {isPhone ? null : t('project.new')}
          </Button>
        )
      }
      styles={{ body: { padding: isPhone ? 12 : undefined } }}
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          key={`q-${query.q ?? ''}`}
          defaultValue={query.q}
          allowClear
          enterButton
          placeholder={t('project.search')}
          onSearch={(q) => setQuery({ q: q.trim() || undefined, page: 1 })}
          style={{ width: isPhone ? '100%' : 260 }}
          data-testid="project-search"
        />
        <Select
          allowClear
          placeholder={t('project.status')}
          value={query.status}
          onChange={(status) => setQuery({ status, page: 1 })}
          options={PROJECT_STATUSES.map((s) => ({ value: s, label: pick(PROJECT_STATUS_LABELS[s]) }))}
          style={{ width: isPhone ? '100%' : 140 }}
          data-testid="project-filter-status"
        />
        <Checkbox
          checked={query.mine === 'true'}
          onChange={(e) => setQuery({ mine: e.target.checked ? 'true' : undefined, page: 1 })}
          style={{ alignSelf: 'center' }}
          data-testid="project-filter-mine"
        >
          {t('sr.onlyMine')}
        </Checkbox>
      </Flex>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<TProject>
        rowKey="id"
        data-testid="project-table"
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
    </Card>
  );
}
