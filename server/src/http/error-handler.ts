import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { TLocale } from '@contract/common';
import { pick } from '@contract/bilingual';
import { ERROR_STATUS, ERRORS, type TErrorBody, type TErrorCode, type TIssue } from '@contract/errors';
import { AppError, type TAppIssue } from '../app-error';
import { translateDbError } from '../db/db-errors';
import { requestLocale } from './request-locale';
import type { AppInstance } from './types';
import { routeValidationIssues } from './validation-issues';

/** A service's issues in the user's language (`fieldError`), without the other wording. */
function localIssues(issues: readonly TAppIssue[], locale: TLocale): TIssue[] {
  return issues.map(({ i18n, ...issue }) => (i18n ? { ...issue, message: pick(i18n, locale) } : issue));
}

function body(req: FastifyRequest, code: TErrorCode, issues?: TIssue[]): TErrorBody {
  const def = ERRORS[code];
  return {
    code,
    message: pick(def, requestLocale(req)),
    ...('rule' in def && { rule: def.rule }),
    ...(issues && { issues }),
    requestId: req.id,
  };
}

function send(reply: FastifyReply, req: FastifyRequest, code: TErrorCode, issues?: TIssue[]) {
  return reply.status(ERROR_STATUS[ERRORS[code].category]).send(body(req, code, issues));
}

export function installErrorHandler(app: AppInstance) {
  app.setErrorHandler((rawErr: FastifyError, req, reply) => {
    const err = translateDbError(rawErr) as FastifyError;
    if (err instanceof AppError) {
      if (err.category === 'internal') req.log.error({ err }, 'internal app error');
      return send(reply, req, err.code, err.issues && localIssues(err.issues, requestLocale(req)));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return send(reply, req, 'VALIDATION_FAILED', routeValidationIssues(err, req, requestLocale(req)));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause?.issues }, 'response does not match its schema');
      return send(reply, req, 'INTERNAL');
    }
    if (err.validation) {
      return send(
        reply,
        req,
        'VALIDATION_FAILED',
        err.validation.map((v) => ({ path: v.instancePath, message: v.message ?? 'invalid' })),
      );
    }
    if (err.statusCode === 429) return send(reply, req, 'RATE_LIMITED');
    if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') return send(reply, req, 'PAYLOAD_TOO_LARGE');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Malformed JSON, wrong content type and the like: the client's fault, said plainly.
      return send(reply, req, 'VALIDATION_FAILED', [{ path: '', message: err.message, code: err.code }]);
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, req, 'INTERNAL');
  });
  app.setNotFoundHandler((req, reply) => send(reply, req, 'ROUTE_NOT_FOUND'));
}
