import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { DomainException } from '@app/common';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { LivenessView, ReadinessView } from './health.views';
import { Readiness } from './readiness';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  /** The process is up and serving; says nothing of its dependencies. */
  @Get('live')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check that the process is alive',
    description:
      'Answers 200 as long as the process serves requests; says nothing of Postgres or Redis. For liveness probes: restart the instance when it fails.',
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
      "down and whose `checks` member holds each dependency's `status` (`up` or `down`) and, when down, a `message`. For readiness probes: take the " +
      'instance out of the load balancer while it fails; it recovers by itself when the dependency is back.',
  })
  @ApiOkResponse({ type: ReadinessView, description: 'Postgres and Redis answer.' })
  @ApiProblems({ 503: ['not-ready'] })
  async ready(): Promise<ReadinessView> {
    const checks = await this.readiness.check();
    const down = Object.entries(checks)
      .filter(([, c]) => c.status !== 'up')
      .map(([name]) => name);
    if (down.length) throw new DomainException('not-ready', 503, 'Service unavailable', `Not ready: ${down.join(' and ')} down.`, { checks });
    return { status: 'ok', checks: checks as ReadinessView['checks'] };
  }
}
