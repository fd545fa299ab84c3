import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundException, WorkCalendar } from '@app/common';
import { Holiday } from '../entities/holiday.entity';
import { Jurisdiction } from '../entities/jurisdiction.entity';

/**
 * The working calendar of a jurisdiction, read from Postgres. Read on every use (two small
 * indexed queries) rather than cached, so an admin's new holiday counts at once in every process.
 */
@Injectable()
export class CalendarsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async calendarOf(code: string, manager: EntityManager = this.db.manager): Promise<WorkCalendar> {
    const jurisdiction = await manager.findOne(Jurisdiction, { where: { code } });
    if (!jurisdiction) throw new NotFoundException('jurisdiction');
    const holidays = await manager.find(Holiday, { select: { date: true }, where: { jurisdictionCode: code } });
    return { timeZone: jurisdiction.timeZone, weekendDays: jurisdiction.weekendDays, holidays: new Set(holidays.map((h) => h.date)) };
  }
}
