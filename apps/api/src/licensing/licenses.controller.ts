import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyProfileService, AgencyProfileView, LicenseDetailView, LicenseView, LicensingService } from '@app/agencies';
import { Actor, ActorContext, Roles, assertInScope } from '@app/auth';
import { NotFoundException, Page } from '@app/common';
import { licensingActor } from './actor';
import { IssueLicenseDto, LicenseActionDto, LicensesQuery, SuspendLicenseDto } from './licensing.dto';

const MINISTRY = ['inspector', 'supervisor', 'welfare_officer', 'admin'] as const;

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
  list(@Query() query: LicensesQuery): Promise<Page<LicenseView>> {
    const { page, pageSize, ...filters } = query;
    return this.licensing.list(filters, { page, pageSize });
  }

  /** One license with its events. An agency user sees only their agency's (others: 404). */
  @Get('licenses/:id')
  @Roles(...MINISTRY, 'agency_admin', 'agency_staff')
  async get(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<LicenseDetailView> {
    const view = await this.licensing.get(id).catch((e: unknown) => {
      if (e instanceof NotFoundException) return null;
      throw e;
    });
    assertInScope(actor.user, view, 'license');
    return view;
  }

  /** Issues a license directly (the application flow calls the same service). 409 while the agency holds a live one. */
  @Post('licenses')
  @Roles('supervisor')
  issue(@Body() dto: IssueLicenseDto, @Actor() actor: ActorContext): Promise<LicenseView> {
    return this.licensing.issue(dto.agencyId, dto.type, licensingActor(actor));
  }

  /** Suspends until `until`; it lifts by itself then (a deadline). Send the `version` you read. */
  @Post('licenses/:id/suspend')
  @Roles('supervisor')
  @HttpCode(200)
  suspend(@Param('id', ParseUUIDPipe) id: string, @Body() dto: SuspendLicenseDto, @Actor() actor: ActorContext): Promise<LicenseDetailView> {
    return this.licensing.act(id, 'suspend', { version: dto.version, reason: dto.reason, until: new Date(dto.until) }, licensingActor(actor));
  }

  /** Ends a suspension early. */
  @Post('licenses/:id/reinstate')
  @Roles('supervisor')
  @HttpCode(200)
  reinstate(@Param('id', ParseUUIDPipe) id: string, @Body() dto: LicenseActionDto, @Actor() actor: ActorContext): Promise<LicenseDetailView> {
    return this.licensing.act(id, 'reinstate', { version: dto.version, reason: dto.reason }, licensingActor(actor));
  }

  /** Revokes the license: final. */
  @Post('licenses/:id/revoke')
  @Roles('supervisor')
  @HttpCode(200)
  revoke(@Param('id', ParseUUIDPipe) id: string, @Body() dto: LicenseActionDto, @Actor() actor: ActorContext): Promise<LicenseDetailView> {
    return this.licensing.act(id, 'revoke', { version: dto.version, reason: dto.reason }, licensingActor(actor));
  }

  /** An agency's registry profile, officers and owners included (ministry only). */
  @Get('agencies/:id/profile')
  @Roles(...MINISTRY)
  profile(@Param('id', ParseUUIDPipe) id: string): Promise<AgencyProfileView> {
    return this.profiles.profile(id);
  }
}
