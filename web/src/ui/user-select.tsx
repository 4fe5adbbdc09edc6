import { Select } from 'antd';
import type { CSSProperties } from 'react';
import type { TRole } from '@contract/roles';
import { useUserOptions } from '../api/users.hooks';
import { useT } from '../app/locale-context';

/** Pick an active colleague `holding` a role (sales owner, commerce contact, engineer). */
export function UserSelect({
  holding,
  value,
  onChange,
  valueLabel,
  id,
  style,
  placeholder,
  'data-testid': testId,
}: {
  holding: TRole;
  value?: number | null;
  onChange?: (value: number | null) => void;
  valueLabel?: string | null;
  id?: string;
  style?: CSSProperties;
  placeholder?: string;
  'data-testid'?: string;
}) {
  const t = useT();
  const users = useUserOptions(holding);
  const options = (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  if (value != null && !options.some((o) => o.value === value)) options.unshift({ value, label: valueLabel ?? `#${value}` });
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={users.isFetching}
      options={options}
      placeholder={placeholder ?? t('common.choose')}
      notFoundContent={t('common.noMatch')}
      style={style}
      data-testid={testId}
    />
  );
}
