import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Flex, Input, InputNumber, Select, Switch, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { THolidayPeriod, THolidayYearRecord, TMakeUpWorkday } from '@contract/working-calendar';
import { isApiError } from '../../api/api-error';
import { useHolidayYears, usePutHolidayYear } from '../../api/calendar.hooks';
import { useT } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { useNotify } from '../../ui/notify';
import { DATE_FORMAT, fromDay, toDay } from '../../ui/dates';

interface TDraft {
  year: number;
  provisional: boolean;
  holidays: THolidayPeriod[];
  makeUpWorkdays: TMakeUpWorkday[];
  /** Undefined for a year not yet saved. */
  version?: number;
}

const draftOf = (y: THolidayYearRecord): TDraft => ({
  year: y.year,
  provisional: y.provisional,
  holidays: y.holidays.map((h) => ({ ...h })),
  makeUpWorkdays: y.makeUpWorkdays.map((m) => ({ ...m })),
  version: y.version,
});

/** 工作日历: public holidays and make-up workdays (调休) per year, which SLA deadlines follow (R-EMER-8). */
export function WorkingCalendarPage() {
  const t = useT();
  const notify = useNotify();
  const errorText = useErrorText();
  const years = useHolidayYears();
  const save = usePutHolidayYear();
  const items = years.data?.items ?? [];
  const [selected, setSelected] = useState<number | null>(null);
  const [draft, setDraft] = useState<TDraft | null>(null);
  const [newYear, setNewYear] = useState<number | null>(null);
  const [issues, setIssues] = useState<{ path: string; message: string }[]>([]);

  const current = useMemo(() => items.find((y) => y.year === selected) ?? null, [items, selected]);

  // Default to this year (or the first listed); reload the draft when the saved year changes.
  useEffect(() => {
    if (selected === null && items.length > 0) {
      const thisYear = new Date().getFullYear();
      setSelected(items.some((y) => y.year === thisYear) ? thisYear : items[0].year);
    }
  }, [items, selected]);
  useEffect(() => {
    if (current) setDraft(draftOf(current));
  }, [current]);

  function pick(year: number) {
    setIssues([]);
    setSelected(year);
    const y = items.find((i) => i.year === year);
    setDraft(y ? draftOf(y) : { year, provisional: true, holidays: [], makeUpWorkdays: [] });
  }

  function addYear() {
    if (newYear === null || items.some((y) => y.year === newYear)) return;
    pick(newYear);
    setNewYear(null);
  }

  const patchHoliday = (i: number, patch: Partial<THolidayPeriod>) =>
    setDraft((d) => d && { ...d, holidays: d.holidays.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
  const patchMakeUp = (i: number, patch: Partial<TMakeUpWorkday>) =>
    setDraft((d) => d && { ...d, makeUpWorkdays: d.makeUpWorkdays.map((m, j) => (j === i ? { ...m, ...patch } : m)) });

  function onSave() {
    if (!draft) return;
    setIssues([]);
    save.mutate(
      {
        year: draft.year,
        body: { provisional: draft.provisional, holidays: draft.holidays, makeUpWorkdays: draft.makeUpWorkdays, version: draft.version },
      },
      {
        onSuccess: (y) => {
          setDraft(draftOf(y));
          notify.success(t('calendar.saved', { year: y.year }));
        },
        onError: (err) => {
          if (isApiError(err)) setIssues(err.issues);
          notify.error(err);
        },
      },
    );
  }

  const issueAt = (path: string) => issues.find((i) => i.path === path)?.message;
  const status = (path: string) => (issueAt(path) ? ('error' as const) : undefined);

  const holidayColumns: TableProps<THolidayPeriod & { i: number }>['columns'] = [
    {
      key: 'nameZh',
      title: t('calendar.nameZh'),
      render: (_v, h) => (
        <Input value={h.nameZh} status={status(`holidays.${h.i}.nameZh`)} onChange={(e) => patchHoliday(h.i, { nameZh: e.target.value })} />
      ),
    },
    {
      key: 'nameEn',
      title: t('calendar.nameEn'),
      render: (_v, h) => (
        <Input value={h.nameEn} status={status(`holidays.${h.i}.nameEn`)} onChange={(e) => patchHoliday(h.i, { nameEn: e.target.value })} />
      ),
    },
    {
      key: 'from',
      title: t('calendar.from'),
      render: (_v, h) => (
        <DayPicker
          value={h.from}
          status={status(`holidays.${h.i}.from`)}
          title={issueAt(`holidays.${h.i}.from`)}
          onChange={(from) => patchHoliday(h.i, { from })}
          testId={`calendar-holiday-from-${h.i}`}
        />
      ),
    },
    {
      key: 'to',
      title: t('calendar.to'),
      render: (_v, h) => (
        <DayPicker
          value={h.to}
          status={status(`holidays.${h.i}.to`)}
          title={issueAt(`holidays.${h.i}.to`)}
          onChange={(to) => patchHoliday(h.i, { to })}
          testId={`calendar-holiday-to-${h.i}`}
        />
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_v, h) => (
        <Button
          type="link"
          danger
          icon={<DeleteOutlined />}
          onClick={() => setDraft((d) => d && { ...d, holidays: d.holidays.filter((_x, j) => j !== h.i) })}
        >
          {t('common.remove')}
        </Button>
      ),
    },
  ];

  const makeUpColumns: TableProps<TMakeUpWorkday & { i: number }>['columns'] = [
    {
      key: 'date',
      title: t('calendar.date'),
      render: (_v, m) => (
        <DayPicker
          value={m.date}
          status={status(`makeUpWorkdays.${m.i}.date`)}
          title={issueAt(`makeUpWorkdays.${m.i}.date`)}
          onChange={(date) => patchMakeUp(m.i, { date })}
          testId={`calendar-makeup-date-${m.i}`}
        />
      ),
    },
    {
      key: 'nameZh',
      title: t('calendar.nameZh'),
      render: (_v, m) => <Input value={m.nameZh} onChange={(e) => patchMakeUp(m.i, { nameZh: e.target.value })} />,
    },
    {
      key: 'nameEn',
      title: t('calendar.nameEn'),
      render: (_v, m) => <Input value={m.nameEn} onChange={(e) => patchMakeUp(m.i, { nameEn: e.target.value })} />,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_v, m) => (
        <Button
          type="link"
          danger
          icon={<DeleteOutlined />}
          onClick={() => setDraft((d) => d && { ...d, makeUpWorkdays: d.makeUpWorkdays.filter((_x, j) => j !== m.i) })}
        >
          {t('common.remove')}
        </Button>
      ),
    },
  ];

  const yearOptions = [...new Set([...items.map((y) => y.year), ...(draft ? [draft.year] : [])])]
    .sort((a, b) => a - b)
    .map((y) => ({ value: y, label: String(y) }));

  return (
    <Card title={t('nav.calendar')} data-testid="calendar-page">
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('calendar.help')}</Typography.Text>
        {years.error && <Alert type="error" message={errorText(years.error)} />}
        <Flex gap={8} wrap align="center">
          <span>{t('calendar.year')}</span>
          <Select
            style={{ width: 120 }}
            value={draft?.year}
            options={yearOptions}
            onChange={pick}
            loading={years.isLoading}
            data-testid="calendar-year"
          />
          <InputNumber min={2000} max={2100} value={newYear} onChange={(v) => setNewYear(v)} placeholder="2028" />
          <Button icon={<PlusOutlined />} onClick={addYear} disabled={newYear === null}>
            {t('calendar.addYear')}
          </Button>
        </Flex>
        {draft && (
          <>
            <Flex gap={8} align="center" wrap>
              {/* The switch says what it sets: on = the State Council has published this year's arrangement. */}
              <span>{t('calendar.publishedSwitch')}</span>
              <Switch
                checked={!draft.provisional}
                onChange={(published) => setDraft({ ...draft, provisional: !published })}
                data-testid="calendar-provisional"
              />
              {draft.provisional ? (
                <>
                  <Tag color="warning">{t('calendar.provisional')}</Tag>
                  <Typography.Text type="secondary">{t('calendar.provisionalHelp')}</Typography.Text>
                </>
              ) : (
                <Tag color="success">{t('calendar.published')}</Tag>
              )}
              {current && (
                <Typography.Text type="secondary">
                  {t('calendar.updated', { at: formatCompanyTime(current.updatedAt), by: current.updatedBy ?? '' })}
                </Typography.Text>
              )}
            </Flex>
            {issues.length > 0 && (
              <Alert type="error" message={issues.map((i) => `${i.path}: ${i.message}`).join('；')} data-testid="calendar-issues" />
            )}
            <Typography.Title level={5}>{t('calendar.holidays')}</Typography.Title>
            <Table
              rowKey="i"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={holidayColumns}
              dataSource={draft.holidays.map((h, i) => ({ ...h, i }))}
              locale={{ emptyText: t('calendar.empty') }}
            />
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                setDraft({
                  ...draft,
                  holidays: [...draft.holidays, { nameZh: '', nameEn: '', from: `${draft.year}-01-01`, to: `${draft.year}-01-01` }],
                })
              }
              data-testid="calendar-add-holiday"
            >
              {t('calendar.addHoliday')}
            </Button>
            <Typography.Title level={5}>{t('calendar.makeUpWorkdays')}</Typography.Title>
            <Table
              rowKey="i"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={makeUpColumns}
              dataSource={draft.makeUpWorkdays.map((m, i) => ({ ...m, i }))}
              locale={{ emptyText: t('calendar.empty') }}
            />
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                setDraft({ ...draft, makeUpWorkdays: [...draft.makeUpWorkdays, { date: `${draft.year}-01-01`, nameZh: '', nameEn: '' }] })
              }
            >
              {t('calendar.addMakeUpWorkday')}
            </Button>
            <Flex gap={8}>
              <Button type="primary" onClick={onSave} loading={save.isPending} data-testid="calendar-save">
                {t('common.save')}
              </Button>
              <Button onClick={() => (current ? setDraft(draftOf(current)) : setDraft(null))}>{t('common.cancel')}</Button>
            </Flex>
          </>
        )}
      </Flex>
    </Card>
  );
}

/** A day as antd's picker (typed `YYYY-MM-DD` + Enter works too), holding the page's `YYYY-MM-DD` text. */
function DayPicker(props: {
  value: string;
  status: 'error' | undefined;
  title: string | undefined;
  onChange: (day: string) => void;
  testId: string;
}) {
  return (
    <DatePicker
      value={fromDay(props.value)}
      format={DATE_FORMAT}
      allowClear={false}
      status={props.status}
      title={props.title}
      onChange={(d) => props.onChange(toDay(d) ?? '')}
      data-testid={props.testId}
    />
  );
}
