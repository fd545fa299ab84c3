import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckError, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@app/auth';
import { DomainException } from '@app/common';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** The process is up and serving; says nothing of its dependencies. */
  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is alive.' })
  live() {
    return { status: 'ok' };
  }

  /** Ready when Postgres and Redis both answer; 503 names whichever does not. */
  @Get('ready')
  @ApiOkResponse({ description: 'Postgres and Redis answer.' })
  @ApiServiceUnavailableResponse({ description: 'Problem document naming the failing dependencies.' })
  async ready() {
    try {
      const result = await this.health.check([
        () => this.db.pingCheck('database', { timeout: 1_500 }),
        () => this.redis.pingCheck('redis', 1_500),
      ]);
      return { status: 'ok', checks: result.details };
    } catch (e) {
      const details = extractDetails(e);
      const down = Object.entries(details)
        .filter(([, v]) => v.status !== 'up')
        .map(([k]) => k);
      throw new DomainException('not-ready', 503, 'Service unavailable', `Not ready: ${down.join(' and ')} down.`, {
        checks: details,
      });
    }
  }
}

function extractDetails(e: unknown): Record<string, { status: string; message?: string }> {
  if (e instanceof HealthCheckError) return e.causes as Record<string, { status: string }>;
  const response = (e as { getResponse?: () => unknown }).getResponse?.() as
    | { details?: Record<string, { status: string }> }
    | undefined;
  return response?.details ?? { unknown: { status: 'down' } };
}
