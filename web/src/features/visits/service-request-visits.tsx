import { Link, useNavigate } from 'react-router';
import { VISITABLE_STATES } from '@contract/service-request-states';
import type { TServiceRequestDetail } from '@contract/service-requests';
import { useCan } from '../../api/me.hooks';
import { requestVisitsQuery } from '../../api/service-request-page.prefetch';
import { useCreateVisit, useVisits } from '../../api/visits.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { LightButton } from '../../ui/light-button';
import { LightTag } from '../../ui/light-tag';
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
      <div className="fuwu-row fuwu-row-spread">
        <h2 className="fuwu-h2">{t('visits.ofRequest')}</h2>
        {canRecord && VISITABLE_STATES.includes(r.state) && (
          <LightButton
            loading={create.isPending}
            data-testid="sr-new-visit"
            onClick={() => create.mutate(r.id, { onSuccess: (v) => void navigate(`/visits/${v.id}`), onError: notify.error })}
          >
            {t('visits.start')}
          </LightButton>
        )}
      </div>
      {(visits.data?.items ?? []).length === 0 ? (
        <div className="fuwu-empty">{t('visits.none')}</div>
      ) : (
        <div className="fuwu-stack" style={{ gap: 6 }}>
          {visits.data?.items.map((v) => (
            <div key={v.id} className="fuwu-row">
              <Link to={`/visits/${v.id}`}>{formatCompanyTime(v.arrivedAt ?? v.createdAt).slice(0, 16)}</Link>
              <VisitStageTag stage={v.stage} />
              <span>{v.engineer.name}</span>
              {v.late === true && <LightTag color="red">{t('visits.late', { minutes: v.lateMinutes ?? 0 })}</LightTag>}
              {v.late === false && <LightTag color="green">{t('visits.onTime')}</LightTag>}
              {v.travelHours !== null && <span className="fuwu-muted">{t('visits.travelHours', { hours: v.travelHours })}</span>}
              {v.onSiteHours !== null && <span className="fuwu-muted">{t('visits.onSiteHours', { hours: v.onSiteHours })}</span>}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
