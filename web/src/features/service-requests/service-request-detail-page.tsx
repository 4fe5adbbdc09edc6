import { ArrowLeftOutlined, EditOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isTerminalState } from '@contract/service-request-workflow';
import type { TServiceRequestDetail } from '@contract/service-requests';
import { useCan } from '../../api/me.hooks';
import { useServiceRequest } from '../../api/service-requests.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { PrintPdfButton } from '../../ui/print-pdf-button';
import { useIsPhone } from '../../ui/use-is-phone';
import { ServiceRequestEscalations } from '../escalations/service-request-escalations';
import { RequestInspectionLink } from '../inspections/request-inspection-link';
import { ServiceRequestVisits } from '../visits/service-request-visits';
import { ServiceRequestFormDrawer } from './service-request-form-drawer';
import { ServiceRequestHistory } from './service-request-history';
import { SlaClocks } from './sla-clocks';
import { SrActions } from './sr-actions';
import { IncompleteTag, KindTag, PriorityTag, SlaBadge, StateTag } from './sr-tags';

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

  if (sr.isError) return <Alert type="error" showIcon title={errorText(sr.error)} />;
  if (!sr.data) return <Spin />;
  const r = sr.data;

  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <span data-testid="sr-title">{r.number}</span>
          <StateTag state={r.state} testId="sr-state" />
          <SlaBadge status={r.slaStatus} />
          {r.incomplete && <IncompleteTag t={t} />}
        </Flex>
      }
      extra={
        <Flex gap={8}>
          <PrintPdfButton href={`/api/service-requests/${r.id}/form.pdf`} testId="sr-pdf" />
          {canAct && !isTerminalState(r.state) && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="sr-edit">
              {isPhone ? null : r.incomplete ? t('sr.complete') : t('common.edit')}
            </Button>
          )}
        </Flex>
      }
      styles={{ body: { padding: isPhone ? 12 : undefined } }}
      data-testid="sr-detail"
    >
      <Flex vertical gap={20}>
        <SrActions target={r} block={isPhone} />
        {r.kind === 'goods_inspection' && r.contract && <RequestInspectionLink requestId={r.id} />}
        {r.warnings.map((w) => (
          <Alert key={w.code} type="warning" showIcon title={w.message} data-testid={`sr-warning-${w.code}`} />
        ))}
        <FormView request={r} />
        <section>
          <Typography.Title level={5}>{t('sr.sectionSla')}</Typography.Title>
          <SlaClocks sla={r.sla} />
        </section>
        <section>
          <Typography.Title level={5}>{t('sr.sectionPauses')}</Typography.Title>
          <Pauses request={r} />
        </section>
        <ServiceRequestEscalations request={r} />
        <ServiceRequestVisits request={r} />
        <section>
          <Typography.Title level={5}>{t('sr.sectionHistory')}</Typography.Title>
          <ServiceRequestHistory requestId={r.id} />
        </section>
      </Flex>
      {editing && <ServiceRequestFormDrawer open request={r} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </Card>
  );
}

function FormView({ request: r }: { request: TServiceRequestDetail }) {
  const { t } = useLocale();
  const isPhone = useIsPhone();
  const full = isPhone ? 1 : 3;
  return (
    <Descriptions
      bordered
      size="small"
      column={isPhone ? 1 : 3}
      data-testid="sr-form-view"
      items={[
        {
          key: 'kind',
          label: t('sr.kind'),
          children: (
            <Flex gap={4}>
              <KindTag kind={r.kind} />
              <PriorityTag priority={r.priority} />
            </Flex>
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
  if (r.pauses.length === 0) return <Typography.Text type="secondary">{t('sr.noPauses')}</Typography.Text>;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="sr-pauses"
      dataSource={r.pauses}
      columns={[
        { key: 'state', title: t('sr.state'), render: (_v, p) => <StateTag state={p.state} /> },
        { key: 'from', title: t('sr.pauseFrom'), render: (_v, p) => time(p.from) },
        { key: 'to', title: t('sr.pauseTo'), render: (_v, p) => (p.to ? time(p.to) : t('sr.pauseOngoing')) },
        { key: 'reason', title: t('sr.reason'), render: (_v, p) => p.reason ?? dash },
        { key: 'by', title: t('sr.by'), render: (_v, p) => p.by?.name ?? dash },
      ]}
    />
  );
}
