import { Card, Tabs } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { useLocale } from '../../app/locale-context';
import { LoansTab } from './loans-tab';
import { StockTab } from './stock-tab';
import { TagsTab } from './tags-tab';

type TTab = 'loans' | 'stock' | 'tags';

/**
 * 备品备件 (R-EMER-4, R-INST-9, R-EMER-10): loans (the engineer's first stop, emergency loans from
 * the phone), stock by part and place, faulty part tags. `/parts/loans/:id` and `/parts/tags/:id`
 * (a notification's link) open the tab of the record.
 */
export function PartsPage() {
  const { t } = useLocale();
  const [params, setParams] = useSearchParams();
  const { kind, id } = useParams();
  const tab: TTab = kind === 'tags' ? 'tags' : kind === 'loans' ? 'loans' : ((params.get('tab') as TTab | null) ?? 'loans');
  return (
    <Card title={t('parts.title')} data-testid="parts-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'loans', label: t('parts.tab.loans'), children: <LoansTab highlight={kind === 'loans' && id ? Number(id) : undefined} /> },
          { key: 'stock', label: t('parts.tab.stock'), children: <StockTab /> },
          { key: 'tags', label: t('parts.tab.tags'), children: <TagsTab /> },
        ]}
      />
    </Card>
  );
}
