import { Button, Flex, Form, Input, Modal, Radio, Table, Tag } from 'antd';
import { useState } from 'react';
import { BURN_IN_RESULT_LABELS, BURN_IN_RESULTS, type TBurnIn, type TInspectionDetail } from '@contract/inspections';
import { useInspectionStep, useInspectionUpload } from '../../api/inspections.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime, getCompanyTimeZone } from '../../ui/company-time';
import { useNotify } from '../../ui/notify';
import { showErrorsOnFields } from '../../ui/zod-form';
import { SectionTitle } from './section-title';
import { durationText, instantOfLocalInput, localInputOfInstant } from './inspection-values';

interface TBurnInForm {
  startedAt: string;
  endedAt?: string;
  result?: 'passed' | 'failed';
  notes?: string;
}

/** R-GOODS-5: burn-ins of a unit or a batch (the ticked units), their end, result and test log. */
export function BurnInSection({
  inspection: d,
  canManage,
  selected,
}: {
  inspection: TInspectionDetail;
  canManage: boolean;
  selected: number[];
}) {
  const { t, pick, locale } = useLocale();
  const notify = useNotify();
  const step = useInspectionStep(d.id);
  const upload = useInspectionUpload(d.id);
  const [editing, setEditing] = useState<TBurnIn | 'new' | null>(null);
  const [form] = Form.useForm<TBurnInForm>();
  const tz = getCompanyTimeZone();
  const snOf = (id: number) => d.units.find((u) => u.id === id)?.sn ?? `#${id}`;

  function open(b: TBurnIn | 'new') {
    form.resetFields();
    form.setFieldsValue(
      b === 'new'
        ? { startedAt: localInputOfInstant(new Date().toISOString(), tz) }
        : {
            startedAt: localInputOfInstant(b.startedAt, tz),
            endedAt: localInputOfInstant(b.endedAt, tz),
            result: b.result ?? undefined,
            notes: b.notes ?? '',
          },
    );
    setEditing(b);
  }

  function submit(v: TBurnInForm) {
    const startedAt = instantOfLocalInput(v.startedAt, tz);
    const endedAt = instantOfLocalInput(v.endedAt, tz);
    const common = { endedAt, result: v.result ?? null, notes: v.notes?.trim() || null };
    const req =
      editing === 'new'
        ? { path: '/burn-ins', body: { unitIds: selected, startedAt, ...common } }
        : { path: `/burn-ins/${editing?.id}`, method: 'PATCH' as const, body: { version: editing?.version, ...common } };
    step.mutate(req, {
      onSuccess: () => setEditing(null),
      onError: (err) => {
        if (!showErrorsOnFields(form, err, locale, { fields: ['startedAt', 'endedAt', 'result', 'notes'] })) notify.error(err);
      },
    });
  }

  return (
    <section>
      <SectionTitle>{t('insp.burnIns')}</SectionTitle>
      {canManage && (
        <Button style={{ marginBottom: 12 }} disabled={selected.length === 0} onClick={() => open('new')} data-testid="insp-burn-in-new">
          {t('insp.startBurnIn', { n: String(selected.length) })}
        </Button>
      )}
      <Table<TBurnIn>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.burnIns}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'units', title: 'SN', render: (_v, b) => b.unitIds.map(snOf).join('、') },
          { key: 'start', title: t('insp.startedAt'), render: (_v, b) => formatCompanyTime(b.startedAt).slice(0, 16) },
          { key: 'end', title: t('insp.endedAt'), render: (_v, b) => (b.endedAt ? formatCompanyTime(b.endedAt).slice(0, 16) : '—') },
          { key: 'duration', title: t('insp.duration'), render: (_v, b) => durationText(b.startedAt, b.endedAt) ?? '—' },
          {
            key: 'result',
            title: t('insp.result'),
            render: (_v, b) =>
              b.result ? <Tag color={b.result === 'passed' ? 'green' : 'red'}>{pick(BURN_IN_RESULT_LABELS[b.result])}</Tag> : '—',
          },
          {
            key: 'log',
            title: t('insp.testLog'),
            render: (_v, b) => (
              <Flex vertical gap={2}>
                {b.logName && (
                  <a href={`/api/inspections/${d.id}/burn-ins/${b.id}/log`} data-testid={`insp-log-${b.id}`}>
                    {b.logName}
                  </a>
                )}
                {canManage && (
                  <label className="fuwu-link-button" data-testid={`insp-log-upload-${b.id}`}>
                    {t('insp.attachLog')}
                    <input
                      type="file"
                      hidden
                      onChange={(e) => {
                        const file = e.target.files?.[0];
                        e.target.value = '';
                        if (file) upload.mutate({ path: `/burn-ins/${b.id}/log`, file, fileName: file.name }, { onError: notify.error });
                      }}
                    />
                  </label>
                )}
              </Flex>
            ),
          },
          {
            key: 'edit',
            title: '',
            render: (_v, b) =>
              canManage && (
                <Button size="small" onClick={() => open(b)} data-testid={`insp-burn-in-edit-${b.id}`}>
                  {b.endedAt ? t('common.edit') : t('insp.endBurnIn')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('insp.startBurnIn', { n: String(selected.length) }) : t('insp.endBurnIn')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={step.isPending}
        destroyOnHidden
      >
        <Form<TBurnInForm> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="startedAt" label={t('insp.startedAt')} rules={[{ required: true, message: t('calls.required') }]}>
            <Input type="datetime-local" disabled={editing !== 'new'} data-testid="insp-burn-in-start" />
          </Form.Item>
          <Form.Item name="endedAt" label={t('insp.endedAt')}>
            <Input type="datetime-local" data-testid="insp-burn-in-end" />
          </Form.Item>
          <Form.Item name="result" label={t('insp.result')}>
            <Radio.Group
              options={BURN_IN_RESULTS.map((r) => ({ value: r, label: pick(BURN_IN_RESULT_LABELS[r]) }))}
              data-testid="insp-burn-in-result"
            />
          </Form.Item>
          <Form.Item name="notes" label={t('goods.note')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
