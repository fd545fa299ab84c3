import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AMENDMENT_LIFECYCLE, AgencyProfileService, AmendmentView } from '@app/agencies';
import { Roles, CurrentActor } from '@app/auth';
import { Actor, Page, PageOf, ROLES } from '@app/common';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { AmendmentDecisionDto, AmendmentsQuery } from './licensing.dto';

const AmendmentId = () => ApiParam({ name: 'id', format: 'uuid', description: "The amendment's id." });

/** Amendments of agencies' legal identity, reviewed by inspectors. */
@ApiTags('licensing')
@ApiBearerAuth()
@Controller('licensing/amendments')
export class AmendmentsController {
  constructor(private readonly profiles: AgencyProfileService) {}

  /** Newest first; `?state=pending` is the review queue. */
  @Get()
  @Roles('inspector', 'supervisor')
  @ApiOperation({
    summary: "List amendments of agencies' legal identity",
    description:
      "Every agency's amendments, newest first, paginated (`page`, `pageSize`); `?state=pending` is the review queue. Each shows the agency's current legal identity beside what it asks.",
  })
  @ApiOkResponse({ type: PageOf(AmendmentView) })
  list(@Query() query: AmendmentsQuery): Promise<Page<AmendmentView>> {
    return this.profiles.amendments({ state: query.state }, { page: query.page, pageSize: query.pageSize });
  }

  /** One amendment, with the agency's current legal identity beside what it asks. */
  @Get(':id')
  @Roles('inspector', 'supervisor')
  @ApiOperation({
    summary: 'Read an amendment',
    description: "One amendment, with what it asks to change beside the agency's current legal identity, and its decision once decided.",
  })
  @AmendmentId()
  @ApiOkResponse({ type: AmendmentView })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<AmendmentView> {
    return this.profiles.amendment(id);
  }

  /** Approves and applies the changes (legal name, registration number, owners, capital). */
  @Post(':id/approve')
  @Roles(...AMENDMENT_LIFECYCLE.whoAmong('approve', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve an amendment and apply it',
    description:
      'Approves a `pending` amendment with a `note` and, in the same transaction, applies its changes to the agency (legal name, registration number, owners, capital; ' +
      "owners or capital bump the profile's `version`). 409 `amendment-decided` when it was already decided, `stale-version` when it changed since you read its `version`, " +
      '`registration-number-taken` when another agency holds the new registration number (nothing is applied then). Audited (`agency.amendment.approved`); the public verification shows a new name at once.',
  })
  @AmendmentId()
  @ApiOkResponse({ type: AmendmentView, description: "The amendment, `approved`, with the agency's legal identity as it now is." })
  @ApiProblems({ 409: ['amendment-decided', 'stale-version', 'registration-number-taken'] })
  approve(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AmendmentDecisionDto, @CurrentActor() actor: Actor): Promise<AmendmentView> {
    return this.profiles.decideAmendment(id, 'approve', dto, actor);
  }

  @Post(':id/reject')
  @Roles(...AMENDMENT_LIFECYCLE.whoAmong('reject', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reject an amendment',
    description:
      'Rejects a `pending` amendment with a `note` (the agency sees it); nothing changes. 409 `amendment-decided` when it was already decided, `stale-version` when it changed since ' +
      'you read its `version`. The agency may then file another. Audited (`agency.amendment.rejected`).',
  })
  @AmendmentId()
  @ApiOkResponse({ type: AmendmentView, description: 'The amendment, `rejected`.' })
  @ApiProblems({ 409: ['amendment-decided', 'stale-version'] })
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AmendmentDecisionDto, @CurrentActor() actor: Actor): Promise<AmendmentView> {
    return this.profiles.decideAmendment(id, 'reject', dto, actor);
  }
}
