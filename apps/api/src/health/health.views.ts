import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessView {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: 'ok';
}

/** One dependency's answer to the readiness probe. */
export class DependencyCheck {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status: 'up' | 'down';

  @ApiPropertyOptional({ example: 'no answer within 1500 ms', description: 'Why it is down (only when down).' })
  message?: string;
}

export class ReadinessChecks {
  @ApiProperty({ type: DependencyCheck, description: 'Postgres.' })
  database: DependencyCheck;

  @ApiProperty({ type: DependencyCheck, description: 'Redis.' })
  redis: DependencyCheck;
}

export class ReadinessView {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: 'ok';

  @ApiProperty({ type: ReadinessChecks, description: 'Each dependency checked, all up.' })
  checks: ReadinessChecks;
}
