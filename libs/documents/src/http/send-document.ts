import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../filename';
import type { OpenedDocument } from '../documents.service';

/**
 * Streams a document as a download: its sniffed Content-Type, its exact length, an `attachment`
 * disposition with the (sanitised) original name, no MIME sniffing by the browser, no caching
 * by shared caches or on disk, and a sandboxing CSP in case a browser renders it anyway.
 * Call from a handler that takes `@Res() reply`.
 */
export function sendDocument(reply: FastifyReply, { document, stream }: OpenedDocument): FastifyReply {
  return reply
    .status(200)
    .header('content-type', document.contentType)
    .header('content-length', String(document.sizeBytes))
    .header('content-disposition', contentDisposition(document.originalName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(stream);
}
