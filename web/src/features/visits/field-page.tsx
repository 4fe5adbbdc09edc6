import { EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Spin, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { TMyWork } from '@contract/my-work';
import type { TVisitListItem } from '@contract/visits';
import { useMyWork } from '../../api/service-requests.hooks';
import { useCreateVisit, useVisits } from '../../api/visits.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { StateTag } from '../service-requests/sr-tags';
import { VisitStageTag } from './visit-labels';

type TItem = TMyWork['todayItems'][number];

/** States in which the engineer can go on site for the request. */
const VISITABLE = new Set(['issued', 'accepted', 'scheduled', 'travelling', 'on_site', 'waiting_customer', 'waiting_parts', 'reopened']);

/** 现场服务: today's requests of the engineer, each with its visit to start or continue — made for a phone. */
export function FieldPage() {
  const { t } = useLocale();
  const errorText = useErrorText();
  const work = useMyWork();
  const visits = useVisits({ mine: 'true', page: 1, pageSize: 100 });

  if (work.isError || visits.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(work.error ?? visits.error)}
        action={
          <Button size="small" onClick={() => void Promise.all([work.refetch(), visits.refetch()])}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  if (!work.data || !visits.data) return <Spin />;
  const open = new Map<number, TVisitListItem>();
  for (const v of visits.data.items) if (v.stage !== 'departed' && !open.has(v.serviceRequest.id)) open.set(v.serviceRequest.id, v);
  const items = [...work.data.todayItems, ...work.data.upcoming.filter((i) => open.has(i.id))];

  return (
    <Flex vertical gap={16} data-testid="field-page" style={{ maxWidth: 720 }}>
      <Flex justify="space-between" align="center">
        <h1 className="fuwu-h1">{t('visits.fieldTitle')}</h1>
        <Button
          icon={<ReloadOutlined />}
          loading={work.isFetching}
          onClick={() => void Promise.all([work.refetch(), visits.refetch()])}
          aria-label={t('app.reload')}
        />
      </Flex>
      <h2 className="fuwu-h2">
        {t('myWork.today', { date: work.data.today })} <Tag>{items.length}</Tag>
      </h2>
      {items.length === 0 ? (
        <div className="fuwu-empty">{t('myWork.nothingToday')}</div>
      ) : (
        <Flex vertical gap={12}>
          {items.map((i) => (
            <RequestCard key={i.id} item={i} visit={open.get(i.id)} />
          ))}
        </Flex>
      )}
    </Flex>
  );
}

function RequestCard({ item: i, visit }: { item: TItem; visit: TVisitListItem | undefined }) {
  const { t } = useLocale();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const create = useCreateVisit();
  return (
    <article className="fuwu-card" data-testid={`field-card-${i.id}`}>
      <div className="fuwu-card-head">
        <Link to={`/service-requests/${i.id}`} style={{ fontWeight: 600 }}>
          {i.number}
        </Link>
        <StateTag state={i.state} />
        {visit && <VisitStageTag stage={visit.stage} />}
      </div>
      <div className="fuwu-card-body">
        <strong style={{ fontSize: 16 }}>{i.customer.name}</strong>
        {i.agreedArrivalAt && (
          <div>
            <span className="fuwu-muted">{t('sr.agreedArrival')}</span> <strong>{formatCompanyTime(i.agreedArrivalAt).slice(0, 16)}</strong>
          </div>
        )}
        {i.siteAddress && (
          <div>
            <EnvironmentOutlined className="fuwu-muted" /> {i.siteAddress}
          </div>
        )}
        <div className="fuwu-clamp">{i.description}</div>
        {create.isError && <Alert type="error" showIcon title={errorText(create.error)} />}
        {visit ? (
          <Button
            type="primary"
            size="large"
            block
            style={{ minHeight: 48 }}
            data-testid={`field-open-${i.id}`}
            onClick={() => void navigate(`/visits/${visit.id}`)}
          >
            {t('visits.continue')}
          </Button>
        ) : (
          VISITABLE.has(i.state) && (
            <Button
              type="primary"
              size="large"
              block
              style={{ minHeight: 48 }}
              loading={create.isPending}
              data-testid={`field-start-${i.id}`}
              onClick={() => create.mutate(i.id, { onSuccess: (v) => void navigate(`/visits/${v.id}`) })}
            >
              {t('visits.start')}
            </Button>
          )
        )}
      </div>
    </article>
  );
}
