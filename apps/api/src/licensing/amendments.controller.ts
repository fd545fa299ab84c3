import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyProfileService, AmendmentView } from '@app/agencies';
import { Actor, ActorContext, Roles } from '@app/auth';
import { Page } from '@app/common';
import { licensingActor } from './actor';
import { AmendmentDecisionDto, AmendmentsQuery } from './licensing.dto';

/** Amendments of agencies' legal identity, reviewed by inspectors. */
@ApiTags('licensing')
@ApiBearerAuth()
@Controller('licensing/amendments')
export class AmendmentsController {
  constructor(private readonly profiles: AgencyProfileService) {}

  /** Newest first; `?state=pending` is the review queue. */
  @Get()
  @Roles('inspector', 'supervisor')
  list(@Query() query: AmendmentsQuery): Promise<Page<AmendmentView>> {
    return this.profiles.amendments({ state: query.state }, { page: query.page, pageSize: query.pageSize });
  }

  /** One amendment, with the agency's current legal identity beside what it asks. */
  @Get(':id')
  @Roles('inspector', 'supervisor')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<AmendmentView> {
    return this.profiles.amendment(id);
  }

  /** Approves and applies the changes (legal name, registration number, owners, capital). */
  @Post(':id/approve')
  @Roles('inspector')
  @HttpCode(200)
  approve(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AmendmentDecisionDto, @Actor() actor: ActorContext): Promise<AmendmentView> {
    return this.profiles.decideAmendment(id, 'approve', dto, licensingActor(actor));
  }

  @Post(':id/reject')
  @Roles('inspector')
  @HttpCode(200)
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AmendmentDecisionDto, @Actor() actor: ActorContext): Promise<AmendmentView> {
    return this.profiles.decideAmendment(id, 'reject', dto, licensingActor(actor));
  }
}
