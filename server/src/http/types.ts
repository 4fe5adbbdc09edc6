import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePermission } from '@contract/permissions';
import type { TLocale } from '@contract/common';
import type { Actor } from '../actor';
import type { Config } from '../config';
import type { DbHandle } from '../db/database';

export type AppInstance = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface AppDeps {
  config: Config;
  database: DbHandle;
}

export interface SessionInfo {
  tokenHash: string;
  csrfToken: string;
  locale: TLocale;
  email: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route requires: an action of contract/permissions.ts, or public / authenticated. */
    permission?: TRoutePermission;
  }
  interface FastifyRequest {
    actor: Actor;
    session: SessionInfo | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}
