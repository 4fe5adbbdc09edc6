import { SearchOutlined } from '@ant-design/icons';
import { type ComponentType, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../app/locale-context';
import { LightButton } from '../../ui/light-button';
import { withAntd } from '../../ui/lazy-with-antd';
import type { GlobalSearchBox } from './global-search-box';

// The box with its result list (antd's AutoComplete) loads when the user first goes to it: until
// then a plain input stands in its place, and stays until the box is there to take the caret and
// what was typed. A phone's header has a button to the search page instead.
const loadSearchBox = withAntd(() => import('./global-search-box').then((m) => m.GlobalSearchBox));
type TBox = ComponentType<Parameters<typeof GlobalSearchBox>[0]>;

/** The header's search: the search box on wide screens, on phones a button to the search page. */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [Box, setBox] = useState<TBox | null>(null);
  const stubInput = useRef<HTMLInputElement>(null);
  if (compact) {
    return (
      <LightButton
        type="text"
        icon={<SearchOutlined />}
        onClick={() => navigate('/search')}
        aria-label={t('search.open')}
        data-testid="global-search-open"
      />
    );
  }
  if (Box) return <Box initialText={typed} autoFocus={document.activeElement === stubInput.current} />;
  return (
    <label className="fuwu-search-stub">
      <SearchOutlined aria-hidden />
      <input
        ref={stubInput}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onFocus={() => void loadSearchBox().then((B) => setBox(() => B))}
        placeholder={t('search.placeholder')}
        aria-label={t('common.search')}
        data-testid="global-search"
      />
    </label>
  );
}
