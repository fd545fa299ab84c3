import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditEntryInput, AuditLog, canonicalJson } from '@app/audit';
import { assertInScope } from '@app/auth';
import { Actor, Clock, IdempotencyKeyReusedException, NotFoundException, Page, PageOf, PageQuery, pageOf, pageOffset } from '@app/common';
import { DeadlineService } from '@app/deadlines';
import { Agency } from '../agency.entity';
import { EscrowAccount } from './escrow-account.entity';
import { EscrowEntry } from './escrow-entry.entity';
import {
  EscrowAccountNotOpenException,
  EscrowBalanceLimitException,
  EscrowCurrencyMismatchException,
  EscrowInsufficientBalanceException,
} from './escrow.exceptions';
import { ESCROW_HOLD_REASON, AgencyHoldView, EscrowHolds } from './escrow-holds';
import {
  ESCROW_ENTRY_KINDS,
  ESCROW_LICENSE_TYPES,
  EscrowEntryKind,
  EscrowLicenseType,
  MAX_ESCROW_BALANCE_MINOR,
  applyEntry,
  requirementEffect,
  shortfallOf,
} from './escrow-ledger';
import { EscrowRequirements } from './escrow-requirements';

/** The deadline kind that gives an agency time to top its escrow up. */
export const ESCROW_TOP_UP_KIND = 'escrow.top-up';

const MINOR = '^[0-9]+$';

/** Who recorded an escrow entry. */
export class EscrowEntryRecorder {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The user who recorded it; null for the system (e.g. a garnishment ordered by a complaint decision).',
  })
  id: string | null;

  @ApiProperty({ example: 'inspector', description: "The role they acted in, or 'system'." })
  role: string;
}

/** One line of an agency's escrow ledger. */
export class EscrowEntryView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    enum: ESCROW_ENTRY_KINDS,
    enumName: 'EscrowEntryKind',
    example: 'deposit',
    description: 'deposit and top-up add to the balance; garnishment and release take from it.',
  })
  kind: EscrowEntryKind;

  /** Decimal strings of minor units (bigint columns). */
  @ApiProperty({
    type: String,
    pattern: MINOR,
    example: '100000000',
    description: 'The amount, always positive: integer minor units written as a decimal string.',
  })
  amountMinor: string;

  @ApiProperty({ example: 'PHP', description: "ISO 4217; the account's currency." })
  currency: string;

  @ApiProperty({ example: 'BDO-2026-0001234', description: 'The bank reference of a deposit, the case reference of a garnishment.' })
  reference: string;

  @ApiProperty({
    type: String,
    pattern: MINOR,
    example: '100000000',
    description: 'The balance right after this entry, integer minor units as a decimal string.',
  })
  balanceAfterMinor: string;

  @ApiProperty({ type: EscrowEntryRecorder })
  recordedBy: { id: string | null; role: string };

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** An agency's escrow account: the license type sets the required amount. */
export class EscrowAccountView {
  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  @ApiProperty({ enum: ESCROW_LICENSE_TYPES, enumName: 'EscrowLicenseType', example: 'regular' })
  licenseType: EscrowLicenseType;

  @ApiProperty({ example: 'PHP', description: 'ISO 4217; every entry is in this currency.' })
  currency: string;

  @ApiProperty({
    type: String,
    pattern: MINOR,
    example: '100000000',
    description: 'The escrow the license type requires, integer minor units as a decimal string.',
  })
  requiredMinor: string;

  @ApiProperty({ format: 'date-time' })
  openedAt: string;
}

/** The account after `POST .../escrow/account`. */
export class OpenedEscrowAccountView extends EscrowAccountView {
  @ApiProperty({ description: 'True when the account was opened by this request; false when it existed (its license type may have been changed).' })
  created: boolean;
}

/** Where an agency's escrow stands: what licensing's clearance check and the routes read. */
export class EscrowPosition {
  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  /** False until licensing (or a supervisor) opens the account with the license type. */
  @ApiProperty({ description: 'False until licensing (or a supervisor) opens the account with the license type.' })
  open: boolean;

  @ApiProperty({ type: String, enum: ESCROW_LICENSE_TYPES, enumName: 'EscrowLicenseType', nullable: true, description: 'Null while the account is not open.' })
  licenseType: EscrowLicenseType | null;

  @ApiProperty({ example: 'PHP', description: "ISO 4217: the account's currency (the configured one while it is not open)." })
  currency: string;

  @ApiProperty({
    type: String,
    pattern: MINOR,
    nullable: true,
    example: '100000000',
    description: 'The required escrow, integer minor units as a decimal string; null while the account is not open.',
  })
  requiredMinor: string | null;

  @ApiProperty({
    type: String,
    pattern: MINOR,
    example: '75000000',
    description: 'The balance (the sum of the ledger), integer minor units as a decimal string; never negative.',
  })
  balanceMinor: string;

  @ApiProperty({
    type: String,
    pattern: MINOR,
    nullable: true,
    example: '25000000',
    description: 'How much is missing to meet the requirement (0 when it is met); null while the account is not open.',
  })
  shortfallMinor: string | null;

  /** True when the balance is at least the requirement. */
  @ApiProperty({ description: 'True when the account is open and the balance is at least the requirement.' })
  meetsRequirement: boolean;
}

/** The open deadline by which the agency must top its escrow back up. */
export class EscrowTopUpDeadlineView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    enum: ['pending', 'paused', 'breached'],
    description: 'pending: running; paused: stopped for now; breached: missed (the agency is on hold until the balance meets the requirement).',
  })
  state: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;
}

export class EscrowSummary extends EscrowPosition {
  @ApiProperty({
    type: EscrowTopUpDeadlineView,
    nullable: true,
    description: 'The open top-up deadline, started when a garnishment or release took the balance below the requirement; null when none.',
  })
  topUpDeadline: { id: string; state: string; dueAt: string } | null;

  @ApiProperty({
    type: AgencyHoldView,
    nullable: true,
    description: "The agency's active processing hold (the oldest, when several), e.g. after a missed top-up deadline; null when none.",
  })
  hold: AgencyHoldView | null;

  @ApiProperty({ type: PageOf(EscrowEntryView), description: 'A page of the ledger, newest entry first (`page`, `pageSize` of the query).' })
  entries: Page<EscrowEntryView>;
}

export interface RecordEscrowEntry {
  agencyId: string;
  kind: EscrowEntryKind;
  amountMinor: bigint;
  currency: string;
  reference: string;
  actor: AuditActor;
  /** The request's Idempotency-Key: a retry with the same key and request returns the first entry. */
  idempotencyKey: string;
  correlationId?: string | null;
}

export interface GarnishEscrow {
  agencyId: string;
  amountMinor: bigint;
  currency: string;
  /** The case whose decision orders the payment: one garnishment per case reference and agency. */
  caseReference: string;
  actor: AuditActor;
  correlationId?: string | null;
}

export interface RecordedEntry {
  entry: EscrowEntryView;
  /** True when the entry existed already (a retry): nothing was written. */
  replayed: boolean;
}

const actorParts = (actor: AuditActor) => (actor === 'system' ? { id: null, role: 'system' } : { id: actor.id ?? null, role: actor.role });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const toEntryView = (e: EscrowEntry): EscrowEntryView => ({
  id: e.id,
  kind: e.kind,
  amountMinor: String(e.amountMinor),
  currency: e.currency,
  reference: e.reference,
  balanceAfterMinor: String(e.balanceAfterMinor),
  recordedBy: { id: e.actorId, role: e.actorRole },
  createdAt: e.createdAt.toISOString(),
});

/**
 * An agency's escrow: a ledger of deposits, top-ups, garnishments and releases whose balance is
 * the sum of its entries, never stored and never negative. Every write goes through the caller's
 * transaction (its entry, the top-up deadline, the hold and the audit entry commit together) and
 * locks the agency's account row first, so writers of one agency take turns.
 */
@Injectable()
export class EscrowService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly requirements: EscrowRequirements,
    private readonly deadlines: DeadlineService,
    private readonly holds: EscrowHolds,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The API's door to openAccount: in one transaction, audited as the acting user. */
  openAccountBy(agencyId: string, licenseType: EscrowLicenseType, actor: Actor): Promise<OpenedEscrowAccountView> {
    return this.db.transaction((m) => this.openAccount(m, agencyId, licenseType, { actor: actor.auditActor, correlationId: actor.correlationId }));
  }

  /**
   * Opens the agency's escrow account for a license type, or changes the type (a provisional
   * license renewed as regular). Licensing calls it in its own transaction. A changed type that
   * the balance now meets closes the top-up deadline and lifts the hold; a type whose requirement
   * the balance does not meet starts nothing (only a garnishment or release starts the deadline).
   */
  async openAccount(
    m: EntityManager,
    agencyId: string,
    licenseType: EscrowLicenseType,
    by: { actor?: AuditActor; correlationId?: string | null } = {},
  ): Promise<OpenedEscrowAccountView> {
    const now = this.clock.now();
    if (!(await m.exists(Agency, { where: { id: agencyId } }))) throw new NotFoundException('agency');
    const inserted = (await m.query(
      `INSERT INTO escrow_account (agency_id, license_type, currency, opened_at, updated_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (agency_id) DO NOTHING RETURNING agency_id`,
      [agencyId, licenseType, this.requirements.currency(), now],
    )) as unknown[];
    const account = (await this.lockAccount(m, agencyId))!;
    const created = inserted.length > 0;
    const before = account.licenseType;
    if (!created && before !== licenseType) {
      await m.update(EscrowAccount, { agencyId }, { licenseType, updatedAt: now });
      account.licenseType = licenseType;
    }
    const audits: AuditEntryInput[] = [];
    const actor = by.actor ?? 'system';
    if (created || before !== licenseType) {
      audits.push({
        actor,
        action: created ? 'escrow.account.opened' : 'escrow.account.license-type-changed',
        subjectType: 'agency',
        subjectId: agencyId,
        changes: created ? { licenseType, currency: account.currency } : { licenseType: { from: before, to: licenseType } },
        correlationId: by.correlationId ?? null,
      });
      const balance = await this.balanceIn(m, agencyId);
      if (balance >= this.requirements.requirementFor(licenseType))
        audits.push(...(await this.requirementMet(m, agencyId, now, actor, by.correlationId ?? null)));
    }
    await this.audit.appendMany(m, audits);
    return { ...this.accountView(account), created };
  }

  /** The API's door to record: in one transaction, audited as the acting user. */
  recordBy(input: Omit<RecordEscrowEntry, 'actor' | 'correlationId'>, actor: Actor): Promise<RecordedEntry> {
    return this.db.transaction((m) => this.record(m, { ...input, actor: actor.auditActor, correlationId: actor.correlationId }));
  }

  /**
   * Records a deposit, top-up, garnishment or release. Idempotent by key: the same key and request
   * again returns the first entry (`replayed`) and writes nothing; the same key with another request
   * is refused (422). A garnishment or release larger than the balance is refused (409); an entry in
   * another currency than the account's too (400).
   */
  record(m: EntityManager, input: RecordEscrowEntry): Promise<RecordedEntry> {
    const actor = actorParts(input.actor);
    const fingerprint = {
      kind: input.kind,
      amountMinor: input.amountMinor.toString(),
      currency: input.currency,
      reference: input.reference,
      actorId: actor.id,
    };
    return this.write(m, input, `req:${input.idempotencyKey}`, sha256(canonicalJson(fingerprint)));
  }

  /**
   * What the complaints module calls when a decision orders an agency's escrow to pay a worker,
   * in its own transaction. Idempotent by case reference: the same case again returns the first
   * garnishment (whoever asks); the same case with another amount or currency is refused (422).
   */
  garnish(m: EntityManager, g: GarnishEscrow): Promise<RecordedEntry> {
    const fingerprint = { kind: 'garnishment', amountMinor: g.amountMinor.toString(), currency: g.currency, reference: g.caseReference };
    return this.write(
      m,
      {
        agencyId: g.agencyId,
        kind: 'garnishment',
        amountMinor: g.amountMinor,
        currency: g.currency,
        reference: g.caseReference,
        actor: g.actor,
        idempotencyKey: g.caseReference,
        correlationId: g.correlationId,
      },
      `case:${g.caseReference}`,
      sha256(canonicalJson(fingerprint)),
    );
  }

  /** Where the agency's escrow stands now (balance, requirement, shortfall). */
  async position(m: EntityManager, agencyId: string): Promise<EscrowPosition> {
    const account = await m.findOne(EscrowAccount, { where: { agencyId } });
    return this.positionOf(agencyId, account, await this.balanceIn(m, agencyId));
  }

  /** An agency's escrow as the caller may see it: the ministry any agency's, an agency user their own (another's is 404). */
  summaryFor(agencyId: string, page: PageQuery, actor: Actor): Promise<EscrowSummary> {
    assertInScope(actor, { agencyId }, 'agency');
    return this.summary(agencyId, page);
  }

  /** The agency's escrow for the routes: its position, top-up deadline, hold and a page of entries (newest first). Throws 404 for an unknown agency. */
  async summary(agencyId: string, page: PageQuery): Promise<EscrowSummary> {
    const m = this.db.manager;
    if (!(await m.exists(Agency, { where: { id: agencyId } }))) throw new NotFoundException('agency');
    const [position, deadline, hold, [rows, total]] = await Promise.all([
      this.position(m, agencyId),
      this.deadlines.findOpen(m, 'agency', agencyId, ESCROW_TOP_UP_KIND),
      this.holds.active(m, agencyId),
      m.findAndCount(EscrowEntry, { where: { agencyId }, order: { seq: 'DESC' }, skip: pageOffset(page), take: page.pageSize }),
    ]);
    return {
      ...position,
      topUpDeadline: deadline ? { id: deadline.id, state: deadline.state, dueAt: deadline.dueAt.toISOString() } : null,
      hold,
      entries: pageOf(rows.map(toEntryView), total, page),
    };
  }

  private async write(m: EntityManager, input: RecordEscrowEntry, key: string, requestHash: string): Promise<RecordedEntry> {
    const account = await this.lockAccount(m, input.agencyId);
    if (!account) {
      if (!(await m.exists(Agency, { where: { id: input.agencyId } }))) throw new NotFoundException('agency');
      throw new EscrowAccountNotOpenException();
    }
    const earlier = await m.findOne(EscrowEntry, { where: { agencyId: input.agencyId, idempotencyKey: key } });
    if (earlier) {
      if (earlier.requestHash !== requestHash) throw new IdempotencyKeyReusedException();
      return { entry: toEntryView(earlier), replayed: true };
    }
    if (input.currency !== account.currency) throw new EscrowCurrencyMismatchException(account.currency, input.currency);

    const balance = await this.balanceIn(m, input.agencyId);
    const decision = applyEntry(balance, input.kind, input.amountMinor);
    if (!decision.accepted) {
      if (decision.reason === 'balance-limit')
        throw new EscrowBalanceLimitException(decision.balance, decision.asked, MAX_ESCROW_BALANCE_MINOR, account.currency);
      throw new EscrowInsufficientBalanceException(decision.balance, decision.asked, account.currency);
    }

    const now = this.clock.now();
    const actor = actorParts(input.actor);
    const entry = await m.save(
      m.create(EscrowEntry, {
        agencyId: input.agencyId,
        kind: input.kind,
        amountMinor: input.amountMinor.toString(),
        currency: account.currency,
        reference: input.reference,
        balanceAfterMinor: decision.balanceAfter.toString(),
        idempotencyKey: key,
        requestHash,
        actorId: actor.id,
        actorRole: actor.role,
        createdAt: now,
      }),
    );

    const required = this.requirements.requirementFor(account.licenseType);
    const effect = requirementEffect(input.kind, decision.balanceAfter, required);
    const audits: AuditEntryInput[] = [
      {
        actor: input.actor,
        action: 'escrow.entry.recorded',
        subjectType: 'agency',
        subjectId: input.agencyId,
        changes: {
          entryId: entry.id,
          kind: input.kind,
          amountMinor: entry.amountMinor,
          currency: entry.currency,
          reference: entry.reference,
          balanceMinor: { from: balance.toString(), to: entry.balanceAfterMinor },
          requiredMinor: required.toString(),
        },
        correlationId: input.correlationId ?? null,
      },
    ];
    if (effect === 'start') {
      const agency = await m.findOneByOrFail(Agency, { id: input.agencyId });
      const d = await this.deadlines.start(m, {
        kind: ESCROW_TOP_UP_KIND,
        subjectType: 'agency',
        subjectId: input.agencyId,
        label: `Escrow of ${agency.legalName}: top up to the requirement`,
      });
      audits[0].changes!.topUpDeadline = { id: d.id, dueAt: d.dueAt };
    } else if (effect === 'meet') {
      audits.push(...(await this.requirementMet(m, input.agencyId, now, input.actor, input.correlationId ?? null)));
    }
    await this.audit.appendMany(m, audits);
    return { entry: toEntryView(entry), replayed: false };
  }

  /** The balance is back at the requirement: the top-up deadline is met and the hold lifted. Returns their audit entries. */
  private async requirementMet(m: EntityManager, agencyId: string, now: Date, actor: AuditActor, correlationId: string | null): Promise<AuditEntryInput[]> {
    await this.deadlines.meet(m, 'agency', agencyId, ESCROW_TOP_UP_KIND);
    const lifted = await this.holds.lift(m, agencyId, ESCROW_HOLD_REASON, now);
    if (!lifted) return [];
    return [
      {
        actor,
        action: 'agency.hold.lifted',
        subjectType: 'agency',
        subjectId: agencyId,
        changes: { holdId: lifted, reason: ESCROW_HOLD_REASON },
        correlationId,
      },
    ];
  }

  /** The signed sum of the agency's entries. */
  private async balanceIn(m: EntityManager, agencyId: string): Promise<bigint> {
    const [row] = (await m.query(
      `SELECT COALESCE(SUM(CASE WHEN kind IN ('deposit','top-up') THEN amount_minor ELSE -amount_minor END), 0)::text AS balance
         FROM escrow_entry WHERE agency_id = $1`,
      [agencyId],
    )) as { balance: string }[];
    return BigInt(row.balance);
  }

  /**
   * Locks the agency's escrow account (if it has one) for the rest of the transaction. Every write
   * to escrow takes this lock before it appends to the audit log, so a transaction that appends an
   * audit entry and then writes to escrow takes it first: otherwise it holds the audit chain's head
   * while waiting for the account, and a writer holding the account waits for the head (deadlock).
   */
  lockAccountFirst(m: EntityManager, agencyId: string): Promise<unknown> {
    return this.lockAccount(m, agencyId);
  }

  private lockAccount(m: EntityManager, agencyId: string): Promise<EscrowAccount | null> {
    return m.findOne(EscrowAccount, { where: { agencyId }, lock: { mode: 'pessimistic_write' } });
  }

  private accountView(a: EscrowAccount): EscrowAccountView {
    return {
      agencyId: a.agencyId,
      licenseType: a.licenseType,
      currency: a.currency,
      requiredMinor: this.requirements.requirementFor(a.licenseType).toString(),
      openedAt: a.openedAt.toISOString(),
    };
  }

  private positionOf(agencyId: string, account: EscrowAccount | null, balance: bigint): EscrowPosition {
    if (!account) {
      return {
        agencyId,
        open: false,
        licenseType: null,
        currency: this.requirements.currency(),
        requiredMinor: null,
        balanceMinor: balance.toString(),
        shortfallMinor: null,
        meetsRequirement: false,
      };
    }
    const required = this.requirements.requirementFor(account.licenseType);
    return {
      agencyId,
      open: true,
      licenseType: account.licenseType,
      currency: account.currency,
      requiredMinor: required.toString(),
      balanceMinor: balance.toString(),
      shortfallMinor: shortfallOf(balance, required).toString(),
      meetsRequirement: balance >= required,
    };
  }
}
