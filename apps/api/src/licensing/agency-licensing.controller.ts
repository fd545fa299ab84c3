import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyProfileService, AgencyProfileView, AmendmentView, BranchView, LicenseDetailView, LicensingService, PlacementEligibility } from '@app/agencies';
import { Actor, ActorContext, Roles } from '@app/auth';
import { NotFoundException, Page, PageQuery, ValidationFailedException } from '@app/common';
import { licensingActor } from './actor';
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
  async license(@Actor() actor: ActorContext): Promise<LicenseDetailView> {
    const view = await this.licensing.currentOf(actor.user!.agencyId!);
    if (!view) throw new NotFoundException('license');
    return view;
  }

  /** Gives the license up: final. Only while it is active. */
  @Post('license/surrender')
  @Roles('agency_admin')
  @HttpCode(200)
  async surrender(@Body() dto: LicenseActionDto, @Actor() actor: ActorContext): Promise<LicenseDetailView> {
    const current = await this.licensing.currentOf(actor.user!.agencyId!);
    if (!current) throw new NotFoundException('license');
    return this.licensing.act(current.id, 'surrender', { version: dto.version, reason: dto.reason }, licensingActor(actor));
  }

  /** May the agency place workers now (or at `at`)? With the reason when not. */
  @Get('placement-eligibility')
  @Roles('agency_admin', 'agency_staff')
  placementEligibility(@Query() query: PlacementQuery, @Actor() actor: ActorContext): Promise<PlacementEligibility> {
    return this.licensing.mayPlaceWorkers(actor.user!.agencyId!, query.at ? new Date(query.at) : undefined);
  }

  @Get('profile')
  @Roles('agency_admin', 'agency_staff')
  profile(@Actor() actor: ActorContext): Promise<AgencyProfileView> {
    return this.profiles.profile(actor.user!.agencyId!);
  }

  /** Address, contact and officers. Legal name, registration number, owners and capital change by amendment. */
  @Put('profile')
  @Roles('agency_admin')
  updateProfile(@Body() dto: UpdateProfileDto, @Actor() actor: ActorContext): Promise<AgencyProfileView> {
    return this.profiles.updateContact(
      actor.user!.agencyId!,
      { ...dto, officers: dto.officers.map((o) => ({ name: o.name, position: o.position, email: o.email ?? null, phone: o.phone ?? null })) },
      licensingActor(actor),
    );
  }

  @Post('branches')
  @Roles('agency_admin')
  addBranch(@Body() dto: BranchDto, @Actor() actor: ActorContext): Promise<BranchView> {
    return this.profiles.addBranch(actor.user!.agencyId!, dto, licensingActor(actor));
  }

  @Post('branches/:id/close')
  @Roles('agency_admin')
  @HttpCode(200)
  closeBranch(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<BranchView> {
    return this.profiles.closeBranch(actor.user!.agencyId!, id, licensingActor(actor));
  }

  /** Asks to change the legal identity; an inspector approves or rejects it. One pending at a time. */
  @Post('amendments')
  @Roles('agency_admin')
  fileAmendment(@Body() dto: AmendmentDto, @Actor() actor: ActorContext): Promise<AmendmentView> {
    if (dto.owners) {
      const total = dto.owners.reduce((sum, o) => sum + Math.round(o.sharePercent * 100), 0);
      if (total !== 10_000) throw new ValidationFailedException([{ field: 'owners', rule: 'sharesSumTo100', message: 'the owners\' shares must add up to 100' }]);
    }
    const { reason, ...changes } = dto;
    return this.profiles.fileAmendment(
      actor.user!.agencyId!,
      {
        ...changes,
        owners: changes.owners?.map((o) => ({ name: o.name, nationality: o.nationality, sharePercent: o.sharePercent })),
        capital: changes.capital && { amountMinor: changes.capital.amountMinor, currency: changes.capital.currency },
      },
      reason,
      licensingActor(actor),
    );
  }

  @Get('amendments')
  @Roles('agency_admin', 'agency_staff')
  amendments(@Query() query: PageQuery, @Actor() actor: ActorContext): Promise<Page<AmendmentView>> {
    return this.profiles.amendments({ agencyId: actor.user!.agencyId! }, query);
  }
}
