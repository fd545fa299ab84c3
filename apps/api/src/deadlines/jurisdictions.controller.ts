import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Roles, CurrentActor } from '@app/auth';
import type { Actor } from '@app/common';
import { HolidaySetView, HolidayView, JurisdictionView, JurisdictionsService } from '@app/deadlines';
import { DeadlineSettings } from './deadline-settings.service';
import { HolidayDto, HolidayParams, HolidaysQuery, JurisdictionDto, JurisdictionParams } from './deadlines.dto';

/** Holiday calendars per jurisdiction: business days are counted on them. */
@ApiTags('admin: deadlines')
@ApiBearerAuth()
@Controller('admin/jurisdictions')
export class JurisdictionsController {
  constructor(
    private readonly jurisdictions: JurisdictionsService,
    private readonly settings: DeadlineSettings,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'List the jurisdictions',
    description: 'Every jurisdiction whose calendar counts business days (its time zone and weekend days), ordered by code.',
  })
  @ApiOkResponse({ type: [JurisdictionView], description: 'Every jurisdiction, ordered by code.' })
  list(): Promise<JurisdictionView[]> {
    return this.jurisdictions.list();
  }

  @Get(':code/holidays')
  @Authenticated()
  @ApiOperation({
    summary: "List a jurisdiction's holidays",
    description: 'The public holidays of one jurisdiction, by date, of one year (`?year=`) or of every year. An unknown jurisdiction is a 404.',
  })
  @ApiOkResponse({ type: [HolidayView], description: 'The holidays, by date.' })
  holidays(@Param() { code }: JurisdictionParams, @Query() query: HolidaysQuery): Promise<HolidayView[]> {
    return this.jurisdictions.holidays(code, query.year);
  }

  @Put(':code')
  @Roles('admin')
  @ApiOperation({
    summary: 'Create or replace a jurisdiction',
    description:
      'Creates the jurisdiction, or replaces its name, time zone and weekend days. An unknown time zone, or weekend days leaving no working day, ' +
      'is a 400 `validation-failed`. Replacing one recomputes at once every open deadline counted on its calendar. ' +
      'Audited (`jurisdiction.changed`, from and to, with the count of deadlines recomputed).',
  })
  @ApiOkResponse({ type: JurisdictionView, description: 'The jurisdiction as it now is.' })
  upsert(@Param() { code }: JurisdictionParams, @Body() dto: JurisdictionDto, @CurrentActor() actor: Actor): Promise<JurisdictionView> {
    return this.settings.upsertJurisdiction(code, dto, actor);
  }

  /** Declares (or renames) a holiday; open business-day deadlines of the jurisdiction are recomputed. */
  @Put(':code/holidays/:date')
  @Roles('admin')
  @ApiOperation({
    summary: 'Declare or rename a holiday',
    description:
      'Declares the date a public holiday of the jurisdiction, or renames the holiday already on it. A new holiday recomputes at once every open ' +
      'business-day deadline of the jurisdiction (a rename recomputes nothing). An unknown jurisdiction is a 404. ' +
      'Audited (`holiday.declared` or `holiday.renamed`).',
  })
  @ApiOkResponse({ type: HolidaySetView, description: 'The holiday, with how many open deadlines were recomputed.' })
  setHoliday(@Param() { code, date }: HolidayParams, @Body() dto: HolidayDto, @CurrentActor() actor: Actor): Promise<HolidaySetView> {
    return this.settings.setHoliday(code, date, dto.name, actor);
  }

  @Delete(':code/holidays/:date')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a holiday',
    description:
      'Makes the date a normal day of the jurisdiction again and recomputes at once every open business-day deadline counted on its calendar. ' +
      'A date that is not a holiday of the jurisdiction is a 404. Audited (`holiday.removed`).',
  })
  @ApiNoContentResponse({ description: 'Removed.' })
  removeHoliday(@Param() { code, date }: HolidayParams, @CurrentActor() actor: Actor): Promise<void> {
    return this.settings.removeHoliday(code, date, actor);
  }
}
