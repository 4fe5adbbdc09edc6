import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Select, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type TAuditEntry, ZAuditQuery } from '@contract/audit';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditActionLabel, auditEntityLabel } from '@contract/audit-labels';
import { pick as pickIn } from '@contract/bilingual';
import { useAuditTrail } from '../../api/audit.hooks';
import { useLocale } from '../../app/locale-context';
import { companyDayOf, companyDayStart, formatCompanyTime, getCompanyTimeZone } from '../../ui/company-time';
import { useDayjsLocale } from '../../ui/dates';
import { useIsPhone } from '../../ui/use-is-phone';
import { useUrlQuery } from '../../ui/use-url-query';
import { AuditChange } from './audit-change';
import { ListCard, useListTable } from '../../ui/list-page';
import { QueryErrorAlert } from '../../ui/query-error-alert';

interface FilterValues {
  entity?: string;
  entityId?: string;
  action?: string;
  actorId?: number | null;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

const dayBefore = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

/** 审计日志: every write, who made it and when, with before and after. */
export function AuditPage() {
  const { t, locale } = useLocale();
  useDayjsLocale(locale);
  const isPhone = useIsPhone();
  const [query, setQuery] = useUrlQuery(ZAuditQuery);
  const audit = useAuditTrail(query);
  const [form] = Form.useForm<FilterValues>();

  // Dates are whole days in the company's zone; `to` is the (exclusive) start of the day after.
  const initialFilters: FilterValues = {
    entity: query.entity,
    entityId: query.entityId,
    action: query.action,
    actorId: query.actorId,
    dates:
      query.from || query.to
        ? [query.from ? dayjs(companyDayOf(query.from)) : null, query.to ? dayjs(companyDayOf(dayBefore(query.to))) : null]
        : null,
  };

  function applyFilters(v: FilterValues) {
    const [start, end] = v.dates ?? [null, null];
    setQuery({
      entity: v.entity?.trim() || undefined,
      entityId: v.entityId?.trim() || undefined,
      action: v.action?.trim() || undefined,
      actorId: v.actorId ?? undefined,
      from: start ? companyDayStart(start.format('YYYY-MM-DD')) : undefined,
      to: end ? companyDayStart(end.format('YYYY-MM-DD'), 1) : undefined,
      page: 1,
    });
  }

  function resetFilters() {
    form.setFieldsValue({ entity: undefined, entityId: undefined, action: undefined, actorId: null, dates: null });
    setQuery({ entity: undefined, entityId: undefined, action: undefined, actorId: undefined, from: undefined, to: undefined, page: 1 });
  }

  const entityWords = (code: string) => {
    const l = auditEntityLabel(code);
    return l ? pickIn(l, locale) : code;
  };
  const actionWords = (code: string) => {
    const l = auditActionLabel(code);
    return l ? pickIn(l, locale) : code;
  };
  const options = (labels: Record<string, { zh: string; en: string }>) =>
    Object.entries(labels)
      .map(([value, l]) => ({ value, label: pickIn(l, locale) }))
      .sort((a, b) => a.label.localeCompare(b.label, locale === 'en' ? 'en' : 'zh-CN'));

  const columns: TableProps<TAuditEntry>['columns'] = [
    {
      key: 'at',
      title: t('audit.time'),
      render: (_v, e) => <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{formatCompanyTime(e.at)}</span>,
    },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_v, e) =>
        e.actorId === null ? (
          <Typography.Text type="secondary">{e.actorName ?? t('audit.system')}</Typography.Text>
        ) : (
          <span>
            {e.actorName ?? ''} <Typography.Text type="secondary">#{e.actorId}</Typography.Text>
          </span>
        ),
    },
    {
      key: 'entity',
      title: t('audit.entity'),
      render: (_v, e) => (
        <span title={e.entity} data-testid="audit-entity">
          {entityWords(e.entity)}
        </span>
      ),
    },
    { key: 'entityId', dataIndex: 'entityId', title: t('audit.entityId') },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_v, e) => (
        <Tag title={e.action} data-testid="audit-action">
          {actionWords(e.action)}
        </Tag>
      ),
    },
    {
      key: 'requestId',
      title: t('audit.requestId'),
      render: (_v, e) =>
        e.requestId ? (
          <Typography.Text code copyable style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {e.requestId}
          </Typography.Text>
        ) : null,
    },
  ];

  const table = useListTable<TAuditEntry>(query, setQuery, audit.data);
  const field = (desktop: number) => ({ width: isPhone ? '100%' : desktop, marginInlineEnd: 0 });

  return (
    <ListCard
      title={t('audit.title')}
      extra={<Typography.Text type="secondary">{t('audit.timeZone', { zone: getCompanyTimeZone() })}</Typography.Text>}
    >
      <Form<FilterValues>
        form={form}
        initialValues={initialFilters}
        onFinish={applyFilters}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8, gap: 8 }}
      >
        <Form.Item name="entity" style={field(130)}>
          <Select
            placeholder={t('audit.entity')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={options(AUDIT_ENTITY_LABELS)}
            popupMatchSelectWidth={false}
            data-testid="audit-filter-entity"
          />
        </Form.Item>
        <Form.Item name="entityId" style={field(130)}>
          <Input placeholder={t('audit.entityId')} allowClear data-testid="audit-filter-entity-id" />
        </Form.Item>
        <Form.Item name="action" style={field(130)}>
          <Select
            placeholder={t('audit.action')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={options(AUDIT_ACTION_LABELS)}
            popupMatchSelectWidth={false}
            data-testid="audit-filter-action"
          />
        </Form.Item>
        <Form.Item name="actorId" style={field(130)}>
          <InputNumber placeholder={t('audit.actorId')} min={1} precision={0} style={{ width: '100%' }} data-testid="audit-filter-actor" />
        </Form.Item>
        <Form.Item name="dates" style={field(260)}>
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('audit.dateFrom'), t('audit.dateTo')]}
            style={{ width: '100%' }}
            data-testid="audit-filter-dates"
          />
        </Form.Item>
        <Flex gap={8} style={isPhone ? { width: '100%' } : undefined}>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
            {t('common.search')}
          </Button>
          <Button onClick={resetFilters}>{t('common.reset')}</Button>
        </Flex>
      </Form>
      <QueryErrorAlert query={audit} />
      <div data-testid="audit-table">
        <Table<TAuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={audit.data?.items}
          loading={audit.isFetching}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (e) => <AuditChange entry={e} />,
            rowExpandable: (e) => e.before !== null || e.after !== null,
          }}
          onChange={table.onChange}
          pagination={table.pagination}
        />
      </div>
    </ListCard>
  );
}
