import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { WEEKLY_LINE_KINDS, type TWeeklyReportLine } from '@contract/reports';
import { useMyWeeklyReport, useSaveMyWeeklyReport } from '../../api/reports.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useNotify } from '../../ui/notify';
import { PrintPdfButton } from '../../ui/print-pdf-button';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { thisWeek } from './report-week';
import { useLineKindLabel } from './report-labels';
import { WeekPicker } from './week-picker';

/** 工作周报: the engineer's week, drafted from his hours, calls and closed requests; he edits and submits. */
export function WeeklyReportPage() {
  const { t } = useLocale();
  const notify = useNotify();
  const kindLabel = useLineKindLabel();
  const [week, setWeek] = useState(thisWeek());
  const q = useMyWeeklyReport(week);
  const save = useSaveMyWeeklyReport(week);
  const [lines, setLines] = useState<TWeeklyReportLine[]>([]);
  const [text, setText] = useState({ problems: '', suggestions: '', nextWeekPlan: '' });
  const [adding, setAdding] = useState(false);
  const [lineForm] = Form.useForm<{
    date: dayjs.Dayjs;
    kind: TWeeklyReportLine['kind'];
    hours: number;
    result: string;
    customer?: string;
  }>();
  const r = q.data;
  useEffect(() => {
    if (!r) return;
    setLines(r.lines);
    setText({ problems: r.problems ?? '', suggestions: r.suggestions ?? '', nextWeekPlan: r.nextWeekPlan ?? '' });
  }, [r]);
  const locked = r?.state === 'submitted';

  function send(submit: boolean) {
    if (!r) return;
    save.mutate(
      {
        submit,
        body: {
          version: r.version,
          lines,
          problems: text.problems || null,
          suggestions: text.suggestions || null,
          nextWeekPlan: text.nextWeekPlan || null,
        },
      },
      { onSuccess: () => notify.success(t(submit ? 'workReports.submitted' : 'workReports.saved')), onError: (e) => notify.error(e) },
    );
  }

  return (
    <Card
      title={t('workReports.weeklyReport')}
      data-testid="weekly-report-page"
      extra={
        <Space>
          <WeekPicker week={week} onChange={setWeek} />
          {r?.id ? <PrintPdfButton href={`/api/weekly-reports/${r.id}/form.pdf`} /> : null}
          {r?.id ? <Button href={`/api/weekly-reports/${r.id}/form.xlsx`}>.xlsx</Button> : null}
        </Space>
      }
    >
      <QueryErrorAlert query={q} />
      {r && (
        <Flex vertical gap={16}>
          <Space wrap>
            <Tag color={locked ? 'green' : r.state === 'returned' ? 'orange' : 'blue'} data-testid="report-state">
              {t(`workReports.state.${r.state}`)}
            </Tag>
            <Typography.Text type="secondary">
              {t('workReports.dueAt')}: {formatCompanyTime(r.dueAt)}
            </Typography.Text>
            <Typography.Text>
              {t('workReports.totalHours')}: <b data-testid="total-hours">{Math.round(lines.reduce((s, l) => s + l.hours, 0) * 100) / 100}</b>
            </Typography.Text>
          </Space>
          {r.state === 'returned' && (
            <Alert type="warning" showIcon message={`${t('workReports.returnedBecause')}: ${r.returnedReason ?? ''}`} />
          )}
          <Table
            size="small"
            rowKey={(_, i) => String(i)}
            dataSource={lines}
            pagination={false}
            data-testid="report-lines"
            columns={[
              { title: t('workReports.date'), dataIndex: 'date', width: 110 },
              { title: t('workReports.customer'), dataIndex: 'customer' },
              { title: t('workReports.number'), dataIndex: 'requestNumber', width: 150 },
              { title: t('workReports.kind'), dataIndex: 'kind', width: 120, render: (k: string) => kindLabel(k) },
              { title: t('workReports.hours'), dataIndex: 'hours', width: 80, align: 'right' },
              { title: t('workReports.result'), dataIndex: 'result' },
            ]}
          />
          {!locked && (
            <Button
              icon={<PlusOutlined />}
              data-testid="add-line"
              onClick={() => {
                lineForm.resetFields();
                setAdding(true);
              }}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('workReports.addLine')}
            </Button>
          )}
          {(['problems', 'suggestions', 'nextWeekPlan'] as const).map((k) => (
            <div key={k}>
              <Typography.Text strong>{t(`workReports.${k}`)}</Typography.Text>
              <Input.TextArea
                data-testid={`report-${k}`}
                value={text[k]}
                disabled={locked}
                autoSize={{ minRows: 2 }}
                maxLength={4000}
                onChange={(e) => setText({ ...text, [k]: e.target.value })}
              />
            </div>
          ))}
          {!locked && (
            <Space>
              <Button onClick={() => send(false)} loading={save.isPending} data-testid="report-save">
                {t('workReports.save')}
              </Button>
              <Button type="primary" onClick={() => send(true)} loading={save.isPending} data-testid="report-submit">
                {t('workReports.submit')}
              </Button>
            </Space>
          )}
        </Flex>
      )}
      <Modal
        open={adding}
        title={t('workReports.addLine')}
        onCancel={() => setAdding(false)}
        onOk={() => lineForm.submit()}
        okButtonProps={{ 'data-testid': 'line-ok' } as never}
        destroyOnHidden
      >
        <Form
          form={lineForm}
          layout="vertical"
          initialValues={{ date: dayjs(week).add(4, 'day'), kind: 'internal', hours: 1 }}
          onFinish={(v) => {
            setLines([
              ...lines,
              {
                date: v.date.format('YYYY-MM-DD'),
                customer: v.customer?.trim() || null,
                requestNumber: null,
                kind: v.kind,
                hours: v.hours,
                result: v.result.trim(),
                origin: 'manual',
              },
            ]);
            setAdding(false);
          }}
        >
          <Form.Item name="date" label={t('workReports.date')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind" label={t('workReports.kind')} rules={[{ required: true }]}>
            <Select options={WEEKLY_LINE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} data-testid="line-kind" />
          </Form.Item>
          <Form.Item name="hours" label={t('workReports.hours')} rules={[{ required: true }]}>
            <InputNumber min={0} max={24} step={0.5} data-testid="line-hours" />
          </Form.Item>
          <Form.Item name="customer" label={t('workReports.customer')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="result" label={t('workReports.result')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={1000} data-testid="line-result" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
