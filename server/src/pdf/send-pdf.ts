import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from '../modules/files/file-names';

/** A generated PDF, as every download: an attachment, never sniffed, sandboxed if opened anyway. */
export function sendPdf(reply: FastifyReply, pdf: Buffer, fileName: string): FastifyReply {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', attachmentDisposition(fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-cache')
    .send(pdf);
}
