import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { ZContractItemInput } from '@contract/contracts';
import { formatFen, yuanToFen } from '@contract/formats';
import { useLocale } from '../../../app/locale-context';
import { blankOrRule, zodRule } from '../../../ui/zod-form';
import { type ContractFormValues, type ItemValues, itemsSumFen } from './contract-form-values';
import { cell, Section } from './section';

const ITEM = ZContractItemInput.shape;

/** The priced items and the total (only for `contracts.prices`, R-ORG-5). */
export function ItemsSection() {
  const { t, locale } = useLocale();
  const form = Form.useFormInstance<ContractFormValues>();
  const items = Form.useWatch('items', form);
  const totalYuan = Form.useWatch('totalAmount', form);
  const itemsSum = itemsSumFen(items);
  return (
    <Section
      title={t('contracts.sectionItems')}
      extra={
        <Button
          icon={<PlusOutlined />}
          onClick={() => form.setFieldValue('items', [...(form.getFieldValue('items') ?? []), { quantity: 1 }])}
          data-testid="contract-item-add"
        >
          {t('contracts.addItem')}
        </Button>
      }
    >
      <Form.List name="items">
        {(fields, { remove }) => (
          <Flex vertical gap={8} style={{ marginBottom: 12 }}>
            {fields.length === 0 && <Typography.Text type="secondary">{t('contracts.noItems')}</Typography.Text>}
            {fields.map((f) => {
              const item: ItemValues | undefined = items?.[f.name];
              const amount = (item?.quantity ?? 0) * (yuanToFen(item?.unitPrice) ?? 0);
              return (
                <Flex key={f.key} gap={8} wrap align="flex-start" data-testid={`contract-item-${f.name}`}>
                  <Form.Item
                    name={[f.name, 'description']}
                    rules={[zodRule(ITEM.description, t)]}
                    style={{ flex: '3 1 180px', marginBottom: 0 }}
                  >
                    <Input
                      placeholder={t('contracts.itemDescription')}
                      aria-label={t('contracts.itemDescription')}
                      data-testid={`contract-item-desc-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'model']} rules={[blankOrRule(ITEM.model, t)]} style={{ flex: '2 1 110px', marginBottom: 0 }}>
                    <Input
                      placeholder={t('contracts.itemModel')}
                      aria-label={t('contracts.itemModel')}
                      data-testid={`contract-item-model-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'quantity']} rules={[zodRule(ITEM.quantity, t)]} style={{ flex: '0 0 76px', marginBottom: 0 }}>
                    <InputNumber
                      min={1}
                      precision={0}
                      placeholder={t('contracts.itemQuantity')}
                      aria-label={t('contracts.itemQuantity')}
                      style={{ width: '100%' }}
                      data-testid={`contract-item-qty-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'unitPrice']}
                    rules={[{ required: true, message: t('validation.required') }]}
                    style={{ flex: '1 1 120px', marginBottom: 0 }}
                  >
                    <InputNumber
                      min={0}
                      precision={2}
                      prefix="¥"
                      placeholder={t('contracts.itemUnitPrice')}
                      aria-label={t('contracts.itemUnitPrice')}
                      style={{ width: '100%' }}
                      data-testid={`contract-item-price-${f.name}`}
                    />
                  </Form.Item>
                  <div
                    style={{ flex: '0 0 104px', lineHeight: '32px', textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}
                    data-testid={`contract-item-amount-${f.name}`}
                  >
                    {formatFen(amount, locale)}
                  </div>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                </Flex>
              );
            })}
          </Flex>
        )}
      </Form.List>
      <Flex gap={12} wrap align="flex-start">
        <Form.Item
          name="totalAmount"
          label={t('contracts.totalAmount')}
          extra={t('contracts.totalHelp', { sum: formatFen(itemsSum, locale) })}
          style={cell}
        >
          <InputNumber
            min={0}
            precision={2}
            prefix="¥"
            placeholder={(itemsSum / 100).toFixed(2)}
            style={{ width: '100%' }}
            data-testid="contract-total"
          />
        </Form.Item>
        <div style={{ ...cell, paddingTop: 30 }}>
          {totalYuan != null && itemsSum > 0 && yuanToFen(totalYuan) !== itemsSum && (
            <Alert type="info" showIcon title={t('contracts.totalDiffers', { sum: formatFen(itemsSum, locale) })} />
          )}
        </div>
      </Flex>
    </Section>
  );
}
