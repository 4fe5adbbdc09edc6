import { FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Input } from 'antd';
import type { TablePaginationConfig, TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { type CSSProperties, type ReactNode, useState } from 'react';
import { type TTranslate, useLocale } from '../app/locale-context';
import { useIsPhone } from './use-is-phone';

/*
 * The parts every list page is made of: the card with its "new" button, the filter row, the
 * free-text box, and paging and sorting kept in the page's URL query (useUrlQuery).
 */

const PAGE_SIZES = [20, 50, 100, 200];

/** A filter control's width: its own on a desk, the whole row on a phone. */
export function useControlWidth(): (desktop: number) => CSSProperties {
  const isPhone = useIsPhone();
  return (desktop) => ({ width: isPhone ? '100%' : desktop });
}

interface TCreateAction {
  label: string;
  onClick: () => void;
  testId: string;
}

/**
 * The card of a list page. `create` (for those who may) puts the "new" button in its corner, an
 * icon alone on a phone; `extra` goes before it.
 */
export function ListCard({
  title,
  create,
  extra,
  testId,
  children,
}: {
  title: ReactNode;
  create?: TCreateAction | false;
  extra?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  const isPhone = useIsPhone();
  return (
    <Card
      title={title}
      extra={
        (extra || create) && (
          <Flex gap={8} align="center">
            {extra}
            {create && (
              <Button type="primary" icon={<PlusOutlined />} onClick={create.onClick} data-testid={create.testId} aria-label={create.label}>
                {isPhone ? null : create.label}
              </Button>
            )}
          </Flex>
        )
      }
      styles={{ body: { padding: isPhone ? 12 : undefined } }}
      data-testid={testId}
    >
      {children}
    </Card>
  );
}

/**
 * The row of a list's filters, wrapping on narrow screens. With `lead` (the free-text box), a phone
 * shows only it and a "filters" button that opens the rest (counting those set), so the list is on
 * the first screen.
 */
export function ListFilters({
  children,
  marginBottom = 16,
  lead,
  active = 0,
}: {
  children: ReactNode;
  marginBottom?: number;
  lead?: ReactNode;
  active?: number;
}) {
  const isPhone = useIsPhone();
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  if (isPhone && lead)
    return (
      <Flex vertical gap={8} style={{ marginBottom }}>
        <Flex gap={8}>
          <div style={{ flex: 1, minWidth: 0 }}>{lead}</div>
          <Button icon={<FilterOutlined />} onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="list-filters-toggle">
            {active > 0 ? t('common.filtersActive', { count: active }) : t('common.filters')}
          </Button>
        </Flex>
        {open && (
          <Flex gap={8} wrap data-testid="list-filters-more">
            {children}
          </Flex>
        )}
      </Flex>
    );
  return (
    <Flex gap={8} wrap style={{ marginBottom }}>
      {lead}
      {children}
    </Flex>
  );
}

/**
 * A free-text filter: shows the URL's value (and follows it when the URL changes), answers the
 * trimmed text, or undefined when cleared.
 */
export function ListSearch({
  value,
  onSearch,
  placeholder,
  width,
  testId,
  enterButton = true,
}: {
  value: string | undefined;
  onSearch: (value: string | undefined) => void;
  placeholder: string;
  width: number;
  testId: string;
  enterButton?: boolean;
}) {
  const controlWidth = useControlWidth();
  return (
    <Input.Search
      key={`q-${value ?? ''}`}
      defaultValue={value}
      placeholder={placeholder}
      allowClear
      enterButton={enterButton}
      onSearch={(q) => onSearch(q.trim() || undefined)}
      style={controlWidth(width)}
      data-testid={testId}
    />
  );
}

/** A yes/no filter of a list ("only mine"), aligned with the controls beside it. */
export function ListCheckFilter({
  checked,
  onChange,
  label,
  testId,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  testId: string;
}) {
  return (
    <Checkbox checked={checked} onChange={(e) => onChange(e.target.checked)} style={{ alignSelf: 'center' }} data-testid={testId}>
      {label}
    </Checkbox>
  );
}

interface TPagedQuery {
  page: number;
  pageSize: number;
}

/** What a list answered about its size; `totalCapped`: `total` is a lower bound (counted up to a cap). */
interface TListTotal {
  total: number;
  totalCapped?: boolean;
}

/**
 * The pager's total and its label. A capped total reads "more than N", and the pager is given one
 * more row so the next page stays reachable.
 */
export function pagerTotal(answer: TListTotal | undefined, t: TTranslate): Pick<TablePaginationConfig, 'total' | 'showTotal'> {
  const total = answer?.total ?? 0;
  const capped = answer?.totalCapped === true;
  return {
    total: capped ? total + 1 : total,
    showTotal: () => t(capped ? 'common.totalCapped' : 'common.total', { total }),
  };
}

/**
 * A list's paging (and, with `defaultSort`, sorting) as the table's `pagination`, `onChange` and
 * each sortable column's `sortOrder`, all kept in the URL query. A sort is `field` or `-field`;
 * clearing a column's sort goes back to `defaultSort`; a new sort starts at page 1.
 */
export function useListTable<TItem, TSort extends string = never>(
  query: TPagedQuery & { sort?: string },
  setQuery: (patch: { page?: number; pageSize?: number; sort?: TSort }) => void,
  answer: TListTotal | undefined,
  defaultSort?: TSort,
) {
  const { t } = useLocale();
  const isPhone = useIsPhone();

  const sortOrder = (field: string): SortOrder => {
    if (query.sort === field) return 'ascend';
    if (query.sort === `-${field}`) return 'descend';
    return null;
  };

  const onChange: NonNullable<TableProps<TItem>['onChange']> = (p, _filters, sorter, extra) => {
    if (extra.action === 'sort' && defaultSort !== undefined) {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.columnKey as string | undefined;
      const sort = (field && s.order ? (s.order === 'descend' ? `-${field}` : field) : defaultSort) as TSort;
      setQuery({ sort, page: 1 });
      return;
    }
    setQuery({ page: p.current ?? 1, pageSize: p.pageSize ?? query.pageSize });
  };

  const pagination: TablePaginationConfig = {
    current: query.page,
    pageSize: query.pageSize,
    ...pagerTotal(answer, t),
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    size: isPhone ? 'small' : undefined,
  };

  return { pagination, onChange, sortOrder };
}
