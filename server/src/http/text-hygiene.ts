import { findForbiddenText } from '@contract/text';
import { VALIDATION_MESSAGES } from '@contract/validation-messages';
import { fieldError } from '../app-error';
import type { AppInstance } from './types';

const CONTEXTS = ['body', 'query', 'params'] as const;

/**
 * Text hygiene for every route at once, before its schema: a JSON body that is not valid UTF-8 is
 * refused (Fastify's parser would store U+FFFD in its place), and so is any field holding a
 * control character or a lone surrogate (contract/text.ts), with a 400 naming the field.
 */
export function installTextHygiene(app: AppInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(fieldError('body', VALIDATION_MESSAGES.invalidUtf8, 'invalid_utf8'), undefined);
      return;
    }
    parseJson(req, text, done);
  });
  app.addHook('preValidation', (req, _reply, done) => {
    for (const context of CONTEXTS) {
      const path = findForbiddenText(req[context]);
      if (path) {
        done(fieldError(path.join('.') || context, VALIDATION_MESSAGES.forbiddenCharacter, 'invalid_characters'));
        return;
      }
    }
    done();
  });
}
