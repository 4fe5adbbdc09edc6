import { EnvironmentOutlined, PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { StatusView } from '../../app/status-view';
import { FullPageSpin } from '../../ui/full-page-spin';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { TServiceCommitments } from '@contract/contracts';
import type { TMyWork } from '@contract/my-work';
import { useCompleteAction } from '../../api/reports.hooks';
import { useMyWork } from '../../api/service-requests.hooks';
import { type TTranslate, useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { LightButton } from '../../ui/light-button';
import { LightTag } from '../../ui/light-tag';
import { useDeferredData } from '../../ui/use-deferred-data';
import { useProgressiveCount } from '../../ui/use-progressive-count';
import { useErrorText } from '../../ui/error-text';
import { SrActions } from '../service-requests/sr-actions';
import { KindTag, PriorityTag, StateTag } from '../service-requests/sr-tags';
import { ShipmentLine } from '../inspections/shipment-line';

type TItem = TMyWork['todayItems'][number];

const hm = (iso: string) => formatCompanyTime(iso).slice(0, 16);

const DEADLINE_LABELS = { response: 'myWork.respondBy', arrival: 'myWork.arriveBy', resolution: 'myWork.resolveBy' } as const;

/** `5×8 · 响应 2 小时 · 到场 4 小时`: what the contract promises, in one line (R-EMER-3). */
function commitmentsLine(c: TServiceCommitments, t: TTranslate): string {
  const coverage =
    c.coverage.kind === 'custom'
      ? `${c.coverage.days.map((d) => t(`commit.weekday.${d}` as 'commit.weekday.1')).join(t('common.listSep'))} ${c.coverage.startHour}:00–${c.coverage.endHour}:00`
      : c.coverage.kind === '5x8'
        ? '5×8'
        : '7×24';
  const hours = (label: string, v: number | null) => (v === null ? null : `${label} ${v} ${t('contracts.hoursUnit')}`);
  return [
    coverage,
    hours(t('commit.response'), c.responseHours),
    hours(t('commit.arrival'), c.arrivalHours),
    hours(t('commit.resolution'), c.resolutionHours),
    c.remoteOnly ? t('commit.remoteOnlyYes') : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** 我的工作: the engineer's requests for today and coming days, as cards made for a phone. */
export function MyWorkPage() {
  const { t } = useLocale();
  const errorText = useErrorText();
  const work = useMyWork();
  const complete = useCompleteAction();
  const w = useDeferredData(work.data);
  // Today's cards first, then the coming days', a few per task (the first screen holds two or three).
  const drawn = useProgressiveCount(w ? w.todayItems.length + w.upcoming.length : 0);

  if (work.isError)
    return (
      // Plain elements, not antd's Alert and Spin: the phone downloads this page on a weak signal.
      <StatusView title={errorText(work.error)} action={{ label: t('app.retry'), onClick: () => void work.refetch() }} />
    );
  if (!w) return <FullPageSpin tip={t('app.loading')} />;

  return (
    <div className="fuwu-stack" style={{ gap: 16, maxWidth: 720 }} data-testid="my-work">
      <div className="fuwu-row fuwu-row-spread">
        <h1 className="fuwu-h1">{t('myWork.title')}</h1>
        <LightButton icon={<ReloadOutlined />} loading={work.isFetching} onClick={() => void work.refetch()} aria-label={t('app.reload')} />
      </div>
      <section data-testid="my-work-today">
        <h2 className="fuwu-h2">
          {t('myWork.today', { date: w.today })} <LightTag>{w.todayItems.length}</LightTag>
        </h2>
        {w.todayItems.length === 0 ? (
          <div className="fuwu-empty">{t('myWork.nothingToday')}</div>
        ) : (
          <div className="fuwu-stack" style={{ gap: 12 }}>
            {w.todayItems.slice(0, drawn).map((i) => (
              <WorkCard key={i.id} item={i} />
            ))}
          </div>
        )}
      </section>
      <section data-testid="my-work-upcoming">
        <h2 className="fuwu-h2">
          {t('myWork.upcoming')} <LightTag>{w.upcoming.length}</LightTag>
        </h2>
        {w.upcoming.length === 0 ? (
          <div className="fuwu-empty">{t('myWork.nothingUpcoming')}</div>
        ) : (
          <div className="fuwu-stack" style={{ gap: 12 }}>
            {w.upcoming.slice(0, Math.max(0, drawn - w.todayItems.length)).map((i) => (
              <WorkCard key={i.id} item={i} />
            ))}
          </div>
        )}
      </section>
      {w.actions.length > 0 && (
        <section data-testid="my-work-actions">
          <h2 className="fuwu-h2">
            {t('workReports.myActions')} <LightTag>{w.actions.length}</LightTag>
          </h2>
          <div className="fuwu-stack">
            {w.actions.map((a) => (
              <div key={a.id} className="fuwu-card fuwu-row fuwu-row-spread" style={{ flexWrap: 'nowrap' }}>
                <span>
                  {a.text} <LightTag>{a.dueDate}</LightTag>
                </span>
                <LightButton size="small" loading={complete.isPending} onClick={() => complete.mutate(a.id)}>
                  {t('workReports.markDone')}
                </LightButton>
              </div>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}

function WorkCard({ item: i }: { item: TItem }) {
  const { t } = useLocale();
  // The description shows three lines; "more" appears only when it is cut.
  const [expanded, setExpanded] = useState(false);
  const [cut, setCut] = useState(false);
  const description = useRef<HTMLDivElement>(null);
  // Measured when the browser lays the card out (a ResizeObserver), not right after React's commit:
  // reading sizes there would force a layout of the whole page once per card.
  useEffect(() => {
    const el = description.current;
    if (!el || expanded) return;
    const observer = new ResizeObserver(() => setCut(el.scrollHeight > el.clientHeight + 1));
    observer.observe(el);
    return () => observer.disconnect();
  }, [expanded]);
  return (
    <article className="fuwu-card" data-testid={`my-work-card-${i.id}`}>
      <div className="fuwu-card-head">
        <Link to={`/service-requests/${i.id}`} className="fuwu-card-title-link">
          {i.number}
        </Link>
        <StateTag state={i.state} />
        <PriorityTag priority={i.priority} />
        {i.role === 'backup' && <LightTag>{t('myWork.backup')}</LightTag>}
      </div>
      <div className="fuwu-card-body">
        <div>
          <strong style={{ fontSize: 16 }}>{i.customer.name}</strong>
          <div>
            <KindTag kind={i.kind} />
          </div>
        </div>
        {i.deadline && (
          <div data-testid={`my-work-deadline-${i.id}`} data-clock-state={i.deadline.state}>
            <span className="fuwu-muted">{t(DEADLINE_LABELS[i.deadline.kind])}</span>{' '}
            <strong
              style={{
                color:
                  i.deadline.state === 'breached'
                    ? 'var(--fuwu-danger)'
                    : i.deadline.state === 'at_risk'
                      ? 'var(--fuwu-warning)'
                      : undefined,
              }}
            >
              {hm(i.deadline.dueAt)}
            </strong>
            {i.deadline.state === 'breached' && (
              <LightTag color="error" style={{ marginInlineStart: 6 }}>
                {t('myWork.overdue')}
              </LightTag>
            )}
            {i.deadline.state === 'at_risk' && (
              <LightTag color="warning" style={{ marginInlineStart: 6 }}>
                {t('myWork.dueSoon')}
              </LightTag>
            )}
          </div>
        )}
        {(i.plannedStart || i.agreedArrivalAt) && (
          <div>
            {i.plannedStart && (
              <div>
                <span className="fuwu-muted">{t('myWork.planned')}</span> {hm(i.plannedStart)}
                {i.plannedEnd ? ` – ${formatCompanyTime(i.plannedEnd).slice(11, 16)}` : ''}
              </div>
            )}
            {i.agreedArrivalAt && (
              <div>
                <span className="fuwu-muted">{t('sr.agreedArrival')}</span> <strong>{hm(i.agreedArrivalAt)}</strong>
              </div>
            )}
          </div>
        )}
        {i.shipment && <ShipmentLine shipment={i.shipment} testId={`my-work-shipment-${i.id}`} />}
        {i.siteAddress && (
          <div>
            <EnvironmentOutlined className="fuwu-muted" /> {i.siteAddress}
          </div>
        )}
        {(i.contactName || i.contactPhone) && (
          <div className="fuwu-row fuwu-row-spread" style={{ flexWrap: 'nowrap' }}>
            <span>
              <span className="fuwu-muted">{t('sr.contactName')}</span> {i.contactName ?? '—'}
            </span>
            {i.contactPhone && (
              <LightButton href={`tel:${i.contactPhone}`} icon={<PhoneOutlined />} data-testid={`my-work-call-${i.id}`}>
                {i.contactPhone}
              </LightButton>
            )}
          </div>
        )}
        <div>
          <div ref={description} className={expanded ? undefined : 'fuwu-clamp'} style={{ whiteSpace: 'pre-wrap' }}>
            {i.description}
          </div>
          {!expanded && cut && (
            <button type="button" className="fuwu-link-button" onClick={() => setExpanded(true)}>
              {t('myWork.more')}
            </button>
          )}
        </div>
        {i.equipment.length > 0 && (
          <div data-testid={`my-work-equipment-${i.id}`}>
            <div className="fuwu-muted">{t('sr.equipment')}</div>
            {i.equipment.map((e) => (
              <div key={e.id}>
                {e.brand} {e.model}
                {e.sn ? <code className="fuwu-code">SN {e.sn}</code> : null}
              </div>
            ))}
          </div>
        )}
        {i.contract && (
          <div style={{ background: 'rgba(0, 0, 0, 0.02)', borderRadius: 6, padding: '6px 8px' }}>
            <div>
              <span className="fuwu-muted">{t('sr.contract')}</span> {i.contract.number}
            </div>
            {i.commitments && <div data-testid={`my-work-commitments-${i.id}`}>{commitmentsLine(i.commitments, t)}</div>}
          </div>
        )}
        <SrActions target={{ id: i.id, kind: i.kind, allowedActions: i.allowedActions }} block />
      </div>
    </article>
  );
}
