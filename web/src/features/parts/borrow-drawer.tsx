import { Checkbox, DatePicker, Form, Input, InputNumber, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { LOAN_PURPOSE_LABELS, LOAN_PURPOSES, type TLoanPurpose, type TPart } from '@contract/parts';
import { useBorrowPart } from '../../api/parts.hooks';
import { useLocale } from '../../app/locale-context';
import { keepEnterInPicker, toDay } from '../../ui/dates';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';
import { useNotify } from '../../ui/notify';
import { showErrorsOnFields } from '../../ui/zod-form';
import { CustomerSelect } from '../customers/customer-select';
import { PartSelect } from './part-select';

interface TBorrowForm {
  partId?: number;
  sn?: string;
  quantity: number;
  purpose: TLoanPurpose;
  customerId?: number;
  dueDate?: Dayjs;
  emergency: boolean;
  tested: boolean;
  testNote?: string;
  note?: string;
}

/**
 * 借用备件 (R-EMER-4): a loan for the technical manager to approve, or — in an emergency — the
 * part taken at once, its paperwork pending and the manager notified. A unit the ledger does not
 * know yet must be marked as tested.
 */
export function BorrowDrawer({ onClose }: { onClose: () => void }) {
  const { t, locale, pick } = useLocale();
  const notify = useNotify();
  const borrow = useBorrowPart();
  const [form] = Form.useForm<TBorrowForm>();
  const [part, setPart] = useState<TPart | undefined>();

  function submit(v: TBorrowForm) {
    borrow.mutate(
      {
        partId: v.partId as number,
        ...(v.sn?.trim() && { sn: v.sn.trim() }),
        quantity: part?.tracking === 'serial' ? 1 : v.quantity,
        purpose: v.purpose,
        customerId: v.customerId as number,
        dueDate: toDay(v.dueDate) ?? '',
        emergency: v.emergency,
        ...(v.tested && { test: { result: 'pass' as const, ...(v.testNote?.trim() && { note: v.testNote.trim() }) } }),
        ...(v.note?.trim() && { note: v.note.trim() }),
      },
      {
        onSuccess: (loan) => {
          notify.success(t(loan.emergency ? 'parts.emergencyDone' : 'parts.borrowed', { number: loan.number }));
          onClose();
        },
        onError: (err) => {
          const fields = new Set(['partId', 'sn', 'quantity', 'purpose', 'customerId', 'dueDate', 'note']);
          const mapPath = (p: readonly (string | number)[]) => (p[0] === 'test' ? ['tested'] : fields.has(String(p[0])) ? [p[0]] : null);
          if (!showErrorsOnFields(form, err, locale, { mapPath })) notify.error(err);
        },
      },
    );
  }

  return (
    <FormDrawer onClose={onClose} title={t('parts.borrow')} width={520} testId="parts-borrow">
      <DrawerForm<TBorrowForm>
        form={form}
        initialValues={{ quantity: 1, purpose: 'replacement', emergency: false, tested: false, dueDate: dayjs().add(7, 'day') }}
        onFinish={submit}
        pending={borrow.isPending}
      >
        <Form.Item name="partId" label={t('parts.part')} rules={[{ required: true, message: t('calls.required') }]}>
          <PartSelect onPart={setPart} testId="parts-borrow-part" />
        </Form.Item>
        {part?.tracking === 'serial' ? (
          <Form.Item name="sn" label={t('parts.sn')} rules={[{ required: true, message: t('calls.required') }]}>
            <Input data-testid="parts-borrow-sn" autoComplete="off" />
          </Form.Item>
        ) : (
          <Form.Item name="quantity" label={t('parts.quantity')}>
            <InputNumber min={1} max={10000} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="purpose" label={t('parts.purpose')}>
          <Radio.Group options={LOAN_PURPOSES.map((p) => ({ value: p, label: pick(LOAN_PURPOSE_LABELS[p]) }))} />
        </Form.Item>
        <Form.Item name="customerId" label={t('parts.customer')} rules={[{ required: true, message: t('calls.required') }]}>
          <CustomerSelect data-testid="parts-borrow-customer" />
        </Form.Item>
        <Form.Item name="dueDate" label={t('parts.dueDate')} rules={[{ required: true, message: t('calls.required') }]}>
          <DatePicker style={{ width: '100%' }} onKeyDown={keepEnterInPicker} inputReadOnly />
        </Form.Item>
        <Form.Item name="emergency" valuePropName="checked">
          <Checkbox data-testid="parts-borrow-emergency">{t('parts.emergency')}</Checkbox>
        </Form.Item>
        <Form.Item name="tested" valuePropName="checked">
          <Checkbox data-testid="parts-borrow-tested">{t('parts.tested')}</Checkbox>
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.tested !== b.tested}>
          {({ getFieldValue }) =>
            getFieldValue('tested') && (
              <Form.Item name="testNote" label={t('parts.testNote')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item name="note" label={t('parts.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </DrawerForm>
    </FormDrawer>
  );
}
