import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '@app/audit';
import { Actor, ActorContext, Authenticated, Roles, auditActor } from '@app/auth';
import { DeadlineService, JurisdictionView, JurisdictionsService } from '@app/deadlines';
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
  list(): Promise<JurisdictionView[]> {
    return this.jurisdictions.list();
  }

  @Get(':code/holidays')
  @Authenticated()
  holidays(@Param() { code }: JurisdictionParams, @Query() query: HolidaysQuery): Promise<{ date: string; name: string }[]> {
    return this.jurisdictions.holidays(code, query.year);
  }

  @Put(':code')
  @Roles('admin')
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
  async setHoliday(@Param() { code, date }: HolidayParams, @Body() dto: HolidayDto, @Actor() actor: ActorContext): Promise<{ date: string; name: string; openDeadlinesRecomputed: number }> {
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
