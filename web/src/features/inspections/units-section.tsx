import { Alert, Button, Flex, Form, Input, Modal, Radio, Table, Tag } from 'antd';
import { useState } from 'react';
import {
  CONSENT_LABELS,
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  NOT_TESTED_BY_CHOICE,
  PACKAGING_LABELS,
  type TInspectionDetail,
  type TInspectionUnit,
} from '@contract/inspections';
import { useInspectionStep } from '../../api/inspections.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime, getCompanyTimeZone } from '../../ui/company-time';
import { useGuardOverride } from '../../ui/guard-override';
import { useNotify } from '../../ui/notify';
import { UnitGateView } from './gate-tag';
import { SectionTitle } from './section-title';
import { durationText, instantOfLocalInput, localInputOfInstant } from './inspection-values';

/**
 * The units received: packaging and the customer's consent (R-GOODS-4), their burn-in, and the
 * gate (R-GOODS-3) with every reason a unit may not ship yet. Ticked units are what a batch
 * burn-in or a delivery note takes.
 */
export function UnitsSection({
  inspection: d,
  canManage,
  selected,
  onSelect,
}: {
  inspection: TInspectionDetail;
  canManage: boolean;
  selected: number[];
  onSelect: (ids: number[]) => void;
}) {
  const { t, pick } = useLocale();
  const notify = useNotify();
  const step = useInspectionStep(d.id);
  const guard = useGuardOverride();
  const [consenting, setConsenting] = useState<TInspectionUnit | null>(null);
  const [consentForm] = Form.useForm<{ decision: 'given' | 'refused'; by: string; at: string; method: string }>();
  const burnIn = (u: TInspectionUnit) => d.burnIns.find((b) => b.id === u.burnInId);

  function markReady(u: TInspectionUnit) {
    // The gate refuses with its reasons (shown on the row); a technical manager may override it with a written reason.
    guard
      .run((override) => step.mutateAsync({ path: `/units/${u.id}/ready`, body: { version: u.version, ...(override && { override }) } }))
      .then(() => notify.success(t('insp.markedReady', { sn: u.sn ?? u.model })))
      .catch((err) => notify.error(err));
  }

  return (
    <section>
      <SectionTitle>{t('insp.units', { n: String(d.units.length) })}</SectionTitle>
      <Table<TInspectionUnit>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.units}
        scroll={{ x: 'max-content' }}
        rowSelection={canManage ? { selectedRowKeys: selected, onChange: (keys) => onSelect(keys.map(Number)) } : undefined}
        onRow={(u) => ({ 'data-testid': `insp-unit-${u.sn ?? u.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'sn', title: 'SN', render: (_v, u) => <strong>{u.sn ?? '—'}</strong> },
          { key: 'model', title: t('insp.model'), render: (_v, u) => [u.model, u.pn].filter(Boolean).join(' / ') },
          {
            key: 'packaging',
            title: t('insp.packaging'),
            render: (_v, u) => (
              <Flex vertical gap={2}>
                <span>{pick(PACKAGING_LABELS[u.packaging])}</span>
                {u.openedReason && <small>{u.openedReason}</small>}
                {u.packaging === 'sealed' && (
                  <Tag
                    color={u.consent === 'given' ? 'green' : u.consent === 'refused' ? 'gold' : 'orange'}
                    data-testid={`insp-consent-${u.id}`}
                  >
                    {u.consent === 'refused' ? pick(NOT_TESTED_BY_CHOICE) : pick(CONSENT_LABELS[u.consent])}
                  </Tag>
                )}
                {u.consentBy && (
                  <small>
                    {u.consentBy} · {u.consentMethod && pick(CONSENT_METHOD_LABELS[u.consentMethod])} ·{' '}
                    {u.consentAt && formatCompanyTime(u.consentAt).slice(0, 16)}
                  </small>
                )}
              </Flex>
            ),
          },
          {
            key: 'burnIn',
            title: t('insp.burnIn'),
            render: (_v, u) => {
              const b = burnIn(u);
              if (!b) return '—';
              return (
                <Flex vertical gap={2}>
                  <small>
                    {formatCompanyTime(b.startedAt).slice(0, 16)} → {b.endedAt ? formatCompanyTime(b.endedAt).slice(0, 16) : '…'}
                  </small>
                  {b.endedAt && <small>{durationText(b.startedAt, b.endedAt)}</small>}
                </Flex>
              );
            },
          },
          { key: 'gate', title: t('insp.gate'), render: (_v, u) => <UnitGateView gate={u.gate} testId={`insp-unit-gate-${u.id}`} /> },
          {
            key: 'actions',
            title: '',
            render: (_v, u) => (
              <Flex gap={6} wrap>
                {canManage && u.packaging === 'sealed' && u.consent === 'pending' && (
                  <Button
                    size="small"
                    onClick={() => {
                      consentForm.setFieldsValue({
                        decision: 'given',
                        by: '',
                        method: 'phone',
                        at: localInputOfInstant(new Date().toISOString(), getCompanyTimeZone()),
                      });
                      setConsenting(u);
                    }}
                    data-testid={`insp-consent-open-${u.id}`}
                  >
                    {t('insp.recordConsent')}
                  </Button>
                )}
                {canManage && !u.readyAt && u.deliveryNoteId === null && (
                  <Button
                    size="small"
                    type={u.gate.state === 'passed' || u.gate.state === 'customer_declined' ? 'primary' : 'default'}
                    onClick={() => markReady(u)}
                    loading={step.isPending}
                    data-testid={`insp-ready-${u.id}`}
                  >
                    {t('insp.markReady')}
                  </Button>
                )}
                {u.readyAt && u.deliveryNoteId === null && (
                  <Tag color="cyan">{t('insp.readySince', { at: formatCompanyTime(u.readyAt).slice(0, 16) })}</Tag>
                )}
                {u.deliveryNoteId !== null && <Tag color="purple">{t('insp.shipped')}</Tag>}
              </Flex>
            ),
          },
        ]}
      />
      <Modal
        open={consenting !== null}
        title={t('insp.recordConsent')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setConsenting(null)}
        onOk={() => consentForm.submit()}
        confirmLoading={step.isPending}
        destroyOnHidden
      >
        <Form
          form={consentForm}
          layout="vertical"
          onFinish={(v) => {
            const at = instantOfLocalInput(v.at, getCompanyTimeZone());
            if (!consenting || !at) return;
            step.mutate(
              {
                path: `/units/${consenting.id}/consent`,
                body: { version: consenting.version, decision: v.decision, by: v.by, at, method: v.method },
              },
              { onSuccess: () => setConsenting(null), onError: notify.error },
            );
          }}
        >
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('insp.consentHint')} />
          <Form.Item name="decision" label={t('insp.consentDecision')}>
            <Radio.Group
              options={[
                { value: 'given', label: pick(CONSENT_LABELS.given) },
                { value: 'refused', label: pick(CONSENT_LABELS.refused) },
              ]}
              data-testid="insp-consent-decision"
            />
          </Form.Item>
          <Form.Item name="by" label={t('insp.consentBy')} rules={[{ required: true, whitespace: true, message: t('calls.required') }]}>
            <Input data-testid="insp-consent-by" />
          </Form.Item>
          <Form.Item name="at" label={t('insp.consentAt')} rules={[{ required: true, message: t('calls.required') }]}>
            <Input type="datetime-local" data-testid="insp-consent-at" />
          </Form.Item>
          <Form.Item name="method" label={t('insp.consentMethod')}>
            <Radio.Group options={CONSENT_METHODS.map((m) => ({ value: m, label: pick(CONSENT_METHOD_LABELS[m]) }))} />
          </Form.Item>
        </Form>
      </Modal>
      {guard.dialog}
    </section>
  );
}
