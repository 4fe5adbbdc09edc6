import type { z } from 'zod';
import { type TCustomerWriteResult, ZCreateCustomer } from '@contract/customers';
import { systemActor } from '../../actor';
import type { Db } from '../../db/database';
import { createCustomer } from './customers.service';

let seq = 0;

/** Tests: a customer inserted through the service; what a test does not care about gets a default. */
export function makeCustomer(db: Db, over: Partial<z.input<typeof ZCreateCustomer>> = {}): Promise<TCustomerWriteResult> {
  seq += 1;
  return createCustomer(db, systemActor('test'), ZCreateCustomer.parse({ name: `测试客户${seq}`, region: '北京', ...over }));
}
