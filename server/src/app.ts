import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type DeclaredRoute, installAuth } from './http/auth-hooks';
import { installErrorHandler } from './http/error-handler';
import { LogDestination } from './http/log-destination';
import { securityHeaders } from './http/security-headers';
import { serializerCompiler } from './http/serializer';
import { installTextHygiene } from './http/text-hygiene';
import type { AppDeps, AppInstance } from './http/types';
import { registerWebApp } from './http/web-app';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { contractsRoutes } from './modules/contracts/contracts.routes';
import { customersRoutes } from './modules/customers/customers.routes';
import { documentsRoutes } from './modules/documents/documents.routes';
import { equipmentRoutes } from './modules/equipment/equipment.routes';
import { exportsRoutes } from './modules/exports/exports.routes';
import { importsRoutes } from './modules/imports/imports.routes';
import { searchRoutes } from './modules/search/search.routes';
import { systemRoutes } from './modules/system/system.routes';
import { usersRoutes } from './modules/users/users.routes';
import { escalationsRoutes } from './modules/escalations/escalations.routes';
import { deliveryRoutes } from './modules/notifications/delivery.routes';
import { setEmailDelivery } from './modules/notifications/notifications.service';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { projectsRoutes } from './modules/projects/projects.routes';
import { serviceRequestsRoutes } from './modules/service-requests/service-requests.routes';
import { callsRoutes } from './modules/calls/calls.routes';
import { guardsRoutes } from './modules/guards/guards.routes';
import { goodsDeviationPhotoRoutes, goodsDeviationsRoutes } from './modules/goods-deviations/goods-deviations.routes';
import { serviceReportPhotoRoutes, serviceReportsRoutes } from './modules/service-reports/service-reports.routes';
import { partsRoutes } from './modules/parts/parts.routes';
import { reportsRoutes } from './modules/reports/reports.routes';
import { workHoursRoutes } from './modules/work-hours/work-hours.routes';
import { companyRoutes } from './modules/company/company.routes';
import { visitPhotoRoutes, visitsRoutes } from './modules/visits/visits.routes';
import { checklistsRoutes } from './modules/checklists/checklists.routes';
import { inspectionUploadRoutes, inspectionsRoutes } from './modules/inspections/inspections.routes';
import { taskRequestsRoutes } from './modules/task-requests/task-requests.routes';
import { maintenanceRoutes } from './modules/maintenance/maintenance.routes';
import { trainingsRoutes, trainingUploadRoutes } from './modules/trainings/trainings.routes';
import { workbenchRoutes } from './modules/workbench/workbench.routes';
import { serviceRequestAttachmentRoutes } from './modules/service-requests/service-request-attachments.routes';
import { warmExcelJs } from './spreadsheets/exceljs';

export interface BuildOptions extends AppDeps {
  /** Built web UI to serve (web/dist); omitted in API-only tests. */
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
}

export type App = AppInstance & { declaredRoutes: DeclaredRoute[] };

/** Build the whole application, ready for `inject` or `listen`. */
export async function buildApp(opts: BuildOptions): Promise<App> {
  const { config } = opts;
  const app = Fastify({
    // Production logs to stdout, a turn's lines in one write (http/log-destination.ts).
    logger: opts.logger ?? { level: config.LOG_LEVEL, stream: new LogDestination(1) },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // Fastify logs two lines a request; we log one (below), with status and duration.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.FUWU_TRUST_PROXY,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', { config, database: opts.database });
  // Notifications are e-mailed only when there is an SMTP server to send them (their outbox rows too).
  setEmailDelivery(config.SMTP_URL !== undefined);

  // One log line per request, with its id, instead of Fastify's two.
  app.addHook('onResponse', (req, reply, done) => {
    req.log.info({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });

  // Closing: keep-alive connections that finish their request (or the rest of a refused upload)
  // after close began are closed as they go idle, so a close never waits for a client's timeout.
  let idleSweep: NodeJS.Timeout | undefined;
  app.addHook('preClose', (done) => {
    idleSweep = setInterval(() => app.server.closeIdleConnections(), 50);
    done();
  });
  app.addHook('onClose', (_app, done) => {
    clearInterval(idleSweep);
    done();
  });
  app.addHook('onListen', (done) => {
    warmExcelJs();
    done();
  });

  await app.register(fastifyCookie);
  // Responses of 1 KB and more (lists, details) compressed for the phone on a weak signal; the web
  // UI's assets are compressed once at build time and sent as they are (http/web-app.ts).
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024 });
  const headers = securityHeaders({ hsts: config.FUWU_SECURE_COOKIES });
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers).header('x-request-id', req.id);
    done();
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Fuwu 服务 API', version: '0.1.0', description: 'Technical service management' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'fuwu_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  installErrorHandler(app);
  installTextHygiene(app);
  const declaredRoutes: DeclaredRoute[] = [];
  installAuth(app, declaredRoutes);

  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(auditRoutes);
  await app.register(customersRoutes);
  await app.register(contractsRoutes);
  await app.register(equipmentRoutes);
  // Multipart only in the scope of the routes that take uploads: its hooks (an async onRequest
  // adding a close listener to every reply, an async onResponse) cost every other request a few %.
  // Uploads are streamed part by part (modules/files/uploads.ts); nothing is buffered in memory.
  await app.register(async (uploads: AppInstance) => {
    await uploads.register(fastifyMultipart, { limits: { fileSize: config.FUWU_UPLOAD_MAX_MB * 1024 * 1024, files: 1 } });
    await uploads.register(documentsRoutes);
    await uploads.register(importsRoutes);
    await uploads.register(companyRoutes);
    await uploads.register(goodsDeviationPhotoRoutes);
    await uploads.register(inspectionUploadRoutes);
    await uploads.register(visitPhotoRoutes);
    await uploads.register(serviceReportPhotoRoutes);
    await uploads.register(trainingUploadRoutes);
    await uploads.register(serviceRequestAttachmentRoutes);
  });
  await app.register(searchRoutes);
  await app.register(workbenchRoutes);
  await app.register(exportsRoutes);
  await app.register(serviceRequestsRoutes);
  await app.register(escalationsRoutes);
  await app.register(visitsRoutes);
  await app.register(notificationsRoutes);
  await app.register(deliveryRoutes);
  await app.register(projectsRoutes);
  await app.register(taskRequestsRoutes);
  await app.register(calendarRoutes);
  await app.register(callsRoutes);
  await app.register(goodsDeviationsRoutes);
  await app.register(guardsRoutes);
  await app.register(workHoursRoutes);
  await app.register(reportsRoutes);
  await app.register(checklistsRoutes);
  await app.register(serviceReportsRoutes);
  await app.register(partsRoutes);
  await app.register(inspectionsRoutes);
  await app.register(maintenanceRoutes);
  await app.register(trainingsRoutes);

  if (opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html'))) await registerWebApp(app, opts.webDir);

  await app.ready();
  return Object.assign(app, { declaredRoutes }) as App;
}
