import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Popconfirm, Spin, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { TContractItem, TContractItemMasked, TContractView } from '@contract/contracts';
import { formatFen } from '@contract/formats';
import { useContract, useDeleteContract } from '../../api/contracts.hooks';
import { useCan } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { useNotify } from '../../ui/notify';
import { useIsPhone } from '../../ui/use-is-phone';
import { DocumentsPanel } from '../archive/documents-panel';
import { ContractEquipmentTab } from '../equipment/contract-equipment-tab';
import { NewServiceRequestLink } from '../service-requests/new-service-request-link';
import { CommitmentsView } from './commitments-view';
import { ContractFormDrawer } from './contract-form-drawer';
import { ServiceKindTags, StageTag, StatusTag } from './contract-tags';
import { useLabels } from '../../ui/labels';
import { LifecycleTab } from './lifecycle-tab';

const TABS = ['overview', 'equipment', 'documents', 'lifecycle', 'service'] as const;
type TTab = (typeof TABS)[number];

/** One contract: overview and commitments, installed base, archive, lifecycle, service history. */
export function ContractDetailPage() {
  const { t } = useLocale();
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const notify = useNotify();
  const canManage = useCan('contracts.manage');
  const canSeeEquipment = useCan('equipment.read');
  const canSeeDocuments = useCan('documents.read');
  const id = Number(useParams().id);
  const contract = useContract(Number.isInteger(id) && id > 0 ? id : undefined);
  const remove = useDeleteContract();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const tab: TTab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TTab) : 'overview';

  if (contract.isError) return <Alert type="error" showIcon title={errorText(contract.error)} />;
  if (!contract.data) return <Spin />;
  const c = contract.data;

  const tabLabel = (key: TTab, text: string) => <span data-testid={`contract-tab-${key}`}>{text}</span>;
  const items = [
    { key: 'overview', label: tabLabel('overview', t('contracts.tabOverview')), children: <OverviewTab contract={c} /> },
    ...(canSeeEquipment
      ? [{ key: 'equipment', label: tabLabel('equipment', t('contracts.tabEquipment')), children: <ContractEquipmentTab contract={c} /> }]
      : []),
    ...(canSeeDocuments
      ? [{ key: 'documents', label: tabLabel('documents', t('contracts.tabDocuments')), children: <DocumentsPanel contractId={c.id} /> }]
      : []),
    { key: 'lifecycle', label: tabLabel('lifecycle', t('contracts.tabLifecycle')), children: <LifecycleTab contract={c} /> },
    {
      key: 'service',
      label: tabLabel('service', t('contracts.tabService')),
      children: <Empty description={t('contracts.servicePlaceholder')} data-testid="contract-service-placeholder" />,
    },
  ];

  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <span data-testid="contract-title">{c.number}</span>
          <StatusTag status={c.status} />
          <StageTag stage={c.stage} />
        </Flex>
      }
      extra={
        canManage && (
          <Flex gap={8}>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="contract-edit">
              {isPhone ? null : t('common.edit')}
            </Button>
            {c.status === 'draft' && (
              <Popconfirm
                title={t('contracts.deleteConfirm', { number: c.number })}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  remove.mutate(c.id, {
                    onSuccess: () => {
                      notify.success(t('contracts.deleted'));
                      navigate('/contracts');
                    },
                    onError: notify.error,
                  })
                }
              >
                <Button danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="contract-delete" />
              </Popconfirm>
            )}
          </Flex>
        )
      }
      styles={{ body: { padding: isPhone ? 12 : undefined, paddingTop: 0 } }}
      data-testid="contract-detail"
      data-prices-visible={c.pricesVisible}
    >
      <Typography.Paragraph style={{ margin: '12px 0 0' }}>
        <Link to={`/customers/${c.customer.id}`} data-testid="contract-customer-link">
          {c.customer.name}
        </Link>{' '}
        <NewServiceRequestLink contractId={c.id} />
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          if (key === 'overview') next.delete('tab');
          else next.set('tab', key);
          setParams(next, { replace: true });
        }}
        items={items}
        destroyOnHidden
      />
      {editing && <ContractFormDrawer open contract={c} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </Card>
  );
}

/** 概览与服务承诺: the contract's terms, items (priced only for price roles) and commitments. */
function OverviewTab({ contract: c }: { contract: TContractView }) {
  const { t, locale } = useLocale();
  const labels = useLabels();
  const isPhone = useIsPhone();
  const lead = c.stageLead;

  const itemColumns = [
    { key: 'lineNo', title: '#', render: (_v: unknown, i: TContractItemMasked) => i.lineNo },
    { key: 'description', title: t('contracts.itemDescription'), render: (_v: unknown, i: TContractItemMasked) => i.description },
    { key: 'model', title: t('contracts.itemModel'), render: (_v: unknown, i: TContractItemMasked) => i.model ?? '' },
    {
      key: 'quantity',
      title: t('contracts.itemQuantity'),
      align: 'right' as const,
      render: (_v: unknown, i: TContractItemMasked) => i.quantity,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Descriptions
        bordered
        size="small"
        column={isPhone ? 1 : 3}
        data-testid="contract-overview"
        items={[
          { key: 'kinds', label: t('contracts.serviceKinds'), span: isPhone ? 1 : 3, children: <ServiceKindTags kinds={c.serviceKinds} /> },
          { key: 'signedAt', label: t('contracts.signedAt'), children: c.signedAt ?? '—' },
          { key: 'startDate', label: t('contracts.startDate'), children: c.startDate ?? '—' },
          { key: 'endDate', label: t('contracts.endDate'), children: c.endDate ?? '—' },
          { key: 'salesOwner', label: t('contracts.salesOwner'), children: c.salesOwner?.name ?? '—' },
          { key: 'commerceContact', label: t('contracts.commerceContact'), children: c.commerceContact?.name ?? '—' },
          {
            key: 'lead',
            label: t('lifecycle.leadNow'),
            children: `${labels.department(lead.department)}${lead.user ? ` · ${lead.user.name}` : ''}`,
          },
          ...(c.pricesVisible
            ? [
                {
                  key: 'total',
                  label: t('contracts.totalAmount'),
                  children: (
                    <strong data-testid="contract-total-amount" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {formatFen(c.totalAmount, locale)}
                    </strong>
                  ),
                },
              ]
            : []),
          { key: 'notes', label: t('contracts.notes'), span: isPhone ? 1 : 3, children: c.notes ?? '—' },
          { key: 'updated', label: t('common.updatedAt'), span: isPhone ? 1 : 3, children: formatCompanyTime(c.updatedAt) },
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('contracts.sectionCommitments')}</Typography.Title>
        <CommitmentsView commitments={c.commitments} phone={isPhone} />
      </div>
      <div>
        <Typography.Title level={5}>{c.pricesVisible ? t('contracts.sectionItems') : t('contracts.sectionItemsMasked')}</Typography.Title>
        <div data-testid="contract-items">
          {c.pricesVisible ? (
            <Table<TContractItem>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={c.items}
              columns={[
                ...itemColumns,
                {
                  key: 'unitPrice',
                  title: t('contracts.itemUnitPrice'),
                  align: 'right',
                  render: (_v, i) => <span style={{ whiteSpace: 'nowrap' }}>{formatFen(i.unitPrice, locale)}</span>,
                },
                {
                  key: 'amount',
                  title: t('contracts.itemAmount'),
                  align: 'right',
                  render: (_v, i) => <span style={{ whiteSpace: 'nowrap' }}>{formatFen(i.amount, locale)}</span>,
                },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={5} align="right">
                    {t('contracts.totalAmount')}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <strong style={{ whiteSpace: 'nowrap' }}>{formatFen(c.totalAmount, locale)}</strong>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          ) : (
            <Table<TContractItemMasked>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={c.items}
              columns={itemColumns}
            />
          )}
        </div>
      </div>
    </Flex>
  );
}
