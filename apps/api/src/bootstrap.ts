import type { IncomingMessage } from 'node:http';
import fastifyMultipart, { FastifyMultipartBaseOptions } from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, MalformedJsonException, requestIdFor } from '@app/common';
import { ProblemFilter } from './http/problem.filter';
import { buildOpenApiDocument } from './openapi/document';
import { createValidationPipe } from './http/validation.pipe';

/**
 * Builds the HTTP application around a root module: the Fastify adapter, correlation ids,
 * problem+json errors, validation and OpenAPI. Used by main.ts and by the e2e tests alike.
 */
export async function createApiApp(rootModule: unknown, config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.app.BODY_LIMIT_BYTES,
    trustProxy: parseTrustProxy(config.app.TRUST_PROXY),
    genReqId: (req: IncomingMessage) => {
      const id = requestIdFor(req);
      // pino-http reuses raw.id, so the log lines and the response share one correlation id.
      (req as IncomingMessage & { id?: string }).id = id;
      return id;
    },
    // nestjs-pino logs requests; Fastify's own logger stays off.
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as never, adapter, {
    bufferLogs: true,
    abortOnError: false,
    // JSON only, through our own parser below (Nest's would answer bad JSON with a generic 400).
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Fastify's JSON parser (with its prototype-poisoning guard), but failing with our own problem type.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (err: Error | null, value?: unknown) =>
      err ? done(new MalformedJsonException(), undefined) : done(null, value),
    );
  });

  // multipart/form-data is only marked here and left unread until a route streams it with
  // libs/documents' withSingleFileUpload (which sets the per-upload limits).
  // (`as never`: the plugin is typed against the top-level fastify package, Nest's instance against its own copy.)
  const multipartOptions: FastifyMultipartBaseOptions = { limits: { fileSize: config.documents.DOCUMENTS_MAX_BYTES + 1 } };
  await app.register(fastifyMultipart as never, multipartOptions);

  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(createValidationPipe());

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
