import { Button, Flex, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { VISITABLE_STATES } from '@contract/service-request-states';
import type { TServiceRequestDetail } from '@contract/service-requests';
import { useCan } from '../../api/me.hooks';
import { requestVisitsQuery } from '../../api/service-request-page.prefetch';
import { useCreateVisit, useVisits } from '../../api/visits.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useNotify } from '../../ui/notify';
import { VisitStageTag } from './visit-labels';

/** A request's visits on its detail page: when, late or on time, the hours; a new one for its engineers. */
export function ServiceRequestVisits({ request: r }: { request: TServiceRequestDetail }) {
  const { t } = useLocale();
  const notify = useNotify();
  const navigate = useNavigate();
  const canRecord = useCan('visits.record');
  const visits = useVisits(requestVisitsQuery(r.id));
  const create = useCreateVisit();
  return (
    <section data-testid="sr-visits">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <h2 className="fuwu-h2">{t('visits.ofRequest')}</h2>
        {canRecord && VISITABLE_STATES.includes(r.state) && (
          <Button
            loading={create.isPending}
            data-testid="sr-new-visit"
            onClick={() => create.mutate(r.id, { onSuccess: (v) => void navigate(`/visits/${v.id}`), onError: notify.error })}
          >
            {t('visits.start')}
          </Button>
        )}
      </Flex>
      {(visits.data?.items ?? []).length === 0 ? (
        <div className="fuwu-empty">{t('visits.none')}</div>
      ) : (
        <Flex vertical gap={6}>
          {visits.data?.items.map((v) => (
            <Flex key={v.id} gap={8} align="center" wrap>
              <Link to={`/visits/${v.id}`}>{formatCompanyTime(v.arrivedAt ?? v.createdAt).slice(0, 16)}</Link>
              <VisitStageTag stage={v.stage} />
              <span>{v.engineer.name}</span>
              {v.late === true && <Tag color="red">{t('visits.late', { minutes: v.lateMinutes ?? 0 })}</Tag>}
              {v.late === false && <Tag color="green">{t('visits.onTime')}</Tag>}
              {v.travelHours !== null && <span className="fuwu-muted">{t('visits.travelHours', { hours: v.travelHours })}</span>}
              {v.onSiteHours !== null && <span className="fuwu-muted">{t('visits.onSiteHours', { hours: v.onSiteHours })}</span>}
            </Flex>
          ))}
        </Flex>
      )}
    </section>
  );
}
