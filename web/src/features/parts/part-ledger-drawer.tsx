import { Drawer, Table } from 'antd';
import { STOCK_MOVEMENT_KIND_LABELS, type TStockMovement } from '@contract/parts';
import { usePart } from '../../api/parts.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { useIsPhone } from '../../ui/use-is-phone';

/** A part's last ledger entries: who, when, why, from, to, the linked request. The ledger is never edited. */
export function PartLedgerDrawer({ partId, onClose }: { partId: number; onClose: () => void }) {
  const { t, pick } = useLocale();
  const isPhone = useIsPhone();
  const part = usePart(partId);
  const place = (p: TStockMovement['from']) => p?.name ?? t('parts.outside');
  return (
    <Drawer
      open
      onClose={onClose}
      size={isPhone ? '100%' : 900}
      title={part.data ? `${part.data.pn} · ${part.data.description}` : t('parts.part')}
      data-testid="parts-ledger"
    >
      <QueryErrorAlert query={part} />
      <Table<TStockMovement>
        rowKey="id"
        size="small"
        loading={part.isFetching}
        dataSource={part.data?.movements}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'at', title: t('parts.when'), render: (_v, m) => formatCompanyTime(m.at).slice(0, 16) },
          { key: 'kind', title: t('parts.movementKind'), render: (_v, m) => pick(STOCK_MOVEMENT_KIND_LABELS[m.kind]) },
          { key: 'what', title: t('parts.quantity'), render: (_v, m) => (m.sn ? m.sn : m.quantity) },
          { key: 'from', title: t('parts.from'), render: (_v, m) => place(m.from) },
          { key: 'to', title: t('parts.to'), render: (_v, m) => place(m.to) },
          { key: 'by', title: t('parts.by'), render: (_v, m) => m.by?.name ?? '—' },
          { key: 'reason', title: t('parts.reason'), render: (_v, m) => m.reason },
          { key: 'request', title: t('parts.request'), render: (_v, m) => m.serviceRequest?.number ?? '—' },
        ]}
      />
    </Drawer>
  );
}
