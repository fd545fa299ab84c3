import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuditLog } from '@app/audit';
import { Actor, ActorContext, Roles, auditActor } from '@app/auth';
import { DeadlineService, PoliciesService, PolicyView } from '@app/deadlines';
import { KindParams, SlaPolicyDto } from './deadlines.dto';

@ApiTags('admin: deadlines')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/sla-policies')
export class SlaPoliciesController {
  constructor(
    private readonly policies: PoliciesService,
    private readonly deadlines: DeadlineService,
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  list(): Promise<PolicyView[]> {
    return this.policies.list();
  }

  @Get(':kind')
  get(@Param() { kind }: KindParams): Promise<PolicyView> {
    return this.policies.get(kind);
  }

  /**
   * Replaces a kind's SLA. Open deadlines of the kind are recomputed in the same transaction
   * (time already paused is kept; levels already fired stay fired).
   */
  @Put(':kind')
  async replace(@Param() { kind }: KindParams, @Body() dto: SlaPolicyDto, @Actor() actor: ActorContext): Promise<PolicyView & { recomputed: number }> {
    const recomputed = await this.db.transaction(async (m) => {
      const { before, after } = await this.policies.replace(m, kind, dto);
      const n = await this.deadlines.recomputeKind(m, kind, dto, after.version);
      await this.audit.append(m, {
        actor: auditActor(actor, 'admin'),
        action: 'sla-policy.changed',
        subjectType: 'sla-policy',
        subjectId: kind,
        changes: { from: before, to: { ...dto }, version: after.version, openDeadlinesRecomputed: n },
        correlationId: actor.correlationId,
      });
      return n;
    });
    return { ...(await this.policies.get(kind)), recomputed };
  }
}
