import { ZIdParams, ZOk } from '@contract/common';
import {
  ZContractPage,
  ZContractQuery,
  ZContractStages,
  ZContractView,
  ZCreateContract,
  ZMoveStage,
  ZUpdateContract,
} from '@contract/contracts';
import type { AppInstance } from '../../http/types';
import {
  createContract,
  deleteContract,
  getContract,
  listContracts,
  listCustomerContracts,
  listStageChanges,
  moveContractStage,
  updateContract,
} from './contracts.service';

/** Every contract answer is shaped for the reader: `pricesVisible` tells which shape (R-ORG-5). */
export async function contractsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const tags = ['contracts'];

  app.get(
    '/api/contracts',
    {
      config: { permission: 'contracts.read' },
      schema: {
        tags,
        summary: 'List contracts (search, customer, kind, status, stage, sales owner, end dates)',
        querystring: ZContractQuery,
        response: { 200: ZContractPage },
      },
    },
    async (req) => listContracts(db, req.actor, req.query),
  );

  app.post(
    '/api/contracts',
    {
      config: { permission: 'contracts.manage' },
      schema: { tags, summary: 'Create a contract', body: ZCreateContract, response: { 201: ZContractView } },
    },
    async (req, reply) => reply.status(201).send(await createContract(db, req.actor, req.body)),
  );

  app.get(
    '/api/contracts/:id',
    {
      config: { permission: 'contracts.read' },
      schema: { tags, summary: 'One contract: commitments, items, stage history', params: ZIdParams, response: { 200: ZContractView } },
    },
    async (req) => getContract(db, req.actor, req.params.id),
  );

  app.patch(
    '/api/contracts/:id',
    {
      config: { permission: 'contracts.manage' },
      schema: { tags, summary: 'Edit a contract', params: ZIdParams, body: ZUpdateContract, response: { 200: ZContractView } },
    },
    async (req) => updateContract(db, req.actor, req.params.id, req.body),
  );

  app.delete(
    '/api/contracts/:id',
    {
      config: { permission: 'contracts.manage' },
      schema: { tags, summary: 'Delete a draft contract', params: ZIdParams, response: { 200: ZOk } },
    },
    async (req) => {
      await deleteContract(db, req.actor, req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/contracts/:id/stage',
    {
      config: { permission: 'contracts.stage' },
      schema: {
        tags,
        summary: 'Move the contract to a lifecycle stage (R-ORG-2)',
        params: ZIdParams,
        body: ZMoveStage,
        response: { 200: ZContractView },
      },
    },
    async (req) => moveContractStage(db, req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/contracts/:id/stages',
    {
      config: { permission: 'contracts.read' },
      schema: {
        tags,
        summary: 'Current stage, who leads it, and every stage change',
        params: ZIdParams,
        response: { 200: ZContractStages },
      },
    },
    async (req) => listStageChanges(db, req.params.id),
  );

  app.get(
    '/api/customers/:id/contracts',
    {
      config: { permission: 'contracts.read' },
      schema: {
        tags,
        summary: "A customer's contracts (R-ORG-6)",
        params: ZIdParams,
        querystring: ZContractQuery.omit({ customerId: true }),
        response: { 200: ZContractPage },
      },
    },
    async (req) => listCustomerContracts(db, req.actor, req.params.id, req.query),
  );
}
