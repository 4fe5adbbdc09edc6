import type { z } from 'zod';
import { SERVICE_KINDS, type TContract, ZCreateContract } from '@contract/contracts';
import { systemActor } from '../../actor';
import type { Db } from '../../db/database';
import { makeCustomer } from '../customers/customers.fixtures';
import { createContract } from './contracts.service';

/** Tests: a contract (and, unless given, a customer) inserted through the services. */
export async function makeContract(db: Db, over: Partial<z.input<typeof ZCreateContract>> = {}): Promise<TContract> {
  const customerId = over.customerId ?? (await makeCustomer(db)).id;
  const input = ZCreateContract.parse({
    customerId,
    // Every service kind unless a test narrows them: a request of any kind is within it (R-SCOPE-1).
    serviceKinds: [...SERVICE_KINDS],
    signedAt: '2026-01-10',
    startDate: '2026-01-10',
    endDate: '2027-01-09',
    ...over,
  });
  // The system actor holds every permission: the answer carries prices.
  return (await createContract(db, systemActor('test'), input)) as TContract;
}
