import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { formatLicenseNumber } from '@app/agencies';
import { AuditActor, AuditLog } from '@app/audit';
import { Accounts } from '@app/auth';
import { Actor, LANGUAGES } from '@app/common';
import {
  Clock,
  ConfigService,
  DomainException,
  FieldEncryption,
  normaliseEmail,
  NotFoundException,
  Page,
  PageQuery,
  StaleVersionException,
  ValidationFailedException,
  fieldAad,
  localDateOf,
  cappedCount,
  decodeCursor,
  encodeCursor,
  pageOf,
  pageOffset,
} from '@app/common';
import { CalendarsService, DeadlineService } from '@app/deadlines';
import { hasMessage, isLocale, translate } from '@app/i18n';
import { MailValue, Notifications, TemplateKey, mailDateIn, mailMoney, mailTerm } from '@app/notifications';
import {
  CLAIM_TYPES,
  ClaimType,
  DOCUMENT_CODES,
  DOCUMENT_LABELS,
  approvalCheck,
  eligibility,
  isClaimType,
  requiredDocuments,
  sameIdNumber,
  sameName,
  scheduledAmount,
} from '../core';
import { Beneficiaries } from '../beneficiaries/beneficiaries.service';
import { Contributions } from '../contributions/contributions.service';
import { WelfareClaim } from '../entities/welfare-claim.entity';
import { FundLedger } from '../ledger/fund-ledger.service';
import { CLAIM_LIFECYCLE, ClaimAction, ClaimActor, ELIGIBILITY_EXCEPTION_REASONS, allowedClaimActions } from '../lifecycle/claim-transitions';
import { BenefitSchedules, ruleOf, StoredRule } from '../schedules/benefit-schedules.service';
import { rethrowWelfare } from '../welfare-errors';
import { WELFARE_CLAIM_ACTION, WELFARE_CLAIM_STATE, WELFARE_CLAIM_TYPE, WELFARE_DOCUMENT_CODE } from '../api-enums';
import { nextStepOf } from './claim-next-step';

export const WELFARE_DECISION_KIND = 'welfare.decision';
export const WELFARE_CLAIM_SUBJECT = 'welfare_claim';
const SUBJECT = WELFARE_CLAIM_SUBJECT;
/** What a claimant who cannot prove being the member is told: the answer for a passport number without membership. */
const MEMBERSHIP = 'membership of yours with this passport number';

export interface FileClaimInput {
  claimType: string;
  workerPassportNumber: string;
  workerName: string;
  incidentDate: string;
  facts: string;
  claimedMinor?: string;
  currency?: string;
  degreePercent?: number;
  beneficiary?: { name: string; relationship: string; idNumber: string } | null;
  payout: string;
  language: string;
}

export interface ClaimActorContext {
  userId: string | null;
  roles: readonly string[];
  auditActor: AuditActor;
  correlationId?: string;
}

export interface ClaimActInput {
  version: number;
  reason?: string;
  documents?: string[];
  approvedMinor?: string;
  /** approve, outside eligibility (supervisor only): one of ELIGIBILITY_EXCEPTION_REASONS. */
  exceptionReason?: string;
  paidReference?: string;
  idempotencyKey?: string;
}

/** One eligibility check of a claim, computed on filing. */
export class ClaimEligibilityCheck {
  @ApiProperty({
    enum: ['membership-active', 'filed-in-window', 'not-paid-before'],
    example: 'membership-active',
    description:
      '`membership-active`: a membership period covers the incident date; `filed-in-window`: filed within the filing window after the incident; `not-paid-before`: for a one-time type, no claim of its group was paid for the same incident.',
  })
  check: string;

  @ApiProperty({ description: 'Whether the check passed.' })
  ok: boolean;

  @ApiProperty({
    example: 'membership active on 2026-02-20 (period 2026-02-01 to 2028-01-31)',
    description: 'A sentence for the officer and the claimant, naming the dates it was decided on (English).',
  })
  detail: string;
}

/** Eligibility of a claim, check by check, as computed on filing (and kept on the claim). */
export class ClaimEligibility {
  @ApiProperty({ description: 'True when every check is ok. An ineligible claim can still be approved with a `reason`.' })
  eligible: boolean;

  @ApiProperty({ type: [ClaimEligibilityCheck], description: 'Always all three checks, in this order: membership-active, filed-in-window, not-paid-before.' })
  checks: ClaimEligibilityCheck[];
}

/** A document of a claim's checklist, by its stable code and what it is. */
export class ClaimDocument {
  @ApiProperty({ ...WELFARE_DOCUMENT_CODE, example: 'death-certificate' })
  code: string;

  @ApiProperty({ example: 'Death certificate (local or foreign)', description: 'What the document is, in words (English).' })
  label: string;
}

/**
 * The documents asked for, named in the claimant's language (the mail's: `mail.term.document.<code>`),
 * as one value of the mail. The language is the message's own, so the list is written here.
 */
export function documentList(codes: readonly string[], language: string): string {
  const locale = isLocale(language) ? language : 'en';
  return codes
    .map((c) =>
      hasMessage(`mail.term.document.${c}`) ? translate(locale, `mail.term.document.${c}`) : (DOCUMENT_LABELS[c as keyof typeof DOCUMENT_LABELS] ?? c),
    )
    .join(', ');
}

/** A claim type and the documents a claim of it needs (what to gather before filing). */
export class ClaimTypeView {
  @ApiProperty({ ...WELFARE_CLAIM_TYPE, example: 'medical' })
  claimType: string;

  @ApiProperty({ type: [ClaimDocument], description: 'The checklist when the member claims, in order.' })
  documents: ClaimDocument[];

  @ApiProperty({
    type: [ClaimDocument],
    description: "The checklist when a named beneficiary claims: the member's list plus the claimant's identity document and proof of relationship.",
  })
  beneficiaryDocuments: ClaimDocument[];
}

/** Every claim type with its document checklists, in the order of CLAIM_TYPES. */
export const claimTypeViews = (): ClaimTypeView[] =>
  CLAIM_TYPES.map((claimType) => ({
    claimType,
    documents: requiredDocuments(claimType, 'worker').map((code) => ({ code, label: DOCUMENT_LABELS[code] })),
    beneficiaryDocuments: requiredDocuments(claimType, 'beneficiary').map((code) => ({ code, label: DOCUMENT_LABELS[code] })),
  }));

/** A claim approved outside eligibility: which checks it failed, the supervisor's reason from the list and who approved it. */
export class ClaimEligibilityException {
  @ApiProperty({
    enum: ELIGIBILITY_EXCEPTION_REASONS,
    enumName: 'EligibilityExceptionReason',
    example: 'late-filing-good-cause',
    description: 'The reason from the list (docs/welfare.md); the words are `decisionReason`.',
  })
  reason: string;

  @ApiProperty({ type: [String], example: ['filed-in-window'], description: 'The eligibility checks the claim failed when it was approved.' })
  failedChecks: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The supervisor who approved it.' })
  approvedBy: string | null;
}

/** The beneficiary who filed for the member (officers only; decrypted, the read audited). */
export class ClaimBeneficiary {
  @ApiProperty({ type: String, nullable: true, example: 'Liza Santos' })
  name: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'spouse', description: 'Their relationship to the member.' })
  relationship: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'UMID-0011-2233', description: 'Their identity document number.' })
  idNumber: string | null;
}

const MINOR_OR_NULL = { type: String, pattern: '^[0-9]+$', nullable: true } as const;

/** A welfare claim as its filer or an officer sees it. */
export class ClaimView {
  @ApiProperty({ format: 'uuid', description: "The claim's id." })
  id: string;

  @ApiProperty({ example: 'WC-2026-00123-2', description: "The claim's reference, `WC-<year>-<serial>-<check digit>`: quote it in any contact." })
  reference: string;

  @ApiProperty({ ...WELFARE_CLAIM_TYPE, example: 'death:natural' })
  claimType: string;

  @ApiProperty({ ...WELFARE_CLAIM_STATE, example: 'under_review', description: 'Where the claim is in its lifecycle (docs/welfare.md, "Lifecycle").' })
  state: string;

  @ApiProperty({ example: 'Rodel Santos', description: 'The member the claim is about.' })
  workerName: string;

  @ApiProperty({
    enum: ['worker', 'beneficiary', 'officer'],
    example: 'worker',
    description:
      "Who filed it: the member from their own account (`worker`), a beneficiary named on the member's register from their own account (`beneficiary`), or a welfare officer for the member or a beneficiary (`officer`).",
  })
  claimantKind: string;

  @ApiProperty({ format: 'date', example: '2026-02-20', description: 'The day of the death, accident, illness, repatriation...' })
  incidentDate: string;

  @ApiProperty({ format: 'date', example: '2026-03-02', description: 'The local date it was filed (home jurisdiction).' })
  filedOn: string;

  @ApiProperty({ example: 'Fell from scaffolding at the work site.', description: 'What happened, as the filer told it.' })
  facts: string;

  @ApiProperty({ ...MINOR_OR_NULL, example: null, description: 'Reimbursements: the amount claimed, in minor units of `currency`; null otherwise.' })
  claimedMinor: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 100,
    nullable: true,
    example: null,
    description: 'Partial disability: the degree in percent; null otherwise.',
  })
  degreePercent: number | null;

  @ApiProperty({ example: 'PHP', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code of every amount of the claim.' })
  currency: string;

  @ApiProperty({ type: ClaimEligibility })
  eligibility: ClaimEligibility;

  @ApiProperty({
    ...MINOR_OR_NULL,
    example: '20000000',
    description:
      'What the schedule in force on the incident date gives; null when no entry applies or it cannot be computed (the officer then states the amount).',
  })
  scheduledMinor: string | null;

  @ApiProperty({ ...MINOR_OR_NULL, example: null, description: 'The amount approved; null until approval.' })
  approvedMinor: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The reason given with the approval or the rejection.' })
  decisionReason: string | null;

  @ApiProperty({
    type: ClaimEligibilityException,
    nullable: true,
    description: 'Set when a supervisor approved the claim although it failed an eligibility check; null otherwise.',
  })
  eligibilityException: ClaimEligibilityException | null;

  @ApiProperty({ type: [ClaimDocument], description: "The documents this type of claim needs (a beneficiary's adds proof of relationship)." })
  checklist: ClaimDocument[];

  @ApiProperty({ type: [ClaimDocument], description: 'The documents asked for now (state `documents_requested`); empty otherwise.' })
  requestedDocuments: ClaimDocument[];

  @ApiProperty({ type: String, nullable: true, example: null, description: "The payment's reference, once payment is confirmed." })
  paidReference: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-04-01T01:00:00.000Z',
    description: 'When the decision is due (moved later by any time spent waiting for documents); null once decided.',
  })
  decisionDue: string | null;

  @ApiProperty({ example: 'A welfare officer is reviewing your claim.', description: "What happens next, in the claimant's language." })
  nextStep: string;

  @ApiProperty({ enum: LANGUAGES, enumName: 'Language', example: 'en', description: "The claimant's language: mails and `nextStep` are written in it." })
  language: string;

  @ApiProperty({
    ...WELFARE_CLAIM_ACTION,
    isArray: true,
    example: ['take'],
    description: "The actions the claim's current state allows (the caller's role may still refuse some).",
  })
  allowedActions: string[];

  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'Send it back with an action; a stale one is 409 `stale-version`.' })
  version: number;

  @ApiPropertyOptional({
    type: ClaimBeneficiary,
    nullable: true,
    description: 'Officers only (the read is audited): the beneficiary who filed, decrypted; null when the worker or an officer filed. Absent for filers.',
  })
  beneficiary?: ClaimBeneficiary | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'BDO 0012-3456-78',
    description: 'Officers only (the read is audited): where to pay, decrypted. Absent for filers.',
  })
  payout?: string | null;
}

/** The eligibility checks a claim failed (names, in the order of the checks). */
const failedChecks = (c: WelfareClaim): string[] => c.eligibility.checks.filter((x) => !x.ok).map((x) => x.check);

/**
 * Welfare claims: filing (the member from their own account, or a welfare officer for them or a beneficiary) with
 * eligibility and the scheduled amount computed and shown; the lifecycle (one table) with the
 * decision deadline paused while documents are requested; approval posting the payable and
 * disbursement paying it out of the fund exactly once per Idempotency-Key. Each step mails the
 * claimant in their language.
 */
@Injectable()
export class WelfareClaims {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly audit: AuditLog,
    private readonly crypto: FieldEncryption,
    private readonly deadlines: DeadlineService,
    private readonly calendars: CalendarsService,
    private readonly notifications: Notifications,
    private readonly contributions: Contributions,
    private readonly schedules: BenefitSchedules,
    private readonly ledger: FundLedger,
    private readonly beneficiaries: Beneficiaries,
    private readonly accounts: Accounts,
  ) {}

  /** Files a claim, in one transaction (see fileIn). */
  file(input: FileClaimInput, actor: Actor): Promise<ClaimView> {
    return this.db.transaction((m) => this.fileIn(m, input, actor));
  }

  /** Files a claim in the caller's transaction. */
  async fileIn(m: EntityManager, input: FileClaimInput, actor: ClaimActorContext): Promise<ClaimView> {
    if (!isClaimType(input.claimType))
      throw new ValidationFailedException([{ field: 'claimType', message: `must be one of ${CLAIM_TYPES.join(', ')}`, rule: 'isIn' }]);
    const type = input.claimType as ClaimType;
    const officer = actor.roles.includes('welfare_officer') || actor.roles.includes('supervisor');
    if (!officer) await this.proveClaimant(m, input, actor);
    else await this.checkOfficerFiling(m, input);
    const claimantKind = officer ? 'officer' : input.beneficiary ? 'beneficiary' : 'worker';
    const calendar = await this.calendars.calendarOf(this.config.get('deadlines').DEADLINE_DEFAULT_JURISDICTION, m);
    const today = localDateOf(calendar, this.clock.now());
    if (input.incidentDate > today)
      throw new ValidationFailedException([{ field: 'incidentDate', message: `is in the future (today is ${today})`, rule: 'notInFuture' }]);
    const { periods } = await this.contributions.membership(m, input.workerPassportNumber);
    const prior = (await m.query(
      `SELECT claim_type, incident_date::text AS incident_date FROM welfare_claim WHERE worker_passport_number = $1 AND state = 'paid'`,
      [input.workerPassportNumber],
    )) as { claim_type: ClaimType; incident_date: string }[];
    let verdict;
    try {
      verdict = eligibility({
        type,
        incidentDate: input.incidentDate,
        filedOn: today,
        periods,
        windowDays: this.config.get('welfare').WELFARE_FILING_WINDOW_DAYS,
        priorPaidClaims: prior.map((p) => ({ type: p.claim_type, incidentDate: p.incident_date })),
      });
    } catch (e) {
      rethrowWelfare(e);
    }
    const entry = await this.schedules.inForce(m, type, input.incidentDate);
    let scheduled: bigint | null = null;
    const currency = entry ? ((entry.rule as { currency: string }).currency ?? this.ledger.currency()) : this.ledger.currency();
    if (entry) {
      try {
        scheduled = scheduledAmount(ruleOf(entry.rule as unknown as StoredRule), {
          claimedMinor: input.claimedMinor ? BigInt(input.claimedMinor) : undefined,
          currency: input.claimedMinor ? (input.currency ?? currency) : undefined,
          degreePercent: input.degreePercent,
        }).amountMinor;
      } catch (e) {
        rethrowWelfare(e);
      }
    }
    const [{ serial }] = (await m.query(`SELECT nextval('welfare_claim_serial_seq')::int AS serial`)) as { serial: number }[];
    const id = randomUUID();
    const enc = (v: string | null | undefined, field: string) => (v ? this.crypto.encrypt(v, fieldAad('welfare_claim', id, field)) : null);
    const now = this.clock.now();
    const claim = m.create(WelfareClaim, {
      id,
      reference: formatLicenseNumber('WC', Number(today.slice(0, 4)), serial),
      claimType: type,
      state: 'submitted',
      workerPassportNumber: input.workerPassportNumber,
      workerName: input.workerName,
      claimantKind,
      filedBy: actor.userId,
      beneficiaryNameEnc: enc(input.beneficiary?.name, 'beneficiary_name'),
      beneficiaryRelationship: input.beneficiary?.relationship ?? null,
      beneficiaryIdEnc: enc(input.beneficiary?.idNumber, 'beneficiary_id'),
      payoutEnc: enc(input.payout, 'payout'),
      incidentDate: input.incidentDate,
      filedOn: today,
      facts: input.facts,
      claimedMinor: input.claimedMinor ?? null,
      degreePercent: input.degreePercent ?? null,
      currency,
      eligibility: verdict!,
      scheduledMinor: scheduled?.toString() ?? null,
      scheduleEntryId: entry?.id ?? null,
      approvedMinor: null,
      decisionReason: null,
      eligibilityException: null,
      decidedBy: null,
      decidedAt: null,
      requestedDocuments: [],
      paidReference: null,
      language: input.language,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await m.insert(WelfareClaim, claim);
    const deadline = await this.deadlines.start(m, {
      kind: WELFARE_DECISION_KIND,
      subjectType: SUBJECT,
      subjectId: id,
      label: `Welfare claim ${claim.reference}: decision`,
    });
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'welfare.claim.filed',
      subjectType: SUBJECT,
      subjectId: id,
      changes: { reference: claim.reference, claimType: type, claimantKind, eligible: verdict!.eligible, scheduledMinor: claim.scheduledMinor },
      correlationId: actor.correlationId,
    });
    await this.mail(
      m,
      claim,
      'welfare.claim-received',
      { claimType: mailTerm(`mail.term.claimType.${type}`), decisionDue: mailDateIn(deadline.dueAt, calendar.timeZone) },
      'received',
    );
    return this.viewOf(m, claim, false);
  }

  /**
   * A claimant filing from their own account proves who they are before anything is read about
   * the passport number (issue 17, extended by the beneficiary register in issue 20):
   * - **the member**: their account is the member's (`Contributions.isMemberAccount`) and the
   *   worker's name they give matches a name the member was placed under;
   * - **a named beneficiary** (`beneficiary` given): an active entry of the member's register
   *   carries the caller's account address, the name and the identity number they give, and the
   *   worker's name matches the member's.
   * Every refusal is the one 404 a passport number without a membership gets (same status, code
   * and text), so filing reveals nothing about another person's membership, register or payments.
   */
  private async proveClaimant(m: EntityManager, input: FileClaimInput, actor: ClaimActorContext): Promise<void> {
    const refuse = () => new NotFoundException(MEMBERSHIP);
    if (!actor.userId) throw refuse();
    const memberNamed = (await this.contributions.memberNames(m, input.workerPassportNumber)).some((n) => sameName(n, input.workerName));
    if (!input.beneficiary) {
      if (!memberNamed || !(await this.contributions.isMemberAccount(m, input.workerPassportNumber, actor.userId))) throw refuse();
      return;
    }
    const [caller] = await this.accounts.active(m, { ids: [actor.userId] });
    const b = input.beneficiary;
    const named =
      memberNamed && caller
        ? (await this.beneficiaries.named(m, input.workerPassportNumber)).some(
            (e) => e.email !== null && e.email === normaliseEmail(caller.email) && sameName(e.name, b.name) && sameIdNumber(e.idNumber, b.idNumber),
          )
        : false;
    if (!named) throw refuse();
  }

  /**
   * An officer files for anyone, but the claimant must be entitled too: the worker's name must match
   * a name the member was placed under (when the passport number has a membership: without one
   * there is nothing to compare and the claim shows it is not eligible), and a beneficiary must be
   * named on the member's register (name and identity number). Officers are told why (422).
   */
  private async checkOfficerFiling(m: EntityManager, input: FileClaimInput): Promise<void> {
    const names = await this.contributions.memberNames(m, input.workerPassportNumber);
    if (names.length && !names.some((n) => sameName(n, input.workerName))) {
      throw new DomainException(
        'member-name-mismatch',
        422,
        'Unprocessable content',
        "The worker's name does not match the name the member holding this passport number was placed under.",
        { field: 'workerName' },
      );
    }
    const b = input.beneficiary;
    if (b && !(await this.beneficiaries.named(m, input.workerPassportNumber)).some((e) => sameName(e.name, b.name) && sameIdNumber(e.idNumber, b.idNumber))) {
      throw new DomainException(
        'not-a-named-beneficiary',
        422,
        'Unprocessable content',
        "No beneficiary with this name and identity number is on the member's register: name them first (POST /welfare/members/{passport}/beneficiaries, with proof).",
        { field: 'beneficiary' },
      );
    }
  }

  async act(id: string, action: ClaimAction, input: ClaimActInput, actor: ClaimActorContext): Promise<ClaimView> {
    return this.db.transaction(async (m) => {
      const claim = await m.findOne(WelfareClaim, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!claim) throw new NotFoundException('claim');
      // A retried disbursement (same Idempotency-Key) answers what the first did and writes nothing.
      if (action === 'disburse' && input.idempotencyKey && claim.state !== 'approved') {
        const done = (await m.query(`SELECT 1 FROM fund_entry WHERE idempotency_key = $1 AND claim_id = $2`, [
          `disburse:${input.idempotencyKey}`,
          id,
        ])) as unknown[];
        if (done.length) return this.viewOf(m, claim, true);
      }
      if (claim.version !== input.version) throw new StaleVersionException('claim', claim.version);
      const approved = input.approvedMinor !== undefined ? BigInt(input.approvedMinor) : claim.scheduledMinor !== null ? BigInt(claim.scheduledMinor) : null;
      const check =
        action === 'approve' && approved !== null && claim.scheduledMinor !== null
          ? approvalCheck({ amountMinor: BigInt(claim.scheduledMinor), currency: claim.currency.trim() }, approved, {
              supervisorApproved: actor.roles.includes('supervisor'),
              reason: input.reason,
            })
          : null;
      const overSchedule = action === 'approve' && (claim.scheduledMinor === null || (approved !== null && approved > BigInt(claim.scheduledMinor)));
      if (action === 'approve' && approved === null)
        throw new ValidationFailedException([{ field: 'approvedMinor', message: 'no schedule gives an amount for this claim: state it', rule: 'required' }]);
      if (input.exceptionReason !== undefined && (action !== 'approve' || claim.eligibility.eligible)) {
        throw new ValidationFailedException([
          {
            field: 'exceptionReason',
            message: action !== 'approve' ? 'is only for an approval' : 'is only for a claim outside eligibility: this claim is eligible',
            rule: 'notApplicable',
          },
        ]);
      }
      const unknownDocs = (input.documents ?? []).filter((d) => !(DOCUMENT_CODES as readonly string[]).includes(d));
      if (unknownDocs.length)
        throw new ValidationFailedException([{ field: 'documents', message: `unknown document codes: ${unknownDocs.join(', ')}`, rule: 'documentCode' }]);
      const actors = actor.roles.filter((r): r is ClaimActor => r === 'welfare_officer' || r === 'supervisor');
      const row = CLAIM_LIFECYCLE.decide(claim.state, action, actors, {
        reason: input.reason ?? null,
        requestedDocuments: input.documents ?? [],
        eligible: claim.eligibility.eligible,
        overSchedule,
        bySupervisor: actor.roles.includes('supervisor'),
        exceptionReason: input.exceptionReason ?? null,
        paidReference: input.paidReference ?? null,
      });
      if (check && !check.ok && !(overSchedule && actor.roles.includes('supervisor') && input.reason?.trim())) {
        throw new ValidationFailedException(check.failures.map((f) => ({ field: 'approvedMinor', message: f.detail, rule: f.rule })));
      }
      const from = claim.state;
      claim.state = row.to;
      claim.version += 1;
      claim.updatedAt = this.clock.now();
      const changes: Record<string, unknown> = { state: { from, to: claim.state } };
      switch (action) {
        case 'request-documents':
          claim.requestedDocuments = input.documents!;
          changes.documents = claim.requestedDocuments;
          await this.deadlines.pause(m, SUBJECT, id, WELFARE_DECISION_KIND);
          await this.mail(
            m,
            claim,
            'welfare.documents-requested',
            { documents: documentList(claim.requestedDocuments, claim.language) },
            `documents:${claim.version}`,
          );
          break;
        case 'documents-received':
          claim.requestedDocuments = [];
          await this.deadlines.resume(m, SUBJECT, id, WELFARE_DECISION_KIND);
          break;
        case 'approve':
          claim.approvedMinor = approved!.toString();
          claim.decisionReason = input.reason ?? null;
          claim.decidedBy = actor.userId;
          claim.decidedAt = claim.updatedAt;
          changes.approvedMinor = claim.approvedMinor;
          changes.scheduledMinor = claim.scheduledMinor;
          if (!claim.eligibility.eligible) {
            // Outside eligibility (a supervisor, a reason from the list and words: the table's guard).
            claim.eligibilityException = input.exceptionReason!;
            changes.outsideEligibility = { exceptionReason: claim.eligibilityException, failedChecks: failedChecks(claim) };
          }
          await this.ledger.approval(m, id, approved!, actor.userId);
          await this.deadlines.meet(m, SUBJECT, id, WELFARE_DECISION_KIND);
          await this.mail(m, claim, 'welfare.claim-approved', { amount: mailMoney(approved!, claim.currency) }, 'approved');
          break;
        case 'reject':
          claim.decisionReason = input.reason!.trim();
          claim.decidedBy = actor.userId;
          claim.decidedAt = claim.updatedAt;
          await this.deadlines.meet(m, SUBJECT, id, WELFARE_DECISION_KIND);
          await this.mail(m, claim, 'welfare.claim-rejected', { reason: claim.decisionReason }, 'rejected');
          break;
        case 'disburse': {
          if (!input.idempotencyKey)
            throw new DomainException('idempotency-key-required', 400, 'Bad request', 'A disbursement needs an Idempotency-Key header.');
          const posted = await this.ledger.disbursement(m, id, BigInt(claim.approvedMinor!), input.idempotencyKey, actor.userId);
          changes.fundEntry = posted.seq;
          await this.mail(m, claim, 'welfare.claim-disbursed', { amount: mailMoney(claim.approvedMinor!, claim.currency) }, 'disbursed');
          break;
        }
        case 'confirm-payment':
          claim.paidReference = input.paidReference!.trim();
          await this.mail(
            m,
            claim,
            'welfare.claim-paid',
            { amount: mailMoney(claim.approvedMinor!, claim.currency), paidReference: claim.paidReference },
            'paid',
          );
          break;
      }
      await m.save(WelfareClaim, claim);
      await this.audit.append(m, {
        actor: actor.auditActor,
        action: row.effects.audit,
        subjectType: SUBJECT,
        subjectId: id,
        changes: { ...changes, ...(input.reason ? { reason: input.reason } : {}) },
        correlationId: actor.correlationId,
      });
      return this.viewOf(m, claim, true);
    });
  }

  /** Officers see every claim (details decrypted, audited); a worker or beneficiary only the claims they filed (others: 404). */
  async get(id: string, actor: ClaimActorContext): Promise<ClaimView> {
    const claim = await this.db.manager.findOne(WelfareClaim, { where: { id } });
    const officer = actor.roles.some((r) => r === 'welfare_officer' || r === 'supervisor');
    if (!claim || (!officer && claim.filedBy !== actor.userId)) throw new NotFoundException('claim');
    if (officer) {
      await this.db.transaction((m) =>
        this.audit.append(m, {
          actor: actor.auditActor,
          action: 'welfare.claim.details-viewed',
          subjectType: SUBJECT,
          subjectId: id,
          changes: {},
          correlationId: actor.correlationId,
        }),
      );
    }
    return this.viewOf(this.db.manager, claim, officer);
  }

  /**
   * Newest filing first (created_at, then id, descending), by keyset (`cursor`) or offset
   * (`page`); the decision deadlines of the page's claims in one query; `total` counts up to TOTAL_CAP.
   */
  async list(q: PageQuery & { cursor?: string; state?: string; claimType?: string }, actor: ClaimActorContext): Promise<Page<ClaimView>> {
    const officer = actor.roles.some((r) => r === 'welfare_officer' || r === 'supervisor');
    const qb = this.db.manager.createQueryBuilder(WelfareClaim, 'c');
    if (!officer) qb.andWhere('c.filed_by = :me', { me: actor.userId });
    if (q.state) qb.andWhere('c.state = :s', { s: q.state });
    if (q.claimType) qb.andWhere('c.claim_type = :t', { t: q.claimType });
    const { total, capped } = await cappedCount(qb);
    if (q.cursor) {
      const [at, id] = decodeCursor(q.cursor, ['timestamp', 'uuid']);
      qb.andWhere('(c.created_at, c.id) < (:cat::timestamptz, :cid::uuid)', { cat: at, cid: id });
    } else {
      qb.offset(pageOffset(q));
    }
    // The key's time as Postgres writes it: a JavaScript Date would drop the microseconds.
    const { entities, raw } = await qb
      .addSelect('c.created_at::text', 'created_key')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(q.pageSize + 1)
      .getRawAndEntities();
    const claims = entities.slice(0, q.pageSize);
    const decisions = await this.deadlines.openOfSubjects(
      this.db.manager,
      SUBJECT,
      claims.map((c) => c.id),
      WELFARE_DECISION_KIND,
    );
    const last = claims[claims.length - 1];
    const lastKey = last ? (raw as Record<string, string>[]).find((r) => r['c_id'] === last.id)?.['created_key'] : undefined;
    return {
      ...pageOf(
        claims.map((c) => this.viewWith(c, false, decisions.get(c.id)?.dueAt ?? null)),
        total,
        q,
      ),
      next: entities.length > q.pageSize && last && lastKey ? encodeCursor([lastKey, last.id]) : null,
      totalCapped: capped,
    };
  }

  private async viewOf(m: EntityManager, c: WelfareClaim, officer: boolean): Promise<ClaimView> {
    const decision = (await this.deadlines.listForSubject(m, SUBJECT, c.id)).find((d) => d.kind === WELFARE_DECISION_KIND);
    return this.viewWith(c, officer, decision && ['pending', 'paused', 'breached'].includes(decision.state) ? decision.dueAt : null);
  }

  /** The claim's view, given when its decision is due (null: no open decision deadline). */
  private viewWith(c: WelfareClaim, officer: boolean, decisionDue: string | null): ClaimView {
    const dec = (v: string | null, field: string) => (v ? this.crypto.decrypt(v, fieldAad('welfare_claim', c.id, field)) : null);
    return {
      id: c.id,
      reference: c.reference,
      claimType: c.claimType,
      state: c.state,
      workerName: c.workerName,
      claimantKind: c.claimantKind,
      incidentDate: c.incidentDate,
      filedOn: c.filedOn,
      facts: c.facts,
      claimedMinor: c.claimedMinor,
      degreePercent: c.degreePercent,
      currency: c.currency.trim(),
      eligibility: c.eligibility,
      scheduledMinor: c.scheduledMinor,
      approvedMinor: c.approvedMinor,
      decisionReason: c.decisionReason,
      eligibilityException: c.eligibilityException ? { reason: c.eligibilityException, failedChecks: failedChecks(c), approvedBy: c.decidedBy } : null,
      checklist: requiredDocuments(c.claimType as ClaimType, c.claimantKind === 'beneficiary' || c.beneficiaryNameEnc !== null ? 'beneficiary' : 'worker').map(
        (code) => ({ code, label: DOCUMENT_LABELS[code] }),
      ),
      requestedDocuments: c.requestedDocuments.map((code) => ({ code, label: DOCUMENT_LABELS[code as keyof typeof DOCUMENT_LABELS] ?? code })),
      paidReference: c.paidReference,
      decisionDue,
      nextStep: nextStepOf(c.state, c.language),
      language: c.language,
      allowedActions: allowedClaimActions(c.state),
      version: c.version,
      ...(officer
        ? {
            beneficiary: c.beneficiaryNameEnc
              ? {
                  name: dec(c.beneficiaryNameEnc, 'beneficiary_name'),
                  relationship: c.beneficiaryRelationship,
                  idNumber: dec(c.beneficiaryIdEnc, 'beneficiary_id'),
                }
              : null,
            payout: dec(c.payoutEnc, 'payout'),
          }
        : {}),
    };
  }

  /** To whoever filed the claim (an officer filing for someone: nobody is mailed). */
  private async mail(m: EntityManager, c: WelfareClaim, template: TemplateKey, data: Record<string, MailValue>, step: string): Promise<void> {
    if (!c.filedBy || c.claimantKind === 'officer') return;
    // Every mail links to the claim's page in the filer's account (the web's address, AUTH_LINK_BASE_URL).
    const claimUrl = new URL(`/account/welfare/claims/${c.id}`, this.config.get('auth').AUTH_LINK_BASE_URL).toString();
    // Addressed to the filer's account (its address is read when the mail is sent; a disabled account gets none), in the claim's language.
    await this.notifications.enqueue(m, {
      to: { user: c.filedBy },
      template,
      language: c.language as 'en',
      data: { referenceNumber: c.reference, claimUrl, ...data },
      dedupKey: `${template}:${c.id}:${step}`,
    });
  }
}
