import { CalendarOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Input, Popconfirm, Table } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TTrainingSession } from '@contract/trainings';
import { useCan } from '../../api/me.hooks';
import { useCancelTrainingSession, useSendTrainingPlan, useTrainingPlan } from '../../api/trainings.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useNotify } from '../../ui/notify';
import { PrintPdfButton } from '../../ui/print-pdf-button';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { SessionEditDrawer } from './session-edit-drawer';
import { SessionStateTag } from './training-labels';
import { CustomerContactSelect } from '../customers/customer-contact-select';

/** A training plan (R-TRAIN-1): its sessions, the PDF and .ics, and sending both to the customer's contact. */
export function TrainingPlanPage() {
  const { t } = useLocale();
  const id = Number(useParams().id);
  const plan = useTrainingPlan(id);
  const send = useSendTrainingPlan();
  const notify = useNotify();
  const canPlan = useCan('trainings.plan');
  const [to, setTo] = useState('');
  const [contactId, setContactId] = useState<number | undefined>(undefined);
  const [editing, setEditing] = useState<TTrainingSession | null>(null);
  const cancel = useCancelTrainingSession();
  const p = plan.data;
  if (!p) return <QueryErrorAlert query={plan} />;
  return (
    <Flex vertical gap={16} data-testid="training-plan-page">
      <Card
        title={`${t('trainings.plan')} ${p.number}`}
        extra={
          <Flex gap={8} wrap>
            <PrintPdfButton href={`/api/training-plans/${p.id}/plan.pdf`} testId="training-plan-pdf" />
            <Button icon={<CalendarOutlined />} href={`/api/training-plans/${p.id}/plan.ics`} download data-testid="training-plan-ics">
              {t('trainings.ics')}
            </Button>
            {canPlan && (
              <Popconfirm
                title={t('trainings.send')}
                description={
                  <Flex vertical gap={4}>
                    <span>{t('trainings.sendToContact')}</span>
                    <CustomerContactSelect
                      customerId={p.customer.id}
                      value={contactId}
                      onChange={setContactId}
                      allowClear
                      placeholder={p.contactEmail ?? t('trainings.sendToContact')}
                      testId="training-plan-send-contact"
                    />
                    <span>{t('trainings.sendToOther')}</span>
                    <Input
                      placeholder={t('trainings.sendTo')}
                      value={to}
                      onChange={(e) => setTo(e.target.value)}
                      style={{ width: 300 }}
                      data-testid="training-plan-send-to"
                    />
                  </Flex>
                }
                onConfirm={() =>
                  send.mutate(
                    { id: p.id, body: to.trim() ? { to: to.trim() } : contactId !== undefined ? { contactId } : {} },
                    { onSuccess: () => notify.success(t('trainings.sent')), onError: notify.error },
                  )
                }
              >
                <Button type="primary" icon={<SendOutlined />} loading={send.isPending} data-testid="training-plan-send">
                  {t('trainings.send')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        }
      >
        {p.unsentChanges > 0 && p.sentCount > 0 && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('trainings.unsentChanges', { n: p.unsentChanges })} />
        )}
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('trainings.planTitle')}>{p.title}</Descriptions.Item>
          <Descriptions.Item label={t('trainings.customer')}>{p.customer.name}</Descriptions.Item>
          <Descriptions.Item label={t('trainings.contract')}>
            <Link to={`/contracts/${p.contract.id}`}>{p.contract.number}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('trainings.committed')}>
            {t('trainings.committedText', { days: p.committedDays ?? '—', heads: p.committedAttendees ?? '—' })}
          </Descriptions.Item>
          <Descriptions.Item label={t('trainings.plannedHours')}>{p.plannedHours}</Descriptions.Item>
          <Descriptions.Item label={t('trainings.contactName')}>
            {[p.contactName, p.contactEmail].filter(Boolean).join(' · ') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('trainings.sentAt')}>
            {p.sentAt ? formatCompanyTime(p.sentAt) : t('trainings.notSent')}
          </Descriptions.Item>
          {p.notes && <Descriptions.Item label={t('trainings.notes')}>{p.notes}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('trainings.sessions')}>
        <Table<TTrainingSession>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={p.sessions}
          scroll={{ x: 900 }}
          data-testid="training-plan-sessions"
          columns={[
            { key: 'startsAt', title: t('trainings.startsAt'), width: 150, render: (_, r) => formatCompanyTime(r.startsAt) },
            { key: 'course', title: t('trainings.course'), render: (_, r) => <Link to={`/trainings/sessions/${r.id}`}>{r.course}</Link> },
            { key: 'hours', title: t('trainings.hours'), width: 70, dataIndex: 'hours' },
            { key: 'place', title: t('trainings.place'), dataIndex: 'place' },
            { key: 'trainer', title: t('trainings.trainer'), width: 120, render: (_, r) => r.trainer.name },
            { key: 'expected', title: t('trainings.expected'), width: 90, render: (_, r) => r.confirmedAttendees ?? r.expectedAttendees },
            { key: 'state', title: t('trainings.state'), width: 100, render: (_, r) => <SessionStateTag state={r.state} /> },
            ...(canPlan
              ? [
                  {
                    key: 'actions',
                    title: t('trainings.actions'),
                    width: 190,
                    render: (_: unknown, r: TTrainingSession) =>
                      r.state === 'cancelled' ? null : (
                        <Flex gap={4}>
                          <Button size="small" onClick={() => setEditing(r)} data-testid={`training-session-edit-${r.id}`}>
                            {t('trainings.editSession')}
                          </Button>
                          <Popconfirm
                            title={t('trainings.cancelSession')}
                            description={<div style={{ maxWidth: 260 }}>{t('trainings.cancelConfirm')}</div>}
                            onConfirm={() => cancel.mutate({ id: r.id, version: r.version }, { onError: notify.error })}
                          >
                            <Button size="small" danger>
                              {t('trainings.cancelSession')}
                            </Button>
                          </Popconfirm>
                        </Flex>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && <SessionEditDrawer session={editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}
