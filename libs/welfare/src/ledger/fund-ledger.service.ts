import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, ConfigService, ConflictException, DomainException, IdempotencyKeyReusedException } from '@app/common';
import {
  APPROPRIATIONS_RECEIVED,
  BENEFITS_PAID,
  CONTRIBUTIONS_RECEIVED,
  Entry,
  FUND_CASH,
  IncomeKind,
  OTHER_INCOME,
  approvalEntry,
  contributionEntry,
  disbursementEntry,
  incomeEntry,
  payableAccount,
  validateEntry,
} from '../core';
import { FundEntry, FundLine } from '../entities/fund-ledger.entity';

export class InsufficientFundException extends DomainException {
  constructor(balanceMinor: bigint, askedMinor: bigint, currency: string) {
    super(
      'fund-insufficient-balance',
      409,
      'Conflict',
      `The welfare fund holds ${balanceMinor} ${currency} (minor units), less than the ${askedMinor} asked; nothing was written.`,
      { balanceMinor: balanceMinor.toString(), askedMinor: askedMinor.toString(), currency },
    );
  }
}

export interface PostedEntry {
  seq: string;
  replayed: boolean;
}

const MINOR = { type: String, pattern: '^-?[0-9]+$' } as const;

/** The fund's position, summed from its ledger: amounts in minor units of `currency`, as decimal strings. */
export class FundPositionView {
  @ApiProperty({ example: 'PHP', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code of the fund (`WELFARE_FUND_CURRENCY`): every amount below is in it.' })
  currency: string;

  @ApiProperty({ ...MINOR, example: '3750000', description: 'Money held: the balance of `fund-cash` (contributions in, disbursements out). Never negative.' })
  cashMinor: string;

  @ApiProperty({ ...MINOR, example: '4500000', description: "Every contribution received, converted into the fund's currency." })
  contributionsReceivedMinor: string;

  @ApiProperty({ ...MINOR, example: '100000000', description: 'Every appropriation received.' })
  appropriationsReceivedMinor: string;

  @ApiProperty({ ...MINOR, example: '0', description: 'Every other income received (interest, donations, recoveries).' })
  otherIncomeMinor: string;

  @ApiProperty({ ...MINOR, example: '2000000', description: 'Every benefit approved (the expense is booked at approval, before it is paid out).' })
  benefitsApprovedMinor: string;

  @ApiProperty({ ...MINOR, example: '1250000', description: "Approved and not yet disbursed, over all claims: the fund's obligations." })
  payablesMinor: string;

  @ApiProperty({
    ...MINOR,
    example: '2500000',
    description: 'Cash minus payables: what the fund could still commit (negative when approvals outrun the cash).',
  })
  uncommittedMinor: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The welfare fund's double-entry ledger in Postgres. Every entry is checked balanced by the pure
 * core before it is written; its balances are kept as it posts (fund_balance and fund_movement,
 * by a trigger on the lines, in the posting's transaction). Posting takes the fund's advisory lock,
 * so two disbursements at once cannot both pass the balance check, and each entry has a unique
 * idempotency key: the same key again answers the first entry and writes nothing.
 */
@Injectable()
export class FundLedger {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  currency(): string {
    return this.config.get('welfare').WELFARE_FUND_CURRENCY;
  }

  contribution(m: EntityManager, contributionId: string, amountMinor: bigint, actorId: string | null): Promise<PostedEntry> {
    return this.post(m, 'contribution', contributionEntry({ amountMinor, currency: this.currency() }), {
      key: `contribution:${contributionId}`,
      contributionId,
      claimId: null,
      actorId,
    });
  }

  approval(m: EntityManager, claimId: string, amountMinor: bigint, actorId: string | null): Promise<PostedEntry> {
    return this.post(m, 'approval', approvalEntry(claimId, { amountMinor, currency: this.currency() }), {
      key: `approval:${claimId}`,
      contributionId: null,
      claimId,
      actorId,
    });
  }

  /**
   * The entry an income's idempotency key already wrote (after taking the fund's lock), or null;
   * the same key for another request is 422. The caller then writes the income and `income()`.
   */
  async incomeReplay(m: EntityManager, key: string, request: Record<string, string>): Promise<{ seq: string; incomeId: string } | null> {
    await this.lock(m);
    const replay = await this.replay(m, `income:${key}`, request);
    if (!replay) return null;
    const [row] = (await m.query(`SELECT income_id FROM fund_entry WHERE seq = $1`, [replay.seq])) as { income_id: string }[];
    return { seq: replay.seq, incomeId: row.income_id };
  }

  /** Income other than a contribution: debit fund-cash, credit its revenue account. */
  income(
    m: EntityManager,
    incomeId: string,
    kind: IncomeKind,
    amountMinor: bigint,
    key: string,
    request: Record<string, string>,
    actorId: string | null,
  ): Promise<PostedEntry> {
    return this.post(m, 'income', incomeEntry(kind, { amountMinor, currency: this.currency() }), {
      key: `income:${key}`,
      contributionId: null,
      claimId: null,
      incomeId,
      actorId,
      request,
    });
  }

  /** Pays a claim's payable out of the fund; refused (409, nothing written) when the fund cannot. */
  async disbursement(m: EntityManager, claimId: string, amountMinor: bigint, idempotencyKey: string, actorId: string | null): Promise<PostedEntry> {
    await this.lock(m);
    const replay = await this.replay(m, `disburse:${idempotencyKey}`, { claimId, amountMinor: amountMinor.toString() });
    if (replay) return replay;
    const b = await this.balances(m, [FUND_CASH, payableAccount(claimId)]);
    const cash = b.get(FUND_CASH) ?? 0n;
    if (cash < amountMinor) throw new InsufficientFundException(cash, amountMinor, this.currency());
    if (-(b.get(payableAccount(claimId)) ?? 0n) < amountMinor)
      throw new ConflictException('claim-already-paid', 'The claim has nothing (or less) left to pay.');
    return this.post(m, 'disbursement', disbursementEntry(claimId, { amountMinor, currency: this.currency() }), {
      key: `disburse:${idempotencyKey}`,
      contributionId: null,
      claimId,
      actorId,
      request: { claimId, amountMinor: amountMinor.toString() },
    });
  }

  /**
   * Cash in the fund, contributions, benefits, payables: the balances the ledger keeps as it posts
   * (fund_balance, issue 23), one row per account and the claims owed now; no line is summed.
   */
  async position(m: EntityManager = this.db.manager): Promise<FundPositionView> {
    const b = await this.balances(m, [FUND_CASH, CONTRIBUTIONS_RECEIVED, APPROPRIATIONS_RECEIVED, OTHER_INCOME, BENEFITS_PAID]);
    const [{ payables }] = (await m.query(
      `SELECT coalesce(sum(credit_minor - debit_minor), 0)::text AS payables FROM fund_balance WHERE account LIKE 'claim-payable:%' AND debit_minor <> credit_minor`,
    )) as { payables: string }[];
    const cash = b.get(FUND_CASH) ?? 0n;
    return {
      currency: this.currency(),
      cashMinor: cash.toString(),
      contributionsReceivedMinor: (-(b.get(CONTRIBUTIONS_RECEIVED) ?? 0n)).toString(),
      appropriationsReceivedMinor: (-(b.get(APPROPRIATIONS_RECEIVED) ?? 0n)).toString(),
      otherIncomeMinor: (-(b.get(OTHER_INCOME) ?? 0n)).toString(),
      benefitsApprovedMinor: (b.get(BENEFITS_PAID) ?? 0n).toString(),
      payablesMinor: payables,
      uncommittedMinor: (cash - BigInt(payables)).toString(),
    };
  }

  private async post(
    m: EntityManager,
    kind: FundEntry['kind'],
    entry: Entry,
    o: {
      key: string;
      contributionId: string | null;
      claimId: string | null;
      incomeId?: string | null;
      actorId: string | null;
      request?: Record<string, string>;
    },
  ): Promise<PostedEntry> {
    validateEntry(entry);
    await this.lock(m);
    const request = o.request ?? { kind, lines: JSON.stringify(entry.lines.map((l) => [l.account, String(l.debitMinor ?? 0n), String(l.creditMinor ?? 0n)])) };
    const replay = await this.replay(m, o.key, request);
    if (replay) return replay;
    const [{ seq }] = (await m.query(
      `INSERT INTO fund_entry (kind, currency, claim_id, contribution_id, income_id, idempotency_key, request_hash, actor_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq::text AS seq`,
      [kind, entry.currency, o.claimId, o.contributionId, o.incomeId ?? null, o.key, sha256(JSON.stringify(request)), o.actorId, this.clock.now()],
    )) as { seq: string }[];
    // One statement for the entry's lines: the rollups' trigger (per statement) runs once per entry.
    await m.insert(
      FundLine,
      entry.lines.map((l) => ({ entrySeq: seq, account: l.account, debitMinor: String(l.debitMinor ?? 0n), creditMinor: String(l.creditMinor ?? 0n) })),
    );
    return { seq, replayed: false };
  }

  private async replay(m: EntityManager, key: string, request: Record<string, string>): Promise<PostedEntry | null> {
    const [row] = (await m.query(`SELECT seq::text AS seq, request_hash FROM fund_entry WHERE idempotency_key = $1`, [key])) as {
      seq: string;
      request_hash: string;
    }[];
    if (!row) return null;
    if (row.request_hash !== sha256(JSON.stringify(request))) throw new IdempotencyKeyReusedException();
    return { seq: row.seq, replayed: true };
  }

  /** One fund: one lock for every posting, held to the end of the transaction. */
  private lock(m: EntityManager): Promise<unknown> {
    return m.query(`SELECT pg_advisory_xact_lock(hashtext('lcs:welfare-fund'))`);
  }

  /**
   * Balances (debits minus credits) of the given accounts, as the ledger keeps them: fund_balance
   * is updated by a trigger on fund_line in the transaction that posts (migrations/…-FundRollup),
   * so under the fund's lock it is exactly the sum of the lines.
   */
  private async balances(m: EntityManager, accounts: string[]): Promise<Map<string, bigint>> {
    const rows = (await m.query(`SELECT account, (debit_minor - credit_minor)::text AS balance FROM fund_balance WHERE account = ANY($1)`, [accounts])) as {
      account: string;
      balance: string;
    }[];
    return new Map(rows.map((r) => [r.account, BigInt(r.balance)]));
  }
}
