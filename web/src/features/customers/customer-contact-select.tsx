import { Select } from 'antd';
import { useEffect } from 'react';
import { useCustomer } from '../../api/customers.hooks';

/**
 * One of a customer's contacts that has an e-mail address (the primary one first), for sending a
 * document to the customer. Chooses the first such contact when nothing is chosen yet.
 */
export function CustomerContactSelect({
  customerId,
  value,
  onChange,
  placeholder,
  allowClear = false,
  notFound,
  testId,
}: {
  customerId: number | undefined;
  value: number | undefined;
  onChange: (id: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** What the open list says when the customer has no contact with an address. */
  notFound?: string;
  testId?: string;
}) {
  const customer = useCustomer(customerId);
  const withEmail = [...(customer.data?.contacts ?? [])]
    .filter((c) => c.email)
    .sort((a, b) => Number(b.primary) - Number(a.primary) || a.id - b.id);
  const first = withEmail[0]?.id;
  useEffect(() => {
    if (value === undefined && first !== undefined && !allowClear) onChange(first);
  }, [value, first, allowClear, onChange]);
  return (
    <Select
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      loading={customer.isLoading}
      allowClear={allowClear}
      placeholder={placeholder}
      notFoundContent={notFound}
      style={{ width: 300 }}
      options={withEmail.map((c) => ({ value: c.id, label: `${c.name} <${c.email}>` }))}
      data-testid={testId}
    />
  );
}
