import { AlertOutlined } from '@ant-design/icons';
import { Suspense, useState } from 'react';
import type { TEscalation } from '@contract/escalations';
import { useEscalations } from '../../api/escalations.hooks';
import { useCan } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { LightButton } from '../../ui/light-button';
import { LightTable } from '../../ui/light-table';
import { lazyWithAntd } from '../../ui/lazy-with-antd';
import { useIsPhone } from '../../ui/use-is-phone';
import { EscalationStateTag, useEscalationLabels } from './escalation-labels';

// The dialog's form, radio and modal load when it is first opened: the page shows the list first.
const RaiseEscalationModal = lazyWithAntd(() => import('./raise-escalation-modal').then((m) => m.RaiseEscalationModal));

/**
 * R-EMER-9 on the service request page: "call the technical manager" (a button and its dialog)
 * and the request's escalations with their state.
 */
export function ServiceRequestEscalations({ request }: { request: { id: number; number: string } }) {
  const { t } = useLocale();
  const canRead = useCan('escalations.read');
  const canRaise = useCan('escalations.raise');
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const labels = useEscalationLabels();
  const list = useEscalations({ page: 1, pageSize: 50, serviceRequestId: request.id }, { enabled: canRead });
  const [raising, setRaising] = useState(false);

  if (!canRead && !canRaise) return null;
  return (
    <section data-testid="sr-escalations">
      <div className="fuwu-row fuwu-row-spread" style={{ marginBottom: 8 }}>
        <h2 className="fuwu-h2" style={{ margin: 0 }}>
          {t('escalation.sectionTitle')}
        </h2>
        {canRaise && (
          <LightButton danger icon={<AlertOutlined />} onClick={() => setRaising(true)} data-testid="sr-escalate">
            {t('escalation.raise')}
          </LightButton>
        )}
      </div>
      {canRead && list.isError && (
        <div className="fuwu-message fuwu-message-error" role="alert">
          {errorText(list.error)}
        </div>
      )}
      {canRead && !list.isError && !list.data && <div className="fuwu-empty">{t('app.loading')}</div>}
      {canRead && list.data && (
        <LightTable<TEscalation>
          rowKey={(e) => e.id}
          testId="sr-escalations-table"
          rows={list.data.items}
          empty={t('escalation.none')}
          columns={[
            {
              key: 'state',
              title: t('escalation.state'),
              render: (e) => <EscalationStateTag state={e.state} testId={`sr-escalation-state-${e.id}`} />,
            },
            { key: 'kind', title: t('escalation.kind'), render: (e) => labels.kind(e.kind) },
            {
              key: 'text',
              title: t('escalation.text'),
              ellipsis: true,
              render: (e) => (isPhone ? <span className="fuwu-clamp">{e.text}</span> : <span title={e.text}>{e.text}</span>),
            },
            { key: 'by', title: t('escalation.raisedBy'), render: (e) => e.raisedBy?.name ?? '—' },
            {
              key: 'at',
              title: t('escalation.raisedAt'),
              render: (e) => <span style={{ whiteSpace: 'nowrap' }}>{formatCompanyTime(e.raisedAt).slice(0, 16)}</span>,
            },
          ]}
        />
      )}
      {raising && (
        <Suspense>
          <RaiseEscalationModal request={request} onClose={() => setRaising(false)} />
        </Suspense>
      )}
    </section>
  );
}
