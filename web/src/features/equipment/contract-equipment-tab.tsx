import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { type TWarrantyState, WARRANTY_STATES } from '@contract/equipment';
import { useContractEquipment } from '../../api/equipment.hooks';
import { useCan } from '../../api/me.hooks';
import { useT } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { useIsPhone } from '../../ui/use-is-phone';
import { useLabels } from '../../ui/labels';
import { EquipmentFormDrawer } from './equipment-form-drawer';
import { EquipmentTable } from './equipment-table';

/** R-PM-5: the units a contract covers, with their warranty; registered and corrected here. */
export function ContractEquipmentTab({ contract }: { contract: { id: number; number: string } }) {
  const t = useT();
  const labels = useLabels();
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const canManage = useCan('equipment.manage');
  const [q, setQ] = useState<string | undefined>();
  const [warranty, setWarranty] = useState<TWarrantyState | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const units = useContractEquipment(contract.id, { q, warranty, sort: '-createdAt', ...page });
  const [editing, setEditing] = useState<{ id?: number } | null>(null);

  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }} align="center">
        <Input.Search
          placeholder={t('equipment.search')}
          allowClear
          onSearch={(v) => {
            setQ(v.trim() || undefined);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          style={{ width: isPhone ? '100%' : 260 }}
        />
        <Select
          allowClear
          placeholder={t('equipment.filterWarranty')}
          value={warranty}
          onChange={(w) => {
            setWarranty(w);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={WARRANTY_STATES.map((w) => ({ value: w, label: labels.warranty(w) }))}
          style={{ width: isPhone ? '100%' : 150 }}
        />
        <div style={{ flex: 1 }} />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="equipment-new">
            {t('equipment.new')}
          </Button>
        )}
      </Flex>
      {units.isError && <Alert type="error" showIcon title={errorText(units.error)} style={{ marginBottom: 12 }} />}
      <EquipmentTable
        testId="contract-equipment-table"
        items={units.data?.items}
        loading={units.isFetching}
        showContract={false}
        onEdit={canManage ? (u) => setEditing({ id: u.id }) : undefined}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 50 })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: units.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          size: isPhone ? 'small' : undefined,
        }}
      />
      {editing && <EquipmentFormDrawer open unitId={editing.id} contract={contract} onClose={() => setEditing(null)} />}
    </>
  );
}
