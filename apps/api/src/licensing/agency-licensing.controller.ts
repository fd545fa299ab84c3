import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AgencyProfileService,
  AgencyProfileView,
  AmendmentView,
  BRANCH_LIFECYCLE,
  BranchView,
  LICENSE_LIFECYCLE,
  LicenseDetailView,
  LicensingService,
  PlacementEligibility,
} from '@app/agencies';
import { Roles, CurrentActor } from '@app/auth';
import { Actor, NotFoundException, Page, PageOf, PageQuery, ROLES, ValidationFailedException } from '@app/common';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { AmendmentDto, BranchDto, LicenseActionDto, PlacementQuery, UpdateProfileDto } from './licensing.dto';

/** An agency's own license, profile, branches and amendments: always the caller's agency. */
@ApiTags('agency: licensing')
@ApiBearerAuth()
@Controller('agency')
export class AgencyLicensingController {
  constructor(
    private readonly licensing: LicensingService,
    private readonly profiles: AgencyProfileService,
  ) {}

  /** The agency's license (its live one, else its latest) with its events; 404 when it never had one. */
  @Get('license')
  @Roles('agency_admin', 'agency_staff')
  @ApiOperation({
    summary: "Read the agency's own license",
    description:
      "The caller's agency's license with its whole history: its live license (active or suspended), else its most recent one (expired, revoked or surrendered). " +
      "`allowedActions` lists what people may do to it now (`surrender` is the agency admin's). 404 `not-found` when the agency never had a license.",
  })
  @ApiOkResponse({ type: LicenseDetailView, description: 'The license and its events, oldest first.' })
  @ApiProblems({ 404: ['not-found'] })
  async license(@CurrentActor() actor: Actor): Promise<LicenseDetailView> {
    const view = await this.licensing.currentOf(actor.agencyId!);
    if (!view) throw new NotFoundException('license');
    return view;
  }

  /** Gives the license up: final. Only while it is active. */
  @Post('license/surrender')
  @Roles(...LICENSE_LIFECYCLE.whoAmong('surrender', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: "Surrender the agency's license",
    description:
      "Gives the agency's current license up, for good: `surrendered` is final, and the agency may no longer place workers. Only an `active` license can be surrendered " +
      "(a suspended one cannot: 409 `transition-not-allowed`). Send the `version` you read (409 `stale-version` when it changed since) and a `reason`, kept in the license's " +
      'history and the audit log (`agency.license.surrendered`), never shown publicly. Its expiry deadline and renewal reminders are cancelled; the public verification shows the new state at once.',
  })
  @ApiOkResponse({ type: LicenseDetailView, description: 'The license as it is now, with its events.' })
  @ApiProblems({ 404: ['not-found'], 409: ['stale-version', 'transition-not-allowed'] })
  async surrender(@Body() dto: LicenseActionDto, @CurrentActor() actor: Actor): Promise<LicenseDetailView> {
    const current = await this.licensing.currentOf(actor.agencyId!);
    if (!current) throw new NotFoundException('license');
    return this.licensing.act(current.id, 'surrender', { version: dto.version, reason: dto.reason }, actor);
  }

  /** May the agency place workers now (or at `at`)? With the reason when not. */
  @Get('placement-eligibility')
  @Roles('agency_admin', 'agency_staff')
  @ApiOperation({
    summary: 'Ask whether the agency may place workers',
    description:
      "Whether the caller's agency may place workers now (or at the instant `at`): only with a license active at that instant (from its first day, not past the end of its last day " +
      'unless a renewal is pending, not suspended then) and no processing hold (such as escrow below its requirement past the top-up deadline). When not, `reason` says why. Reads only.',
  })
  @ApiOkResponse({ type: PlacementEligibility })
  placementEligibility(@Query() query: PlacementQuery, @CurrentActor() actor: Actor): Promise<PlacementEligibility> {
    return this.licensing.mayPlaceWorkers(actor.agencyId!, query.at ? new Date(query.at) : undefined);
  }

  @Get('profile')
  @Roles('agency_admin', 'agency_staff')
  @ApiOperation({
    summary: "Read the agency's registry profile",
    description:
      "The caller's agency's registry profile: legal name, registration number, address, contact, officers, owners, capital and branches, with the `version` to send back with `PUT /agency/profile`.",
  })
  @ApiOkResponse({ type: AgencyProfileView })
  @ApiProblems({ 404: ['not-found'] })
  profile(@CurrentActor() actor: Actor): Promise<AgencyProfileView> {
    return this.profiles.profile(actor.agencyId!);
  }

  /** Address, contact and officers. Legal name, registration number, owners and capital change by amendment. */
  @Put('profile')
  @Roles('agency_admin')
  @ApiOperation({
    summary: "Change the agency's address, contact and officers",
    description:
      "Replaces the head office's address, the contact email and phone (null: none) and the whole list of officers. Legal name, registration number, owners and capital change " +
      'only by an amendment (`POST /agency/amendments`). Send the `version` you read (409 `stale-version` when the profile changed since). Audited (`agency.profile.changed`, naming ' +
      'the fields changed, not their values). Contact details and officers are never shown publicly.',
  })
  @ApiOkResponse({ type: AgencyProfileView, description: 'The profile as it is now, with its new `version`.' })
  @ApiProblems({ 404: ['not-found'], 409: ['stale-version'] })
  updateProfile(@Body() dto: UpdateProfileDto, @CurrentActor() actor: Actor): Promise<AgencyProfileView> {
    return this.profiles.updateContact(
      actor.agencyId!,
      { ...dto, officers: dto.officers.map((o) => ({ name: o.name, position: o.position, email: o.email ?? null, phone: o.phone ?? null })) },
      actor,
    );
  }

  @Post('branches')
  @Roles('agency_admin')
  @ApiOperation({
    summary: 'Open a branch office',
    description:
      "Adds a branch office to the caller's agency, `pending` until the ministry approves it (`POST /licensing/branches/{id}/approve`): only then is it shown by the public verification. Audited (`agency.branch.opened`).",
  })
  @ApiCreatedResponse({ type: BranchView, description: 'The new branch.' })
  @ApiProblems({ 404: ['not-found'] })
  addBranch(@Body() dto: BranchDto, @CurrentActor() actor: Actor): Promise<BranchView> {
    return this.profiles.addBranch(actor.agencyId!, dto, actor);
  }

  @Post('branches/:id/close')
  @Roles(...BRANCH_LIFECYCLE.whoAmong('close', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close a branch office',
    description:
      "Closes one of the caller's agency's branches, for good (it stays listed as `closed`, publicly too). Another agency's branch is 404 `not-found`; a closed one 409 `branch-closed`, a pending or rejected one 409 `branch-not-active`. " +
      'Audited (`agency.branch.closed`).',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: "The branch's id." })
  @ApiOkResponse({ type: BranchView, description: 'The branch, closed.' })
  @ApiProblems({ 409: ['branch-closed', 'branch-not-active'] })
  closeBranch(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<BranchView> {
    return this.profiles.closeBranch(actor.agencyId!, id, actor);
  }

  /** Asks to change the legal identity; an inspector approves or rejects it. One pending at a time. */
  @Post('amendments')
  @Roles('agency_admin')
  @ApiOperation({
    summary: "Ask to change the agency's legal identity",
    description:
      'Files an amendment of the legal name, the registration number, the owners and/or the capital (only the fields sent change; `owners` replaces the whole list and its shares ' +
      'must add up to 100: 400 `validation-failed` with rule `sharesSumTo100` otherwise) with the `reason`. Nothing changes until an inspector approves it ' +
      '(`POST /licensing/amendments/{id}/approve`), which applies it. One amendment per agency waits at a time (409 `amendment-pending`); one changing nothing is 409 `empty-amendment`. ' +
      'Audited (`agency.amendment.filed`).',
  })
  @ApiCreatedResponse({ type: AmendmentView, description: "The amendment, `pending`, with the agency's current legal identity beside it." })
  @ApiProblems({ 404: ['not-found'], 409: ['amendment-pending', 'empty-amendment'] })
  fileAmendment(@Body() dto: AmendmentDto, @CurrentActor() actor: Actor): Promise<AmendmentView> {
    if (dto.owners) {
      const total = dto.owners.reduce((sum, o) => sum + Math.round(o.sharePercent * 100), 0);
      if (total !== 10_000)
        throw new ValidationFailedException([{ field: 'owners', rule: 'sharesSumTo100', message: "the owners' shares must add up to 100" }]);
    }
    const { reason, ...changes } = dto;
    return this.profiles.fileAmendment(
      actor.agencyId!,
      {
        ...changes,
        owners: changes.owners?.map((o) => ({ name: o.name, nationality: o.nationality, sharePercent: o.sharePercent })),
        capital: changes.capital && { amountMinor: changes.capital.amountMinor, currency: changes.capital.currency },
      },
      reason,
      actor,
    );
  }

  @Get('amendments')
  @Roles('agency_admin', 'agency_staff')
  @ApiOperation({
    summary: "List the agency's amendments",
    description:
      "The caller's agency's amendments of its legal identity, pending and decided, newest first, paginated (`page`, `pageSize`), each with the inspector's decision and note once decided.",
  })
  @ApiOkResponse({ type: PageOf(AmendmentView) })
  amendments(@Query() query: PageQuery, @CurrentActor() actor: Actor): Promise<Page<AmendmentView>> {
    return this.profiles.amendments({ agencyId: actor.agencyId! }, query);
  }
}
