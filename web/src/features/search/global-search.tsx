import { SearchOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../app/locale-context';

// The box with its result list (antd's AutoComplete) loads only where it is shown: a phone's
// header has a button to the search page instead, and does not download it.
const GlobalSearchBox = lazy(() => import('./global-search-box').then((m) => ({ default: m.GlobalSearchBox })));

/** The header's search: the search box on wide screens, on phones a button to the search page. */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  if (compact) {
    return (
      <Button
        type="text"
        icon={<SearchOutlined />}
        onClick={() => navigate('/search')}
        aria-label={t('search.open')}
        data-testid="global-search-open"
      />
    );
  }
  return (
    <Suspense fallback={<div style={{ width: 280 }} />}>
      <GlobalSearchBox />
    </Suspense>
  );
}
