import { Card, DatePicker, Empty, Flex, Statistic, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import type { TGuardOverrideRecord } from '@contract/guards';
import { ZGuardOverrideQuery } from '@contract/guards';
import { useGuardOverrideCounts, useGuardOverrides } from '../../api/guards.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useDayjsLocale } from '../../ui/dates';
import { ListCard, useListTable } from '../../ui/list-page';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { useUrlQuery } from '../../ui/use-url-query';

/**
 * 规则例外: every rulebook guard a technical manager overrode, with his reason, and how often each
 * rule was bent — the compliance view's count per rule. Clicking a rule's count filters the list.
 */
export function GuardOverridesPage() {
  const { t, locale } = useLocale();
  useDayjsLocale(locale);
  const [query, setQuery] = useUrlQuery(ZGuardOverrideQuery);
  const list = useGuardOverrides(query);
  const counts = useGuardOverrideCounts({ from: query.from, to: query.to });
  const table = useListTable<TGuardOverrideRecord>(query, setQuery, list.data);
  const label = (l: { zh: string; en: string }) => (locale === 'zh-CN' ? l.zh : l.en);

  const columns: TableProps<TGuardOverrideRecord>['columns'] = [
    {
      key: 'at',
      title: t('guards.at'),
      width: 160,
      render: (_v, o) => <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{formatCompanyTime(o.at)}</span>,
    },
    { key: 'rule', title: t('guards.rule'), width: 260, render: (_v, o) => label(o.ruleLabel) },
    { key: 'user', title: t('guards.by'), width: 120, render: (_v, o) => o.user.name },
    { key: 'reason', title: t('guards.reason'), render: (_v, o) => <Typography.Text>{o.reason}</Typography.Text> },
  ];

  return (
    <ListCard
      title={t('guards.title')}
      testId="guard-overrides"
      extra={
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
          onChange={(v) =>
            setQuery({ from: v?.[0]?.format('YYYY-MM-DD') ?? undefined, to: v?.[1]?.format('YYYY-MM-DD') ?? undefined, page: 1 })
          }
        />
      }
    >
      <QueryErrorAlert query={list} />
      <Flex wrap gap={12} style={{ marginBottom: 16 }} data-testid="guard-override-counts">
        {(counts.data ?? []).map((c) => (
          <Card
            key={c.rule}
            size="small"
            hoverable
            onClick={() => setQuery({ rule: query.rule === c.rule ? undefined : c.rule, page: 1 })}
            style={{ width: 240, borderColor: query.rule === c.rule ? '#1677ff' : undefined }}
          >
            <Statistic title={label(c.ruleLabel)} value={c.count} />
          </Card>
        ))}
        {counts.data?.length === 0 && <Empty description={t('guards.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      </Flex>
      <Table<TGuardOverrideRecord>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={table.pagination}
        onChange={table.onChange}
      />
    </ListCard>
  );
}
