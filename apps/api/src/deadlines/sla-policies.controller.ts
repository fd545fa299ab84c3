import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, CurrentActor } from '@app/auth';
import type { Actor } from '@app/common';
import { PoliciesService, PolicyView, ReplacedPolicyView } from '@app/deadlines';
import { DeadlineSettings } from './deadline-settings.service';
import { KindParams, SlaPolicyDto } from './deadlines.dto';

@ApiTags('admin: deadlines')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/sla-policies')
export class SlaPoliciesController {
  constructor(
    private readonly policies: PoliciesService,
    private readonly settings: DeadlineSettings,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List the SLA policies',
    description:
      'The SLA of every deadline kind, by kind: how long it lasts and how it is counted, when its reminder fires and its escalation levels, ' +
      "with the actions its handler supports. Each kind's policy is written from its defaults the first time the system runs it; admins edit it.",
  })
  @ApiOkResponse({ type: [PolicyView], description: "Every kind's policy, ordered by kind." })
  list(): Promise<PolicyView[]> {
    return this.policies.list();
  }

  @Get(':kind')
  @ApiOperation({ summary: "Read one kind's SLA policy", description: 'The SLA policy of one deadline kind; an unknown kind is a 404.' })
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
    summary: "Replace a kind's SLA policy",
    description:
      'Replaces the whole policy of a deadline kind and bumps its version. Escalation levels must fire later each than the one before, and use only ' +
      "the engine's actions or the kind's `supportedActions` (400 `validation-failed` naming the field otherwise). Every open deadline of the kind " +
      'is recomputed in the same transaction: its due time from its start under the new policy, plus the time already paused, and its next level; ' +
      'levels already fired stay fired. An unknown kind is a 404. Audited (`sla-policy.changed`, from and to).',
  })
  @ApiOkResponse({ type: ReplacedPolicyView, description: 'The policy as it now is, with how many open deadlines were recomputed.' })
  replace(@Param() { kind }: KindParams, @Body() dto: SlaPolicyDto, @CurrentActor() actor: Actor): Promise<ReplacedPolicyView> {
    return this.settings.replacePolicy(kind, dto, actor);
  }
}
