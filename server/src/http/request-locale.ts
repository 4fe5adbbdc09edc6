import type { FastifyRequest } from 'fastify';
import type { TLocale } from '@contract/common';

/** The language of a request's answer (messages, exports, reports): the user's, else the browser's, else Chinese. */
export function requestLocale(req: FastifyRequest): TLocale {
  if (req.session) return req.session.locale;
  const accept = req.headers['accept-language'];
  return typeof accept === 'string' && /^en\b/i.test(accept) ? 'en' : 'zh-CN';
}
