import { useQueryClient } from '@tanstack/react-query';
import { type TCustomerListQuery, customerKeys, fetchCustomers, useCustomers } from '../../api/customers.hooks';
import { RemoteSelect, type RemoteSelectProps, type TRemoteOption, type TRemoteOptions } from '../../ui/remote-select';

const queryFor = (search: string): TCustomerListQuery => ({ q: search || undefined, page: 1, pageSize: 20, sort: 'name' });
const optionsOf = (items: { id: number; name: string; region: string | null }[]): TRemoteOption[] =>
  items.map((c) => ({ value: c.id, label: c.name, hint: c.region }));

function useCustomerOptions(search: string): TRemoteOptions {
  const qc = useQueryClient();
  const page = useCustomers(queryFor(search));
  return {
    options: optionsOf(page.data?.items ?? []),
    answers: page.data && !page.isPlaceholderData ? search : null,
    loading: page.isFetching,
    fetchNow: async (s) => {
      const query = queryFor(s);
      const found = await qc.fetchQuery({ queryKey: customerKeys.list(query), queryFn: ({ signal }) => fetchCustomers(query, signal) });
      return optionsOf(found.items);
    },
  };
}

/** Pick a customer by typing part of its name (full- or half-width, any case); Enter takes the best match. */
export function CustomerSelect(props: Omit<RemoteSelectProps, 'useOptions' | 'scope'>) {
  return <RemoteSelect {...props} useOptions={useCustomerOptions} />;
}
