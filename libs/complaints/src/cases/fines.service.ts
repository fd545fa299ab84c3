import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { Clock, NotFoundException, Page, PageQuery, ValidationFailedException, pageOf, pageOffset } from '@app/common';
import { DeadlineService } from '@app/deadlines';
import { mailMoney } from '@app/notifications';
import { COMPLAINT_DEADLINES } from '../deadlines/complaint-deadline-kinds';
import { Complaint, FINE_STATES, Fine, FineState } from '../entities';
import { ComplaintNotices } from './complaint-notices';
import { FINE_LIFECYCLE } from '../lifecycle/fine-transitions';

/** A fine a decision imposed on an agency. */
export class FineView {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, example: 'FN-2026-000017', description: 'FN-<year>-<serial>.' })
  reference: string;

  @ApiProperty({ type: String, format: 'uuid', description: 'The agency that owes it.' })
  agencyId: string;

  @ApiProperty({ type: String, format: 'uuid', description: 'The case whose decision imposed it.' })
  complaintId: string;

  @ApiProperty({ type: String, pattern: '^[1-9][0-9]*$', example: '10000000', description: 'Integer minor units as a decimal string.' })
  amountMinor: string;

  @ApiProperty({ type: String, pattern: '^[A-Z]{3}$', example: 'PHP', description: 'ISO 4217.' })
  currency: string;

  @ApiProperty({
    enum: FINE_STATES,
    enumName: 'FineState',
    example: 'open',
    description:
      'open (unpaid: it blocks the license clearance); payment-declared (the agency declared its payment with proof, awaiting the ministry: it still blocks the clearance); paid; cancelled.',
  })
  state: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'When payment is due (the complaint.fine-payment deadline).' })
  dueAt: string;

  @ApiProperty({ type: String, nullable: true, example: 'LBP-2026-55231', description: 'The proof of payment recorded; null until paid.' })
  paidReference: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'The payment reference the agency declared (POST /agency/fines/{id}/payment-declaration); null until it declares one.',
  })
  declaredReference: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the agency declared its payment; null until it declares.' })
  declaredAt: string | null;

  @ApiProperty({ type: Boolean, description: 'Whether a proof of payment is stored (GET /fines/{id}/payment-proof).' })
  hasPaymentProof: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: "Why the ministry rejected the agency's latest declaration (the fine is open again); null otherwise.",
  })
  declarationRejectedReason: string | null;
}

const view = (f: Fine): FineView => ({
  id: f.id,
  reference: f.reference,
  agencyId: f.agencyId,
  complaintId: f.complaintId,
  amountMinor: f.amountMinor,
  currency: f.currency.trim(),
  state: f.state,
  dueAt: f.dueAt.toISOString(),
  paidReference: f.paidReference,
  declaredReference: f.declaredReference,
  declaredAt: f.declaredAt ? f.declaredAt.toISOString() : null,
  hasPaymentProof: f.declaredDocumentId !== null,
  declarationRejectedReason: f.declarationRejectedReason,
});

type FineActor = { auditActor: AuditActor; correlationId?: string };

/** The state a fine moves to, or 409 fine-not-open / fine-transition naming the state it is in. */
/** Checks, before anything is read or stored, that the agency may declare a payment of the fine (404 another's, 409 not open). */
export function assertFineDeclarable(fine: FineView): void {
  FINE_LIFECYCLE.require(fine.state as FineState, 'declare-payment');
}

/** Fines decisions imposed: listed (an agency its own), and marked paid by the ministry with the payment's reference. */
@Injectable()
export class Fines {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly deadlines: DeadlineService,
    private readonly notices: ComplaintNotices,
    private readonly clock: Clock,
  ) {}

  /** One fine; another agency's (agencyScope set) is not found. */
  async get(id: string, agencyScope: string | null): Promise<FineView> {
    return view(await this.find(this.db.manager, id, agencyScope, false));
  }

  /** The stored document of the agency's latest declaration, or 404. */
  async proofOf(id: string, agencyScope: string | null): Promise<string> {
    const fine = await this.find(this.db.manager, id, agencyScope, false);
    if (!fine.declaredDocumentId) throw new NotFoundException('payment proof');
    return fine.declaredDocumentId;
  }

  async list(q: PageQuery & { state?: string; agencyId?: string }, agencyScope: string | null): Promise<Page<FineView>> {
    const qb = this.db.manager.createQueryBuilder(Fine, 'f');
    const agencyId = agencyScope ?? q.agencyId;
    if (agencyId) qb.andWhere('f.agency_id = :agencyId', { agencyId });
    if (q.state) qb.andWhere('f.state = :state', { state: q.state });
    const [rows, total] = await qb.orderBy('f.created_at', 'DESC').skip(pageOffset(q)).take(q.pageSize).getManyAndCount();
    return pageOf(rows.map(view), total, q);
  }

  /**
   * Records that the fine was paid (proof of payment): its deadline is met. A fine whose payment
   * the agency declared is confirmed (`paidReference` omitted: the declared reference is kept).
   * Paid twice is 409 fine-not-open.
   */
  async recordPayment(id: string, paidReference: string | undefined, actor: FineActor): Promise<FineView> {
    return this.db.transaction(async (m) => {
      const fine = await this.find(m, id, null, true);
      const from = fine.state;
      const row = FINE_LIFECYCLE.require(from, 'record-payment');
      const to = row.to;
      const reference = paidReference ?? (from === 'payment-declared' ? fine.declaredReference : null);
      if (!reference)
        throw new ValidationFailedException([{ field: 'paidReference', rule: 'isNotEmpty', message: 'is required for a fine without a payment declaration' }]);
      fine.state = to;
      fine.paidReference = reference;
      await m.save(Fine, fine);
      await this.deadlines.meet(m, 'fine', id, COMPLAINT_DEADLINES.finePayment);
      await this.audit.append(m, {
        actor: actor.auditActor,
        action: row.effects.audit!,
        subjectType: 'fine',
        subjectId: id,
        changes: {
          state: { from, to },
          paidReference: reference,
          ...(from === 'payment-declared' ? { confirmsDeclaration: true, declaredDocumentId: fine.declaredDocumentId } : {}),
        },
        correlationId: actor.correlationId,
        chain: 'complaints',
      });
      return view(fine);
    });
  }

  /**
   * The agency declares its own payment of an open fine: its payment reference and a proof file,
   * stored by `storeProof` (called only once every check passed, in the same transaction). The fine
   * waits in payment-declared for the ministry and still blocks the license clearance. Another
   * agency's fine is not found; declaring twice is 409 fine-not-open.
   */
  async declarePayment(
    m: EntityManager,
    id: string,
    input: { paymentReference: string },
    storeProof: (fine: { id: string; agencyId: string }) => Promise<{ id: string }>,
    actor: FineActor & { agencyId: string },
  ): Promise<FineView> {
    const fine = await this.find(m, id, actor.agencyId, true);
    const from = fine.state;
    const row = FINE_LIFECYCLE.require(from, 'declare-payment');
    const to = row.to;
    const proof = await storeProof({ id: fine.id, agencyId: fine.agencyId });
    fine.state = to;
    fine.declaredReference = input.paymentReference;
    fine.declaredDocumentId = proof.id;
    fine.declaredAt = this.clock.now();
    fine.declarationRejectedReason = null;
    await m.save(Fine, fine);
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: row.effects.audit!,
      subjectType: 'fine',
      subjectId: id,
      changes: { state: { from, to }, declaredReference: input.paymentReference, declaredDocumentId: proof.id },
      correlationId: actor.correlationId,
      chain: 'complaints',
    });
    return view(fine);
  }

  /**
   * The ministry rejects the agency's declaration with a reason, which the agency's admins are
   * mailed: the fine is open again and still owed by its due date.
   */
  async rejectDeclaration(id: string, reason: string, actor: FineActor): Promise<FineView> {
    return this.db.transaction(async (m) => {
      const fine = await this.find(m, id, null, true);
      const from = fine.state;
      const row = FINE_LIFECYCLE.require(from, 'reject-declaration');
      const to = row.to;
      fine.state = to;
      fine.declarationRejectedReason = reason;
      await m.save(Fine, fine);
      await this.audit.append(m, {
        actor: actor.auditActor,
        action: row.effects.audit!,
        subjectType: 'fine',
        subjectId: id,
        changes: { state: { from, to }, reason, declaredReference: fine.declaredReference, declaredDocumentId: fine.declaredDocumentId },
        correlationId: actor.correlationId,
        chain: 'complaints',
      });
      const c = await m.findOneByOrFail(Complaint, { id: fine.complaintId });
      await this.notices.toAgencyOf(
        m,
        fine.agencyId,
        'complaint.fine-declaration-rejected',
        {
          fineReference: fine.reference,
          referenceNumber: c.reference,
          amount: mailMoney(fine.amountMinor, fine.currency.trim()),
          paymentReference: fine.declaredReference ?? '',
          reason,
          dueDate: await this.notices.day(m, c, fine.dueAt),
        },
        `fine-declaration-rejected:${fine.id}:${fine.declaredAt?.toISOString() ?? ''}`,
      );
      return view(fine);
    });
  }

  private async find(m: EntityManager, id: string, agencyScope: string | null, lock: boolean): Promise<Fine> {
    const fine = await m.findOne(Fine, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!fine || (agencyScope !== null && fine.agencyId !== agencyScope)) throw new NotFoundException('fine');
    return fine;
  }
}
