import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';

type TFlat = Record<string, string | number | boolean | undefined>;

/**
 * A list page's query (page, filters, sort) kept in the URL, so a filtered list
 * can be reloaded, bookmarked and shared. Parsed with the contract's query schema,
 * the same one the server applies; an invalid URL falls back to the defaults.
 */
export function useUrlQuery<S extends z.ZodType<TFlat, Record<string, unknown>>>(schema: S) {
  const [params, setParams] = useSearchParams();
  const defaults = useMemo(() => schema.parse({}), [schema]);

  const query = useMemo(() => {
    const result = schema.safeParse(Object.fromEntries(params));
    return result.success ? result.data : defaults;
  }, [params, schema, defaults]);

  const update = useCallback(
    (patch: Partial<z.infer<S>>) => {
      const next: TFlat = { ...query, ...patch };
      const out = new URLSearchParams();
      for (const [k, v] of Object.entries(next)) {
        if (v === undefined || v === '' || v === defaults[k]) continue;
        out.set(k, String(v));
      }
      setParams(out, { replace: true });
    },
    [query, defaults, setParams],
  );

  return [query, update] as const;
}
