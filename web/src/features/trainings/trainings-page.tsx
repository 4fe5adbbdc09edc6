import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, Select, Table } from 'antd';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import {
  FEEDBACK_RATINGS,
  TRAINING_SESSION_STATES,
  type TFeedbackScore,
  type TTrainingPlan,
  type TTrainingSession,
} from '@contract/trainings';
import { useCan } from '../../api/me.hooks';
import {
  feedbackScoresExportUrl,
  trainingSessionsExportUrl,
  useFeedbackScores,
  useTrainingPlans,
  useTrainingSessions,
} from '../../api/trainings.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { ListCard, ListFilters, useControlWidth, useListTable } from '../../ui/list-page';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { COLUMN_WIDTH, CutText, NO_WRAP, useFitTable } from '../../ui/table-cells';
import { useUrlQuery } from '../../ui/use-url-query';
import { UserSelect } from '../../ui/user-select';
import { scoreText, SessionStateTag } from './training-labels';
import { TrainingPlanFormDrawer } from './training-plan-form-drawer';

const TABS = ['sessions', 'plans', 'scores'] as const;
const ZUrlQuery = z.object({
  tab: z.enum(TABS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  state: z.enum(TRAINING_SESSION_STATES).optional(),
  trainerId: z.coerce.number().int().positive().optional(),
  by: z.enum(['session', 'trainer', 'course']).optional(),
  create: z.enum(['plan']).optional(),
});

/** 客户培训: sessions (R-TRAIN-2/3), plans (R-TRAIN-1) and feedback scores (R-TRAIN-3), each exportable. */
export function TrainingsPage() {
  const { t } = useLocale();
  const [query, setQuery] = useUrlQuery(ZUrlQuery);
  const canPlan = useCan('trainings.plan');
  const canExport = useCan('trainings.export');
  const navigate = useNavigate();
  const tab = query.tab ?? 'sessions';
  return (
    <ListCard
      title={t('trainings.title')}
      testId="trainings-page"
      create={canPlan && { label: t('trainings.newPlan'), onClick: () => setQuery({ create: 'plan' }), testId: 'trainings-new-plan' }}
    >
      <Segmented
        value={tab}
        onChange={(v) => setQuery({ tab: v as (typeof TABS)[number], page: 1 })}
        options={TABS.map((k) => ({ value: k, label: t(`trainings.tab.${k}`) }))}
        style={{ marginBottom: 12 }}
        data-testid="trainings-tab"
      />
      {tab === 'sessions' && <SessionsTab query={query} setQuery={setQuery} canExport={canExport} />}
      {tab === 'plans' && <PlansTab query={query} setQuery={setQuery} />}
      {tab === 'scores' && <ScoresTab by={query.by ?? 'session'} setBy={(by) => setQuery({ by })} canExport={canExport} />}
      {query.create === 'plan' && (
        <TrainingPlanFormDrawer onClose={() => setQuery({ create: undefined })} onCreated={(id) => navigate(`/trainings/plans/${id}`)} />
      )}
    </ListCard>
  );
}

type TQuery = z.infer<typeof ZUrlQuery>;
type TSetQuery = (patch: Partial<TQuery>) => void;

function SessionsTab({ query, setQuery, canExport }: { query: TQuery; setQuery: TSetQuery; canExport: boolean }) {
  const { t } = useLocale();
  const controlWidth = useControlWidth();
  const listQuery = { page: query.page, pageSize: query.pageSize, state: query.state, trainerId: query.trainerId };
  const list = useTrainingSessions(listQuery);
  const table = useListTable<TTrainingSession>(query, setQuery, list.data);
  const fitTable = useFitTable();
  return (
    <>
      <ListFilters>
        <Select
          allowClear
          placeholder={t('trainings.state')}
          value={query.state}
          onChange={(state) => setQuery({ state, page: 1 })}
          options={TRAINING_SESSION_STATES.map((s) => ({ value: s, label: t(`trainings.state.${s}`) }))}
          style={controlWidth(140)}
          data-testid="trainings-filter-state"
        />
        <UserSelect
          holding="engineer"
          placeholder={t('trainings.trainer')}
          value={query.trainerId}
          onChange={(v) => setQuery({ trainerId: v ?? undefined, page: 1 })}
          style={controlWidth(200)}
        />
        {canExport && (
          <Button
            icon={<DownloadOutlined />}
            href={trainingSessionsExportUrl({ state: query.state, trainerId: query.trainerId })}
            download
            data-testid="trainings-export"
          >
            {t('trainings.export')}
          </Button>
        )}
      </ListFilters>
      <QueryErrorAlert query={list} />
      <Table<TTrainingSession>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={table.pagination}
        onChange={table.onChange}
        {...fitTable}
        data-testid="trainings-sessions"
        columns={[
          {
            key: 'startsAt',
            title: t('trainings.startsAt'),
            width: COLUMN_WIDTH.dateTime,
            render: (_, r) => <span style={NO_WRAP}>{formatCompanyTime(r.startsAt).slice(0, 16)}</span>,
          },
          {
            key: 'course',
            title: `${t('trainings.course')} / ${t('trainings.place')}`,
            render: (_, r) => <CutText title={r.course} text={<Link to={`/trainings/sessions/${r.id}`}>{r.course}</Link>} sub={r.place} />,
          },
          {
            key: 'customer',
            title: t('trainings.customer'),
            render: (_, r) => <CutText text={r.customer.name} />,
          },
          {
            key: 'trainer',
            title: t('trainings.trainer'),
            width: COLUMN_WIDTH.person,
            render: (_, r) => <CutText text={r.trainer.name} />,
          },
          { key: 'hours', title: t('trainings.hours'), width: 64, dataIndex: 'hours' },
          {
            key: 'heads',
            title: `${t('trainings.expected')} / ${t('trainings.signedIn')}`,
            width: 120,
            render: (_, r) => `${r.confirmedAttendees ?? r.expectedAttendees} / ${r.attendeeCount}`,
          },
          { key: 'feedback', title: t('trainings.feedbackCount'), width: 80, dataIndex: 'feedbackCount' },
          { key: 'certs', title: t('trainings.certificates'), width: 80, dataIndex: 'certificateCount' },
          { key: 'state', title: t('trainings.state'), width: 100, render: (_, r) => <SessionStateTag state={r.state} /> },
        ]}
      />
    </>
  );
}

function PlansTab({ query, setQuery }: { query: TQuery; setQuery: TSetQuery }) {
  const { t } = useLocale();
  const list = useTrainingPlans({ page: query.page, pageSize: query.pageSize });
  const table = useListTable<TTrainingPlan>(query, setQuery, list.data);
  const fitTable = useFitTable();
  return (
    <>
      <QueryErrorAlert query={list} />
      <Table<TTrainingPlan>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={table.pagination}
        onChange={table.onChange}
        {...fitTable}
        data-testid="trainings-plans"
        columns={[
          {
            key: 'number',
            title: t('trainings.plan'),
            width: 150,
            render: (_, r) => (
              <Link to={`/trainings/plans/${r.id}`} style={NO_WRAP}>
                {r.number}
              </Link>
            ),
          },
          { key: 'title', title: t('trainings.planTitle'), render: (_, r) => <CutText text={r.title} /> },
          {
            key: 'customer',
            title: `${t('trainings.customer')} / ${t('trainings.contract')}`,
            render: (_, r) => <CutText text={r.customer.name} sub={r.contract.number} />,
          },
          { key: 'sessions', title: t('trainings.sessions'), width: 90, dataIndex: 'sessionCount' },
          { key: 'hours', title: t('trainings.plannedHours'), width: 90, dataIndex: 'plannedHours' },
          {
            key: 'sent',
            title: t('trainings.sentAt'),
            width: COLUMN_WIDTH.dateTime,
            render: (_, r) => <span style={NO_WRAP}>{r.sentAt ? formatCompanyTime(r.sentAt).slice(0, 16) : t('trainings.notSent')}</span>,
          },
        ]}
      />
    </>
  );
}

function ScoresTab({
  by,
  setBy,
  canExport,
}: {
  by: 'session' | 'trainer' | 'course';
  setBy: (by: 'session' | 'trainer' | 'course') => void;
  canExport: boolean;
}) {
  const { t } = useLocale();
  const scores = useFeedbackScores({ by });
  const fitTable = useFitTable();
  return (
    <>
      <ListFilters>
        <Flex gap={8} align="center">
          {t('trainings.scoresBy')}
          <Segmented
            value={by}
            onChange={(v) => setBy(v as typeof by)}
            options={(['session', 'trainer', 'course'] as const).map((k) => ({ value: k, label: t(`trainings.scoresBy.${k}`) }))}
            data-testid="trainings-scores-by"
          />
        </Flex>
        {canExport && (
          <Button icon={<DownloadOutlined />} href={feedbackScoresExportUrl({ by })} download data-testid="trainings-scores-export">
            {t('trainings.export')}
          </Button>
        )}
      </ListFilters>
      <QueryErrorAlert query={scores} />
      <Table<TFeedbackScore>
        rowKey="key"
        size="middle"
        loading={scores.isFetching}
        dataSource={scores.data?.items}
        pagination={false}
        {...fitTable}
        data-testid="trainings-scores"
        columns={[
          {
            key: 'label',
            title: t(`trainings.scoresBy.${by}`),
            render: (_, r) => (
              <CutText title={r.label} text={by === 'session' ? <Link to={`/trainings/sessions/${r.key}`}>{r.label}</Link> : r.label} />
            ),
          },
          { key: 'answers', title: t('trainings.answers'), width: 90, dataIndex: 'answers' },
          ...FEEDBACK_RATINGS.map((k) => ({
            key: k,
            title: t(`trainings.rating.${k}`),
            width: 100,
            render: (_: unknown, r: TFeedbackScore) => scoreText(r.averages[k]),
          })),
          { key: 'overall', title: t('trainings.overall'), width: 100, render: (_, r) => <strong>{scoreText(r.averages.overall)}</strong> },
        ]}
      />
    </>
  );
}
