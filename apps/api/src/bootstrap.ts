import type { IncomingMessage } from 'node:http';
import fastifyMultipart, { FastifyMultipartBaseOptions } from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, MalformedJsonException, apiDocsEnabled, requestIdFor } from '@app/common';
import { ProblemFilter } from './http/problem.filter';
import { registerNoStoreDefault } from './http/no-store.hook';
import { registerSecurityHeaders } from './http/security-headers';
import { buildOpenApiDocument } from './openapi/document';
import { createValidationPipe } from './http/validation.pipe';
import { refuseUnstorableText, tooDeepError, tooDeepPath } from './http/input-safety';
import type { Draining } from '@app/shutdown';
import { apiDraining } from './http/draining';

const DRAINING = new WeakMap<NestFastifyApplication, Draining>();

/** The app's shutdown drain (main.ts starts it on SIGTERM; tests may too). */
export function drainingOf(app: NestFastifyApplication): Draining {
  const d = DRAINING.get(app);
  if (!d) throw new Error('not an app built by createApiApp');
  return d;
}

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
    // While closing, requests still reach our own draining hook (a problem+json 503 with
    // Retry-After and Connection: close) rather than Fastify's plain JSON one.
    return503OnClosing: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as never, adapter, {
    bufferLogs: true,
    abortOnError: false,
    // JSON only, through our own parser below (Nest's would answer bad JSON with a generic 400).
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  // First of all hooks: during shutdown a new request is refused before anything else runs.
  const draining = apiDraining();
  draining.register(app.getHttpAdapter().getInstance());
  DRAINING.set(app, draining);

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  registerSecurityHeaders(app, config.app.NODE_ENV === 'production');
  registerNoStoreDefault(app);
  // Fastify's JSON parser (with its prototype-poisoning guard), but failing with our own problem type.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  // A body nested too deep is refused here, before anything walks it recursively.
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (err: Error | null, value?: unknown) => {
      if (err) return done(new MalformedJsonException(), undefined);
      const deep = tooDeepPath(value);
      return deep === null ? done(null, value) : done(tooDeepError(deep), undefined);
    });
  });
  // NUL characters and lone surrogates in any string of the query, path or body: one check for every route.
  fastify.addHook('preValidation', refuseUnstorableText);

  // multipart/form-data is only marked here and left unread until a route streams it with
  // libs/documents' withSingleFileUpload (which sets the per-upload limits).
  // (`as never`: the plugin is typed against the top-level fastify package, Nest's instance against its own copy.)
  const multipartOptions: FastifyMultipartBaseOptions = { limits: { fileSize: config.documents.DOCUMENTS_MAX_BYTES + 1 } };
  await app.register(fastifyMultipart as never, multipartOptions);

  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(createValidationPipe());

  // Off in production unless API_DOCS_ENABLED says otherwise (docs/security.md).
  if (apiDocsEnabled(config.app)) SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}

/**
 * TRUST_PROXY as Fastify takes it: `true`, `false`, addresses or subnets (comma-separated), or a
 * number of proxy hops to trust (as a function, the form Nest 12's adapter types accept; the
 * same rule proxy-addr applies to a number).
 */
function parseTrustProxy(value: string): boolean | string | ((address: string, hop: number) => boolean) {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (!/^\d+$/.test(value)) return value;
  const hops = Number(value);
  return (_address, hop) => hop < hops;
}
