import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '@app/audit';
import { Actor, ActorContext, Authenticated, Roles, auditActor } from '@app/auth';
import { DeadlineService, HolidaySetView, HolidayView, JurisdictionView, JurisdictionsService } from '@app/deadlines';
import { HolidayDto, HolidayParams, HolidaysQuery, JurisdictionDto, JurisdictionParams } from './deadlines.dto';

/** Holiday calendars per jurisdiction: business days are counted on them. */
@ApiTags('admin: deadlines')
@ApiBearerAuth()
@Controller('admin/jurisdictions')
export class JurisdictionsController {
  constructor(
    private readonly jurisdictions: JurisdictionsService,
    private readonly deadlines: DeadlineService,
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly db: DataSource,
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
    summary: 'List a jurisdiction\'s holidays',
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
  async upsert(@Param() { code }: JurisdictionParams, @Body() dto: JurisdictionDto, @Actor() actor: ActorContext): Promise<JurisdictionView> {
    return this.db.transaction(async (m) => {
      const { before, after } = await this.jurisdictions.upsert(m, code, dto);
      const recomputed = before ? await this.recompute(m, code) : 0;
      await this.record(m, actor, 'jurisdiction.changed', code, { from: before, to: after, openDeadlinesRecomputed: recomputed });
      return after;
    });
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
  async setHoliday(@Param() { code, date }: HolidayParams, @Body() dto: HolidayDto, @Actor() actor: ActorContext): Promise<HolidaySetView> {
    return this.db.transaction(async (m) => {
      const { created } = await this.jurisdictions.setHoliday(m, code, date, dto.name);
      const recomputed = created ? await this.recompute(m, code) : 0;
      await this.record(m, actor, created ? 'holiday.declared' : 'holiday.renamed', code, { date, name: dto.name, openDeadlinesRecomputed: recomputed });
      return { date, name: dto.name, openDeadlinesRecomputed: recomputed };
    });
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
  async removeHoliday(@Param() { code, date }: HolidayParams, @Actor() actor: ActorContext): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.jurisdictions.removeHoliday(m, code, date);
      const recomputed = await this.recompute(m, code);
      await this.record(m, actor, 'holiday.removed', code, { date, openDeadlinesRecomputed: recomputed });
    });
  }

  private async recompute(m: EntityManager, code: string): Promise<number> {
    return this.deadlines.recomputeJurisdiction(m, code, await this.jurisdictions.openKindsIn(m, code));
  }

  private record(m: EntityManager, actor: ActorContext, action: string, code: string, changes: Record<string, unknown>) {
    return this.audit.append(m, { actor: auditActor(actor, 'admin'), action, subjectType: 'jurisdiction', subjectId: code, changes, correlationId: actor.correlationId });
  }
}
