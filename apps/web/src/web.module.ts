import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Redis from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AccountController } from './account/account.controller';
import { MyComplaintsController } from './account/my-complaints.controller';
import { MyPlacementsController } from './account/my-placements.controller';
import { MyWelfareController } from './account/my-welfare.controller';
import { FormOnce } from './account/form-once';
import { AgenciesController } from './agencies/agencies.controller';
import { AgencyComplaintsController } from './agency-portal/agency-complaints.controller';
import { AgencyPlacementsController } from './agency-portal/agency-placements.controller';
import { AgencyPortalController } from './agency-portal/agency-portal.controller';
import { AgencyAmendmentsController } from './agency-portal/agency-amendments.controller';
import { AgencyFinesController } from './agency-portal/agency-fines.controller';
import { AgencyPlacementAmendController } from './agency-portal/agency-placement-amend.controller';
import { AgencyRecordsController } from './agency-portal/agency-records.controller';
import { AgencyStaffController } from './agency-portal/agency-staff.controller';
import { ApiClientFactory } from './api/api-client.factory';
import { ComplaintsController } from './complaints/complaints.controller';
import type { WebConfig } from './config/web-config';
import { ErrorPageFilter } from './errors/error-page.filter';
import { FeesApi } from './fees/fees-api';
import { FeesController } from './fees/fees.controller';
import { HealthController } from './health/health.controller';
import { HomeController } from './home/home.controller';
import { LanguageController } from './language/language.controller';
import { ApiSessions } from './session/api-sessions';
import { SignOutController } from './session/sign-out.controller';
import { STAFF_CONTROLLERS, STAFF_PROVIDERS } from './staff';
import { TrackingController } from './tracking/tracking.controller';
import { WEB_CONFIG, WEB_REDIS } from './web.tokens';

/** Closes the Redis connection when the app stops. */
@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(WEB_REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Values that hold secrets or a person's data never reach a log line. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'refreshToken',
  '*.refreshToken',
  'accessToken',
  '*.accessToken',
];

/**
 * The web process: pages, the language form, sign-out and health. No database, no domain lib,
 * no queue: data comes from the API only (api/api-client.factory.ts).
 */
@Module({})
export class WebModule {
  static readonly REDIS = WEB_REDIS;

  static forRoot(config: WebConfig, options: { logDestination?: DestinationStream; redis?: Redis } = {}): DynamicModule {
    const pinoOptions = {
      level: config.LOG_LEVEL,
      customAttributeKeys: { reqId: 'reqId' },
      genReqId: (req: IncomingMessage) => (req as { id?: string }).id ?? randomUUID(),
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: {
        // The path only: a query string may hold what a person typed.
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req: unknown, res: { statusCode: number }, err?: Error) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // Static assets are not worth a log line each.
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/assets/') },
    } as const;
    return {
      module: WebModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: options.logDestination ? [pinoOptions, options.logDestination] : pinoOptions,
          // Every path, named explicitly: nestjs-pino 5's default route (`{/*splat}`) never
          // matches under Nest 12's Fastify adapter, and no page would be logged.
          forRoutes: [
            { path: '/', method: RequestMethod.ALL },
            { path: '/*path', method: RequestMethod.ALL },
          ],
        }),
      ],
      controllers: [
        HomeController,
        LanguageController,
        SignOutController,
        HealthController,
        AgenciesController,
        TrackingController,
        FeesController,
        ComplaintsController,
        AccountController,
        MyComplaintsController,
        MyPlacementsController,
        MyWelfareController,
        ...STAFF_CONTROLLERS,
        AgencyPortalController,
        AgencyPlacementsController,
        AgencyComplaintsController,
        AgencyStaffController,
        AgencyRecordsController,
        AgencyFinesController,
        AgencyAmendmentsController,
        AgencyPlacementAmendController,
      ],
      providers: [
        { provide: WEB_CONFIG, useValue: config },
        {
          provide: WEB_REDIS,
          useFactory: () =>
            options.redis ??
            new Redis(config.REDIS_URL, {
              // Fail a page fast (503) rather than queue commands while Redis is away.
              maxRetriesPerRequest: 1,
              connectTimeout: 2_000,
            }),
        },
        // One form, one record: the account forms' one-time tokens (account/form-once.ts).
        { provide: FormOnce, inject: [WEB_REDIS, WEB_CONFIG], useFactory: (redis: Redis, c: WebConfig) => new FormOnce(redis, c.REDIS_PREFIX) },
        RedisCloser,
        ApiClientFactory,
        ApiSessions,
        FeesApi,
        ...STAFF_PROVIDERS,
        { provide: APP_FILTER, useClass: ErrorPageFilter },
      ],
      exports: [WEB_CONFIG, WEB_REDIS, ApiClientFactory, ApiSessions],
    };
  }
}
