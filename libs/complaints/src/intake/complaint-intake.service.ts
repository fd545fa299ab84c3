import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { agencyIdByLegalName, normaliseLicenseNumber } from '@app/agencies';
import { AuditActor, AuditEntryInput, AuditLog } from '@app/audit';
import { Actor, Clock, ConfigService, FieldEncryption, ValidationFailedException, fieldAad, normaliseEmail } from '@app/common';
import { NamedPart, composeStatement, preparedQuery } from '@app/database';
import { DeadlineService } from '@app/deadlines';
import { Audience, NotificationMessage, Notifications } from '@app/notifications';
import { COMPLAINT_DEADLINES, COMPLAINT_SUBJECT } from '../deadlines/complaint-deadline-kinds';
import { Complaint, ComplaintChannel, ComplaintSource, StoredContractCheck, StoredFeeCheck } from '../entities';
import { FarePayer, FeeCalculator, ModelContracts, compareStated, placementReference } from '@app/fees';
import { ALLEGATION_CATEGORIES } from '../penalties';
import { AllegationInput, caseParts } from './insert-case';

export type { AllegationInput };
import { urgentReasons } from './priority';
import { accountCaseLink, formatComplaintReference, hashSecret, newTrackingSecret, trackingLink } from './references';
import { readRegistration } from './registration';

/** The window of the acknowledgement cap (COMPLAINTS_ACK_MAILS_PER_ADDRESS_PER_DAY). */
const ACK_WINDOW_MS = 24 * 3_600_000;

/** The acknowledgement cap as the filing statement asks it (complaint_ack_room): whose address, since when, how many. */
interface AckCap {
  emailIndex: string;
  since: Date;
  perDay: number;
}

/**
 * Filings' audit entries go to 16 chains of their own (`complaints-intake-0` … `-15`) so that
 * filings at once do not all queue on one chain's lock. The chain is the case id's last byte & 15:
 * the same shard as the case's row in inspector_workload (its trigger), so a filing waits on at
 * most one other filing's locks, not on two independent ones.
 */
export const complaintIntakeChain = (complaintId: string): string => `complaints-intake-${parseInt(complaintId.slice(-2), 16) & 15}`;

/** What the complainant says they paid, with the job it was for: checked by the fees module. */
export interface StatedFees {
  occupationCategory: string;
  monthlySalaryMinor: string;
  salaryCurrency: string;
  fees: { item: string; amountMinor: string; currency: string; date: string }[];
}

/** The terms of the contract the worker actually got, for a placement of theirs: compared with the registered contract. */
export interface StatedContract {
  placementId: string;
  monthlySalaryMinor?: string | null;
  salaryCurrency?: string | null;
  hoursPerWeek?: number | null;
  restDaysPerWeek?: number | null;
  paidLeaveDaysPerYear?: number | null;
  contractMonths?: number | null;
  farePaidBy?: FarePayer | null;
}

export interface FileComplaintInput {
  /** The recruiter: a license number, a name, or (unlicensed) a description in words; at least one. */
  licenseNumber?: string | null;
  agencyName?: string | null;
  recruiterDescription?: string | null;
  employerName?: string | null;
  destinationCountry?: string | null;
  allegations: AllegationInput[];
  complainantName?: string | null;
  email?: string | null;
  phone?: string | null;
  language: string;
  anonymous?: boolean;
  identityProtected?: boolean;
  workerAbroad?: boolean;
  statedFees?: StatedFees | null;
  statedContract?: StatedContract | null;
}

export interface IntakeContext {
  source: ComplaintSource;
  channel: ComplaintChannel;
  /** The worker account filing it (source 'worker'). */
  complainantUserId?: string | null;
  auditActor: AuditActor;
  actorId: string | null;
  correlationId?: string;
  /** System intake: the domain event it comes from (one case per event), the placement and refund orders. */
  sourceEventId?: string;
  agencyId?: string;
  placementId?: string | null;
  refundOrderIds?: string[];
  /** An inspection case the system opens on a pattern of complaints (default: a complaint). */
  kind?: 'complaint' | 'inspection';
}

export interface FiledComplaint {
  complaint: Complaint;
  /** Shown once (public path only); stored only as a hash. */
  trackingSecret: string | null;
}

/**
 * Registers complaints from the four doors (public, worker account, inspector on behalf of a
 * walk-in or hotline caller, the system) in one transaction: the case with its allegations, the
 * complainant's contact details encrypted, the triage deadline (shorter when urgent), the
 * assignment to the least-loaded inspector, the audit entry and, once registered, the
 * acknowledgement mail. No IP address is taken or stored.
 */
@Injectable()
export class ComplaintIntake {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly audit: AuditLog,
    private readonly crypto: FieldEncryption,
    private readonly deadlines: DeadlineService,
    private readonly notifications: Notifications,
    private readonly calculator: FeeCalculator,
    private readonly contracts: ModelContracts,
  ) {}

  /**
   * A complaint filed through the API, in one transaction: on the public form (never tied to who
   * sends it: audited as `anonymous`), from a worker's account (the worker is its complainant), or
   * by an inspector at the desk or on the hotline.
   */
  fileBy(input: FileComplaintInput, via: { source: 'public' | 'worker' | 'inspector'; channel: ComplaintChannel }, actor: Actor): Promise<FiledComplaint> {
    const ctx: IntakeContext =
      via.source === 'public'
        ? { source: 'public', channel: via.channel, auditActor: { role: 'anonymous' }, actorId: null, correlationId: actor.correlationId }
        : {
            source: via.source,
            channel: via.channel,
            ...(via.source === 'worker' ? { complainantUserId: actor.userId } : {}),
            auditActor: actor.auditActor,
            actorId: actor.userId,
            correlationId: actor.correlationId,
          };
    // Not in a transaction: filing reads, then writes in one statement that is its own transaction
    // (file()). One connection for both, so that each statement is prepared once per connection.
    const runner = this.db.createQueryRunner();
    return this.file(runner.manager, input, ctx).finally(() => runner.release());
  }

  /**
   * Files the case through `m`: in the caller's transaction (the system door, with the change that
   * caused the case), or through a connection outside any (fileBy). Either way everything it
   * writes (the triage deadline, the acknowledgement, the case with its allegations, timeline entry
   * and digest line, the audit entry) is one statement, after one read (docs/benchmarks.md,
   * "Filing in one statement"): every part is written or none.
   */
  async file(m: EntityManager, input: FileComplaintInput, ctx: IntakeContext): Promise<FiledComplaint> {
    const problems = inputProblems(input, ctx);
    if (problems.length) throw new ValidationFailedException(problems);
    const jurisdictionCode = this.config.get('deadlines').DEADLINE_DEFAULT_JURISDICTION;
    const now = this.clock.now();
    const feeCheck = input.statedFees && input.destinationCountry ? await this.checkFees(input.destinationCountry, input.statedFees) : null;
    const contract = input.statedContract ? await this.checkContract(m, input.statedContract, ctx) : null;
    if (contract?.check.substitution && !input.allegations.some((a) => a.category === 'contract-substitution')) {
      // Flagged on the case: the differences become an allegation of contract substitution.
      const lines = contract.check.terms.filter((t) => t.differs).map((t) => `${t.term}: registered ${t.registered ?? 'nothing'}, stated ${t.stated}`);
      input = {
        ...input,
        allegations: [
          ...input.allegations,
          {
            category: 'contract-substitution',
            facts: `The contract the worker states differs from the one registered with placement ${contract.check.placementReference}: ${lines.join('; ')}.`,
          },
        ],
      };
    }
    const reasons = urgentReasons(input.allegations, input.workerAbroad === true);
    if (feeCheck?.serious) reasons.push('protected-category-fee');
    const secret = ctx.source === 'system' ? null : newTrackingSecret();
    const anonymous = input.anonymous === true && ctx.source === 'public';
    const contactEmailIndex = input.email && !anonymous ? this.crypto.blindIndex(normaliseEmail(input.email), 'complaint-email') : null;
    const triageKind = reasons.length ? COMPLAINT_DEADLINES.triageUrgent : COMPLAINT_DEADLINES.triage;
    const registration = await readRegistration(m, !ctx.agencyId && input.licenseNumber ? normaliseLicenseNumber(input.licenseNumber) : null, {
      kind: triageKind,
      jurisdictionCode,
    });
    const agencyId = ctx.agencyId ?? registration.licenseAgencyId ?? (await this.agencyByName(m, input.agencyName)) ?? contract?.agencyId ?? null;
    const assignee = registration.assignee;
    const id = randomUUID();
    const enc = (value: string | null | undefined, field: string) =>
      value && !anonymous ? this.crypto.encrypt(value.trim(), fieldAad('complaint', id, field)) : null;
    const complaint: Complaint = Object.assign(new Complaint(), {
      id,
      reference: formatComplaintReference(now.getUTCFullYear(), registration.serial),
      source: ctx.source,
      kind: ctx.kind ?? 'complaint',
      channel: ctx.channel,
      stage: 'submitted' as const,
      outcome: null,
      priority: reasons.length ? ('urgent' as const) : ('normal' as const),
      urgentReasons: reasons,
      agencyId,
      recruiterGiven: [input.licenseNumber, input.agencyName, input.recruiterDescription].filter((x) => x?.trim()).join(' / ') || null,
      employerName: input.employerName?.trim() || null,
      destinationCountry: input.destinationCountry ?? null,
      placementId: ctx.placementId ?? contract?.check.placementId ?? null,
      jurisdictionCode,
      language: input.language,
      complainantUserId: ctx.complainantUserId ?? null,
      complainantNameEnc: enc(input.complainantName, 'complainant_name'),
      contactEmailEnc: enc(input.email, 'contact_email'),
      contactPhoneEnc: enc(input.phone, 'contact_phone'),
      contactEmailIndex,
      anonymous,
      identityProtected: input.identityProtected === true || anonymous,
      workerAbroad: input.workerAbroad === true,
      secretHash: secret ? hashSecret(secret) : null,
      assignedTo: assignee?.id ?? null,
      inSupervisorQueue: false,
      referralTarget: null,
      closeReason: null,
      conciliationExtended: false,
      settlement: null,
      hearing: null,
      agencyAnswer: null,
      sourceEventId: ctx.sourceEventId ?? null,
      refundOrderIds: ctx.refundOrderIds ?? [],
      feeCheck,
      contractCheck: contract?.check ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    });
    const cap = this.ackCap(ctx, contactEmailIndex);
    const mail = await this.notifications.enqueuePart(m, this.acknowledgement(complaint, input, ctx, cap), cap ? '(SELECT room FROM ack_room)' : undefined);
    const triage = this.deadlines.startPart(
      {
        kind: triageKind,
        subjectType: COMPLAINT_SUBJECT,
        subjectId: id,
        label: `Case ${complaint.reference}: triage`,
        jurisdictionCode,
        assigneeUserId: assignee?.id ?? null,
      },
      registration.triageSetup,
    );
    const parts: NamedPart[] = [
      // The acknowledgement cap's lock and count (complaint_ack_room), when the mail depends on it.
      ...(cap && mail
        ? [{ name: 'ack_room', sql: 'SELECT complaint_ack_room($1, $2, $3, $4) AS room', values: [cap.emailIndex, cap.since, cap.perDay, id] }]
        : []),
      { name: 'triage', ...triage.part },
      ...(mail ? [{ name: 'ack_mail', ...mail }] : []),
      // With the case, when assigned, its line in the inspector's next digest (AssignmentDigest), not
      // one mail per case: filing must not let anyone mail an inspector at the public door's rate.
      ...caseParts(
        m,
        complaint,
        input.allegations,
        { actorId: ctx.actorId, actorRole: ctx.auditActor === 'system' ? 'system' : ctx.auditActor.role },
        { part: 'triage', nextDueAt: triage.dueAt },
      ),
      // After the case row: the chain's lock is taken after the row's (docs/complaints.md, "Filing in one statement").
      { name: 'audit_entry', ...this.audit.appendPart(submittedEntry(complaint, input, ctx), 'filed_case') },
    ];
    // The answer reads the case row, then the audit entry: that is what runs them first, in that
    // order (the chain's lock before the cap's; docs/complaints.md). Nothing in it is needed: every part
    // is written or the statement fails.
    const statement = composeStatement(parts, { sql: 'SELECT (SELECT count(*) FROM filed_case), (SELECT count(*) FROM audit_entry)', values: [] });
    await preparedQuery(m, statement.sql, statement.values);
    return { complaint, trackingSecret: secret };
  }

  /**
   * The worker's account of the contract they actually got, against the contract registered with
   * the placement (issue 20). A worker states it for a placement of theirs (the placement's worker
   * account is theirs), an inspector for any placement; anything else is a 400 naming
   * `statedContract.placementId` (the same whether the placement exists or is someone else's).
   * Every stated term is set beside the registered one; any difference flags contract substitution.
   */
  private async checkContract(m: EntityManager, stated: StatedContract, ctx: IntakeContext): Promise<{ check: StoredContractCheck; agencyId: string }> {
    const found = await this.contracts.registeredTerms(m, stated.placementId);
    const mine = found && (ctx.source === 'inspector' || (ctx.complainantUserId != null && found.placement.workerUserId === ctx.complainantUserId));
    if (!found || !mine)
      throw new ValidationFailedException([{ field: 'statedContract.placementId', message: 'is not a placement recorded for you', rule: 'ownPlacement' }]);
    const statedTerms = {
      monthlySalaryMinor: stated.monthlySalaryMinor != null ? BigInt(stated.monthlySalaryMinor) : null,
      salaryCurrency: stated.salaryCurrency ?? null,
      hoursPerWeek: numOrNull(stated.hoursPerWeek),
      restDaysPerWeek: numOrNull(stated.restDaysPerWeek),
      paidLeaveDaysPerYear: numOrNull(stated.paidLeaveDaysPerYear),
      contractMonths: numOrNull(stated.contractMonths),
      farePaidBy: stated.farePaidBy ?? null,
    };
    const differences = compareStated(found.terms, statedTerms);
    const r = found.terms;
    const rows: StoredContractCheck['terms'] = [];
    const add = (term: string, registered: string | null, value: string | null) => {
      if (value === null) return;
      rows.push({ term, registered, stated: value, differs: differences.some((d) => d.term === term) });
    };
    add(
      'monthly-salary',
      r.monthlySalaryMinor !== null ? `${r.monthlySalaryMinor} ${r.salaryCurrency}` : null,
      statedTerms.monthlySalaryMinor !== null ? `${statedTerms.monthlySalaryMinor} ${statedTerms.salaryCurrency}` : null,
    );
    add('hours-per-week', r.hoursPerWeek?.toString() ?? null, statedTerms.hoursPerWeek?.toString() ?? null);
    add('rest-days-per-week', r.restDaysPerWeek?.toString() ?? null, statedTerms.restDaysPerWeek?.toString() ?? null);
    add('paid-leave-days-per-year', r.paidLeaveDaysPerYear?.toString() ?? null, statedTerms.paidLeaveDaysPerYear?.toString() ?? null);
    add('contract-months', r.contractMonths?.toString() ?? null, statedTerms.contractMonths?.toString() ?? null);
    add('fare-paid-by', r.farePaidBy, statedTerms.farePaidBy);
    return {
      check: {
        placementId: found.placement.id,
        placementReference: placementReference(found.placement.seq),
        terms: rows,
        substitution: differences.length > 0,
      },
      agencyId: found.placement.agencyId,
    };
  }

  /**
   * The acknowledgement, written with the case (same statement: no mail for a case that was not
   * written). On the public door anyone may type any address, so an address gets at most
   * COMPLAINTS_ACK_MAILS_PER_ADDRESS_PER_DAY acknowledgements in 24 hours: past that the case is
   * filed without mail (the answer shows the reference and secret anyway). The count is of the
   * address's recent public filings, found by the email's blind index (a keyed hash; the address
   * itself is never a key), under a transaction lock on that index so that filings at once cannot
   * all see room: the filing statement asks it (complaint_ack_room, `cap`) and writes the mail only
   * when there is room. With a cap of 0 (`cap` null on the public door) no mail goes. The answer
   * never says whether a mail went: that would tell anyone whether others filed with that address.
   */
  private acknowledgement(c: Complaint, input: FileComplaintInput, ctx: IntakeContext, cap: AckCap | null): NotificationMessage[] {
    // The address given (sealed in the outbox), else the complainant's account (its address is read when the mail is sent).
    const to: Audience | null =
      !c.anonymous && input.email
        ? { address: input.email.trim(), userId: ctx.complainantUserId ?? undefined }
        : ctx.complainantUserId
          ? { user: ctx.complainantUserId }
          : null;
    if (!to) return [];
    if (ctx.source === 'public' && c.contactEmailIndex && !cap) return [];
    return [
      {
        to,
        template: 'case.received',
        language: c.language as 'en',
        // A case linked to an account is followed there (it has no tracking secret): the link opens its page in the account.
        data: {
          referenceNumber: c.reference,
          trackingCode: c.reference,
          trackingUrl: ctx.complainantUserId
            ? accountCaseLink(this.config.get('auth').AUTH_LINK_BASE_URL, c.id)
            : trackingLink(this.config.get('complaints').COMPLAINTS_TRACKING_URL, c.reference),
        },
        dedupKey: `case.received:${c.id}`,
      },
    ];
  }

  /**
   * The acknowledgement cap of a public filing's address (by its blind index): how many mails a day,
   * counted since when. Null when the cap does not apply (another door, no address) or lets no
   * mail go at all (a cap of 0: acknowledgement() then sends none).
   */
  private ackCap(ctx: IntakeContext, emailIndex: string | null): AckCap | null {
    const perDay = this.config.get('complaints').COMPLAINTS_ACK_MAILS_PER_ADDRESS_PER_DAY;
    if (ctx.source !== 'public' || !emailIndex || perDay === 0) return null;
    return { emailIndex, since: new Date(this.clock.now().getTime() - ACK_WINDOW_MS), perDay };
  }

  /**
   * The fees module's verdict on what the complainant says they paid (the calculator's check: each
   * fee against the rule in force on its date). Bad fee lines are a 400 naming `statedFees.fees[i]`.
   */
  private async checkFees(destinationCountry: string, stated: StatedFees): Promise<StoredFeeCheck> {
    let answer: Awaited<ReturnType<FeeCalculator['check']>>;
    try {
      answer = await this.calculator.check({
        destinationCountry,
        occupationCategory: stated.occupationCategory,
        monthlySalaryMinor: stated.monthlySalaryMinor,
        salaryCurrency: stated.salaryCurrency,
        fees: stated.fees,
      });
    } catch (e) {
      if (e instanceof ValidationFailedException) {
        const errors = (e.extensions.errors as { field: string; message: string; rule: string }[]).map((x) => ({ ...x, field: `statedFees.${x.field}` }));
        throw new ValidationFailedException(errors);
      }
      throw e;
    }
    return {
      outcome: answer.outcome,
      serious: answer.serious,
      violations: answer.violations.map((v) => ({
        lineIndex: v.lineIndex,
        item: v.item,
        kind: v.kind,
        excessMinor: v.excess.amountMinor,
        currency: v.excess.currency,
      })),
      problems: answer.problems,
      stated: stated.fees.map((f) => ({ item: f.item, amountMinor: String(f.amountMinor), currency: f.currency, date: f.date })),
    };
  }

  /** An agency named by its exact legal name (when exactly one has it); otherwise the words stay as given. */
  private async agencyByName(m: EntityManager, name: string | null | undefined): Promise<string | null> {
    if (!name?.trim()) return null;
    return agencyIdByLegalName(m, name.trim());
  }
}

/** The audit entry of a case filed (`complaint.submitted`), in one of the intake chains. */
function submittedEntry(c: Complaint, input: FileComplaintInput, ctx: IntakeContext): AuditEntryInput {
  return {
    actor: ctx.auditActor,
    action: 'complaint.submitted',
    subjectType: 'complaint',
    subjectId: c.id,
    changes: {
      reference: c.reference,
      source: ctx.source,
      channel: ctx.channel,
      priority: c.priority,
      urgentReasons: c.urgentReasons,
      agencyId: c.agencyId,
      allegations: input.allegations.map((a) => a.category),
      assignedTo: c.assignedTo,
      ...(ctx.sourceEventId ? { sourceEventId: ctx.sourceEventId } : {}),
    },
    correlationId: ctx.correlationId,
    chain: complaintIntakeChain(c.id),
  };
}

const numOrNull = (v: number | null | undefined) => (v === undefined ? null : v);

function inputProblems(input: FileComplaintInput, ctx: IntakeContext): { field: string; message: string; rule: string }[] {
  const errors: { field: string; message: string; rule: string }[] = [];
  if (ctx.source !== 'system' && ![input.licenseNumber, input.agencyName, input.recruiterDescription].some((x) => x?.trim())) {
    errors.push({
      field: 'agencyName',
      message: 'name the recruiter: a license number, the agency name, or a description of an unlicensed recruiter',
      rule: 'recruiterRequired',
    });
  }
  if (!input.allegations?.length) errors.push({ field: 'allegations', message: 'at least one allegation is required', rule: 'arrayMinSize' });
  input.allegations?.forEach((a, i) => {
    if (!(ALLEGATION_CATEGORIES as readonly string[]).includes(a.category))
      errors.push({ field: `allegations[${i}].category`, message: `must be one of ${ALLEGATION_CATEGORIES.join(', ')}`, rule: 'isIn' });
    if ((a.amountMinor == null) !== (a.currency == null))
      errors.push({ field: `allegations[${i}].currency`, message: 'an amount needs its currency, and a currency its amount', rule: 'amountWithCurrency' });
  });
  if (input.statedContract && ctx.source !== 'worker' && ctx.source !== 'inspector') {
    errors.push({
      field: 'statedContract',
      message: 'is compared with a registered placement: state it from your worker account (or through an inspector)',
      rule: 'accountOnly',
    });
  }
  if (input.statedContract && (input.statedContract.monthlySalaryMinor == null) !== (input.statedContract.salaryCurrency == null)) {
    errors.push({ field: 'statedContract.salaryCurrency', message: 'a salary needs its currency, and a currency its salary', rule: 'amountWithCurrency' });
  }
  if (input.anonymous && ctx.source !== 'public')
    errors.push({ field: 'anonymous', message: 'only complaints filed without an account can be anonymous', rule: 'anonymousPublicOnly' });
  if (ctx.source === 'inspector' && !input.email && !input.phone && !input.complainantName) {
    errors.push({
      field: 'complainantName',
      message: 'a walk-in or hotline complaint records who the complainant is, or how to reach them',
      rule: 'complainantRequired',
    });
  }
  return errors;
}
