import { ArrowLeftOutlined, EditOutlined, PhoneOutlined } from '@ant-design/icons';
import { Suspense, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isTerminalState } from '@contract/service-request-states';
import type { TServiceRequestDetail } from '@contract/service-requests';
import { useCan } from '../../api/me.hooks';
import { useServiceRequest } from '../../api/service-requests.hooks';
import { useLocale } from '../../app/locale-context';
import { StatusView } from '../../app/status-view';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { FullPageSpin } from '../../ui/full-page-spin';
import { LightButton } from '../../ui/light-button';
import { LightDescriptions } from '../../ui/light-descriptions';
import { LightTable } from '../../ui/light-table';
import { lazyWithAntd } from '../../ui/lazy-with-antd';
import { PrintPdfButton } from '../../ui/print-pdf-button';
import { useDeferredData } from '../../ui/use-deferred-data';
import { useIsPhone } from '../../ui/use-is-phone';
import { useProgressiveCount } from '../../ui/use-progressive-count';
import { ServiceRequestEscalations } from '../escalations/service-request-escalations';
import { RequestInspectionLink } from '../inspections/request-inspection-link';
import { ServiceRequestVisits } from '../visits/service-request-visits';
import { ServiceRequestHistory } from './service-request-history';
import { SlaClocks } from './sla-clocks';
import { SrAttachments } from './sr-attachments';
import { SrActions } from './sr-actions';
import { IncompleteTag, KindTag, PriorityTag, SlaBadge, StateTag } from './sr-tags';

// The form (its date pickers, selects and drawer) loads when "edit" is first pressed.
const ServiceRequestFormDrawer = lazyWithAntd(() => import('./service-request-form-drawer').then((m) => m.ServiceRequestFormDrawer));

const dash = '—';
const time = (v: string | null) => (v ? formatCompanyTime(v).slice(0, 16) : dash);

/** One Service Request Form (服务要求单): the form, its SLA clocks, pauses, history and the steps open to the caller. */
export function ServiceRequestDetailPage() {
  const { t } = useLocale();
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const canAct = useCan('service_requests.act');
  const id = Number(useParams().id);
  const sr = useServiceRequest(Number.isInteger(id) && id > 0 ? id : undefined);
  const [editing, setEditing] = useState(false);
  const r = useDeferredData(sr.data);
  // The form first; the sections below it (attachments, escalations, visits, history; off a phone's
  // first screen) in the next task, so the first commit is the form's alone.
  const below = useProgressiveCount(r ? 1 : 0, 0, 1) === 1;

  if (sr.isError) return <StatusView title={errorText(sr.error)} action={{ label: t('app.retry'), onClick: () => void sr.refetch() }} />;
  if (!r) return <FullPageSpin tip={t('app.loading')} />;

  // A plain card and headings (app/shell.css), not antd's Card and Typography: this is the page an
  // engineer opens on a phone at the customer's site, on a weak signal.
  return (
    <div className="fuwu-card" data-testid="sr-detail">
      <div className="fuwu-card-head fuwu-row-spread" style={{ padding: isPhone ? '8px 12px' : '12px 24px' }}>
        <div className="fuwu-row" style={{ fontSize: 16, fontWeight: 600 }}>
          <LightButton type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <span data-testid="sr-title">{r.number}</span>
          <StateTag state={r.state} testId="sr-state" />
          <SlaBadge status={r.slaStatus} />
          {r.incomplete && <IncompleteTag t={t} />}
        </div>
        <div className="fuwu-row" style={{ flexWrap: 'nowrap' }}>
          <PrintPdfButton href={`/api/service-requests/${r.id}/form.pdf`} testId="sr-pdf" />
          {canAct && !isTerminalState(r.state) && (
            <LightButton
              icon={<EditOutlined />}
              onClick={() => setEditing(true)}
              aria-label={isPhone ? (r.incomplete ? t('sr.complete') : t('common.edit')) : undefined}
              data-testid="sr-edit"
            >
              {isPhone ? null : r.incomplete ? t('sr.complete') : t('common.edit')}
            </LightButton>
          )}
        </div>
      </div>
      <div className="fuwu-card-body" style={{ padding: isPhone ? 12 : 24, gap: 20 }}>
        <SrActions target={r} block={isPhone} />
        {r.kind === 'goods_inspection' && r.contract && <RequestInspectionLink requestId={r.id} />}
        {r.warnings.map((w) => (
          <div
            key={w.code}
            className="fuwu-message fuwu-message-warning"
            role="alert"
            style={{ margin: 0 }}
            data-testid={`sr-warning-${w.code}`}
          >
            {w.message}
          </div>
        ))}
        <FormView request={r} />
        <section>
          <h2 className="fuwu-h2">{t('sr.sectionSla')}</h2>
          <SlaClocks sla={r.sla} request={r} />
        </section>
        <section>
          <h2 className="fuwu-h2">{t('sr.sectionPauses')}</h2>
          <Pauses request={r} />
        </section>
        {below && (
          <>
            <SrAttachments request={r} />
            <ServiceRequestEscalations request={r} />
            <ServiceRequestVisits request={r} />
            <section>
              <h2 className="fuwu-h2">{t('sr.sectionHistory')}</h2>
              <ServiceRequestHistory requestId={r.id} />
            </section>
          </>
        )}
      </div>
      {editing && (
        <Suspense>
          <ServiceRequestFormDrawer open request={r} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
        </Suspense>
      )}
    </div>
  );
}

function FormView({ request: r }: { request: TServiceRequestDetail }) {
  const { t } = useLocale();
  const isPhone = useIsPhone();
  const full = isPhone ? 1 : 3;
  return (
    <LightDescriptions
      column={full}
      testId="sr-form-view"
      items={[
        {
          key: 'kind',
          label: t('sr.kind'),
          children: (
            <span className="fuwu-row" style={{ gap: 4 }}>
              <KindTag kind={r.kind} />
              <PriorityTag priority={r.priority} />
            </span>
          ),
        },
        { key: 'customer', label: t('sr.customer'), children: <Link to={`/customers/${r.customer.id}`}>{r.customer.name}</Link> },
        {
          key: 'contract',
          label: t('sr.contract'),
          children: r.contract ? <Link to={`/contracts/${r.contract.id}`}>{r.contract.number}</Link> : dash,
        },
        {
          key: 'description',
          label: t('sr.description'),
          span: full,
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.description}</span>,
        },
        {
          key: 'equipment',
          label: t('sr.equipment'),
          span: full,
          children: r.equipment.length
            ? r.equipment.map((e) => (
                <div key={e.id}>
                  <Link to={`/equipment/${e.id}`}>
                    {e.brand} {e.model}
                  </Link>
                  {e.sn ? ` · SN ${e.sn}` : ''}
                </div>
              ))
            : dash,
        },
        { key: 'contact', label: t('sr.contactName'), children: r.contactName ?? dash },
        {
          key: 'phone',
          label: t('sr.contactPhone'),
          children: r.contactPhone ? (
            <a href={`tel:${r.contactPhone}`}>
              <PhoneOutlined /> {r.contactPhone}
            </a>
          ) : (
            dash
          ),
        },
        { key: 'site', label: t('sr.siteAddress'), children: r.siteAddress ?? dash },
        { key: 'issuedBy', label: t('sr.issuedBy'), children: r.issuedBy?.name ?? dash },
        { key: 'responsible', label: t('sr.responsibleEngineer'), children: r.responsibleEngineer?.name ?? dash },
        { key: 'backup', label: t('sr.backupEngineer'), children: r.backupEngineer?.name ?? dash },
        { key: 'requested', label: t('sr.requestedDate'), children: r.requestedDate ?? dash },
        {
          key: 'planned',
          label: t('sr.plannedTime'),
          children: r.plannedStart || r.plannedEnd ? `${time(r.plannedStart)} ~ ${time(r.plannedEnd)}` : dash,
        },
        { key: 'agreed', label: t('sr.agreedArrival'), children: time(r.agreedArrivalAt) },
        ...(r.project
          ? [
              {
                key: 'project',
                label: t('sr.project'),
                children: `${r.project.code} ${r.project.name}${r.projectManager ? ` · ${r.projectManager.name}` : ''}`,
              },
            ]
          : []),
        {
          key: 'origin',
          label: t('sr.originLabel'),
          children: (
            <>
              {t(`sr.origin.${r.origin}`)}
              {r.originRef && ' · '}
              {/* A request made from a call names the call's number: the call links back to the request. */}
              {r.originRef && r.origin === 'call' ? (
                <Link to={`/calls?view=all&q=${encodeURIComponent(r.originRef)}`}>{r.originRef}</Link>
              ) : (
                r.originRef
              )}
            </>
          ),
        },
        { key: 'remarks', label: t('sr.remarks'), span: full, children: r.remarks ?? dash },
      ]}
    />
  );
}

function Pauses({ request: r }: { request: TServiceRequestDetail }) {
  const { t } = useLocale();
  if (r.pauses.length === 0) return <span className="fuwu-muted">{t('sr.noPauses')}</span>;
  return (
    <LightTable
      rowKey={(p) => p.id}
      testId="sr-pauses"
      rows={r.pauses}
      columns={[
        { key: 'state', title: t('sr.state'), render: (p) => <StateTag state={p.state} /> },
        { key: 'from', title: t('sr.pauseFrom'), render: (p) => time(p.from) },
        { key: 'to', title: t('sr.pauseTo'), render: (p) => (p.to ? time(p.to) : t('sr.pauseOngoing')) },
        { key: 'reason', title: t('sr.reason'), render: (p) => p.reason ?? dash },
        { key: 'by', title: t('sr.by'), render: (p) => p.by?.name ?? dash },
      ]}
    />
  );
}
