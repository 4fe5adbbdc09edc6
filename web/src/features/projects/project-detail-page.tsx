import { ArrowLeftOutlined, EditOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { PROJECT_STATUS_LABELS } from '@contract/projects';
import { useCan, useCurrentUser } from '../../api/me.hooks';
import { useAgreeToProject, useProject } from '../../api/projects.hooks';
import { formatCompanyTime } from '../../ui/company-time';
import { useNotify } from '../../ui/notify';
import { useServiceRequests } from '../../api/service-requests.hooks';
import { useLocale } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { useIsPhone } from '../../ui/use-is-phone';
import { useSrLabels } from '../service-requests/sr-labels';
import { StateTag } from '../service-requests/sr-tags';
import { ProjectFormDrawer } from './project-form-drawer';
import { ProjectTeamDrawer } from './project-team-drawer';
import { PROJECT_STATUS_COLORS } from './projects-page';

const dash = '—';

/** One project: its manager, members, contracts and the service requests filed under it. */
export function ProjectDetailPage() {
  const { t } = useLocale();
  const { pick } = useSrLabels();
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const canManage = useCan('projects.manage');
  const canEditTeams = useCan('projects.team');
  const me = useCurrentUser();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const project = useProject(valid ? id : undefined);
  const requests = useServiceRequests({ projectId: id, page: 1, pageSize: 50, sort: '-createdAt' }, { enabled: valid });
  const [editing, setEditing] = useState(false);
  const [editingTeam, setEditingTeam] = useState(false);
  const agree = useAgreeToProject();
  const notify = useNotify();

  if (project.isError) return <Alert type="error" showIcon title={errorText(project.error)} />;
  if (!project.data) return <Spin />;
  const p = project.data;
  // R-ORG-4: the technical manager answers for every project, the project manager for his own.
  const canEditTeam = canManage || (canEditTeams && p.projectManager?.id === me.id);
  const isParticipant = p.projectManager?.id === me.id || p.members.some((m) => m.id === me.id);
  const hasAgreed = p.agreements.some((a) => a.user.id === me.id);

  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <span data-testid="project-title">
            {p.code} {p.name}
          </span>
          <Tag color={PROJECT_STATUS_COLORS[p.status]}>{pick(PROJECT_STATUS_LABELS[p.status])}</Tag>
        </Flex>
      }
      extra={
        <Flex gap={8}>
          {canEditTeam && (
            <Button
              icon={<TeamOutlined />}
              onClick={() => setEditingTeam(true)}
              aria-label={t('project.editTeam')}
              data-testid="project-edit-team"
            >
              {isPhone ? null : t('project.editTeam')}
            </Button>
          )}
          {canManage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} aria-label={t('common.edit')} data-testid="project-edit">
              {isPhone ? null : t('common.edit')}
            </Button>
          )}
        </Flex>
      }
      styles={{ body: { padding: isPhone ? 12 : undefined } }}
    >
      <Flex vertical gap={16}>
        <Descriptions
          bordered
          size="small"
          column={isPhone ? 1 : 2}
          items={[
            {
              key: 'customer',
              label: t('sr.customer'),
              children: p.customer ? <Link to={`/customers/${p.customer.id}`}>{p.customer.name}</Link> : dash,
            },
            { key: 'manager', label: t('project.manager'), children: p.projectManager?.name ?? dash },
            { key: 'proposedBy', label: t('project.proposedBy'), children: p.proposedBy?.name ?? dash },
            { key: 'members', label: t('project.members'), children: p.members.map((m) => m.name).join(t('common.listSep')) || dash },
            {
              key: 'agreements',
              label: t('project.agreements'),
              span: isPhone ? 1 : 2,
              children: (
                <Flex gap={8} wrap align="center" data-testid="project-agreements">
                  {p.agreements.length === 0 && dash}
                  {p.agreements.map((a) => (
                    <Tag key={a.user.id} color="green" title={a.note ?? undefined}>
                      {t('project.agreedBy', { name: a.user.name, at: formatCompanyTime(a.at).slice(0, 16) })}
                    </Tag>
                  ))}
                  {isParticipant && !hasAgreed && (
                    <Button
                      size="small"
                      type="primary"
                      loading={agree.isPending}
                      onClick={() =>
                        agree.mutate({ id: p.id }, { onSuccess: () => notify.success(t('project.agreed')), onError: notify.error })
                      }
                      data-testid="project-agree"
                    >
                      {t('project.agree')}
                    </Button>
                  )}
                </Flex>
              ),
            },
            {
              key: 'contracts',
              label: t('project.contracts'),
              span: isPhone ? 1 : 2,
              children: p.contracts.length
                ? p.contracts.map((c, i) => (
                    <span key={c.id}>
                      {i > 0 && t('common.listSep')}
                      <Link to={`/contracts/${c.id}`}>{c.number}</Link>
                    </span>
                  ))
                : dash,
            },
            { key: 'notes', label: t('sr.remarks'), span: isPhone ? 1 : 2, children: p.notes ?? dash },
          ]}
        />
        <div>
          <Typography.Title level={5}>{t('nav.serviceRequests')}</Typography.Title>
          {(requests.data?.items ?? []).length === 0 ? (
            <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
          ) : (
            <Flex vertical gap={4} data-testid="project-requests">
              {requests.data?.items.map((r) => (
                <Flex key={r.id} gap={8} align="center" wrap>
                  <Link to={`/service-requests/${r.id}`}>{r.number}</Link>
                  <StateTag state={r.state} />
                  <span>{r.description}</span>
                </Flex>
              ))}
            </Flex>
          )}
        </div>
      </Flex>
      {editing && <ProjectFormDrawer open project={p} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      {editingTeam && <ProjectTeamDrawer project={p} onClose={() => setEditingTeam(false)} />}
    </Card>
  );
}
