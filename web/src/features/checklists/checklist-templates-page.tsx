import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { CHECKLIST_ITEM_TYPE_LABELS, CHECKLIST_ITEM_TYPES, type TChecklistTemplate } from '@contract/checklists';
import { SERVICE_REQUEST_KIND_LABELS } from '@contract/service-request-labels';
import { SERVICE_REQUEST_KINDS } from '@contract/service-request-workflow';
import { useChecklistTemplates, useCreateChecklistTemplate, useUpdateChecklistTemplate } from '../../api/checklists.hooks';
import { useLocale } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';
import { useNotify } from '../../ui/notify';
import { showErrorsOnFields } from '../../ui/zod-form';
import { formPathOf, itemsOf, type TTemplateValues, valuesOf } from './checklist-form-values';

/** 系统管理 → 检查清单: the checklist templates per service kind; every save is a new version. */
export function ChecklistTemplatesPage() {
  const { t, pick } = useLocale();
  const errorText = useErrorText();
  const list = useChecklistTemplates(true);
  const [editing, setEditing] = useState<TChecklistTemplate | 'new' | null>(null);

  if (list.isError) return <Alert type="error" showIcon title={errorText(list.error)} />;
  return (
    <Card
      title={t('checklists.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="checklist-new">
          {t('checklists.new')}
        </Button>
      }
    >
      <Table<TChecklistTemplate>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="checklist-templates"
        columns={[
          { key: 'name', title: t('checklists.name'), render: (_, r) => pick({ zh: r.nameZh, en: r.nameEn }) },
          { key: 'kind', title: t('checklists.serviceKind'), render: (_, r) => pick(SERVICE_REQUEST_KIND_LABELS[r.serviceKind]) },
          { key: 'items', title: t('checklists.items'), render: (_, r) => r.items.length },
          { key: 'version', title: t('checklists.version'), render: (_, r) => `v${r.currentVersion}` },
          {
            key: 'active',
            title: t('checklists.state'),
            render: (_, r) => (r.active ? <Tag color="green">{t('checklists.active')}</Tag> : <Tag>{t('checklists.inactive')}</Tag>),
          },
          {
            key: 'edit',
            title: t('common.actions'),
            render: (_, r) => (
              <Button icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid={`checklist-edit-${r.code}`}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && <TemplateDrawer template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function TemplateDrawer({ template, onClose }: { template: TChecklistTemplate | null; onClose: () => void }) {
  const { t, locale, pick } = useLocale();
  const notify = useNotify();
  const [form] = Form.useForm<TTemplateValues>();
  const create = useCreateChecklistTemplate();
  const update = useUpdateChecklistTemplate();
  const pending = create.isPending || update.isPending;

  const onFinish = (v: TTemplateValues) => {
    const items = itemsOf(v.items ?? []);
    const done = {
      onSuccess: () => {
        notify.success(t('checklists.saved'));
        onClose();
      },
      onError: (err: unknown) => {
        if (!showErrorsOnFields(form, err, locale, { mapPath: formPathOf })) notify.error(err);
      },
    };
    if (!template) create.mutate({ code: v.code ?? '', serviceKind: v.serviceKind, nameZh: v.nameZh, nameEn: v.nameEn, items }, done);
    else
      update.mutate(
        {
          id: template.id,
          body: {
            version: template.currentVersion,
            serviceKind: v.serviceKind,
            nameZh: v.nameZh,
            nameEn: v.nameEn,
            active: v.active,
            items,
          },
        },
        done,
      );
  };

  return (
    <FormDrawer
      onClose={onClose}
      width={860}
      testId="checklist"
      title={
        template
          ? `${pick({ zh: template.nameZh, en: template.nameEn })} · v${template.currentVersion} → v${template.currentVersion + 1}`
          : t('checklists.new')
      }
    >
      <DrawerForm<TTemplateValues> form={form} initialValues={valuesOf(template)} onFinish={onFinish} pending={pending}>
        {template ? null : (
          <Form.Item name="code" label={t('checklists.code')} extra={t('checklists.keyHint')} rules={[{ required: true }]}>
            <Input maxLength={40} />
          </Form.Item>
        )}
        <Flex gap={12} wrap>
          <Form.Item
            name="nameZh"
            label={t('checklists.nameZh')}
            rules={[{ required: true, whitespace: true }]}
            style={{ flex: 1, minWidth: 200 }}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t('checklists.nameEn')}
            rules={[{ required: true, whitespace: true }]}
            style={{ flex: 1, minWidth: 200 }}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="serviceKind" label={t('checklists.serviceKind')} style={{ minWidth: 200 }}>
            <Select options={SERVICE_REQUEST_KINDS.map((k) => ({ value: k, label: pick(SERVICE_REQUEST_KIND_LABELS[k]) }))} />
          </Form.Item>
          {template && (
            <Form.Item name="active" label={t('checklists.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Flex>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginBottom: 16 }}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`${index + 1}`}
                  extra={<MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('checklists.removeItem')} />}
                >
                  <Flex gap={8} wrap>
                    <Form.Item name={[field.name, 'key']} label={t('checklists.key')} rules={[{ required: true }]} style={{ width: 150 }}>
                      <Input maxLength={40} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'type']} label={t('checklists.type')} style={{ width: 120 }}>
                      <Select options={CHECKLIST_ITEM_TYPES.map((k) => ({ value: k, label: pick(CHECKLIST_ITEM_TYPE_LABELS[k]) }))} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'labelZh']}
                      label={t('checklists.labelZh')}
                      rules={[{ required: true, whitespace: true }]}
                      style={{ flex: 1, minWidth: 180 }}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'labelEn']}
                      label={t('checklists.labelEn')}
                      rules={[{ required: true, whitespace: true }]}
                      style={{ flex: 1, minWidth: 180 }}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'required']} label=" " valuePropName="checked">
                      <Checkbox>{t('checklists.required')}</Checkbox>
                    </Form.Item>
                  </Flex>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const type = form.getFieldValue(['items', field.name, 'type']);
                      if (type === 'number')
                        return (
                          <Flex gap={8} wrap>
                            <Form.Item name={[field.name, 'unit']} label={t('checklists.unit')} style={{ width: 120 }}>
                              <Input maxLength={20} />
                            </Form.Item>
                            <Form.Item name={[field.name, 'min']} label={t('checklists.min')}>
                              <InputNumber />
                            </Form.Item>
                            <Form.Item name={[field.name, 'max']} label={t('checklists.max')}>
                              <InputNumber />
                            </Form.Item>
                          </Flex>
                        );
                      if (type === 'choice')
                        return (
                          <Form.Item name={[field.name, 'optionsText']} label={t('checklists.options')} extra={t('checklists.optionsHint')}>
                            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
                          </Form.Item>
                        );
                      return null;
                    }}
                  </Form.Item>
                </Card>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ key: '', type: 'yes_no', labelZh: '', labelEn: '', required: true })}
                data-testid="checklist-add-item"
              >
                {t('checklists.addItem')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </DrawerForm>
    </FormDrawer>
  );
}
