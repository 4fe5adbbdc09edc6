import { type RefSelectProps, Select } from 'antd';
import { type CSSProperties, useMemo, useRef, useState } from 'react';
import { useT } from '../app/locale-context';
import { useDebounced } from './use-debounced';

export interface TRemoteOption {
  value: number;
  label: string;
  /** A second line (customer of a contract…). */
  hint?: string | null;
}

export interface TRemoteOptions {
  options: TRemoteOption[];
  /** The search the options answer; null while they are still those of an earlier search. */
  answers: string | null;
  loading: boolean;
  /** The options for a search, now (from the cache or the server): for an Enter typed ahead of them. */
  fetchNow: (search: string) => Promise<TRemoteOption[]>;
}

export interface RemoteSelectProps {
  value?: number | null;
  onChange?: (value: number | undefined, option?: TRemoteOption) => void;
  /** Shown for the current value when it is not among the loaded options. */
  valueLabel?: string | null;
  /** Fetches the options for a search (already debounced); called on every render, as hooks are. */
  useOptions: (search: string, scope?: number) => TRemoteOptions;
  /** Passed on to `useOptions` (the customer whose contracts are offered…). */
  scope?: number;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}

/**
 * A select over a server-side list (customers, contracts): type to search, choose with the
 * mouse or the arrow keys and Enter. Results of an earlier search are never offered for a
 * newer one, so typing a name and pressing Enter at once picks from the right results: the
 * Enter waits for them and takes the best match (the exact name, else the first).
 */
export function RemoteSelect({ value, onChange, valueLabel, useOptions, scope, ...rest }: RemoteSelectProps) {
  const t = useT();
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search.trim(), 250);
  const result = useOptions(debounced, scope);
  const labels = useRef(new Map<number, TRemoteOption>());
  // Counts keystrokes, so that an Enter's late answer is dropped once the user typed on.
  const typed = useRef(0);
  const ref = useRef<RefSelectProps>(null);

  for (const o of result.options) labels.current.set(o.value, o);
  const current = search.trim();
  const settled = result.answers !== null && result.answers === current;

  const options = useMemo(() => {
    const list = settled ? result.options : [];
    const out = list.map((o) => ({ value: o.value, label: o.label, hint: o.hint }));
    if (value != null && current === '' && !out.some((o) => o.value === value)) {
      const known = labels.current.get(value);
      out.unshift({ value, label: known?.label ?? valueLabel ?? `#${value}`, hint: known?.hint });
    }
    return out;
  }, [settled, result.options, value, valueLabel, current]);

  function choose(option: TRemoteOption | undefined) {
    onChange?.(option?.value, option);
    setSearch('');
  }

  // An Enter typed before the answer came: take the best match (the exact name, else the first) once it is here.
  function enterAhead(search: string) {
    const at = typed.current;
    void result.fetchNow(search).then((found) => {
      if (typed.current !== at) return;
      for (const o of found) labels.current.set(o.value, o);
      const best = found.find((o) => o.label.trim() === search) ?? found[0];
      if (best) {
        choose(best);
        ref.current?.blur();
      }
    });
  }

  return (
    <Select<number>
      ref={ref}
      {...rest}
      value={value ?? undefined}
      showSearch={{
        filterOption: false,
        onSearch: (s) => {
          // The select clears its search itself (on Enter, on close): that is not the user typing on.
          if (s !== search && s !== '') typed.current += 1;
          setSearch(s);
        },
        searchValue: search,
        autoClearSearchValue: true,
      }}
      onInputKeyDown={(e) => {
        if (e.key === 'Enter' && current !== '' && !settled) enterAhead(current);
      }}
      onChange={(v) => choose(v === undefined ? undefined : (labels.current.get(v) ?? options.find((o) => o.value === v)))}
      onBlur={() => setSearch('')}
      loading={result.loading}
      notFoundContent={settled || current === '' ? t('common.noMatch') : t('app.loading')}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          {o.data.hint && <div style={{ fontSize: 12, opacity: 0.65 }}>{o.data.hint}</div>}
        </div>
      )}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 240 } } }}
    />
  );
}
