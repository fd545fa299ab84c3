import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AgencyProfileService, AgencyProfileView, LICENSE_LIFECYCLE, LicenseDetailView, LicenseView, LicensingService } from '@app/agencies';
import { Roles, assertInScope, CurrentActor } from '@app/auth';
import { Actor, NotFoundException, Page, PageOf, ROLES } from '@app/common';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { IssueLicenseDto, LicenseActionDto, LicensesQuery, SuspendLicenseDto } from './licensing.dto';

const MINISTRY = ['inspector', 'supervisor', 'welfare_officer', 'admin'] as const;

const LicenseId = () => ApiParam({ name: 'id', format: 'uuid', description: "The license's id." });
const MOVE_NOTE =
  'Send the `version` you read: when someone changed the license since, 409 `stale-version` (`currentVersion`); a move its state does not allow is 409 `transition-not-allowed` ' +
  '(`allowedActions` names what is). The move, its event and the audit entry are written in one transaction, and the public verification shows the new state at once.';

/** Licenses, for the ministry (and one license for its own agency's users). */
@ApiTags('licensing')
@ApiBearerAuth()
@Controller('licensing')
export class LicensesController {
  constructor(
    private readonly licensing: LicensingService,
    private readonly profiles: AgencyProfileService,
  ) {}

  /** Every license, filtered (state, type, agency, number or name, expiring by a date) and paginated; soonest expiry first. */
  @Get('licenses')
  @Roles(...MINISTRY)
  @ApiOperation({
    summary: 'List licenses',
    description:
      "Every license, filtered by `state`, `type`, `agencyId`, `q` (part of the number or of the agency's legal name) and `expiresOnOrBefore` (the renewal queue), " +
      'soonest expiry first (then by number), paginated (`page`, `pageSize`).',
  })
  @ApiOkResponse({ type: PageOf(LicenseView) })
  list(@Query() query: LicensesQuery): Promise<Page<LicenseView>> {
    const { page, pageSize, ...filters } = query;
    return this.licensing.list(filters, { page, pageSize });
  }

  /** One license with its events. An agency user sees only their agency's (others: 404). */
  @Get('licenses/:id')
  @Roles(...MINISTRY, 'agency_admin', 'agency_staff')
  @ApiOperation({
    summary: 'Read a license with its history',
    description:
      "One license with its events, oldest first (reasons included: never public). An agency's users may read only their own agency's licenses; another is 404 `not-found`.",
  })
  @LicenseId()
  @ApiOkResponse({ type: LicenseDetailView })
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<LicenseDetailView> {
    const view = await this.licensing.get(id).catch((e: unknown) => {
      if (e instanceof NotFoundException) return null;
      throw e;
    });
    assertInScope(actor, view, 'license');
    return view;
  }

  /** Issues a license directly (the application flow calls the same service). 409 while the agency holds a live one. */
  @Post('licenses')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Issue a license directly',
    description:
      "Issues a license to an agency, outside the application flow (approving an application issues one the same way): `active` from today, valid for the type's years " +
      '(provisional 2, regular 4 by default) up to the day before the anniversary, with a new number. Starts its expiry deadline and renewal reminders; audited (`agency.license.issued`). ' +
      '404 `not-found` for an unknown agency; 409 `license-exists` while the agency holds an active or suspended license.',
  })
  @ApiCreatedResponse({ type: LicenseView, description: 'The new license.' })
  @ApiProblems({ 404: ['not-found'], 409: ['license-exists'] })
  issue(@Body() dto: IssueLicenseDto, @CurrentActor() actor: Actor): Promise<LicenseView> {
    return this.licensing.issue(dto.agencyId, dto.type, actor);
  }

  /** Suspends until `until`; it lifts by itself then (a deadline). Send the `version` you read. */
  @Post('licenses/:id/suspend')
  @Roles(...LICENSE_LIFECYCLE.whoAmong('suspend', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Suspend a license until a date',
    description:
      'Suspends an `active` license until `until`, which must be in the future (409 `transition-condition-unmet` otherwise); the suspension lifts by itself then (a deadline), ' +
      "or earlier by `reinstate`. While suspended the agency may not place workers. The `reason` stays internal; the public sees the suspension's dates only. " +
      'Audited (`agency.license.suspended`). ' +
      MOVE_NOTE,
  })
  @LicenseId()
  @ApiOkResponse({ type: LicenseDetailView, description: 'The license as it is now, with its events.' })
  @ApiProblems({ 409: ['stale-version', 'transition-not-allowed', 'transition-condition-unmet'] })
  suspend(@Param('id', ParseUUIDPipe) id: string, @Body() dto: SuspendLicenseDto, @CurrentActor() actor: Actor): Promise<LicenseDetailView> {
    return this.licensing.act(id, 'suspend', { version: dto.version, reason: dto.reason, until: new Date(dto.until) }, actor);
  }

  /** Ends a suspension early. */
  @Post('licenses/:id/reinstate')
  @Roles(...LICENSE_LIFECYCLE.whoAmong('reinstate', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: "End a license's suspension early",
    description:
      "Makes a `suspended` license `active` again before its suspension's end (whose deadline is closed). Audited (`agency.license.reinstated`). " + MOVE_NOTE,
  })
  @LicenseId()
  @ApiOkResponse({ type: LicenseDetailView, description: 'The license as it is now, with its events.' })
  @ApiProblems({ 409: ['stale-version', 'transition-not-allowed'] })
  reinstate(@Param('id', ParseUUIDPipe) id: string, @Body() dto: LicenseActionDto, @CurrentActor() actor: Actor): Promise<LicenseDetailView> {
    return this.licensing.act(id, 'reinstate', { version: dto.version, reason: dto.reason }, actor);
  }

  /** Revokes the license: final. */
  @Post('licenses/:id/revoke')
  @Roles(...LICENSE_LIFECYCLE.whoAmong('revoke', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a license',
    description:
      'Revokes an `active` or `suspended` license, for good: `revoked` is final, and its deadlines (expiry, suspension end, renewal reminders) are cancelled. ' +
      'Audited (`agency.license.revoked`). ' +
      MOVE_NOTE,
  })
  @LicenseId()
  @ApiOkResponse({ type: LicenseDetailView, description: 'The license as it is now, with its events.' })
  @ApiProblems({ 409: ['stale-version', 'transition-not-allowed'] })
  revoke(@Param('id', ParseUUIDPipe) id: string, @Body() dto: LicenseActionDto, @CurrentActor() actor: Actor): Promise<LicenseDetailView> {
    return this.licensing.act(id, 'revoke', { version: dto.version, reason: dto.reason }, actor);
  }

  /** An agency's registry profile, officers and owners included (ministry only). */
  @Get('agencies/:id/profile')
  @Roles(...MINISTRY)
  @ApiOperation({
    summary: "Read an agency's registry profile",
    description: "An agency's registry profile for the ministry: legal identity, address, contact, officers, owners, capital and branches.",
  })
  @ApiParam({ name: 'id', format: 'uuid', description: "The agency's id." })
  @ApiOkResponse({ type: AgencyProfileView })
  profile(@Param('id', ParseUUIDPipe) id: string): Promise<AgencyProfileView> {
    return this.profiles.profile(id);
  }
}
