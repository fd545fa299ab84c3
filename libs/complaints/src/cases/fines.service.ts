import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { ConflictException, NotFoundException, Page, PageQuery, pageOf, pageOffset } from '@app/common';
import { DeadlineService } from '@app/deadlines';
import { COMPLAINT_DEADLINES } from '../deadlines/complaint-deadline-kinds';
import { Fine } from '../entities';

export interface FineView {
  id: string;
  reference: string;
  agencyId: string;
  complaintId: string;
  amountMinor: string;
  currency: string;
  state: string;
  dueAt: string;
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
