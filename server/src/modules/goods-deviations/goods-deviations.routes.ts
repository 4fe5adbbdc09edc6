import { ZIdParams, ZPage } from '@contract/common';
import {
  ZCloseGoodsDeviation,
  ZGoodsDeviation,
  ZGoodsDeviationPhotoParams,
  ZGoodsDeviationQuery,
  ZReportGoodsDeviation,
} from '@contract/goods-deviations';
import type { AppInstance } from '../../http/types';
import { createFileStore } from '../files/file-store';
import { withUpload } from '../files/uploads';
import {
  addGoodsDeviationPhoto,
  closeGoodsDeviation,
  downloadGoodsDeviationPhoto,
  getGoodsDeviation,
  listGoodsDeviations,
  reportGoodsDeviation,
} from './goods-deviations.service';

export async function goodsDeviationsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE: tz } = app.deps.config;
  const tags = ['goods-deviations'];

  app.get(
    '/api/goods-deviations',
    {
      config: { permission: 'goods_deviations.read' },
      schema: {
        tags,
        summary: 'Goods deviations (state, contract)',
        querystring: ZGoodsDeviationQuery,
        response: { 200: ZPage(ZGoodsDeviation) },
      },
    },
    async (req) => listGoodsDeviations(db, req.query),
  );
  app.get(
    '/api/goods-deviations/:id',
    {
      config: { permission: 'goods_deviations.read' },
      schema: { tags, summary: 'One goods deviation', params: ZIdParams, response: { 200: ZGoodsDeviation } },
    },
    async (req) => getGoodsDeviation(db, req.params.id),
  );
  app.post(
    '/api/contracts/:id/goods-deviations',
    {
      config: { permission: 'goods_deviations.report' },
      schema: {
        tags,
        summary: 'Report a goods deviation on a contract: notifies the sales owner and commerce (R-ORG-8)',
        params: ZIdParams,
        body: ZReportGoodsDeviation,
        response: { 201: ZGoodsDeviation },
      },
    },
    async (req, reply) => reply.status(201).send(await reportGoodsDeviation(db, req.actor, req.params.id, req.body, tz)),
  );
  app.post(
    '/api/goods-deviations/:id/close',
    {
      config: { permission: 'goods_deviations.close' },
      schema: {
        tags,
        summary: 'Commerce closes a deviation with what was done',
        params: ZIdParams,
        body: ZCloseGoodsDeviation,
        response: { 200: ZGoodsDeviation },
      },
    },
    async (req) => closeGoodsDeviation(db, req.actor, req.params.id, req.body),
  );
}

/** A deviation's photos: the upload needs multipart, so these are registered in the uploads scope (app.ts). */
export async function goodsDeviationPhotoRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const store = createFileStore(app.deps.config);
  const tags = ['goods-deviations'];

  app.post(
    '/api/goods-deviations/:id/photos',
    {
      config: { permission: 'goods_deviations.report' },
      schema: {
        tags,
        summary: 'Add a photo of what arrived: multipart with one `file` part, a PNG or JPEG of at most 10 MB',
        consumes: ['multipart/form-data'],
        params: ZIdParams,
        response: { 201: ZGoodsDeviation },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await withUpload(req, store, ({ file }) => addGoodsDeviationPhoto(db, store, req.actor, req.params.id, file))),
  );
  app.get(
    '/api/goods-deviations/:id/photos/:photoId',
    {
      config: { permission: 'goods_deviations.read' },
      schema: { tags, summary: 'Download a photo (always as an attachment)', params: ZGoodsDeviationPhotoParams },
    },
    async (req, reply) => downloadGoodsDeviationPhoto(db, store, reply, req.params.id, req.params.photoId),
  );
}
