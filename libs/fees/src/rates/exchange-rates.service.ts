import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { Actor, Clock, ConfigService, Page, PageQuery, ValidationFailedException, formatLocalDate, pageOf, pageOffset, parseLocalDate } from '@app/common';
import { RateLookup, isKnownCurrency } from '../assessment';
import { ExchangeRate } from '../entities';

export interface ExchangeRateInput {
  base: string;
  quote: string;
  /** The day the rate was published (YYYY-MM-DD). */
  date: string;
  /** Units of quote for one unit of base, a plain decimal string (at most 12 decimal places). */
  rate: string;
  source: string;
}

/** A recorded exchange rate of a pair on the day it was published. */
export class ExchangeRateView implements ExchangeRateInput {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'PHP', description: 'ISO 4217: the currency one unit of which is priced.' })
  base: string;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'HKD', description: 'ISO 4217: the currency the rate is given in.' })
  quote: string;

  @ApiProperty({ format: 'date', example: '2026-03-02', description: 'The day the rate was published.' })
  date: string;

  @ApiProperty({
    pattern: '^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,12})?$',
    example: '0.0335',
    description: 'Units of quote for one unit of base, a plain decimal written as a string (never a float).',
  })
  rate: string;

  @ApiProperty({ example: 'Bangko Sentral ng Pilipinas reference rate', description: 'Where the rate comes from.' })
  source: string;

  @ApiProperty({ format: 'date-time', description: 'When it was recorded (or last corrected).' })
  recordedAt: string;
}

export interface RateFilter extends PageQuery {
  base?: string;
  quote?: string;
  from?: string;
  to?: string;
}

const RATE = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,12})?$/;

/** Drops the numeric column's trailing zeros: "0.033500000000" → "0.0335". */
const plain = (numeric: string) => (numeric.includes('.') ? numeric.replace(/0+$/, '').replace(/\.$/, '') : numeric);

const view = (r: ExchangeRate): ExchangeRateView => ({
  id: r.id,
  base: r.base,
  quote: r.quote,
  date: r.rateDate,
  rate: plain(r.rate),
  source: r.source,
  recordedAt: r.recordedAt.toISOString(),
});

/**
 * Dated exchange rates. The rate in force on a day is the pair's latest rate published on or before
 * it, and no older than FEES_RATE_MAX_AGE_DAYS; otherwise there is none, and conversion is refused
 * (never an inverse pair, a cross rate or a later rate).
 */
@Injectable()
export class ExchangeRates {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly config: ConfigService,
  ) {}

  /** Records the rate of a pair on a date, or corrects it (the earlier figure is in the audit entry). */
  record(input: ExchangeRateInput, actor: Actor): Promise<{ rate: ExchangeRateView; created: boolean }> {
    return this.db.transaction((m) => this.recordIn(m, input, actor));
  }

  private async recordIn(
    m: EntityManager,
    input: ExchangeRateInput,
    actor: { auditActor: AuditActor; userId: string | null; correlationId?: string },
  ): Promise<{ rate: ExchangeRateView; created: boolean }> {
    const errors: { field: string; message: string; rule: string }[] = [];
    if (!isKnownCurrency(input.base)) errors.push({ field: 'base', message: `'${input.base}' is not a known ISO 4217 currency`, rule: 'currency' });
    if (!isKnownCurrency(input.quote)) errors.push({ field: 'quote', message: `'${input.quote}' is not a known ISO 4217 currency`, rule: 'currency' });
    if (input.base === input.quote) errors.push({ field: 'quote', message: 'must differ from base', rule: 'pair' });
    if (!RATE.test(input.rate) || /^0(\.0*)?$/.test(input.rate))
      errors.push({ field: 'rate', message: 'must be a positive plain decimal such as 0.0335 (at most 12 decimal places)', rule: 'rate' });
    if (parseLocalDate(input.date) === null) errors.push({ field: 'date', message: 'must be a real date, YYYY-MM-DD', rule: 'date' });
    if (errors.length) throw new ValidationFailedException(errors);

    const existing = await m.findOne(ExchangeRate, {
      where: { base: input.base, quote: input.quote, rateDate: input.date },
      lock: { mode: 'pessimistic_write' },
    });
    const now = this.clock.now();
    // Upsert keeps two racing first recordings from failing: the later one becomes a correction.
    const [row] = (await m.query(
      `INSERT INTO exchange_rate (base, quote, rate_date, rate, source, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (base, quote, rate_date) DO UPDATE SET rate = EXCLUDED.rate, source = EXCLUDED.source, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
       RETURNING id`,
      [input.base, input.quote, input.date, input.rate, input.source, actor.userId, now],
    )) as { id: string }[];
    const saved = await m.findOneByOrFail(ExchangeRate, { id: row.id });
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: existing ? 'fees.exchange-rate.corrected' : 'fees.exchange-rate.recorded',
      subjectType: 'exchange_rate',
      subjectId: saved.id,
      changes: {
        pair: `${input.base}/${input.quote}`,
        date: input.date,
        rate: existing ? { from: plain(existing.rate), to: input.rate } : input.rate,
        source: input.source,
      },
      correlationId: actor.correlationId,
    });
    return { rate: view(saved), created: !existing };
  }

  async list(q: RateFilter): Promise<Page<ExchangeRateView>> {
    const qb = this.db.manager.createQueryBuilder(ExchangeRate, 'r');
    if (q.base) qb.andWhere('r.base = :b', { b: q.base });
    if (q.quote) qb.andWhere('r.quote = :q', { q: q.quote });
    if (q.from) qb.andWhere('r.rate_date >= :f', { f: q.from });
    if (q.to) qb.andWhere('r.rate_date <= :t', { t: q.to });
    qb.orderBy('r.base').addOrderBy('r.quote').addOrderBy('r.rate_date', 'DESC').skip(pageOffset(q)).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(rows.map(view), total, q);
  }

  /**
   * A synchronous lookup over every rate among `currencies` that can be in force between `fromDate`
   * and `toDate` (read once), for the pure assessment.
   */
  async lookup(m: EntityManager, currencies: Iterable<string>, fromDate: string, toDate: string): Promise<RateLookup> {
    const maxAge = this.config.get('fees').FEES_RATE_MAX_AGE_DAYS;
    const codes = [...new Set(currencies)];
    const earliest = formatLocalDate(parseLocalDate(fromDate)! - maxAge);
    const rows = (await m.query(
      `SELECT base, quote, to_char(rate_date, 'YYYY-MM-DD') AS date, rate::text AS rate FROM exchange_rate
        WHERE base = ANY($1) AND quote = ANY($1) AND rate_date BETWEEN $2 AND $3 ORDER BY rate_date`,
      [codes, earliest, toDate],
    )) as { base: string; quote: string; date: string; rate: string }[];
    const byPair = new Map<string, { day: number; rate: string }[]>();
    for (const r of rows) {
      const key = `${r.base}/${r.quote}`;
      if (!byPair.has(key)) byPair.set(key, []);
      byPair.get(key)!.push({ day: parseLocalDate(r.date)!, rate: plain(r.rate) });
    }
    return (from, to, date) => rateInForce(byPair.get(`${from}/${to}`) ?? [], parseLocalDate(date), maxAge);
  }
}

/** The latest rate on or before `day` (ascending list), if it is at most `maxAge` days old. */
export function rateInForce(rates: readonly { day: number; rate: string }[], day: number | null, maxAge: number): string | undefined {
  if (day === null) return undefined;
  let found: { day: number; rate: string } | undefined;
  for (const r of rates) {
    if (r.day > day) break;
    found = r;
  }
  return found && day - found.day <= maxAge ? found.rate : undefined;
}
