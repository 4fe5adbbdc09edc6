import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { addDays } from '@contract/reports';
import { MANUAL_WORK_HOURS_KINDS, type TWorkHoursEntry } from '@contract/work-hours';
import { useAddOtherWork, useWorkHours } from '../../api/reports.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { showErrorsOnFields } from '../../ui/zod-form';
import { useLineKindLabel } from './report-labels';
import { WeekPicker } from './week-picker';
import { thisWeek } from './report-week';

/** My hours of a week (visits, remote handling, other work) and other work added on a day. */
export function WorkHoursPage() {
  const { t, locale } = useLocale();
  const notify = useNotify();
  const kindLabel = useLineKindLabel();
  const [week, setWeek] = useState(thisWeek());
  const list = useWorkHours(week, addDays(week, 6));
  const add = useAddOtherWork();
  const [form] = Form.useForm<{ workDate: dayjs.Dayjs; kind: (typeof MANUAL_WORK_HOURS_KINDS)[number]; hours: number; note: string }>();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16} data-testid="work-hours-page">
      <Card title={t('workReports.addOtherWork')} size="small">
        <Form
          form={form}
          layout="inline"
          initialValues={{ workDate: dayjs(), kind: 'internal', hours: 1 }}
          onFinish={(v) =>
            add.mutate(
              { workDate: v.workDate.format('YYYY-MM-DD'), kind: v.kind, hours: v.hours, note: v.note?.trim() ?? '' },
              {
                onSuccess: () => notify.success(t('workReports.saved')),
                onError: (e) => {
                  if (!showErrorsOnFields(form, e, locale, { fields: ['workDate', 'kind', 'hours', 'note'] })) notify.error(e);
                },
              },
            )
          }
        >
          <Form.Item name="workDate" label={t('workReports.date')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="kind" label={t('workReports.kind')}>
            <Select style={{ width: 140 }} options={MANUAL_WORK_HOURS_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} />
          </Form.Item>
          <Form.Item name="hours" label={t('workReports.hours')} rules={[{ required: true }]}>
            <InputNumber min={0} max={24} step={0.5} />
          </Form.Item>
          <Form.Item name="note" label={t('workReports.result')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={500} style={{ width: 260 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('workReports.save')}
          </Button>
        </Form>
      </Card>
      <Card title={t('workReports.myHours')} size="small" extra={<WeekPicker week={week} onChange={setWeek} />}>
        <QueryErrorAlert query={list} />
        <Table<TWorkHoursEntry>
          size="small"
          rowKey="id"
          dataSource={list.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('workReports.date'), dataIndex: 'workDate' },
            { title: t('workReports.kind'), dataIndex: 'kind', render: (k: string) => kindLabel(k) },
            { title: t('workReports.hours'), dataIndex: 'hours', align: 'right' },
            { title: t('workReports.number'), render: (_, e) => e.serviceRequest?.number ?? '' },
            { title: t('workReports.customer'), render: (_, e) => e.customer?.name ?? '' },
            { title: t('workReports.result'), dataIndex: 'note' },
          ]}
        />
      </Card>
    </Space>
  );
}
