import assert from 'node:assert/strict';
import type { Client } from '../../testing/test-app';

/** Where a test's requests are filed: the customer and (unless a consulting request) its contract. */
export interface RequestParty {
  customerId: number;
  contractId: number | null;
}

/**
 * Tests: the body of a valid `POST /api/service-requests` — an emergency repair for `party`'s
 * customer under its contract, with contact, phone, site and symptom — with `over` on top
 * (`undefined` removes a field, as JSON does).
 */
export function serviceRequestForm(party: RequestParty, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'emergency_repair',
    customerId: party.customerId,
    contractId: party.contractId,
    contactName: '赵立新',
    contactPhone: '139 1001 2001',
    siteAddress: '北京市西城区金融大街 18 号',
    description: '存储阵列告警，硬盘故障灯亮',
    ...over,
  };
}

/**
 * Tests: a service request created through the API by `as` (its issuer), as the form above with
 * `over`; fails the test unless created (201). Answers the request as created.
 */
export async function makeServiceRequest(as: Client, party: RequestParty, over: Record<string, unknown> = {}) {
  const r = await as.post('/api/service-requests', serviceRequestForm(party, over));
  assert.equal(r.status, 201, r.text);
  return r.body;
}
