import { ZIdParams, ZPage } from '@contract/common';
import { ZCloseGoodsDeviation, ZGoodsDeviation, ZGoodsDeviationQuery, ZReportGoodsDeviation } from '@contract/goods-deviations';
import type { AppInstance } from '../../http/types';
import { closeGoodsDeviation, getGoodsDeviation, listGoodsDeviations, reportGoodsDeviation } from './goods-deviations.service';

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
