import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import { ConfigService } from '../config';
import { redactUrl } from './redact-url';
import { redactionPaths } from './redaction';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id when it is a sane token, otherwise a fresh UUID. */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

function prettyTransport(env: string) {
  if (env !== 'development' || !process.stdout.isTTY) return undefined;
  try {
    require.resolve('pino-pretty');
    return { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } };
  } catch {
    return undefined;
  }
}

/**
 * Structured logs (pino). Request lines carry the correlation id, never a body, a query value or a
 * personal path segment (redact-url.ts); every log line written while serving a request carries
 * the same `reqId`.
 */
@Module({})
export class LoggerModule {
  /** `destination` replaces stdout (tests read the log lines from it). */
  static forRoot(destination?: DestinationStream): DynamicModule {
    return {
      module: LoggerModule,
      imports: [
        PinoLoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => {
            const app = config.get('app');
            const options = {
              level: app.LOG_LEVEL,
              customAttributeKeys: { reqId: 'reqId' },
              genReqId: (req: IncomingMessage) => (req as { id?: string }).id ?? requestIdFor(req),
              redact: { paths: redactionPaths(), censor: '[redacted]' },
              serializers: {
                // Query values and personal path segments (a passport number) never reach the log.
                req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              customLogLevel: (_req: unknown, res: { statusCode: number }, err?: Error) =>
                err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
              transport: destination ? undefined : prettyTransport(app.NODE_ENV),
            } as const;
            // Every path, named explicitly: nestjs-pino 5's default route (`{/*splat}`) is handed
            // to @fastify/middie by Nest 12's Fastify adapter, whose matcher never matches it, so
            // no request would be logged (test/platform/errors and log-redaction check they are).
            const everyPath = [
              { path: '/', method: RequestMethod.ALL },
              { path: '/*path', method: RequestMethod.ALL },
            ];
            // The probes are not request-logged: an orchestrator asks every few seconds, and pino-http
            // binds and redacts each request's fields even when nothing is written (a third of
            // /health/ready's cost at load: docs/benchmarks.md, "health"). A failing probe says why
            // in its own warning (health/readiness.ts).
            const probes = [
              { path: '/health/live', method: RequestMethod.GET },
              { path: '/health/ready', method: RequestMethod.GET },
            ];
            return { pinoHttp: destination ? [options, destination] : options, forRoutes: everyPath, exclude: probes };
          },
        }),
      ],
    };
  }
}
