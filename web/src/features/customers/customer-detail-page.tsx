import { ArrowLeftOutlined, EditOutlined, MailOutlined, PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Spin, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { TContact, TContactPhone } from '@contract/customers';
import { useCustomerContracts } from '../../api/contracts.hooks';
import { useCustomer } from '../../api/customers.hooks';
import { useCan } from '../../api/me.hooks';
import { useT } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { pagerTotal } from '../../ui/list-page';
import { useIsPhone } from '../../ui/use-is-phone';
import { DocumentsPanel } from '../archive/documents-panel';
import { ContractFormDrawer } from '../contracts/contract-form-drawer';
import { ContractsTable } from '../contracts/contracts-table';
import { useLabels } from '../../ui/labels';
import { CustomerFormDrawer } from './customer-form-drawer';

const TABS = ['contacts', 'contracts', 'documents'] as const;
type TTab = (typeof TABS)[number];

/** `tel:` with the extension after a pause, so a phone dials straight through to it. */
function telHref(p: TContactPhone): string {
  return `tel:${p.number}${p.extension ? `,${p.extension}` : ''}`;
}

/** One customer: contacts to call, its contracts, its documents (R-ORG-6). */
export function CustomerDetailPage() {
  const t = useT();
  const labels = useLabels();
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const canManage = useCan('customers.manage');
  const canCreateContract = useCan('contracts.manage');
  const canSeeDocuments = useCan('documents.read');
  const id = Number(useParams().id);
  const customer = useCustomer(Number.isInteger(id) && id > 0 ? id : undefined);
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const [creatingContract, setCreatingContract] = useState(false);
  const [contractPage, setContractPage] = useState({ page: 1, pageSize: 20 });
  const contracts = useCustomerContracts(id, { ...contractPage, sort: '-signedAt' });
  const tab: TTab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TTab) : 'contacts';

  if (customer.isError) return <Alert type="error" showIcon title={errorText(customer.error)} />;
  if (!customer.data) return <Spin />;
  const c = customer.data;

  const contacts = [...c.contacts].sort((a, b) => Number(b.primary) - Number(a.primary));
  const contactsTable = (
    <div data-testid="customer-contacts">
      <Table<TContact>
        rowKey="id"
        size="middle"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={contacts}
        locale={{ emptyText: t('customers.noContacts') }}
        columns={[
          {
            key: 'name',
            title: t('customers.contactName'),
            render: (_v, p) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {p.name}
                {p.primary && (
                  <Tag color="blue" style={{ marginInlineStart: 6 }}>
                    {t('customers.primaryShort')}
                  </Tag>
                )}
              </span>
            ),
          },
          { key: 'title', title: t('customers.contactTitle'), render: (_v, p) => p.title ?? '' },
          {
            key: 'phones',
            title: t('customers.phones'),
            render: (_v, p) => (
              <Flex vertical gap={2}>
                {p.phones.map((ph) => (
                  <a
                    key={`${ph.number}-${ph.extension ?? ''}`}
                    href={telHref(ph)}
                    style={{ whiteSpace: 'nowrap' }}
                    data-testid="contact-tel"
                  >
                    <PhoneOutlined /> {ph.raw}
                  </a>
                ))}
              </Flex>
            ),
          },
          {
            key: 'email',
            title: t('customers.email'),
            render: (_v, p) =>
              p.email ? (
                <a href={`mailto:${p.email}`} style={{ whiteSpace: 'nowrap' }}>
                  <MailOutlined /> {p.email}
                </a>
              ) : null,
          },
        ]}
      />
    </div>
  );

  const items = [
    { key: 'contacts', label: <span data-testid="customer-tab-contacts">{t('customers.contacts')}</span>, children: contactsTable },
    {
      key: 'contracts',
      label: <span data-testid="customer-tab-contracts">{t('customers.contracts')}</span>,
      children: (
        <Flex vertical gap={12}>
          {canCreateContract && (
            <Flex justify="flex-end">
              <Button icon={<PlusOutlined />} onClick={() => setCreatingContract(true)} data-testid="customer-new-contract">
                {t('contracts.new')}
              </Button>
            </Flex>
          )}
          <ContractsTable
            testId="customer-contracts"
            items={contracts.data?.items}
            loading={contracts.isFetching}
            showCustomer={false}
            onChange={(p) => setContractPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
            pagination={{
              current: contractPage.page,
              pageSize: contractPage.pageSize,
              ...pagerTotal(contracts.data, t),
              hideOnSinglePage: true,
            }}
          />
        </Flex>
      ),
    },
    ...(canSeeDocuments
      ? [
          {
            key: 'documents',
            label: <span data-testid="customer-tab-documents">{t('customers.documents')}</span>,
            children: <DocumentsPanel customerId={c.id} />,
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} data-testid="customer-detail">
      <Card
        title={
          <Flex align="center" gap={8} wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
            <span data-testid="customer-title">{c.name}</span>
          </Flex>
        }
        extra={
          canManage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
              {isPhone ? null : t('common.edit')}
            </Button>
          )
        }
        styles={{ body: { padding: isPhone ? 12 : undefined } }}
      >
        <Descriptions
          size="small"
          column={isPhone ? 1 : 3}
          items={[
            {
              key: 'industry',
              label: t('customers.industry'),
              children: c.industry ? labels.named(c.industry.nameZh, c.industry.nameEn) : '—',
            },
            { key: 'region', label: t('customers.region'), children: c.region ?? '—' },
            { key: 'address', label: t('customers.address'), children: c.address ?? '—' },
            { key: 'notes', label: t('customers.notes'), span: isPhone ? 1 : 3, children: c.notes ?? '—' },
          ]}
        />
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            if (key === 'contacts') next.delete('tab');
            else next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={items}
        />
      </Card>
      {editing && <CustomerFormDrawer open customerId={c.id} onClose={() => setEditing(false)} />}
      {creatingContract && (
        <ContractFormDrawer
          open
          initialCustomer={{ id: c.id, name: c.name }}
          onClose={() => setCreatingContract(false)}
          onSaved={(created) => navigate(`/contracts/${created.id}`)}
        />
      )}
    </Flex>
  );
}
