import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundException, ValidationFailedException, validateCalendar } from '@app/common';
import { Deadline } from '../entities/deadline.entity';
import { Holiday } from '../entities/holiday.entity';
import { Jurisdiction } from '../entities/jurisdiction.entity';

export interface JurisdictionInput {
  name: string;
  timeZone: string;
  weekendDays: number[];
}

export interface JurisdictionView extends JurisdictionInput {
  code: string;
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

  async holidays(code: string, year?: number): Promise<{ date: string; name: string }[]> {
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
      .where(`d.jurisdiction_code = :code AND d.state IN ('pending','paused','breached')`, { code })
      .getRawMany<{ kind: string }>();
    return rows.map((r) => r.kind);
  }
}

const toView = (j: Jurisdiction): JurisdictionView => ({ code: j.code, name: j.name, timeZone: j.timeZone, weekendDays: j.weekendDays });
