import { type TServiceKind, ZCreateContract } from '@contract/contracts';
import { ZCreateCustomer } from '@contract/customers';
import { ZCreateEquipment } from '@contract/equipment';
import { systemActor } from '../../actor';
import type { Db } from '../../db/database';
import { createContract } from '../contracts/contracts.service';
import { createCustomer } from '../customers/customers.service';
import { createEquipment } from '../equipment/equipment.service';

/* Tests only: customers and contracts for the archive, made through their own services (input parsed as their routes parse it). */

let seq = 0;

export async function makeCustomer(
  db: Db,
  fields: { name?: string; industryCode?: string | null } = {},
): Promise<{ id: number; name: string }> {
  const name = fields.name ?? `测试客户${++seq}-${Math.random().toString(36).slice(2, 6)}`;
  const industry =
    fields.industryCode === null
      ? undefined
      : await db
          .selectFrom('industry')
          .select('id')
          .where('code', '=', fields.industryCode ?? 'finance')
          .executeTakeFirstOrThrow();
  const customer = await createCustomer(
    db,
    systemActor(),
    ZCreateCustomer.parse({ name, industryId: industry ? Number(industry.id) : null }),
  );
  return { id: customer.id, name: customer.name };
}

export interface ContractFixture {
  customerId: number;
  serviceKinds?: TServiceKind[];
  trainingDays?: number | null;
  /** Adds a unit of software with a license key to the contract's installed base. */
  licensed?: boolean;
  signedAt?: string | null;
}

export async function makeContract(db: Db, f: ContractFixture): Promise<{ id: number; number: string }> {
  const actor = systemActor();
  const contract = await createContract(
    db,
    actor,
    ZCreateContract.parse({
      number: `HT-T-${++seq}-${Math.random().toString(36).slice(2, 7)}`,
      customerId: f.customerId,
      serviceKinds: f.serviceKinds ?? ['onsite_maintenance'],
      status: 'active',
      signedAt: f.signedAt ?? '2026-01-15',
      totalAmount: 1_234_500,
      commitments: { trainingDays: f.trainingDays ?? null, remoteOnly: false },
    }),
  );
  if (f.licensed) {
    await createEquipment(
      db,
      actor,
      ZCreateEquipment.parse({
        contractId: contract.id,
        productType: '软件',
        brand: 'Veritas',
        model: 'NetBackup',
        licenseKey: 'LIC-TEST-0001',
      }),
      '2026-06-01',
    );
  }
  return { id: contract.id, number: contract.number };
}
