import { z } from 'zod';
import { ZIdParams, ZPage } from '@contract/common';
import {
  ZAddDocumentVersion,
  ZArchiveLevel,
  ZArchiveTreeQuery,
  ZCreateDocument,
  ZDocument,
  ZDocumentCompleteness,
  ZDocumentQuery,
  ZDocumentVersion,
  ZDownloadQuery,
  ZUpdateDocument,
  ZWithdrawDocumentQuery,
} from '@contract/documents';
import { requestLocale } from '../../http/request-locale';
import type { AppInstance } from '../../http/types';
import { createFileStore } from '../files/file-store';
import { parseFormFields, withUpload } from '../files/uploads';
import { archiveLevel } from './archive.service';
import {
  addDocumentVersion,
  createDocument,
  documentCompleteness,
  downloadDocument,
  getDocument,
  listDocuments,
  listDocumentVersions,
  updateDocument,
  withdrawDocument,
} from './documents.service';

const MULTIPART = ['multipart/form-data'];

export async function documentsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const store = createFileStore(app.deps.config);
  const tags = ['documents'];

  app.get(
    '/api/documents',
    {
      config: { permission: 'documents.read' },
      schema: {
        tags,
        summary: 'List documents (by contract, customer, type, text); `contract=none`: only the customer’s own documents, of no contract',
        querystring: ZDocumentQuery,
        response: { 200: ZPage(ZDocument) },
      },
    },
    async (req) => listDocuments(db, req.actor, req.query),
  );

  app.post(
    '/api/documents',
    {
      config: { permission: 'documents.manage' },
      schema: {
        tags,
        summary: 'File a document: multipart form with the fields of ZCreateDocument and one `file` part',
        consumes: MULTIPART,
        response: { 201: ZDocument },
      },
    },
    async (req, reply) => {
      const doc = await withUpload(req, store, ({ fields, file }) =>
        createDocument(db, store, req.actor, parseFormFields(ZCreateDocument, fields, requestLocale(req)), file),
      );
      return reply.status(201).send(doc);
    },
  );

  app.get(
    '/api/documents/:id',
    {
      config: { permission: 'documents.read' },
      schema: { tags, summary: 'One document', params: ZIdParams, response: { 200: ZDocument } },
    },
    async (req) => getDocument(db, req.actor, req.params.id),
  );

  app.patch(
    '/api/documents/:id',
    {
      config: { permission: 'documents.manage' },
      schema: {
        tags,
        summary: 'Edit type, title, notes, copy and price flags',
        params: ZIdParams,
        body: ZUpdateDocument,
        response: { 200: ZDocument },
      },
    },
    async (req) => updateDocument(db, req.actor, req.params.id, req.body),
  );

  app.delete(
    '/api/documents/:id',
    {
      config: { permission: 'documents.manage' },
      schema: {
        tags,
        summary: 'Withdraw a document (kept and audited; leaves lists, the archive tree and search)',
        params: ZIdParams,
        querystring: ZWithdrawDocumentQuery,
        response: { 200: ZDocument },
      },
    },
    async (req) => withdrawDocument(db, req.actor, req.params.id, req.query.reason),
  );

  app.post(
    '/api/documents/:id/versions',
    {
      config: { permission: 'documents.manage' },
      schema: {
        tags,
        summary: 'Upload a new version: multipart with one `file` part and an optional `note`',
        params: ZIdParams,
        consumes: MULTIPART,
        response: { 201: ZDocument },
      },
    },
    async (req, reply) => {
      const doc = await withUpload(req, store, ({ fields, file }) =>
        addDocumentVersion(
          db,
          store,
          req.actor,
          req.params.id,
          parseFormFields(ZAddDocumentVersion, fields, requestLocale(req)).note,
          file,
        ),
      );
      return reply.status(201).send(doc);
    },
  );

  app.get(
    '/api/documents/:id/versions',
    {
      config: { permission: 'documents.read' },
      schema: {
        tags,
        summary: 'Every version, newest first',
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZDocumentVersion) }) },
      },
    },
    async (req) => listDocumentVersions(db, req.actor, req.params.id),
  );

  app.get(
    '/api/documents/:id/download',
    {
      config: { permission: 'documents.read' },
      schema: {
        tags,
        summary: 'Download a version (the latest by default), always as an attachment',
        params: ZIdParams,
        querystring: ZDownloadQuery,
      },
    },
    async (req, reply) => downloadDocument(db, store, req.actor, reply, req.params.id, req.query.version),
  );

  app.get(
    '/api/archive/tree',
    {
      config: { permission: 'documents.read' },
      schema: {
        tags,
        summary: 'The archive, one level at a time: industries; ?industry= its customers; ?customer= its contracts',
        querystring: ZArchiveTreeQuery,
        response: { 200: ZArchiveLevel },
      },
    },
    async (req) => archiveLevel(db, req.actor, req.query),
  );

  app.get(
    '/api/contracts/:id/documents/completeness',
    {
      config: { permission: 'documents.read' },
      schema: {
        tags,
        summary:
          'The document types the contract’s service kinds require, and which are missing (the original contract only with contracts.prices)',
        params: ZIdParams,
        response: { 200: ZDocumentCompleteness },
      },
    },
    async (req) => documentCompleteness(db, req.actor, req.params.id),
  );
}
