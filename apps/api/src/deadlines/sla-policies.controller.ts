import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuditLog } from '@app/audit';
import { Actor, ActorContext, Roles, auditActor } from '@app/auth';
import { DeadlineService, PoliciesService, PolicyView, ReplacedPolicyView } from '@app/deadlines';
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
  @ApiOperation({
    summary: 'List the SLA policies',
    description:
      'The SLA of every deadline kind, by kind: how long it lasts and how it is counted, when its reminder fires and its escalation levels, ' +
      'with the actions its handler supports. Each kind\'s policy is written from its defaults the first time the system runs it; admins edit it.',
  })
  @ApiOkResponse({ type: [PolicyView], description: 'Every kind\'s policy, ordered by kind.' })
  list(): Promise<PolicyView[]> {
    return this.policies.list();
  }

  @Get(':kind')
  @ApiOperation({ summary: 'Read one kind\'s SLA policy', description: 'The SLA policy of one deadline kind; an unknown kind is a 404.' })
  @ApiOkResponse({ type: PolicyView, description: 'The policy.' })
  get(@Param() { kind }: KindParams): Promise<PolicyView> {
    return this.policies.get(kind);
  }

  /**
   * Replaces a kind's SLA. Open deadlines of the kind are recomputed in the same transaction
   * (time already paused is kept; levels already fired stay fired).
   */
  @Put(':kind')
  @ApiOperation({
    summary: 'Replace a kind\'s SLA policy',
    description:
      'Replaces the whole policy of a deadline kind and bumps its version. Escalation levels must fire later each than the one before, and use only ' +
      'the engine\'s actions or the kind\'s `supportedActions` (400 `validation-failed` naming the field otherwise). Every open deadline of the kind ' +
      'is recomputed in the same transaction: its due time from its start under the new policy, plus the time already paused, and its next level; ' +
      'levels already fired stay fired. An unknown kind is a 404. Audited (`sla-policy.changed`, from and to).',
  })
  @ApiOkResponse({ type: ReplacedPolicyView, description: 'The policy as it now is, with how many open deadlines were recomputed.' })
  async replace(@Param() { kind }: KindParams, @Body() dto: SlaPolicyDto, @Actor() actor: ActorContext): Promise<ReplacedPolicyView> {
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
