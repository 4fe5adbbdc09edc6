import { ZIdParams, ZOk, ZPage } from '@contract/common';
import {
  ZCheckNameQuery,
  ZCheckNameResult,
  ZContact,
  ZContactParams,
  ZCreateContact,
  ZCreateCustomer,
  ZCustomer,
  ZCustomerDetail,
  ZCustomerQuery,
  ZCustomerWriteResult,
  ZPhoneLookupQuery,
  ZPhoneLookupResult,
  ZUpdateContact,
  ZUpdateCustomer,
} from '@contract/customers';
import type { AppInstance } from '../../http/types';
import {
  addContact,
  checkCustomerName,
  createCustomer,
  deleteContact,
  deleteCustomer,
  findContactsByPhone,
  getCustomer,
  listCustomers,
  updateContact,
  updateCustomer,
} from './customers.service';
import { industriesRoutes } from './industries.routes';

export async function customersRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const tags = ['customers'];
  await industriesRoutes(app);

  app.get(
    '/api/customers',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: 'List customers (search, industry, region)',
        querystring: ZCustomerQuery,
        response: { 200: ZPage(ZCustomer) },
      },
    },
    async (req) => listCustomers(db, req.query),
  );

  app.get(
    '/api/customers/check-name',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: 'Customers with the same name (normalised), for the form',
        querystring: ZCheckNameQuery,
        response: { 200: ZCheckNameResult },
      },
    },
    async (req) => checkCustomerName(db, req.query.name, req.query.excludeId),
  );

  app.get(
    '/api/customers/by-phone',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: "Contacts matching a caller's phone number (R-CALL-1)",
        querystring: ZPhoneLookupQuery,
        response: { 200: ZPhoneLookupResult },
      },
    },
    async (req) => findContactsByPhone(db, req.query.phone),
  );

  app.post(
    '/api/customers',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags,
        summary: 'Create a customer with its first contacts',
        body: ZCreateCustomer,
        response: { 201: ZCustomerWriteResult },
      },
    },
    async (req, reply) => reply.status(201).send(await createCustomer(db, req.actor, req.body)),
  );

  app.get(
    '/api/customers/:id',
    {
      config: { permission: 'customers.read' },
      schema: { tags, summary: 'One customer with its contacts', params: ZIdParams, response: { 200: ZCustomerDetail } },
    },
    async (req) => getCustomer(db, req.params.id),
  );

  app.patch(
    '/api/customers/:id',
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: 'Edit a customer', params: ZIdParams, body: ZUpdateCustomer, response: { 200: ZCustomerWriteResult } },
    },
    async (req) => updateCustomer(db, req.actor, req.params.id, req.body),
  );

  app.delete(
    '/api/customers/:id',
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: 'Delete a customer without contracts or documents', params: ZIdParams, response: { 200: ZOk } },
    },
    async (req) => {
      await deleteCustomer(db, req.actor, req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/customers/:id/contacts',
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: 'Add a contact', params: ZIdParams, body: ZCreateContact, response: { 201: ZContact } },
    },
    async (req, reply) => reply.status(201).send(await addContact(db, req.actor, req.params.id, req.body)),
  );

  app.patch(
    '/api/customers/:id/contacts/:contactId',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags,
        summary: 'Edit a contact (phones are replaced as a whole)',
        params: ZContactParams,
        body: ZUpdateContact,
        response: { 200: ZContact },
      },
    },
    async (req) => updateContact(db, req.actor, req.params.id, req.params.contactId, req.body),
  );

  app.delete(
    '/api/customers/:id/contacts/:contactId',
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: 'Delete a contact', params: ZContactParams, response: { 200: ZOk } },
    },
    async (req) => {
      await deleteContact(db, req.actor, req.params.id, req.params.contactId);
      return { ok: true as const };
    },
  );
}
