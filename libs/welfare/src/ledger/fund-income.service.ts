import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { Actor, Clock, ConfigService, ConflictException, Page, PageQuery, ValidationFailedException, localDateOf, pageOf, pageOffset } from '@app/common';
import { CalendarsService } from '@app/deadlines';
import { INCOME_KINDS, IncomeKind } from '../core';
import { FundIncome } from '../entities/fund-ledger.entity';
import { FundLedger } from './fund-ledger.service';

export interface RecordIncomeInput {
  kind: IncomeKind;
  amountMinor: string;
  currency: string;
  receivedOn: string;
  reference: string;
  description: string;
}

export interface IncomeActor {
  userId: string | null;
  auditActor: AuditActor;
  correlationId?: string;
}

/** Income of the fund other than contributions. */
export class FundIncomeView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    enum: INCOME_KINDS,
    enumName: 'FundIncomeKind',
    example: 'appropriation',
    description: '`appropriation`: from the state budget; `other-income`: interest, donations, recoveries.',
  })
  kind: string;

  @ApiProperty({ type: String, pattern: '^[0-9]+$', example: '100000000', description: "Minor units of `currency` (the fund's)." })
  amountMinor: string;

  @ApiProperty({ example: 'PHP', pattern: '^[A-Z]{3}$' })
  currency: string;

  @ApiProperty({ format: 'date', example: '2026-03-01', description: 'The day the money was received.' })
  receivedOn: string;

  @ApiProperty({ example: 'SARO-2026-0042', description: "The appropriation's warrant or the bank's reference (unique)." })
  reference: string;

  @ApiProperty({ example: 'General Appropriations Act 2026, welfare fund subsidy, first release' })
  description: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who recorded it.' })
  recordedBy: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({
    type: String,
    pattern: '^[0-9]+$',
    example: '42',
    description: 'The fund ledger entry that booked it (debit fund-cash, credit its revenue account).',
  })
  entrySeq: string;
}

export interface RecordedIncome {
  income: FundIncomeView;
  replayed: boolean;
}

const view = (r: FundIncome, entrySeq: string): FundIncomeView => ({
  id: r.id,
  kind: r.kind,
  amountMinor: String(r.amountMinor),
  currency: r.currency.trim(),
  receivedOn: r.receivedOn,
  reference: r.reference,
  description: r.description,
  recordedBy: r.recordedBy,
  createdAt: r.createdAt.toISOString(),
  entrySeq,
});

/**
 * The fund's income other than contributions (issue 20): appropriations and other income, recorded
 * by a finance officer or the admin in the fund's currency, each one balanced ledger entry written
 * with its record and its audit entry in one transaction. Idempotent by the caller's key.
 */
@Injectable()
export class FundIncomes {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly calendars: CalendarsService,
    private readonly audit: AuditLog,
    private readonly ledger: FundLedger,
  ) {}

  record(input: RecordIncomeInput, idempotencyKey: string, actor: Actor): Promise<RecordedIncome> {
    return this.db.transaction((m) => this.recordIn(m, input, idempotencyKey, actor));
  }

  private async recordIn(m: EntityManager, input: RecordIncomeInput, idempotencyKey: string, actor: IncomeActor): Promise<RecordedIncome> {
    if (input.currency !== this.ledger.currency())
      throw new ValidationFailedException([{ field: 'currency', message: `must be the fund's currency, ${this.ledger.currency()}`, rule: 'fundCurrency' }]);
    const today = localDateOf(await this.calendars.calendarOf(this.config.get('deadlines').DEADLINE_DEFAULT_JURISDICTION, m), this.clock.now());
    if (input.receivedOn > today)
      throw new ValidationFailedException([{ field: 'receivedOn', message: `is in the future (today is ${today})`, rule: 'notInFuture' }]);
    // Scoped to the caller: another user's key is another request.
    const key = `${actor.userId ?? 'system'}:${idempotencyKey}`;
    const request = {
      kind: input.kind,
      amountMinor: BigInt(input.amountMinor).toString(),
      currency: input.currency,
      receivedOn: input.receivedOn,
      reference: input.reference,
      description: input.description,
    };
    const prior = await this.ledger.incomeReplay(m, key, request);
    if (prior) return { income: view(await m.findOneByOrFail(FundIncome, { id: prior.incomeId }), prior.seq), replayed: true };
    if (await m.exists(FundIncome, { where: { reference: input.reference } }))
      throw new ConflictException('income-reference-taken', 'Another income of the fund has this reference.', { field: 'reference' });
    const row = m.create(FundIncome, { ...request, recordedBy: actor.userId, createdAt: this.clock.now() });
    const saved = await m.save(FundIncome, row);
    const posted = await this.ledger.income(m, saved.id, input.kind, BigInt(input.amountMinor), key, request, actor.userId);
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'welfare.fund.income-recorded',
      subjectType: 'fund_income',
      subjectId: saved.id,
      changes: {
        kind: saved.kind,
        amountMinor: saved.amountMinor,
        currency: saved.currency,
        receivedOn: saved.receivedOn,
        reference: saved.reference,
        entrySeq: posted.seq,
      },
      correlationId: actor.correlationId,
    });
    return { income: view(saved, posted.seq), replayed: false };
  }

  async list(q: PageQuery): Promise<Page<FundIncomeView>> {
    const rows = (await this.db.query(
      `SELECT i.id, e.seq::text AS seq FROM fund_income i JOIN fund_entry e ON e.income_id = i.id ORDER BY i.received_on DESC, i.created_at DESC OFFSET $1 LIMIT $2`,
      [pageOffset(q), q.pageSize],
    )) as { id: string; seq: string }[];
    const [{ n }] = (await this.db.query(`SELECT count(*)::int AS n FROM fund_income`)) as { n: number }[];
    const byId = new Map((rows.length ? await this.db.manager.findBy(FundIncome, { id: In(rows.map((r) => r.id)) }) : []).map((r) => [r.id, r]));
    return pageOf(
      rows.map((r) => view(byId.get(r.id)!, r.seq)),
      n,
      q,
    );
  }
}
