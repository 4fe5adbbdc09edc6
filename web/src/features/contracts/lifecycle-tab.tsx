import { Alert, Button, Card, Flex, Form, Input, Select, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CONTRACT_STAGES, mayMoveStage, type TContractView, type TStage, type TStageChange, ZMoveStage } from '@contract/contracts';
import { useMoveContractStage } from '../../api/contracts.hooks';
import { useCan, useCurrentUser } from '../../api/me.hooks';
import { useT } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useGuardOverride } from '../../ui/guard-override';
import { useNotify } from '../../ui/notify';
import { blankToNull, zodRule } from '../../ui/zod-form';
import { StageTag } from './contract-tags';
import { useLabels } from '../../ui/labels';

/**
 * R-ORG-2: the nine stages with their leading and assisting departments and phase, where the
 * contract stands and who leads it now, a move for those whose department takes part, and
 * the history of every move.
 */
export function LifecycleTab({ contract }: { contract: TContractView }) {
  const t = useT();
  const labels = useLabels();
  const me = useCurrentUser();
  const canMove = useCan('contracts.stage');
  const move = useMoveContractStage();
  const notify = useNotify();
  // R-INST-8: project acceptance without a signed acceptance report only by a technical manager's written override.
  const guard = useGuardOverride();
  const [form] = Form.useForm<{ stage?: TStage; note?: string }>();
  const [target, setTarget] = useState<TStage | undefined>();
  const current = CONTRACT_STAGES.findIndex((s) => s.code === contract.stage);
  const lead = contract.stageLead;

  const mayMoveTo = (to: TStage) => to !== contract.stage && mayMoveStage(me.roles, contract.stage, to);

  function submit(v: { stage?: TStage; note?: string }) {
    if (!v.stage) return;
    const stage = v.stage;
    guard
      .run((override) => move.mutateAsync({ id: contract.id, body: { stage, note: blankToNull(v.note), ...(override && { override }) } }))
      .then(() => {
        notify.success(t('lifecycle.moved', { stage: labels.stage(stage) }));
        form.resetFields();
        setTarget(undefined);
      }, notify.error);
  }

  const history = [...contract.stageHistory].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);

  return (
    <Flex gap={24} wrap align="flex-start">
      {guard.dialog}
      <div style={{ flex: '1 1 340px', minWidth: 0 }}>
        <Steps
          orientation="vertical"
          size="small"
          current={current}
          data-testid="lifecycle-steps"
          onChange={
            canMove
              ? (i) => {
                  const code = CONTRACT_STAGES[i].code;
                  if (mayMoveTo(code)) {
                    setTarget(code);
                    form.setFieldValue('stage', code);
                  }
                }
              : undefined
          }
          items={CONTRACT_STAGES.map((s, i) => ({
            key: s.code,
            disabled: !canMove || !mayMoveTo(s.code),
            title: (
              <span data-testid={`lifecycle-stage-${s.code}`}>
                {labels.stage(s.code)}
                {s.phase && (
                  <Tag style={{ marginInlineStart: 8 }} bordered={false}>
                    {labels.phase(s.phase)}
                  </Tag>
                )}
              </span>
            ),
            description: (
              <div style={{ fontSize: 12 }}>
                <div>
                  {t('lifecycle.leads')}
                  {t('common.colon')}
                  <strong>{labels.department(s.lead)}</strong>
                  {' · '}
                  {t('lifecycle.assists')}
                  {t('common.colon')}
                  {s.assist.map((d) => labels.department(d)).join(t('common.listSep'))}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {labels.stageActivities(s.code)}
                </Typography.Text>
                {i === current && (
                  <div>
                    <Tag color="processing" style={{ marginTop: 4 }}>
                      {t('lifecycle.current')}
                    </Tag>
                  </div>
                )}
              </div>
            ),
          }))}
        />
      </div>
      <Flex vertical gap={16} style={{ flex: '1 1 360px', minWidth: 0 }}>
        <Card size="small" title={t('lifecycle.now')} data-testid="lifecycle-current">
          <Flex vertical gap={6}>
            <div>
              <StageTag stage={contract.stage} />
            </div>
            <div>
              {t('lifecycle.leadNow')}
              {t('common.colon')}
              <strong>{labels.department(lead.department)}</strong>
              {lead.user && <> · {lead.user.name}</>}
            </div>
          </Flex>
        </Card>
        {canMove && (
          <Card size="small" title={t('lifecycle.move')}>
            <Form form={form} layout="vertical" onFinish={submit} disabled={move.isPending}>
              <Form.Item name="stage" label={t('lifecycle.target')} rules={[{ required: true, message: t('validation.required') }]}>
                <Select<TStage>
                  value={target}
                  onChange={setTarget}
                  placeholder={t('common.choose')}
                  options={CONTRACT_STAGES.map((s) => ({
                    value: s.code,
                    label: `${s.no}. ${labels.stage(s.code)}`,
                    disabled: !mayMoveTo(s.code),
                  }))}
                  data-testid="lifecycle-target"
                />
              </Form.Item>
              <Form.Item name="note" label={t('lifecycle.note')} rules={[zodRule(ZMoveStage.shape.note, t)]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="lifecycle-note" />
              </Form.Item>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('lifecycle.moveRule')}
              </Typography.Paragraph>
              <Button type="primary" htmlType="submit" loading={move.isPending} data-testid="lifecycle-submit">
                {t('lifecycle.moveButton')}
              </Button>
            </Form>
          </Card>
        )}
        {!canMove && <Alert type="info" showIcon title={t('lifecycle.readOnly')} />}
        <Card size="small" title={t('lifecycle.history')}>
          <div data-testid="lifecycle-history">
            <Table<TStageChange>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={history}
              columns={[
                {
                  key: 'at',
                  title: t('audit.time'),
                  render: (_v, h) => <span style={{ whiteSpace: 'nowrap' }}>{formatCompanyTime(h.at)}</span>,
                },
                {
                  key: 'change',
                  title: t('lifecycle.change'),
                  render: (_v, h) => (
                    <span style={{ whiteSpace: 'nowrap' }}>
                      {h.fromStage ? labels.stage(h.fromStage) : t('lifecycle.entered')} → {labels.stage(h.toStage)}
                    </span>
                  ),
                },
                { key: 'by', title: t('lifecycle.by'), render: (_v, h) => h.by?.name ?? t('audit.system') },
                { key: 'note', title: t('lifecycle.note'), render: (_v, h) => h.note ?? '' },
              ]}
            />
          </div>
        </Card>
      </Flex>
    </Flex>
  );
}
