import { Button, Form, Input, InputNumber, Radio, Select, Tag } from 'antd';
import type { TChecklistAnswers, TChecklistItem } from '@contract/checklists';
import type { TInspectionDetail } from '@contract/inspections';
import { useInspectionStep } from '../../api/inspections.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { SectionTitle } from './section-title';

/** R-GOODS-5: the preparation checklist (the seeded goods-inspection template), filled on the bench. */
export function ChecklistSection({ inspection: d, canManage }: { inspection: TInspectionDetail; canManage: boolean }) {
  const { t, locale } = useLocale();
  const notify = useNotify();
  const step = useInspectionStep(d.id);
  const [form] = Form.useForm<TChecklistAnswers>();
  const label = (i: TChecklistItem) => (locale === 'en' ? i.labelEn : i.labelZh);

  function input(item: TChecklistItem) {
    switch (item.type) {
      case 'yes_no':
        return (
          <Radio.Group
            options={[
              { value: true, label: t('insp.yes') },
              { value: false, label: t('insp.no') },
            ]}
          />
        );
      case 'number':
        return <InputNumber addonAfter={item.unit || undefined} min={item.min ?? undefined} style={{ width: 200 }} />;
      case 'choice':
        return (
          <Select
            style={{ minWidth: 200 }}
            options={item.options.map((o) => ({ value: o.value, label: locale === 'en' ? o.labelEn : o.labelZh }))}
          />
        );
      default:
        return <Input />;
    }
  }

  return (
    <section data-testid="insp-checklist">
      <SectionTitle>
        {t('insp.checklist')}{' '}
        <Tag color={d.checklist.complete ? 'green' : 'orange'}>
          {t(d.checklist.complete ? 'insp.checklistComplete' : 'insp.checklistOpen')}
        </Tag>
      </SectionTitle>
      <Form<TChecklistAnswers>
        form={form}
        layout="vertical"
        disabled={!canManage}
        initialValues={d.checklist.answers}
        onFinish={(answers) =>
          step.mutate(
            { path: '/checklist', body: { answers } },
            { onSuccess: () => notify.success(t('insp.saved')), onError: notify.error },
          )
        }
      >
        {d.checklist.items
          .filter((i) => i.type !== 'photo')
          .map((i) => (
            <Form.Item key={i.key} name={i.key} label={label(i)} required={i.required} style={{ marginBottom: 12 }}>
              {input(i)}
            </Form.Item>
          ))}
        {canManage && (
          <Button htmlType="submit" loading={step.isPending} data-testid="insp-checklist-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </section>
  );
}
