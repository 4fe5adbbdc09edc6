import { useQueryClient } from '@tanstack/react-query';
import type { TContractSummaryView } from '@contract/contracts';
import { contractKeys, fetchContracts, type TContractListQuery, useContracts } from '../../api/contracts.hooks';
import { RemoteSelect, type RemoteSelectProps, type TRemoteOption, type TRemoteOptions } from '../../ui/remote-select';

const queryFor = (search: string, customerId?: number): TContractListQuery => ({
  q: search || undefined,
  customerId,
  page: 1,
  pageSize: 20,
  sort: '-signedAt',
});
const optionsOf = (items: TContractSummaryView[]): TRemoteOption[] =>
  items.map((c) => ({ value: c.id, label: c.number, hint: c.customer.name }));

function useContractOptions(search: string, customerId?: number): TRemoteOptions {
  const qc = useQueryClient();
  const page = useContracts(queryFor(search, customerId));
  return {
    options: optionsOf(page.data?.items ?? []),
    answers: page.data && !page.isPlaceholderData ? search : null,
    loading: page.isFetching,
    fetchNow: async (s) => {
      const query = queryFor(s, customerId);
      const found = await qc.fetchQuery({ queryKey: contractKeys.list(query), queryFn: ({ signal }) => fetchContracts(query, signal) });
      return optionsOf(found.items);
    },
  };
}

/** Pick a contract by number or customer name; `customerId` narrows to one customer's contracts. */
export function ContractSelect({ customerId, ...props }: Omit<RemoteSelectProps, 'useOptions' | 'scope'> & { customerId?: number }) {
  return <RemoteSelect {...props} scope={customerId} useOptions={useContractOptions} />;
}
