import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, Select, Spin, theme } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  CUSTOMER_WARNINGS,
  type TContact,
  type TCustomerDetail,
  type TCustomerRef,
  type TCustomerWarning,
  type TUpdateContact,
  type TUpdateCustomer,
  ZCreateContact,
  ZCreateCustomer,
  ZUpdateCustomer,
} from '@contract/customers';
import type { TFieldPath } from '@contract/form-errors';
import { isApiError } from '../../api/api-error';
import {
  applyContactChange,
  customerKeys,
  type TContactChange,
  useCheckCustomerName,
  useCreateCustomer,
  useCustomer,
  useIndustries,
  useUpdateCustomer,
} from '../../api/customers.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { blankOrRule, blankToNull, showErrorsOnFields, showZodIssuesOnFields, zodRule } from '../../ui/zod-form';
import { useLabels } from '../../ui/labels';
import { useDebounced } from '../../ui/use-debounced';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';
import { useMessage } from '../../ui/message';

interface ContactValues {
  id?: number;
  version?: number;
  name?: string;
  title?: string | null;
  email?: string | null;
  phones?: (string | undefined)[];
  primary?: boolean;
}

interface CustomerFormValues {
  name: string;
  industryId?: number | null;
  region?: string | null;
  address?: string | null;
  notes?: string | null;
  contacts: ContactValues[];
}

const FIELD = ZCreateCustomer.shape;
const CONTACT = ZCreateContact.shape;

function contactValues(c: TContact): ContactValues {
  return {
    id: c.id,
    version: c.version,
    name: c.name,
    title: c.title,
    email: c.email,
    phones: c.phones.length > 0 ? c.phones.map((p) => p.raw) : [''],
    primary: c.primary,
  };
}

/** A contact as the API takes it: blank phones dropped, blank texts as null. */
function contactBody(c: ContactValues) {
  return {
    name: (c.name ?? '').trim(),
    title: blankToNull(c.title),
    email: blankToNull(c.email),
    phones: (c.phones ?? []).map((p) => (p ?? '').trim()).filter((p) => p !== ''),
    primary: c.primary ?? false,
  };
}

/** Issue paths of a contact (`phones` as a whole → its first phone input). */
function contactPath(index: number, path: TFieldPath): TFieldPath {
  const [field, sub] = path;
  if (field === 'phones') return ['contacts', index, 'phones', typeof sub === 'number' ? sub : 0];
  return ['contacts', index, ...path];
}

/** Server/zod paths of the customer form: `contacts.1.phones` → that contact's first phone. */
function customerPath(path: TFieldPath): TFieldPath | null {
  if (path[0] === 'contacts' && typeof path[1] === 'number') return contactPath(path[1], path.slice(2));
  return path;
}

/** Creates a customer with its contacts (`customerId` absent) or edits one and its contacts. */
export function CustomerFormDrawer({ customerId, open, onClose }: { customerId?: number; open: boolean; onClose: () => void }) {
  const { t } = useLocale();
  const isEdit = customerId !== undefined;
  const customer = useCustomer(customerId);
  const title = isEdit ? t('customers.edit') : t('customers.new');
  return (
    <FormDrawer open={open} onClose={onClose} title={title} width={640} testId="customer">
      {isEdit && !customer.data ? <Spin /> : <CustomerForm customer={customer.data} onClose={onClose} />}
    </FormDrawer>
  );
}

function CustomerForm({ customer, onClose }: { customer?: TCustomerDetail; onClose: () => void }) {
  const { t, locale, pick } = useLocale();
  const labels = useLabels();
  const [form] = Form.useForm<CustomerFormValues>();
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const qc = useQueryClient();
  const notify = useNotify();
  const message = useMessage();
  const industries = useIndustries();
  const { token } = theme.useToken();
  // What the server holds, kept current as parts of an edit succeed, so a retry sends only the rest.
  const saved = useRef({ version: customer?.version ?? 0, contacts: customer?.contacts ?? [] });
  const [savingContacts, setSavingContacts] = useState(false);

  const name = Form.useWatch('name', form) ?? '';
  const typedName = useDebounced(name, 300);
  const duplicates = useCheckCustomerName(typedName, customer?.id);
  const matches = duplicates.data?.matches ?? [];
  const similar = duplicates.data?.similar ?? [];

  const pending = create.isPending || update.isPending || savingContacts;

  const initialValues: Partial<CustomerFormValues> = customer
    ? {
        name: customer.name,
        industryId: customer.industry?.id ?? null,
        region: customer.region,
        address: customer.address,
        notes: customer.notes,
        contacts: customer.contacts.map(contactValues),
      }
    : { contacts: [] };

  function showWarnings(warnings: readonly TCustomerWarning[]) {
    for (const w of warnings) {
      const text = pick(CUSTOMER_WARNINGS[w.code]);
      void message.warning(`${text}${t('common.colon')}${w.matches.map((m) => m.name).join(t('common.listSep'))}`);
    }
  }

  function onFailed(err: unknown) {
    if (isApiError(err) && err.code === 'VERSION_CONFLICT') {
      notify.error(err);
      onClose();
      return;
    }
    if (!showErrorsOnFields(form, err, locale, { mapPath: customerPath })) notify.error(err);
  }

  function submit(values: CustomerFormValues) {
    const fields = {
      name: values.name,
      industryId: values.industryId ?? null,
      region: blankToNull(values.region),
      address: blankToNull(values.address),
      notes: blankToNull(values.notes),
    };
    const contacts = (values.contacts ?? []).map((c) => ({ id: c.id, version: c.version, body: contactBody(c) }));
    // The server's rule, checked here to word it in the user's language: a contact needs a phone or an e-mail.
    const unreachable = contacts.flatMap((c, i) => (c.body.phones.length === 0 && !c.body.email ? [i] : []));
    if (unreachable.length > 0) {
      form.setFields(unreachable.map((i) => ({ name: ['contacts', i, 'phones', 0], errors: [t('customers.phoneOrEmail')] })));
      return;
    }
    if (!customer) {
      const parsed = ZCreateCustomer.safeParse({ ...fields, contacts: contacts.map((c) => c.body) });
      if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t, customerPath);
      create.mutate(parsed.data, {
        onSuccess: (created) => {
          notify.success(t('customers.created'));
          showWarnings(created.warnings);
          onClose();
        },
        onError: onFailed,
      });
      return;
    }
    void saveEdit(customer, fields, contacts);
  }

  async function saveEdit(
    customer: TCustomerDetail,
    fields: { name: string; industryId: number | null; region: string | null; address: string | null; notes: string | null },
    contacts: { id?: number; version?: number; body: ReturnType<typeof contactBody> }[],
  ) {
    // Only what changed is sent, so the audit trail shows the real edit.
    const patch: TUpdateCustomer = { version: saved.current.version };
    if (fields.name !== customer.name) patch.name = fields.name;
    if (fields.industryId !== (customer.industry?.id ?? null)) patch.industryId = fields.industryId;
    if (fields.region !== customer.region) patch.region = fields.region;
    if (fields.address !== customer.address) patch.address = fields.address;
    if (fields.notes !== customer.notes) patch.notes = fields.notes;

    // Contacts: removed, changed and new ones, each its own request (the API edits contacts one by one).
    const changes: { index: number; change: TContactChange }[] = [];
    const keep = new Set(contacts.map((c) => c.id).filter((id): id is number => id !== undefined));
    for (const old of saved.current.contacts)
      if (!keep.has(old.id)) changes.push({ index: -1, change: { kind: 'delete', contactId: old.id } });
    contacts.forEach((c, index) => {
      const parsed = ZCreateContact.safeParse(c.body);
      if (!parsed.success) {
        showZodIssuesOnFields(form, parsed.error.issues, t, (p) => contactPath(index, p));
        return;
      }
      if (c.id === undefined) {
        changes.push({ index, change: { kind: 'add', body: parsed.data } });
        return;
      }
      const old = saved.current.contacts.find((o) => o.id === c.id);
      if (!old) return;
      const body: TUpdateContact = { version: old.version };
      if (c.body.name !== old.name) body.name = c.body.name;
      if (c.body.title !== old.title) body.title = c.body.title;
      if (c.body.email !== old.email) body.email = c.body.email;
      if (c.body.phones.join('\n') !== old.phones.map((p) => p.raw).join('\n')) body.phones = c.body.phones;
      if (c.body.primary && !old.primary) body.primary = true;
      if (Object.keys(body).length > 1) changes.push({ index, change: { kind: 'update', contactId: c.id, body } });
    });
    if (form.getFieldsError().some((f) => f.errors.length > 0)) return;
    // The new primary contact last, so that it wins.
    changes.sort((a, b) => Number(isPrimaryChange(a.change)) - Number(isPrimaryChange(b.change)));

    if (Object.keys(patch).length > 1) {
      const parsed = ZUpdateCustomer.safeParse(patch);
      if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t, customerPath);
      try {
        const result = await update.mutateAsync({ id: customer.id, patch: parsed.data });
        saved.current.version = result.version;
        showWarnings(result.warnings);
      } catch (err) {
        return onFailed(err);
      }
    }

    setSavingContacts(true);
    try {
      for (const { index, change } of changes) {
        try {
          const result = await applyContactChange(customer.id, change);
          if (change.kind === 'delete') {
            saved.current.contacts = saved.current.contacts.filter((c) => c.id !== change.contactId);
          } else {
            const contact = result as TContact;
            saved.current.contacts = [...saved.current.contacts.filter((c) => c.id !== contact.id), contact];
            form.setFieldValue(['contacts', index, 'id'], contact.id);
            form.setFieldValue(['contacts', index, 'version'], contact.version);
          }
        } catch (err) {
          if (isApiError(err) && err.code === 'VERSION_CONFLICT') return onFailed(err);
          if (index < 0 || !showErrorsOnFields(form, err, locale, { mapPath: (p) => contactPath(index, p) })) notify.error(err);
          return;
        }
      }
    } finally {
      setSavingContacts(false);
      await qc.invalidateQueries({ queryKey: customerKeys.all() });
    }
    notify.success(t('customers.saved'));
    onClose();
  }

  function makePrimary(index: number, checked: boolean) {
    if (!checked) return;
    const contacts = form.getFieldValue('contacts') as ContactValues[];
    contacts.forEach((_c, i) => {
      if (i !== index) form.setFieldValue(['contacts', i, 'primary'], false);
    });
  }

  return (
    <DrawerForm<CustomerFormValues> form={form} initialValues={initialValues} onFinish={submit} pending={pending}>
      <Form.Item
        name="name"
        label={t('customers.name')}
        required
        rules={[zodRule(FIELD.name, t)]}
        validateStatus={matches.length > 0 || similar.length > 0 ? 'warning' : undefined}
        // The warning takes the place of the hint, so the form below does not jump as it comes and goes.
        extra={
          matches.length > 0 || similar.length > 0 ? (
            <span style={{ color: token.colorWarningText }}>
              {matches.length > 0 && <NameWarning code="CUSTOMER_DUPLICATE_NAME" matches={matches} testId="customer-duplicate-warning" />}
              {similar.length > 0 && <NameWarning code="CUSTOMER_SIMILAR_NAME" matches={similar} testId="customer-similar-warning" />}
            </span>
          ) : (
            t('customers.nameHelp')
          )
        }
      >
        <Input autoComplete="off" data-testid="customer-name" />
      </Form.Item>
      <Form.Item name="industryId" label={t('customers.industry')}>
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('common.choose')}
          loading={industries.isFetching}
          options={(industries.data ?? []).map((i) => ({ value: i.id, label: labels.named(i.nameZh, i.nameEn) }))}
          data-testid="customer-industry"
        />
      </Form.Item>
      <Form.Item name="region" label={t('customers.region')} extra={t('customers.regionHelp')} rules={[zodRule(FIELD.region, t)]}>
        <Input autoComplete="off" data-testid="customer-region" />
      </Form.Item>
      <Form.Item name="address" label={t('customers.address')} rules={[zodRule(FIELD.address, t)]}>
        <Input autoComplete="off" data-testid="customer-address" />
      </Form.Item>
      <Form.Item name="notes" label={t('customers.notes')} rules={[zodRule(FIELD.notes, t)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="customer-notes" />
      </Form.Item>

      <Form.List name="contacts">
        {(fields, { add, remove }) => (
          <Flex vertical gap={12} style={{ marginBottom: 16 }}>
            <Flex justify="space-between" align="center">
              <strong>{t('customers.contacts')}</strong>
              <Button icon={<PlusOutlined />} onClick={() => add({ phones: [''], primary: fields.length === 0 })} data-testid="contact-add">
                {t('customers.addContact')}
              </Button>
            </Flex>
            {fields.length === 0 && <Alert type="info" showIcon title={t('customers.noContacts')} />}
            {fields.map((field) => (
              <Card
                key={field.key}
                size="small"
                title={t('customers.contactNo', { n: field.name + 1 })}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('common.remove')}
                    data-testid={`contact-remove-${field.name}`}
                  />
                }
                data-testid={`contact-${field.name}`}
              >
                <Form.Item name={[field.name, 'id']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item name={[field.name, 'version']} hidden>
                  <Input />
                </Form.Item>
                <Flex gap={8} wrap>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('customers.contactName')}
                    required
                    rules={[zodRule(CONTACT.name, t)]}
                    style={{ flex: '1 1 160px', marginBottom: 8 }}
                  >
                    <Input autoComplete="off" data-testid={`contact-name-${field.name}`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'title']}
                    label={t('customers.contactTitle')}
                    rules={[zodRule(ZCreateContact.shape.title, t)]}
                    style={{ flex: '1 1 160px', marginBottom: 8 }}
                  >
                    <Input autoComplete="off" data-testid={`contact-title-${field.name}`} />
                  </Form.Item>
                </Flex>
                <Form.List name={[field.name, 'phones']}>
                  {(phones, phoneOps) => (
                    <Form.Item label={t('customers.phones')} style={{ marginBottom: 8 }} extra={t('customers.phonesHelp')}>
                      <Flex vertical gap={6}>
                        {phones.map((phone) => (
                          <Flex key={phone.key} gap={6}>
                            <Form.Item name={phone.name} noStyle rules={[{ max: 60, message: t('validation.maxLength', { max: 60 }) }]}>
                              <Input
                                autoComplete="off"
                                inputMode="tel"
                                placeholder="138 0000 0000 / 010-1234 5678 转 8"
                                data-testid={phone.name === 0 ? `contact-phone-${field.name}` : `contact-phone-${field.name}-${phone.name}`}
                              />
                            </Form.Item>
                            <Button
                              type="text"
                              icon={<DeleteOutlined />}
                              onClick={() => phoneOps.remove(phone.name)}
                              aria-label={t('common.remove')}
                              disabled={phones.length === 1}
                            />
                          </Flex>
                        ))}
                        <Button
                          type="dashed"
                          size="small"
                          icon={<PlusOutlined />}
                          onClick={() => phoneOps.add('')}
                          disabled={phones.length >= 10}
                          data-testid={`contact-phone-add-${field.name}`}
                        >
                          {t('customers.addPhone')}
                        </Button>
                      </Flex>
                    </Form.Item>
                  )}
                </Form.List>
                <Form.Item
                  name={[field.name, 'email']}
                  label={t('customers.email')}
                  rules={[blankOrRule(CONTACT.email, t)]}
                  style={{ marginBottom: 8 }}
                >
                  <Input autoComplete="off" inputMode="email" data-testid={`contact-email-${field.name}`} />
                </Form.Item>
                <Form.Item name={[field.name, 'primary']} valuePropName="checked" style={{ marginBottom: 0 }}>
                  <Checkbox onChange={(e) => makePrimary(field.name, e.target.checked)} data-testid={`contact-primary-${field.name}`}>
                    {t('customers.primary')}
                  </Checkbox>
                </Form.Item>
              </Card>
            ))}
          </Flex>
        )}
      </Form.List>
    </DrawerForm>
  );
}

/** One name warning: its words, then the customers it is about, each opening in a new tab. */
function NameWarning({
  code,
  matches,
  testId,
}: {
  code: keyof typeof CUSTOMER_WARNINGS;
  matches: readonly TCustomerRef[];
  testId: string;
}) {
  const { t, pick } = useLocale();
  return (
    <div data-testid={testId}>
      {pick(CUSTOMER_WARNINGS[code])}
      {t('common.colon')}
      {matches.map((m, i) => (
        <span key={m.id}>
          {i > 0 && t('common.listSep')}
          <Link to={`/customers/${m.id}`} target="_blank">
            {m.name}
          </Link>
        </span>
      ))}
    </div>
  );
}

function isPrimaryChange(change: TContactChange): boolean {
  return change.kind !== 'delete' && change.body.primary === true;
}
