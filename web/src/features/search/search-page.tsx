import { Alert, Card, Empty, Flex, Input, Segmented, Spin, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { SEARCH_KINDS, SEARCH_MAX_LIMIT, type TSearchKind } from '@contract/search';
import { useSearch } from '../../api/search.hooks';
import { useT } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { useIsPhone } from '../../ui/use-is-phone';
import { SEARCH_KIND_ICONS, SEARCH_KIND_LABELS } from './search-kind';
import { hitPath, useSearchSubmit } from './search-submit';

const PER_GROUP = 10;

/** 搜索: everything the user may read that matches, grouped by kind; one kind at a time for more. */
export function SearchPage() {
  const t = useT();
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const submit = useSearchSubmit();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const kindParam = params.get('kind');
  const kind = (SEARCH_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as TSearchKind) : undefined;
  const result = useSearch({ q, kinds: kind ? [kind] : undefined, limit: kind ? SEARCH_MAX_LIMIT : PER_GROUP });
  const groups = result.data?.groups ?? [];

  function setKind(next: TSearchKind | undefined) {
    const p = new URLSearchParams(params);
    if (next) p.set('kind', next);
    else p.delete('kind');
    setParams(p, { replace: true });
  }

  return (
    <Card title={t('search.title')} styles={{ body: { padding: isPhone ? 12 : undefined } }} data-testid="search-page">
      <Flex vertical gap={16}>
        <Input.Search
          key={q}
          defaultValue={q}
          placeholder={t('search.placeholder')}
          enterButton
          allowClear
          autoFocus
          size="large"
          onSearch={(v) => void submit(v)}
          data-testid="search-page-input"
        />
        {q && (
          <Segmented<string>
            value={kind ?? 'all'}
            onChange={(v) => setKind(v === 'all' ? undefined : (v as TSearchKind))}
            options={[
              { value: 'all', label: t('common.all') },
              ...SEARCH_KINDS.map((k) => ({ value: k, label: t(SEARCH_KIND_LABELS[k]) })),
            ]}
            style={{ maxWidth: '100%', overflowX: 'auto' }}
          />
        )}
        {result.isError && <Alert type="error" showIcon title={errorText(result.error)} />}
        {!q && <Empty description={t('search.hint')} />}
        {q && result.isPending && <Spin />}
        {q && result.data && groups.length === 0 && <Empty description={t('search.noResults')} />}
        {groups.map((g) => (
          <Card
            key={g.kind}
            size="small"
            title={
              <span>
                {SEARCH_KIND_ICONS[g.kind]} {t(SEARCH_KIND_LABELS[g.kind])}{' '}
                <Tag style={{ marginInlineStart: 4 }}>{g.totalCapped ? `${g.total}+` : g.total}</Tag>
              </span>
            }
            extra={
              !kind &&
              g.total > g.items.length && (
                <Typography.Link onClick={() => setKind(g.kind)} data-testid={`search-more-${g.kind}`}>
                  {t('search.showAll')}
                </Typography.Link>
              )
            }
            data-testid={`search-group-${g.kind}`}
          >
            <Flex vertical gap={8}>
              {g.items.map((h) => (
                <div key={`${h.kind}-${h.id}`}>
                  <Link to={hitPath(h)} data-testid={`search-hit-${h.kind}-${h.id}`}>
                    {h.title}
                  </Link>
                  {h.subtitle && (
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                      {h.subtitle}
                    </Typography.Text>
                  )}
                </div>
              ))}
            </Flex>
          </Card>
        ))}
      </Flex>
    </Card>
  );
}
