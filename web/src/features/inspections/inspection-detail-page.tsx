import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Input, Spin } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { TInspectionDetail } from '@contract/inspections';
import { useInspection, useInspectionStep } from '../../api/inspections.hooks';
import { useCan } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { useNotify } from '../../ui/notify';
import { useIsPhone } from '../../ui/use-is-phone';
import { BurnInSection } from './burn-in-section';
import { ChecklistSection } from './checklist-section';
import { DeliveryNotesSection } from './delivery-notes-section';
import { GateTag } from './gate-tag';
import { ReceivingSection } from './receiving-section';
import { UnitsSection } from './units-section';

/**
 * 货品检验 — one goods inspection: what arrived against the contract's list (R-GOODS-1), each
 * unit's packaging and the customer's consent (R-GOODS-4), the preparation checklist and burn-in
 * (R-GOODS-5), the shipment gate (R-GOODS-3) and the delivery notes. Laid out for a phone in the
 * warehouse as much as for a desk.
 */
export function InspectionDetailPage() {
  const { t } = useLocale();
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const insp = useInspection(Number.isInteger(id) && id > 0 ? id : undefined);
  const canManage = useCan('inspections.manage');
  const [selected, setSelected] = useState<number[]>([]);

  if (insp.isError) return <Alert type="error" showIcon title={errorText(insp.error)} />;
  if (!insp.data) return <Spin />;
  const d = insp.data;

  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <span data-testid="insp-title">{t('insp.titleOf', { number: d.serviceRequest.number })}</span>
          <GateTag gate={d.gate} testId="insp-gate" />
        </Flex>
      }
      styles={{ body: { padding: isPhone ? 12 : undefined } }}
      data-testid="insp-detail"
    >
      <Flex vertical gap={24}>
        {d.burnInWarning && <Alert type="warning" showIcon title={t('insp.burnInWarning')} data-testid="insp-warning" />}
        <Header inspection={d} canManage={canManage} />
        <ReceivingSection inspection={d} canManage={canManage} />
        <UnitsSection inspection={d} canManage={canManage} selected={selected} onSelect={setSelected} />
        <ChecklistSection inspection={d} canManage={canManage} />
        <BurnInSection inspection={d} canManage={canManage} selected={selected} />
        <DeliveryNotesSection inspection={d} canManage={canManage} selected={selected} />
      </Flex>
    </Card>
  );
}

function Header({ inspection: d, canManage }: { inspection: TInspectionDetail; canManage: boolean }) {
  const { t } = useLocale();
  const notify = useNotify();
  const step = useInspectionStep(d.id);
  const [date, setDate] = useState(d.plannedShipDate ?? '');
  const isPhone = useIsPhone();
  return (
    <Descriptions size="small" column={isPhone ? 1 : 3} bordered>
      <Descriptions.Item label={t('insp.request')}>
        <Link to={`/service-requests/${d.serviceRequest.id}`}>{d.serviceRequest.number}</Link>
      </Descriptions.Item>
      <Descriptions.Item label={t('calls.contract')}>
        <Link to={`/contracts/${d.contract.id}`}>{d.contract.number}</Link>
      </Descriptions.Item>
      <Descriptions.Item label={t('calls.company')}>{d.customer.name}</Descriptions.Item>
      <Descriptions.Item label={t('insp.engineer')}>{d.responsibleEngineer?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('insp.minHours')}>{t('insp.hours', { n: String(d.minBurnInHours) })}</Descriptions.Item>
      <Descriptions.Item label={t('insp.shipDate')}>
        {canManage ? (
          <Flex gap={8}>
            <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} style={{ width: 160 }} data-testid="insp-ship-date" />
            <Button
              disabled={date === (d.plannedShipDate ?? '')}
              loading={step.isPending}
              onClick={() =>
                step.mutate(
                  { path: '', method: 'PATCH', body: { version: d.version, plannedShipDate: date || null } },
                  { onSuccess: () => notify.success(t('insp.saved')), onError: notify.error },
                )
              }
              data-testid="insp-ship-date-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        ) : (
          (d.plannedShipDate ?? '—')
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}
