import { BarcodeOutlined } from '@ant-design/icons';
import { Input, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type TEquipment, type TEquipmentDetail, WARRANTY_STATES, ZEquipmentQuery } from '@contract/equipment';
import { useContract } from '../../api/contracts.hooks';
import { useCustomer } from '../../api/customers.hooks';
import { fetchEquipmentBySn, type TEquipmentListQuery, useEquipmentList } from '../../api/equipment.hooks';
import { useCan } from '../../api/me.hooks';
import { useT } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { useIsPhone } from '../../ui/use-is-phone';
import { ListCard, ListFilters, ListSearch, useControlWidth, useListTable } from '../../ui/list-page';
import { useUrlQuery } from '../../ui/use-url-query';
import { ContractSelect } from '../contracts/contract-select';
import { useLabels } from '../../ui/labels';
import { CustomerSelect } from '../customers/customer-select';
import { EquipmentFormDrawer } from './equipment-form-drawer';
import { EquipmentTable } from './equipment-table';
import { QueryErrorAlert } from '../../ui/query-error-alert';

type TSort = TEquipmentListQuery['sort'];

/** 设备: the installed base across contracts, with an SN lookup (R-GOODS-6, R-INST-7, R-PM-5). */
export function EquipmentPage() {
  const t = useT();
  const labels = useLabels();
  const isPhone = useIsPhone();
  const notify = useNotify();
  const navigate = useNavigate();
  const canManage = useCan('equipment.manage');
  const [query, setQuery] = useUrlQuery(ZEquipmentQuery);
  const units = useEquipmentList(query);
  const filteredContract = useContract(query.contractId);
  const filteredCustomer = useCustomer(query.customerId);
  const [editing, setEditing] = useState<{ id?: number } | null>(null);
  const [looking, setLooking] = useState(false);
  const [snMatches, setSnMatches] = useState<TEquipmentDetail[] | null>(null);

  async function lookUpSn(sn: string) {
    const value = sn.trim();
    if (!value) return;
    setLooking(true);
    try {
      const result = await fetchEquipmentBySn(value);
      if (result.items.length === 1) navigate(`/equipment/${result.items[0].id}`);
      else if (result.items.length > 1) setSnMatches(result.items);
      else notify.error(new Error(t('equipment.snNotFound', { sn: value })));
    } catch (err) {
      notify.error(err);
    } finally {
      setLooking(false);
    }
  }

  const table = useListTable<TEquipment, TSort>(query, setQuery, units.data, '-createdAt');
  const controlWidth = useControlWidth();

  return (
    <ListCard
      title={t('equipment.title')}
      create={canManage && { label: t('equipment.new'), onClick: () => setEditing({}), testId: 'equipment-new' }}
    >
      <ListFilters marginBottom={12}>
        <Input.Search
          placeholder={t('equipment.snLookup')}
          prefix={<BarcodeOutlined />}
          enterButton={t('equipment.snLookupButton')}
          loading={looking}
          allowClear
          autoCapitalize="characters"
          onSearch={(v) => void lookUpSn(v)}
          style={controlWidth(340)}
          data-testid="equipment-sn-lookup"
        />
      </ListFilters>
      <ListFilters>
        <ListSearch
          value={query.q}
          placeholder={t('equipment.search')}
          onSearch={(q) => setQuery({ q, page: 1 })}
          width={260}
          enterButton={false}
          testId="equipment-search"
        />
        <CustomerSelect
          allowClear
          placeholder={t('contracts.filterCustomer')}
          value={query.customerId}
          valueLabel={filteredCustomer.data?.name}
          onChange={(customerId) => setQuery({ customerId, page: 1 })}
          style={controlWidth(220)}
          data-testid="equipment-filter-customer"
        />
        <ContractSelect
          allowClear
          placeholder={t('equipment.filterContract')}
          value={query.contractId}
          valueLabel={filteredContract.data?.number}
          customerId={query.customerId}
          onChange={(contractId) => setQuery({ contractId, page: 1 })}
          style={controlWidth(200)}
          data-testid="equipment-filter-contract"
        />
        <Select
          allowClear
          placeholder={t('equipment.filterWarranty')}
          value={query.warranty}
          onChange={(warranty) => setQuery({ warranty, page: 1 })}
          options={WARRANTY_STATES.map((w) => ({ value: w, label: labels.warranty(w) }))}
          style={controlWidth(150)}
          data-testid="equipment-filter-warranty"
        />
      </ListFilters>
      <QueryErrorAlert query={units} />
      <EquipmentTable
        testId="equipment-table"
        items={units.data?.items}
        loading={units.isFetching}
        sortOrder={table.sortOrder}
        onChange={table.onChange}
        onEdit={canManage ? (u) => setEditing({ id: u.id }) : undefined}
        pagination={table.pagination}
      />
      {editing && <EquipmentFormDrawer open unitId={editing.id} onClose={() => setEditing(null)} />}
      <Modal
        open={snMatches !== null}
        onCancel={() => setSnMatches(null)}
        footer={null}
        title={t('equipment.snSeveral')}
        width={isPhone ? '100%' : 640}
      >
        <Table<TEquipmentDetail>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={snMatches ?? []}
          columns={[
            {
              key: 'unit',
              title: t('equipment.model'),
              render: (_v, e) => <Link to={`/equipment/${e.id}`}>{`${e.brand} ${e.model}`}</Link>,
            },
            { key: 'sn', dataIndex: 'sn', title: t('equipment.sn') },
            { key: 'customer', title: t('contracts.customer'), render: (_v, e) => e.customer.name },
            { key: 'contract', title: t('equipment.contract'), render: (_v, e) => e.contractNumber },
          ]}
        />
      </Modal>
    </ListCard>
  );
}
