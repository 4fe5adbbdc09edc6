import { Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TWeeklyRecordEngineer } from '@contract/reports';
import { useMe } from '../../api/me.hooks';
import { useReturnWeeklyReport, useWeeklyRecord, useWeeklyRecordActions, useWeeklyReports } from '../../api/reports.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useNotify } from '../../ui/notify';
import { PrintPdfButton } from '../../ui/print-pdf-button';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { UserSelect } from '../../ui/user-select';
import { shiftWeek, thisWeek } from './report-week';
import { WeekPicker } from './week-picker';

/** 周工作记录: the department's weekly meeting, drafted from the submitted weekly reports. */
export function WeeklyRecordPage() {
  const { t } = useLocale();
  const notify = useNotify();
  const me = useMe();
  const [params] = useSearchParams();
  const [week, setWeek] = useState(shiftWeek(params.get('week') ?? thisWeek(), 0));
  const reports = useWeeklyReports(week);
  const record = useWeeklyRecord(week);
  const act = useWeeklyRecordActions();
  const ret = useReturnWeeklyReport();
  const r = record.data;
  const [attendees, setAttendees] = useState<number[]>([]);
  const [decisions, setDecisions] = useState('');
  const [adding, setAdding] = useState(false);
  const [actionForm] = Form.useForm<{ text: string; ownerId: number; dueDate: dayjs.Dayjs }>();
  useEffect(() => {
    setAttendees(r?.attendees.map((a) => a.id) ?? []);
    setDecisions(r?.decisions ?? '');
  }, [r]);
  const people = [...(r?.engineers.map((e) => e.engineer) ?? []), ...(me.data ? [{ id: me.data.id, name: me.data.name }] : [])].filter(
    (p, i, all) => all.findIndex((x) => x.id === p.id) === i,
  );

  return (
    <Flex vertical gap={16} data-testid="weekly-record-page">
      <Card title={t('workReports.weeklyReports')} extra={<WeekPicker week={week} onChange={setWeek} />}>
        <QueryErrorAlert query={reports} />
        <Table
          size="small"
          rowKey={(x) => x.engineer.id}
          dataSource={reports.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('workReports.engineer'), render: (_, x) => x.engineer.name },
            { title: t('workReports.state'), render: (_, x) => <Tag>{t(`workReports.state.${x.state}` as never)}</Tag> },
            { title: t('workReports.totalHours'), dataIndex: 'totalHours', align: 'right' },
            { title: t('workReports.submittedAt'), render: (_, x) => (x.submittedAt ? formatCompanyTime(x.submittedAt) : '') },
            {
              title: '',
              render: (_, x) =>
                x.id && x.state === 'submitted' ? (
                  <Space>
                    <PrintPdfButton href={`/api/weekly-reports/${x.id}/form.pdf`} />
                    <Button
                      size="small"
                      onClick={() =>
                        Modal.confirm({
                          title: t('workReports.return'),
                          content: <Input.TextArea id="return-reason" />,
                          onOk: async () => {
                            const reason =
                              (document.getElementById('return-reason') as HTMLTextAreaElement | null)?.value.trim() ||
                              t('workReports.return');
                            await ret.mutateAsync({ id: x.id as number, version: x.version, reason }).catch((e) => notify.error(e));
                          },
                        })
                      }
                    >
                      {t('workReports.return')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card
        title={t('workReports.weeklyRecord')}
        extra={
          <Space>
            <Button
              type="primary"
              data-testid="draft-record"
              loading={act.draft.isPending}
              onClick={() => act.draft.mutate(week, { onError: (e) => notify.error(e) })}
            >
              {r ? t('workReports.redraft') : t('workReports.draft')}
            </Button>
            {r && <PrintPdfButton href={`/api/weekly-records/${r.id}/form.pdf`} />}
            {r && <Button href={`/api/weekly-records/${r.id}/form.xlsx`}>.xlsx</Button>}
            <Link to={`/reports/weekly-record/sales-notes?week=${week}`} data-testid="open-sales-notes">
              <Button>{t('salesNotes.open')}</Button>
            </Link>
          </Space>
        }
      >
        <QueryErrorAlert query={record} />
        {!r && <Typography.Text type="secondary">{t('workReports.noRecord')}</Typography.Text>}
        {r && (
          <Flex vertical gap={16}>
            <Typography.Text type="secondary">
              {t('workReports.draftedAt')}: {formatCompanyTime(r.draftedAt)} · {t('workReports.totalHours')}: {r.totalHours}
            </Typography.Text>
            <Table<TWeeklyRecordEngineer>
              size="small"
              rowKey={(e) => e.engineer.id}
              dataSource={r.engineers}
              pagination={false}
              data-testid="record-engineers"
              columns={[
                { title: t('workReports.engineer'), render: (_, e) => e.engineer.name },
                { title: t('workReports.hours'), dataIndex: 'hours', align: 'right' },
                { title: t('workReports.closed'), dataIndex: 'requestsClosed', align: 'right' },
                { title: t('workReports.open'), dataIndex: 'requestsOpen', align: 'right' },
                { title: t('workReports.slaMisses'), render: (_, e) => e.slaMisses.map((m) => <Tag key={m.id}>{m.number}</Tag>) },
                { title: t('workReports.summary'), dataIndex: 'summary' },
              ]}
            />
            <div>
              <Typography.Text strong>{t('workReports.attendees')}</Typography.Text>
              <Select
                mode="multiple"
                style={{ width: '100%' }}
                value={attendees}
                onChange={setAttendees}
                options={people.map((p) => ({ value: p.id, label: p.name }))}
              />
            </div>
            <div>
              <Typography.Text strong>{t('workReports.decisions')}</Typography.Text>
              <Input.TextArea value={decisions} onChange={(e) => setDecisions(e.target.value)} autoSize={{ minRows: 2 }} maxLength={8000} />
            </div>
            <Space>
              <Button
                onClick={() =>
                  act.update.mutate(
                    { id: r.id, body: { version: r.version, attendeeIds: attendees, decisions: decisions.trim() || null } },
                    { onSuccess: () => notify.success(t('workReports.saved')), onError: (e) => notify.error(e) },
                  )
                }
              >
                {t('workReports.save')}
              </Button>
              <Button
                onClick={() => {
                  actionForm.resetFields();
                  setAdding(true);
                }}
              >
                {t('workReports.addAction')}
              </Button>
              <Button
                onClick={() =>
                  act.finalise.mutate(
                    { id: r.id, version: r.version },
                    { onSuccess: () => notify.success(t('workReports.finalised')), onError: (e) => notify.error(e) },
                  )
                }
              >
                {t('workReports.finalise')}
              </Button>
            </Space>
            <Table
              size="small"
              rowKey="id"
              dataSource={r.actions}
              pagination={false}
              columns={[
                { title: t('workReports.actionItem'), dataIndex: 'text' },
                { title: t('workReports.owner'), render: (_, a) => a.owner.name },
                { title: t('workReports.due'), dataIndex: 'dueDate' },
                { title: t('workReports.done'), render: (_, a) => (a.doneAt ? formatCompanyTime(a.doneAt) : '') },
              ]}
            />
          </Flex>
        )}
      </Card>
      <Modal
        open={adding}
        title={t('workReports.addAction')}
        onCancel={() => setAdding(false)}
        onOk={() => actionForm.submit()}
        destroyOnHidden
      >
        <Form
          form={actionForm}
          layout="vertical"
          onFinish={(v) =>
            r &&
            act.addAction.mutate(
              { id: r.id, body: { text: v.text.trim(), ownerId: v.ownerId, dueDate: v.dueDate.format('YYYY-MM-DD') } },
              { onSuccess: () => setAdding(false), onError: (e) => notify.error(e) },
            )
          }
        >
          <Form.Item name="text" label={t('workReports.actionItem')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={1000} />
          </Form.Item>
          <Form.Item name="ownerId" label={t('workReports.owner')} rules={[{ required: true }]}>
            <UserSelect holding="engineer" />
          </Form.Item>
          <Form.Item name="dueDate" label={t('workReports.due')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
