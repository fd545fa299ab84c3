import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundException, ValidationFailedException, validateCalendar } from '@app/common';
import { Deadline, OPEN_STATES_SQL } from '../entities/deadline.entity';
import { Holiday } from '../entities/holiday.entity';
import { Jurisdiction } from '../entities/jurisdiction.entity';

export interface JurisdictionInput {
  name: string;
  timeZone: string;
  weekendDays: number[];
}

/** A jurisdiction whose calendar counts business days. */
export class JurisdictionView implements JurisdictionInput {
  @ApiProperty({ pattern: '^[A-Z]{2}(-[A-Z0-9]{1,3})?$', example: 'PH', description: 'ISO 3166-1 alpha-2, optionally with a subdivision (MY-14).' })
  code: string;

  @ApiProperty({ example: 'Philippines' })
  name: string;

  @ApiProperty({ example: 'Asia/Manila', description: 'IANA time zone: the local days and hours deadlines are counted in.' })
  timeZone: string;

  @ApiProperty({
    type: 'integer',
    isArray: true,
    minimum: 1,
    maximum: 7,
    example: [6, 7],
    description: 'ISO weekdays that are not working days, ascending: 1 = Monday … 7 = Sunday.',
  })
  weekendDays: number[];
}

/** A public holiday of a jurisdiction. */
export class HolidayView {
  @ApiProperty({ format: 'date', example: '2026-06-12', description: 'The local date.' })
  date: string;

  @ApiProperty({ example: 'Independence Day' })
  name: string;
}

/** A holiday just declared or renamed, with how many open deadlines were recomputed. */
export class HolidaySetView extends HolidayView {
  @ApiProperty({ type: 'integer', minimum: 0, example: 4, description: 'Open business-day deadlines of the jurisdiction recomputed (0 for a rename).' })
  openDeadlinesRecomputed: number;
}

/** Admin maintenance of jurisdictions and their holidays. */
@Injectable()
export class JurisdictionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<JurisdictionView[]> {
    return (await this.db.getRepository(Jurisdiction).find({ order: { code: 'ASC' } })).map(toView);
  }

  async get(code: string): Promise<JurisdictionView> {
    const j = await this.db.getRepository(Jurisdiction).findOne({ where: { code } });
    if (!j) throw new NotFoundException('jurisdiction');
    return toView(j);
  }

  /** Creates or replaces a jurisdiction's calendar settings. */
  async upsert(m: EntityManager, code: string, input: JurisdictionInput): Promise<{ before: JurisdictionView | null; after: JurisdictionView }> {
    try {
      validateCalendar({ timeZone: input.timeZone, weekendDays: input.weekendDays, holidays: [] });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const field = /zone/i.test(message) ? 'timeZone' : 'weekendDays';
      throw new ValidationFailedException([{ field, rule: 'calendar', message }]);
    }
    const existing = await m.findOne(Jurisdiction, { where: { code }, lock: { mode: 'pessimistic_write' } });
    const weekendDays = [...new Set(input.weekendDays)].sort();
    await m.save(Jurisdiction, { code, name: input.name, timeZone: input.timeZone, weekendDays });
    return { before: existing ? toView(existing) : null, after: { code, name: input.name, timeZone: input.timeZone, weekendDays } };
  }

  async holidays(code: string, year?: number): Promise<HolidayView[]> {
    await this.get(code);
    const qb = this.db.getRepository(Holiday).createQueryBuilder('h').where('h.jurisdiction_code = :code', { code }).orderBy('h.date');
    if (year) qb.andWhere(`h.date BETWEEN :from AND :to`, { from: `${year}-01-01`, to: `${year}-12-31` });
    return (await qb.getMany()).map((h) => ({ date: h.date, name: h.name }));
  }

  async setHoliday(m: EntityManager, code: string, date: string, name: string): Promise<{ created: boolean }> {
    if (!(await m.findOne(Jurisdiction, { where: { code } }))) throw new NotFoundException('jurisdiction');
    const existing = await m.findOne(Holiday, { where: { jurisdictionCode: code, date } });
    if (existing) {
      await m.update(Holiday, { id: existing.id }, { name });
      return { created: false };
    }
    await m.insert(Holiday, { jurisdictionCode: code, date, name });
    return { created: true };
  }

  async removeHoliday(m: EntityManager, code: string, date: string): Promise<void> {
    const result = await m.delete(Holiday, { jurisdictionCode: code, date });
    if (!result.affected) throw new NotFoundException('holiday');
  }

  /** Open deadlines counted on this jurisdiction's calendar, by kind: what a calendar change must recompute. */
  async openKindsIn(m: EntityManager, code: string): Promise<string[]> {
    const rows = await m
      .createQueryBuilder(Deadline, 'd')
      .select('DISTINCT d.kind', 'kind')
      .where(`d.jurisdiction_code = :code AND d.state IN (${OPEN_STATES_SQL})`, { code })
      .getRawMany<{ kind: string }>();
    return rows.map((r) => r.kind);
  }
}

const toView = (j: Jurisdiction): JurisdictionView => ({ code: j.code, name: j.name, timeZone: j.timeZone, weekendDays: j.weekendDays });
