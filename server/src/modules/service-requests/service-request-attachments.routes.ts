import { ZIdParams } from '@contract/common';
import { ZServiceRequestAttachment, ZServiceRequestAttachmentParams } from '@contract/service-requests';
import { z } from 'zod';
import type { AppInstance } from '../../http/types';
import { createFileStore } from '../files/file-store';
import { withUpload } from '../files/uploads';
import {
  addServiceRequestAttachment,
  assertMayAttach,
  downloadServiceRequestAttachment,
  listServiceRequestAttachments,
} from './service-request-attachments';

/** A request's photos and files: the upload needs multipart, so these are registered in the uploads scope (app.ts). */
export async function serviceRequestAttachmentRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const store = createFileStore(app.deps.config);
  const tags = ['service-requests'];

  app.get(
    '/api/service-requests/:id/attachments',
    {
      config: { permission: 'service_requests.read' },
      schema: { tags, summary: "The request's photos and files", params: ZIdParams, response: { 200: z.array(ZServiceRequestAttachment) } },
    },
    async (req) => listServiceRequestAttachments(db, req.actor, req.params.id),
  );
  app.post(
    '/api/service-requests/:id/attachments',
    {
      config: { permission: 'service_requests.attach' },
      schema: {
        tags,
        summary: 'Attach a photo or file (multipart, one `file` part, at most 20 MB): its engineers, issuer or a manager, while open',
        consumes: ['multipart/form-data'],
        params: ZIdParams,
        response: { 201: z.array(ZServiceRequestAttachment) },
      },
    },
    async (req, reply) => {
      await assertMayAttach(db, req.actor, req.params.id);
      return reply
        .status(201)
        .send(await withUpload(req, store, ({ file }) => addServiceRequestAttachment(db, store, req.actor, req.params.id, file)));
    },
  );
  app.get(
    '/api/service-requests/:id/attachments/:attachmentId',
    {
      config: { permission: 'service_requests.read' },
      schema: { tags, summary: 'Download an attachment (always as an attachment)', params: ZServiceRequestAttachmentParams },
    },
    async (req, reply) => downloadServiceRequestAttachment(db, store, reply, req.actor, req.params.id, req.params.attachmentId),
  );
}
