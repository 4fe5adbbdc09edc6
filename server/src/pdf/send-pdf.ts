import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from '../modules/files/file-names';
import { formFileName, type TPrintedForm } from './form-text';

/** A printed form, as every download: an attachment named by its title and number, never sniffed, sandboxed if opened anyway. */
export function sendFormPdf(reply: FastifyReply, form: TPrintedForm): FastifyReply {
  const { pdf } = form;
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', attachmentDisposition(formFileName(form)))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-cache')
    .send(pdf);
}
