import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Flex, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { TSearchHit } from '@contract/search';
import { useSearch } from '../../api/search.hooks';
import { useT } from '../../app/locale-context';
import { useDebounced } from '../../ui/use-debounced';
import { SEARCH_KIND_ICONS, SEARCH_KIND_LABELS } from './search-kind';
import { hitPath, useSearchSubmit } from './search-submit';

const PER_GROUP = 5;

/**
 * The header's search box: results grouped by kind as you type; Enter opens the results page,
 * or the unit itself when an SN identifies exactly one.
 */
export function GlobalSearchBox({ initialText = '', autoFocus }: { initialText?: string; autoFocus?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const submit = useSearchSubmit();
  // What was typed into the header's stand-in before this box loaded (global-search.tsx).
  const [text, setText] = useState(initialText);
  const q = useDebounced(text.trim(), 200);
  const result = useSearch({ q, limit: PER_GROUP });
  // Enter on a highlighted result selects it; Enter otherwise searches. Both see the key.
  const selecting = useRef(false);
  const hits = new Map<string, TSearchHit>();

  const groups = q && text.trim() ? (result.data?.groups ?? []) : [];
  const options = groups.map((g) => ({
    label: (
      <Flex justify="space-between">
        <span>
          {SEARCH_KIND_ICONS[g.kind]} {t(SEARCH_KIND_LABELS[g.kind])}
        </span>
        <span>{g.totalCapped ? `${g.total}+` : g.total}</span>
      </Flex>
    ),
    options: g.items.map((h) => {
      const value = `${h.kind}:${h.id}`;
      hits.set(value, h);
      return {
        value,
        label: (
          <div data-testid={`global-search-hit-${h.kind}-${h.id}`}>
            <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{h.title}</div>
            {h.subtitle && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.subtitle}
              </Typography.Text>
            )}
          </div>
        ),
      };
    }),
  }));
  if (groups.length > 0) {
    options.push({
      label: <span />,
      options: [{ value: '__all__', label: <Typography.Link>{t('search.allResults', { q: text.trim() })}</Typography.Link> }],
    });
  }

  function searchNow() {
    const value = text.trim();
    if (!value) return;
    setText('');
    void submit(value);
  }

  return (
    <AutoComplete
      value={text}
      onChange={(v: string) => setText(v)}
      options={options}
      defaultActiveFirstOption={false}
      onSelect={(value: string) => {
        selecting.current = true;
        window.setTimeout(() => {
          selecting.current = false;
        }, 100);
        if (value === '__all__') {
          navigate(`/search?q=${encodeURIComponent(text.trim())}`);
        } else {
          const hit = hits.get(value);
          if (hit) navigate(hitPath(hit));
        }
        setText('');
      }}
      popupMatchSelectWidth={380}
      // The header sets a 56 px line height; the box keeps its own.
      style={{ width: 280, lineHeight: 'normal' }}
      notFoundContent={q && result.data && !result.isFetching ? t('search.noResults') : null}
    >
      <Input
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        allowClear
        // It replaces the stand-in the user is typing into: the caret stays in the box.
        autoFocus={autoFocus}
        aria-label={t('common.search')}
        onPressEnter={() => {
          window.setTimeout(() => {
            if (!selecting.current) searchNow();
          }, 0);
        }}
        data-testid="global-search"
      />
    </AutoComplete>
  );
}
