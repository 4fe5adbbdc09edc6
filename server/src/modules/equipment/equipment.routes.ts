import { ZIdParams, ZOk, ZPage } from '@contract/common';
import {
  ZContractEquipmentQuery,
  ZCreateEquipment,
  ZDeleteEquipmentQuery,
  ZEquipment,
  ZEquipmentDetail,
  ZEquipmentQuery,
  ZSnLookupResult,
  ZSnParams,
  ZUpdateEquipment,
} from '@contract/equipment';
import { todayIn } from '@contract/zoned-time';
import type { AppInstance } from '../../http/types';
import {
  createEquipment,
  deleteEquipment,
  findEquipmentBySn,
  getEquipment,
  listContractEquipment,
  listEquipment,
  updateEquipment,
} from './equipment.service';

export async function equipmentRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE } = app.deps.config;
  const today = () => todayIn(FUWU_TIMEZONE);
  const tags = ['equipment'];

  app.get(
    '/api/equipment',
    {
      config: { permission: 'equipment.read' },
      schema: {
        tags,
        summary: 'The installed base (contract, customer, model/PN/SN, warranty state)',
        querystring: ZEquipmentQuery,
        response: { 200: ZPage(ZEquipment) },
      },
    },
    async (req) => listEquipment(db, req.query, today()),
  );

  app.get(
    '/api/equipment/by-sn/:sn',
    {
      config: { permission: 'equipment.read' },
      schema: {
        tags,
        summary: 'Units with this serial number (exact, any case), with contract and customer',
        params: ZSnParams,
        response: { 200: ZSnLookupResult },
      },
    },
    async (req) => findEquipmentBySn(db, req.actor, req.params.sn, today()),
  );

  app.get(
    '/api/equipment/:id',
    {
      config: { permission: 'equipment.read' },
      schema: { tags, summary: 'One unit with its contract', params: ZIdParams, response: { 200: ZEquipmentDetail } },
    },
    async (req) => getEquipment(db, req.actor, req.params.id, today()),
  );

  app.post(
    '/api/equipment',
    {
      config: { permission: 'equipment.manage' },
      schema: { tags, summary: 'Register a unit (R-GOODS-6, R-INST-7)', body: ZCreateEquipment, response: { 201: ZEquipmentDetail } },
    },
    async (req, reply) => reply.status(201).send(await createEquipment(db, req.actor, req.body, today())),
  );

  app.patch(
    '/api/equipment/:id',
    {
      config: { permission: 'equipment.manage' },
      schema: { tags, summary: 'Edit a unit', params: ZIdParams, body: ZUpdateEquipment, response: { 200: ZEquipmentDetail } },
    },
    async (req) => updateEquipment(db, req.actor, req.params.id, req.body, today()),
  );

  app.delete(
    '/api/equipment/:id',
    {
      config: { permission: 'equipment.delete' },
      schema: {
        tags,
        summary: 'Remove a unit, with a reason (soft delete: its history stays)',
        params: ZIdParams,
        querystring: ZDeleteEquipmentQuery,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await deleteEquipment(db, req.actor, req.params.id, req.query.reason);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/contracts/:id/equipment',
    {
      config: { permission: 'equipment.read' },
      schema: {
        tags,
        summary: "A contract's units (R-PM-5)",
        params: ZIdParams,
        querystring: ZContractEquipmentQuery,
        response: { 200: ZPage(ZEquipment) },
      },
    },
    async (req) => listContractEquipment(db, req.actor, req.params.id, req.query, today()),
  );
}
