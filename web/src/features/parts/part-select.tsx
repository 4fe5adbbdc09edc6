import { Select } from 'antd';
import type { TPart } from '@contract/parts';
import { useParts } from '../../api/parts.hooks';

/** Pick a part of the catalogue by PN or description (the first 200, filtered as typed). */
export function PartSelect({
  value,
  onChange,
  onPart,
  testId,
}: {
  value?: number;
  onChange?: (id: number) => void;
  onPart?: (p: TPart | undefined) => void;
  testId?: string;
}) {
  const parts = useParts({ page: 1, pageSize: 200 });
  const items = parts.data?.items ?? [];
  return (
    <Select<number>
      value={value}
      showSearch
      optionFilterProp="label"
      loading={parts.isFetching}
      data-testid={testId}
      onChange={(id) => {
        onChange?.(id);
        onPart?.(items.find((p) => p.id === id));
      }}
      options={items.map((p) => ({ value: p.id, label: `${p.pn} · ${p.description} (${p.inStore})` }))}
    />
  );
}
