import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@app/auth';
import { DomainException } from '@app/common';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { LivenessView, ReadinessView } from './health.views';
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
  @ApiOperation({
    summary: 'Check that the process is alive',
    description: 'Answers 200 as long as the process serves requests; says nothing of Postgres or Redis. For liveness probes: restart the instance when it fails.',
  })
  @ApiOkResponse({ type: LivenessView, description: 'The process is alive.' })
  live(): LivenessView {
    return { status: 'ok' };
  }

  /** Ready when Postgres and Redis both answer; 503 names whichever does not. */
  @Get('ready')
  @ApiOperation({
    summary: 'Check that the instance can serve requests',
    description:
      'Pings Postgres and Redis (each within 1.5 s). 200 when both answer; otherwise 503 `not-ready`, whose `detail` names the dependencies that are ' +
      'down and whose `checks` member holds each dependency\'s `status` (`up` or `down`) and, when down, a `message`. For readiness probes: take the ' +
      'instance out of the load balancer while it fails; it recovers by itself when the dependency is back.',
  })
  @ApiOkResponse({ type: ReadinessView, description: 'Postgres and Redis answer.' })
  @ApiProblems({ 503: ['not-ready'] })
  async ready(): Promise<ReadinessView> {
    try {
      const result = await this.health.check([
        () => this.db.pingCheck('database', { timeout: 1_500 }),
        () => this.redis.pingCheck('redis', 1_500),
      ]);
      return { status: 'ok', checks: onlyStatusAndMessage(result.details) as unknown as ReadinessView['checks'] };
    } catch (e) {
      const details = onlyStatusAndMessage(extractDetails(e));
      const down = Object.entries(details)
        .filter(([, v]) => v.status !== 'up')
        .map(([k]) => k);
      throw new DomainException('not-ready', 503, 'Service unavailable', `Not ready: ${down.join(' and ')} down.`, {
        checks: details,
      });
    }
  }
}

/**
 * Each dependency's `status` and, when down, `message`: the contract's DependencyCheck. Whatever
 * else an indicator adds (Terminus 12's ping adds `responseTime`) stays out of the answer.
 */
function onlyStatusAndMessage(details: Record<string, { status: string; message?: unknown }>): Record<string, { status: string; message?: string }> {
  return Object.fromEntries(
    Object.entries(details).map(([name, d]) => [name, typeof d.message === 'string' ? { status: d.status, message: d.message } : { status: d.status }]),
  );
}

/** The per-dependency results from the 503 HealthCheckService throws when a check is down. */
function extractDetails(e: unknown): Record<string, { status: string; message?: string }> {
  const response = (e as { getResponse?: () => unknown }).getResponse?.() as
    | { details?: Record<string, { status: string }> }
    | undefined;
  return response?.details ?? { unknown: { status: 'down' } };
}
