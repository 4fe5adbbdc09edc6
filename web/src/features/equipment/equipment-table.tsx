import { EditOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router';
import type { TEquipment } from '@contract/equipment';
import { useT } from '../../app/locale-context';
import { COLUMN_WIDTH, CutText, NO_WRAP, useFitTable } from '../../ui/table-cells';
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
  const fitTable = useFitTable();
  const sortable = (field: TEquipmentSortField) => (sortOrder ? { sorter: true, sortOrder: sortOrder(field) } : {});
  const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', whiteSpace: 'nowrap' } as const;

  const columns: TableProps<TEquipment>['columns'] = [
    {
      key: 'model',
      title: t('equipment.model'),
      ...sortable('model'),
      render: (_v, e) => (
        <CutText
          title={`${e.brand} ${e.model}`}
          text={
            <Link to={`/equipment/${e.id}`} data-testid={`equipment-link-${e.id}`}>
              {e.brand} {e.model}
            </Link>
          }
          sub={e.productType}
        />
      ),
    },
    {
      key: 'pn',
      title: t('equipment.pn'),
      width: 132,
      render: (_v, e) => (e.pn ? <CutText text={<span style={mono}>{e.pn}</span>} title={e.pn} /> : null),
    },
    {
      key: 'sn',
      title: t('equipment.sn'),
      width: 216,
      ...sortable('sn'),
      render: (_v, e) =>
        e.sn ? (
          <Typography.Text copyable ellipsis={{ tooltip: e.sn }} style={mono}>
            {e.sn}
          </Typography.Text>
        ) : null,
    },
    { key: 'quantity', dataIndex: 'quantity', title: t('equipment.quantity'), width: 60, align: 'right' },
  ];
  if (showContract) {
    columns.push({
      key: 'customer',
      title: `${t('contracts.customer')} / ${t('equipment.contract')}`,
      render: (_v, e) => (
        <CutText
          title={e.customer.name}
          text={<Link to={`/customers/${e.customer.id}`}>{e.customer.name}</Link>}
          subTitle={e.contractNumber}
          sub={<Link to={`/contracts/${e.contractId}`}>{e.contractNumber}</Link>}
        />
      ),
    });
  }
  columns.push(
    { key: 'site', title: t('equipment.site'), render: (_v, e) => <CutText text={e.site ?? ''} /> },
    {
      key: 'warrantyEnd',
      title: t('equipment.warrantyEnd'),
      width: 124,
      ...sortable('warrantyEnd'),
      render: (_v, e) => (
        <div style={NO_WRAP}>
          {e.warrantyEnd && <div>{e.warrantyEnd}</div>}
          <Tag color={WARRANTY_COLORS[e.warrantyState]} style={{ marginInlineEnd: 0 }} data-warranty={e.warrantyState}>
            {labels.warranty(e.warrantyState)}
          </Tag>
        </div>
      ),
    },
  );
  if (onEdit) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: COLUMN_WIDTH.actions,
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
        {...fitTable}
        pagination={pagination}
      />
    </div>
  );
}
