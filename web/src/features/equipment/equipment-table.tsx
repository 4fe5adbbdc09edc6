import { EditOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router';
import type { TEquipment } from '@contract/equipment';
import { useT } from '../../app/locale-context';
import { useIsPhone } from '../../ui/use-is-phone';
import { useLabels, WARRANTY_COLORS } from '../../ui/labels';

export type TEquipmentSortField = 'sn' | 'model' | 'warrantyEnd' | 'createdAt';

export interface EquipmentTableProps {
  items: TEquipment[] | undefined;
  loading: boolean;
  /** Hidden inside a contract, where they are all the same. */
  showContract?: boolean;
  sortOrder?: (field: TEquipmentSortField) => 'ascend' | 'descend' | null;
  pagination: TableProps<TEquipment>['pagination'];
  onChange?: TableProps<TEquipment>['onChange'];
  onEdit?: (unit: TEquipment) => void;
  testId?: string;
}

/** The installed base: what, where, which serial number, and whether it is still under warranty. */
export function EquipmentTable({
  items,
  loading,
  showContract = true,
  sortOrder,
  pagination,
  onChange,
  onEdit,
  testId,
}: EquipmentTableProps) {
  const t = useT();
  const labels = useLabels();
  const isPhone = useIsPhone();
  const sortable = (field: TEquipmentSortField) => (sortOrder ? { sorter: true, sortOrder: sortOrder(field) } : {});
  const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', whiteSpace: 'nowrap' } as const;

  const columns: TableProps<TEquipment>['columns'] = [
    {
      key: 'model',
      title: t('equipment.model'),
      ...sortable('model'),
      render: (_v, e) => (
        <Link to={`/equipment/${e.id}`} data-testid={`equipment-link-${e.id}`}>
          <span style={{ whiteSpace: 'nowrap' }}>
            {e.brand} {e.model}
          </span>
        </Link>
      ),
    },
    { key: 'productType', dataIndex: 'productType', title: t('equipment.productType') },
    { key: 'pn', title: t('equipment.pn'), render: (_v, e) => (e.pn ? <span style={mono}>{e.pn}</span> : null) },
    {
      key: 'sn',
      title: t('equipment.sn'),
      ...sortable('sn'),
      render: (_v, e) =>
        e.sn ? (
          <Typography.Text copyable style={mono}>
            {e.sn}
          </Typography.Text>
        ) : null,
    },
    { key: 'quantity', dataIndex: 'quantity', title: t('equipment.quantity'), align: 'right' },
  ];
  if (showContract) {
    columns.push(
      {
        key: 'customer',
        title: t('contracts.customer'),
        render: (_v, e) => <Link to={`/customers/${e.customer.id}`}>{e.customer.name}</Link>,
      },
      {
        key: 'contract',
        title: t('equipment.contract'),
        render: (_v, e) => (
          <Link to={`/contracts/${e.contractId}`} style={{ whiteSpace: 'nowrap' }}>
            {e.contractNumber}
          </Link>
        ),
      },
    );
  }
  columns.push(
    { key: 'site', dataIndex: 'site', title: t('equipment.site'), ellipsis: true },
    {
      key: 'warrantyEnd',
      title: t('equipment.warrantyEnd'),
      ...sortable('warrantyEnd'),
      render: (_v, e) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {e.warrantyEnd ?? ''}{' '}
          <Tag color={WARRANTY_COLORS[e.warrantyState]} style={{ marginInlineEnd: 0 }} data-warranty={e.warrantyState}>
            {labels.warranty(e.warrantyState)}
          </Tag>
        </span>
      ),
    },
  );
  if (onEdit) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: isPhone ? undefined : 'right',
      render: (_v, e) => (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(e)} data-testid={`equipment-edit-${e.id}`}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <div data-testid={testId}>
      <Table<TEquipment>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        onChange={onChange}
        scroll={{ x: 'max-content' }}
        pagination={pagination}
      />
    </div>
  );
}
