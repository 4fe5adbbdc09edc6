import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import type { TSearchHit } from '@contract/search';
import { fetchEquipmentBySn } from '../../api/equipment.hooks';
import { useCan } from '../../api/me.hooks';

/** Where a search result opens. */
export function hitPath(hit: Pick<TSearchHit, 'kind' | 'id' | 'customerId' | 'contractId'>): string {
  switch (hit.kind) {
    case 'customer':
      return `/customers/${hit.id}`;
    case 'contact':
      return `/customers/${hit.customerId}`;
    case 'contract':
      return `/contracts/${hit.id}`;
    case 'equipment':
      return `/equipment/${hit.id}`;
    case 'document':
      return hit.contractId ? `/contracts/${hit.contractId}?tab=documents` : `/customers/${hit.customerId}?tab=documents`;
    case 'call':
      return `/calls/${hit.id}`;
    case 'service_request':
      return `/service-requests/${hit.id}`;
  }
}

/** One token with a digit, as serial numbers are: worth an exact SN lookup before a full search. */
export function looksLikeSn(q: string): boolean {
  return /^[\p{L}\p{N}\-_./]{4,100}$/u.test(q) && /\d/.test(q);
}

/**
 * Enter in a search box: an SN that identifies exactly one unit opens that unit; anything
 * else opens the results page.
 */
export function useSearchSubmit() {
  const navigate = useNavigate();
  const canSeeEquipment = useCan('equipment.read');
  return useCallback(
    async (raw: string) => {
      const q = raw.trim();
      if (!q) return;
      if (canSeeEquipment && looksLikeSn(q)) {
        try {
          const found = await fetchEquipmentBySn(q);
          if (found.items.length === 1) {
            navigate(`/equipment/${found.items[0].id}`);
            return;
          }
        } catch {
          // No exact unit: fall through to the full search.
        }
      }
      navigate(`/search?q=${encodeURIComponent(q)}`);
    },
    [canSeeEquipment, navigate],
  );
}
