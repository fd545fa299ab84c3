/**
 * Builds the web application: Nest on Fastify, rendering Nunjucks on the server. In order:
 *
 *   draining        during shutdown, a new request gets a 503 page at once (http/draining-page.ts)
 *   static assets   /assets/*, hashed names, pre-compressed (br, gzip), a year's immutable
 *                   cache: answered from memory in front of Fastify (http/asset-server.ts), so
 *                   no session, cookie or CSP work is done for them
 *   cookies, sessions   @fastify/cookie + @fastify/session over our Redis store: a random id in
 *                   an HttpOnly, SameSite=Lax cookie (Secure in production); nothing is stored
 *                   for a visitor until something is put in their session
 *   CSRF            @fastify/csrf-protection, the secret in the session; EVERY request other
 *                   than GET/HEAD/OPTIONS is checked (token in the form's `_csrf` field)
 *   security headers  helmet with a strict CSP: scripts and styles from our origin
 *                   only, no inline script, no inline style, no framing
 *   compression     @fastify/compress (br, gzip) for pages
 *   bodies          @fastify/formbody (urlencoded forms); @fastify/multipart for uploads, parsed
 *                   before the CSRF check so its `_csrf` field counts; no JSON
 *   language        ?lang= / cookie / Accept-Language (i18n/locale.hook.ts)
 *   reply.view()    renders a template with the page context (views/page-context.ts); a page
 *                   marked shared is kept for visitors without a session (http/shared-pages.ts)
 */
import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { constants as zlib } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifySession from '@fastify/session';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Draining } from '@app/shutdown';
import type { WebConfig } from './config/web-config';
import { AssetServer } from './http/asset-server';
import { webDraining } from './http/draining-page';
import { SharedPages } from './http/shared-pages';
import { CsrfRejectedError } from './errors/csrf-rejected.error';
import { localeHook } from './i18n/locale.hook';
import { SESSION_COOKIE } from './session/api-sessions';
import { RedisSessionStore } from './session/redis-session-store';
import { AssetManifest, WebPaths, createViewEnvironment, findWebPaths, readManifest } from './views/view-environment';
import { pageContext } from './views/page-context';
import { WebModule } from './web.module';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Form posts are small; uploads have their own limits below. */
const FORM_BODY_LIMIT = 64 * 1024;
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export interface CreateWebAppOptions {
  /** Where templates and built assets are (default: found beside the compiled code). */
  paths?: WebPaths;
  /** Log lines go here instead of stdout (tests). */
  logDestination?: DestinationStream;
  /** An ioredis client to use instead of one made from REDIS_URL (closed with the app either way). */
  redis?: Redis;
}

export function contentSecurityPolicy(production: boolean): Record<string, string[] | null> {
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    styleSrcAttr: ["'none'"],
    imgSrc: ["'self'"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    manifestSrc: ["'self'"],
    upgradeInsecureRequests: production ? [] : null,
  };
}

const DRAINING = new WeakMap<NestFastifyApplication, Draining>();

/** The app's shutdown drain (main.ts starts it on SIGTERM). */
export function drainingOf(app: NestFastifyApplication): Draining {
  const d = DRAINING.get(app);
  if (!d) throw new Error('not an app built by createWebApp');
  return d;
}

export async function createWebApp(config: WebConfig, options: CreateWebAppOptions = {}): Promise<NestFastifyApplication> {
  const paths = options.paths ?? findWebPaths();
  const manifest: AssetManifest = readManifest(paths.public);
  const views = createViewEnvironment({ viewsDir: paths.views, manifest, noCache: config.WEB_RELOAD_TEMPLATES });
  const assets = AssetServer.load(paths.public, manifest);

  const adapter = new FastifyAdapter({
    // 1. Static assets, answered before Fastify sees the request.
    serverFactory: (handler: (req: IncomingMessage, res: ServerResponse) => void) =>
      createServer((req: IncomingMessage, res: ServerResponse) => {
        if (!assets.handle(req, res)) handler(req, res);
      }),
    trustProxy: parseTrustProxy(config.WEB_TRUST_PROXY),
    bodyLimit: FORM_BODY_LIMIT,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      (req as IncomingMessage & { id?: string }).id = id;
      return id;
    },
    logger: false,
    // While closing, requests still reach our own draining hook (a 503 page with Retry-After and
    // Connection: close) rather than Fastify's plain JSON one.
    return503OnClosing: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    WebModule.forRoot(config, { logDestination: options.logDestination, redis: options.redis }),
    adapter,
    {
      bufferLogs: true,
      abortOnError: false,
      // Bodies are ours to parse: urlencoded forms and multipart only, no JSON.
      bodyParser: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();

  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const redis = app.get<Redis>(WebModule.REDIS);

  // First of all hooks: during shutdown a new request is refused before anything else runs.
  const draining = webDraining();
  draining.register(fastify);
  DRAINING.set(app, draining);

  // 2. Cookies and sessions.
  await fastify.register(fastifyCookie);
  await fastify.register(fastifySession, {
    secret: config.WEB_SESSION_SECRET,
    cookieName: SESSION_COOKIE,
    store: new RedisSessionStore(redis, config.REDIS_PREFIX, config.WEB_SESSION_TTL_SECONDS),
    saveUninitialized: false,
    rolling: true,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.production, maxAge: config.WEB_SESSION_TTL_SECONDS * 1000 },
  });

  // 3. CSRF: the secret in the session, the token in every form; every unsafe method checked.
  await fastify.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });

  // 4. Security headers: helmet's middleware, built once (@fastify/helmet builds it anew, CSP
  // string and all, on every request; we use neither its per-route options nor its nonces).
  const securityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config.production) },
    hsts: config.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, done as (e?: unknown) => void));

  // 5. Compression of pages (assets are pre-compressed at build time).
  await fastify.register(fastifyCompress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
  });

  // 6. Bodies: urlencoded forms, and multipart for uploads (fields and files parsed before the
  // CSRF check below, so a multipart form carries its token like any other).
  // Fastify's built-in JSON and text parsers go: pages take forms only (anything else is a 415).
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  await fastify.register(fastifyFormbody, { bodyLimit: FORM_BODY_LIMIT });
  await fastify.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: UPLOAD_MAX_BYTES, files: 5, fields: 50, fieldSize: FORM_BODY_LIMIT, parts: 60 },
  });

  // 7. Language of every page.
  fastify.addHook('onRequest', localeHook(config.production));

  // 8. CSRF on every request that can change something. The plugin answers a refusal itself
  // (reply.send of a FastifyError, which Nest turns into a bare HttpException); handing it a
  // reply whose send() passes the refusal on as our CsrfRejectedError lets the error page tell
  // it from any other 403.
  fastify.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    const refuse = { send: (e: { code?: string }) => done(new CsrfRejectedError(e?.code ?? 'FST_CSRF_INVALID_TOKEN')) };
    fastify.csrfProtection(request, refuse as unknown as FastifyReply, () => done());
  });

  // 9. Rendering.
  // A page marked `shared` is kept rendered for visitors without a session (http/shared-pages.ts).
  const sharedPages = new SharedPages(config.WEB_PUBLIC_CACHE_SECONDS, SESSION_COOKIE);
  fastify.decorateReply('view', function view(this: FastifyReply, template: string, data: Record<string, unknown> = {}, options: { shared?: boolean } = {}) {
    const request = this.request as FastifyRequest;
    const context = pageContext(request, this);
    let personal = false;
    const csrfToken = context.csrfToken as () => string;
    context.csrfToken = () => ((personal = true), csrfToken());
    const html = views.render(template, { ...context, ...data });
    const key = options.shared && this.statusCode === 200 && !personal ? sharedPages.keyFor(request) : null;
    if (key) sharedPages.set(key, html);
    return sendPage(this, html);
  });
  fastify.decorateReply('sendSharedPage', function sendSharedPage(this: FastifyReply): boolean {
    const key = sharedPages.keyFor(this.request as FastifyRequest);
    const page = key ? sharedPages.get(key) : undefined;
    if (!page) return false;
    sendPage(this.header('age', String(page.ageSeconds)), page.html);
    return true;
  });

  return app;
}

/** Pages may carry a CSRF token or a person's data: never stored by a browser or a proxy. */
function sendPage(reply: FastifyReply, html: string | Buffer): FastifyReply {
  return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
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
