import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, ConfigService, WorkCalendar, localDateOf } from '@app/common';
import { CalendarsService } from '@app/deadlines';

/** "Today" for fees (fee dates, rule end dates) in the ministry's home jurisdiction (DEADLINE_DEFAULT_JURISDICTION). */
@Injectable()
export class FeesCalendar {
  constructor(
    private readonly calendars: CalendarsService,
    private readonly config: ConfigService,
    private readonly clock: Clock,
  ) {}

  calendar(m?: EntityManager): Promise<WorkCalendar> {
    return this.calendars.calendarOf(this.config.get('deadlines').DEADLINE_DEFAULT_JURISDICTION, m);
  }

  async today(m?: EntityManager): Promise<string> {
    return localDateOf(await this.calendar(m), this.clock.now());
  }
}
