import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useEquipment } from '../../api/equipment.hooks';
import { useCan } from '../../api/me.hooks';
import { useT } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { useIsPhone } from '../../ui/use-is-phone';
import { ServiceKindTags, StatusTag } from '../contracts/contract-tags';
import { useLabels, WARRANTY_COLORS } from '../../ui/labels';
import { EquipmentFormDrawer } from './equipment-form-drawer';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' } as const;

/** One unit: everything R-GOODS-6 asks to keep (license data included), with its contract. */
export function EquipmentDetailPage() {
  const t = useT();
  const labels = useLabels();
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const canManage = useCan('equipment.manage');
  const id = Number(useParams().id);
  const unit = useEquipment(Number.isInteger(id) && id > 0 ? id : undefined);
  const [editing, setEditing] = useState(false);

  if (unit.isError) return <Alert type="error" showIcon title={errorText(unit.error)} />;
  if (!unit.data) return <Spin />;
  const e = unit.data;
  const text = (v: string | null, code = false) =>
    v ? (
      <Typography.Text copyable style={code ? mono : undefined}>
        {v}
      </Typography.Text>
    ) : (
      '—'
    );

  return (
    <Flex vertical gap={16} data-testid="equipment-detail">
      <Card
        title={
          <Flex align="center" gap={8} wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
            <span>
              {e.brand} {e.model}
            </span>
            <Tag color={WARRANTY_COLORS[e.warrantyState]}>{labels.warranty(e.warrantyState)}</Tag>
          </Flex>
        }
        extra={
          canManage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="equipment-edit">
              {isPhone ? null : t('common.edit')}
            </Button>
          )
        }
        styles={{ body: { padding: isPhone ? 12 : undefined } }}
      >
        <Descriptions
          bordered
          size="small"
          column={isPhone ? 1 : 2}
          items={[
            { key: 'productType', label: t('equipment.productType'), children: e.productType },
            { key: 'brand', label: t('equipment.brand'), children: e.brand },
            { key: 'model', label: t('equipment.model'), children: e.model },
            { key: 'pn', label: t('equipment.pn'), children: text(e.pn, true) },
            { key: 'sn', label: t('equipment.sn'), children: <span data-testid="equipment-detail-sn">{text(e.sn, true)}</span> },
            { key: 'quantity', label: t('equipment.quantity'), children: e.quantity },
            { key: 'site', label: t('equipment.site'), span: isPhone ? 1 : 2, children: e.site ?? '—' },
            { key: 'warrantyStart', label: t('equipment.warrantyStart'), children: e.warrantyStart ?? '—' },
            { key: 'warrantyEnd', label: t('equipment.warrantyEnd'), children: e.warrantyEnd ?? '—' },
            { key: 'vendorWarrantyEnd', label: t('equipment.vendorWarrantyEnd'), children: e.vendorWarrantyEnd ?? '—' },
            { key: 'state', label: t('equipment.warrantyState'), children: labels.warranty(e.warrantyState) },
            { key: 'hostid', label: t('equipment.hostid'), children: text(e.hostid, true) },
            { key: 'softwareSerial', label: t('equipment.softwareSerial'), children: text(e.softwareSerial, true) },
            {
              key: 'licenseKey',
              label: t('equipment.licenseKey'),
              span: isPhone ? 1 : 2,
              children: e.licenseKey ? (
                <Typography.Paragraph copyable style={{ ...mono, whiteSpace: 'pre-wrap', wordBreak: 'break-all', marginBottom: 0 }}>
                  {e.licenseKey}
                </Typography.Paragraph>
              ) : (
                '—'
              ),
            },
            { key: 'notes', label: t('equipment.notes'), span: isPhone ? 1 : 2, children: e.notes ?? '—' },
            { key: 'updated', label: t('common.updatedAt'), span: isPhone ? 1 : 2, children: formatCompanyTime(e.updatedAt) },
          ]}
        />
      </Card>
      <Card size="small" title={t('equipment.contract')}>
        <Descriptions
          size="small"
          column={isPhone ? 1 : 2}
          items={[
            {
              key: 'number',
              label: t('contracts.number'),
              children: <Link to={`/contracts/${e.contract.id}`}>{e.contract.number}</Link>,
            },
            {
              key: 'customer',
              label: t('contracts.customer'),
              children: <Link to={`/customers/${e.customer.id}`}>{e.customer.name}</Link>,
            },
            { key: 'status', label: t('contracts.status'), children: <StatusTag status={e.contract.status} /> },
            { key: 'kinds', label: t('contracts.serviceKinds'), children: <ServiceKindTags kinds={e.contract.serviceKinds} /> },
            {
              key: 'term',
              label: t('contracts.term'),
              children: `${e.contract.startDate ?? '…'} ~ ${e.contract.endDate ?? '…'}`,
            },
          ]}
        />
      </Card>
      {editing && <EquipmentFormDrawer open unitId={e.id} onClose={() => setEditing(false)} />}
    </Flex>
  );
}
