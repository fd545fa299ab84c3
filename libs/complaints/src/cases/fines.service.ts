import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { ConflictException, NotFoundException, Page, PageQuery, pageOf, pageOffset } from '@app/common';
import { DeadlineService } from '@app/deadlines';
import { COMPLAINT_DEADLINES } from '../deadlines/complaint-deadline-kinds';
import { FINE_STATES, Fine } from '../entities';

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

  @ApiProperty({ enum: FINE_STATES, enumName: 'FineState', example: 'open', description: 'open (unpaid: it blocks the license clearance), paid, cancelled.' })
  state: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'When payment is due (the complaint.fine-payment deadline).' })
  dueAt: string;

  @ApiProperty({ type: String, nullable: true, example: 'LBP-2026-55231', description: 'The proof of payment recorded; null until paid.' })
  paidReference: string | null;
}

const view = (f: Fine): FineView => ({ id: f.id, reference: f.reference, agencyId: f.agencyId, complaintId: f.complaintId, amountMinor: f.amountMinor, currency: f.currency.trim(), state: f.state, dueAt: f.dueAt.toISOString(), paidReference: f.paidReference });

/** Fines decisions imposed: listed (an agency its own), and marked paid by the ministry with the payment's reference. */
@Injectable()
export class Fines {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly deadlines: DeadlineService,
  ) {}

  async list(q: PageQuery & { state?: string; agencyId?: string }, agencyScope: string | null): Promise<Page<FineView>> {
    const qb = this.db.manager.createQueryBuilder(Fine, 'f');
    const agencyId = agencyScope ?? q.agencyId;
    if (agencyId) qb.andWhere('f.agency_id = :agencyId', { agencyId });
    if (q.state) qb.andWhere('f.state = :state', { state: q.state });
    const [rows, total] = await qb.orderBy('f.created_at', 'DESC').skip(pageOffset(q)).take(q.pageSize).getManyAndCount();
    return pageOf(rows.map(view), total, q);
  }

  /** Records that the fine was paid (proof of payment): its deadline is met; paid twice is 409. */
  async recordPayment(id: string, paidReference: string, actor: { auditActor: AuditActor; correlationId?: string }): Promise<FineView> {
    return this.db.transaction(async (m) => {
      const fine = await m.findOne(Fine, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!fine) throw new NotFoundException('fine');
      if (fine.state !== 'open') throw new ConflictException('fine-not-open', `The fine is ${fine.state}.`, { state: fine.state });
      fine.state = 'paid';
      fine.paidReference = paidReference;
      await m.save(Fine, fine);
      await this.deadlines.meet(m, 'fine', id, COMPLAINT_DEADLINES.finePayment);
      await this.audit.append(m, { actor: actor.auditActor, action: 'complaint.fine.paid', subjectType: 'fine', subjectId: id, changes: { state: { from: 'open', to: 'paid' }, paidReference }, correlationId: actor.correlationId, chain: 'complaints' });
      return view(fine);
    });
  }
}
