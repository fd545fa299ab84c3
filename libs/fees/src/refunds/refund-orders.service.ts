import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Agency, EscrowService } from '@app/agencies';
import { AuditLog } from '@app/audit';
import {
  Actor,
  Clock,
  ConfigService,
  NotFoundException,
  Page,
  pageOf,
  pageOffset,
  PageQuery,
  StaleVersionException,
  ValidationFailedException,
} from '@app/common';
import { DeadlineService } from '@app/deadlines';
import { mailDateIn, mailMoney, Notifications, RecipientDirectory } from '@app/notifications';
import { FeeAssessment, Placement, RefundOrder, RefundOrderState } from '../entities';
import { FeesActor } from '../fees-actor';
import { FeesCalendar } from '../fees-calendar';
import { RefundOrderView, placementReference, refundOrderViewOf } from '../placements/placement-views';
import { REFUND_ORDER_LIFECYCLE } from './refund-order-transitions';

export const REFUND_PAYMENT_KIND = 'fees.refund-payment';
export const REFUND_ORDER_SUBJECT = 'refund_order';

export interface RefundOrderFilter extends PageQuery {
  state?: RefundOrderState;
  agencyId?: string;
  placementId?: string;
}

const KIND_LABELS: Record<string, string> = {
  'item-not-allowed': 'item not allowed',
  'item-over-cap': 'item over its cap',
  'placement-fee-over-cap': 'placement fee over the cap',
  'protected-category': 'fee charged in a protected category',
};

/**
 * Refund orders: the excess an assessment of declared fees found, payable by the agency to the
 * worker by a deadline (fees.refund-payment, FEES_REFUND_DAYS calendar days). A placement
 * re-assessed after an amendment gets a new order only for excess beyond what its orders (open or
 * paid) already cover, per currency, so re-assessing never orders the same money twice.
 */
/** The placement's page in the worker's account on the web portal. */
export const accountPlacementLink = (webBaseUrl: string, placementId: string): string => new URL(`/account/placements/${placementId}`, webBaseUrl).toString();

@Injectable()
export class RefundOrders {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly deadlines: DeadlineService,
    private readonly notifications: Notifications,
    private readonly directory: RecipientDirectory,
    private readonly calendar: FeesCalendar,
    private readonly escrow: EscrowService,
    private readonly config: ConfigService,
  ) {}

  /**
   * An order a complaint's decision imposes (when the decision takes effect): the amount to pay
   * the worker, by the fees.refund-payment deadline; unpaid past it, it is garnished from escrow.
   * One order per case, allegation and currency (`key`): taking effect twice opens nothing more.
   */
  async openForDecision(
    m: EntityManager,
    d: {
      agencyId: string;
      complaintId: string;
      caseReference: string;
      key: string;
      amountMinor: bigint;
      currency: string;
      workerName: string;
      placementId: string | null;
    },
    correlationId?: string,
  ): Promise<RefundOrder> {
    const existing = await m.findOne(RefundOrder, {
      where: { complaintId: d.complaintId, cancelReason: IsNull(), caseReference: `${d.caseReference}#${d.key}` },
    });
    if (existing) return existing;
    const order = await this.insertOrder(m, {
      agencyId: d.agencyId,
      placementId: null,
      assessmentId: null,
      complaintId: d.complaintId,
      caseReference: `${d.caseReference}#${d.key}`,
      amountMinor: d.amountMinor,
      currency: d.currency,
      serious: false,
    });
    await this.audit.append(m, {
      actor: 'system',
      action: 'fees.refund-order.opened',
      subjectType: 'refund_order',
      subjectId: order.id,
      changes: {
        reference: order.reference,
        complaintId: d.complaintId,
        caseReference: d.caseReference,
        agencyId: d.agencyId,
        amountMinor: order.amountMinor,
        currency: d.currency,
        dueAt: order.dueAt.toISOString(),
      },
      correlationId,
    });
    const agency = await m.findOneByOrFail(Agency, { id: d.agencyId });
    await this.notifyAgency(m, order, agency, d.workerName, d.caseReference, `decision in case ${d.caseReference}`);
    return order;
  }

  /**
   * An order unpaid past its deadline, whatever opened it (a fee assessment or a decision): paid
   * from the agency's escrow when the account is open, in the order's currency, and holds enough;
   * otherwise left open (the supervisors were told by the deadline) and the reason audited.
   * Returns whether it was garnished.
   */
  async garnishOverdue(m: EntityManager, orderId: string, correlationId?: string): Promise<boolean> {
    const order = await m.findOne(RefundOrder, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order || order.state !== 'open') return false;
    const position = await this.escrow.position(m, order.agencyId);
    const amount = BigInt(order.amountMinor);
    const why = !position.open
      ? 'escrow account not open'
      : position.currency !== order.currency.trim()
        ? `escrow is in ${position.currency}`
        : BigInt(position.balanceMinor) < amount
          ? `escrow balance ${position.balanceMinor} is below the order`
          : null;
    if (why) {
      await this.audit.append(m, {
        actor: 'system',
        action: 'fees.refund-order.garnishment-impossible',
        subjectType: 'refund_order',
        subjectId: order.id,
        changes: { reason: why },
        correlationId,
      });
      return false;
    }
    const { entry } = await this.escrow.garnish(m, {
      agencyId: order.agencyId,
      amountMinor: amount,
      currency: order.currency.trim(),
      caseReference: order.reference,
      actor: 'system',
      correlationId,
    });
    const row = REFUND_ORDER_LIFECYCLE.require(order.state, 'garnish');
    order.state = row.to;
    order.paidReference = `escrow:${entry.id}`;
    order.settledAt = this.clock.now();
    order.version += 1;
    await m.save(RefundOrder, order);
    await this.audit.append(m, {
      actor: 'system',
      action: row.effects.audit,
      subjectType: 'refund_order',
      subjectId: order.id,
      changes: { state: { from: 'open', to: 'garnished' }, escrowEntryId: entry.id },
      correlationId,
    });
    return true;
  }

  /** Opens the orders an assessment calls for (none when its excess is already ordered). The placement row must be locked by the caller. */
  async openFor(m: EntityManager, placement: Placement, assessment: FeeAssessment, correlationId?: string): Promise<RefundOrder[]> {
    const excess = new Map<string, bigint>();
    for (const v of assessment.violations) excess.set(v.currency, (excess.get(v.currency) ?? 0n) + BigInt(v.excessMinor));
    if (!excess.size) return [];
    const ordered = (await m.query(
      `SELECT currency, sum(amount_minor)::text AS total FROM refund_order WHERE placement_id = $1 AND state <> 'cancelled' GROUP BY currency`,
      [placement.id],
    )) as { currency: string; total: string }[];
    const already = new Map(ordered.map((o) => [o.currency.trim(), BigInt(o.total)]));
    const agency = await m.findOneByOrFail(Agency, { id: placement.agencyId });
    const summary = [...new Set(assessment.violations.map((v) => `${KIND_LABELS[v.kind] ?? v.kind} (${v.item})`))].join('; ');
    const opened: RefundOrder[] = [];
    for (const [currency, total] of [...excess].sort(([a], [b]) => a.localeCompare(b))) {
      const amount = total - (already.get(currency) ?? 0n);
      if (amount <= 0n) continue;
      const order = await this.insertOrder(m, {
        agencyId: placement.agencyId,
        placementId: placement.id,
        assessmentId: assessment.id,
        complaintId: null,
        caseReference: null,
        amountMinor: amount,
        currency,
        serious: assessment.serious,
      });
      await this.audit.append(m, {
        actor: 'system',
        action: 'fees.refund-order.opened',
        subjectType: 'refund_order',
        subjectId: order.id,
        changes: {
          reference: order.reference,
          placementId: placement.id,
          agencyId: placement.agencyId,
          assessmentId: assessment.id,
          amountMinor: order.amountMinor,
          currency,
          dueAt: order.dueAt.toISOString(),
          serious: order.serious,
        },
        correlationId,
      });
      await this.notifyOpened(m, order, placement, agency, summary);
      opened.push(order);
    }
    return opened;
  }

  /**
   * Records that the agency paid the worker back (proof reference), or cancels the order with a
   * reason. Recording the payment of a declared order confirms the agency's declaration; its
   * reference is the declared one unless the ministry gives another.
   */
  settle(
    id: string,
    action: 'record-payment' | 'cancel',
    input: { version: number; paidReference?: string; reason?: string },
    actor: Actor,
  ): Promise<RefundOrderView> {
    return this.db.transaction((m) => this.settleIn(m, id, action, input, actor));
  }

  private async settleIn(
    m: EntityManager,
    id: string,
    action: 'record-payment' | 'cancel',
    input: { version: number; paidReference?: string; reason?: string },
    actor: FeesActor,
  ): Promise<RefundOrderView> {
    const order = await this.lockFor(m, id, actor);
    const row = REFUND_ORDER_LIFECYCLE.require(order.state, action);
    const to = row.to;
    if (order.version !== input.version) throw new StaleVersionException('refund order', order.version);
    const paidReference = input.paidReference ?? (order.state === 'payment-declared' ? order.declaredReference : null);
    if (action === 'record-payment' && !paidReference)
      throw new ValidationFailedException([{ field: 'paidReference', message: 'is required to record a payment', rule: 'required' }]);
    if (action === 'cancel' && !input.reason)
      throw new ValidationFailedException([{ field: 'reason', message: 'is required to cancel an order', rule: 'required' }]);
    const from = order.state;
    order.state = to;
    order.settledAt = this.clock.now();
    order.version += 1;
    if (action === 'record-payment') order.paidReference = paidReference!;
    else order.cancelReason = input.reason!;
    await m.save(RefundOrder, order);
    if (action === 'record-payment') await this.deadlines.meet(m, REFUND_ORDER_SUBJECT, order.id, REFUND_PAYMENT_KIND);
    else await this.deadlines.cancel(m, REFUND_ORDER_SUBJECT, order.id, REFUND_PAYMENT_KIND);
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: row.effects.audit,
      subjectType: 'refund_order',
      subjectId: order.id,
      changes: {
        state: { from, to },
        ...(action === 'record-payment'
          ? {
              paidReference: order.paidReference,
              ...(from === 'payment-declared' ? { confirmsDeclaration: true, declaredDocumentId: order.declaredDocumentId } : {}),
            }
          : { reason: order.cancelReason }),
      },
      correlationId: actor.correlationId,
    });
    return refundOrderViewOf(order);
  }

  /**
   * The agency declares its own payment of an open order: its payment reference and a proof file,
   * stored by `storeProof` (called only once every check passed, in the same transaction). The
   * order waits in payment-declared for the ministry; it is not garnished meanwhile (its deadline
   * still runs: see rejectDeclaration). Another agency's order is not found; declaring twice is
   * a 409 refund-order-transition.
   */
  async declarePayment(
    m: EntityManager,
    id: string,
    input: { paymentReference: string; version?: number },
    storeProof: (order: { id: string; agencyId: string }) => Promise<{ id: string }>,
    actor: FeesActor,
  ): Promise<RefundOrderView> {
    if (!actor.agencyId) throw new NotFoundException('refund order');
    const order = await this.lockFor(m, id, actor);
    const row = REFUND_ORDER_LIFECYCLE.require(order.state, 'declare-payment');
    const to = row.to;
    if (input.version !== undefined && order.version !== input.version) throw new StaleVersionException('refund order', order.version);
    const proof = await storeProof({ id: order.id, agencyId: order.agencyId });
    const from = order.state;
    order.state = to;
    order.declaredReference = input.paymentReference;
    order.declaredDocumentId = proof.id;
    order.declaredAt = this.clock.now();
    order.declarationRejectedReason = null;
    order.version += 1;
    await m.save(RefundOrder, order);
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: row.effects.audit,
      subjectType: 'refund_order',
      subjectId: order.id,
      changes: { state: { from, to }, declaredReference: order.declaredReference, declaredDocumentId: proof.id },
      correlationId: actor.correlationId,
    });
    return refundOrderViewOf(order);
  }

  /**
   * The ministry rejects the agency's declaration, with a reason the agency is mailed: the order
   * is open again. Past its deadline (which fired while the declaration waited, and left the order
   * alone), it is garnished at once when the escrow can pay it, so waiting on a false declaration
   * never saves an agency the garnishment.
   */
  rejectDeclaration(id: string, input: { version: number; reason: string }, actor: Actor): Promise<RefundOrderView> {
    return this.db.transaction((m) => this.rejectDeclarationIn(m, id, input, actor));
  }

  private async rejectDeclarationIn(m: EntityManager, id: string, input: { version: number; reason: string }, actor: FeesActor): Promise<RefundOrderView> {
    const order = await this.lockFor(m, id, actor);
    const row = REFUND_ORDER_LIFECYCLE.require(order.state, 'reject-declaration');
    const to = row.to;
    if (order.version !== input.version) throw new StaleVersionException('refund order', order.version);
    // Past its deadline the order is garnished below, after this rejection's audit entry: the
    // escrow account is locked now, before the audit chain's head, in the order every escrow
    // writer takes them (CI found the two waiting on each other: a 500).
    const overdue = order.dueAt.getTime() <= this.clock.now().getTime();
    if (overdue) await this.escrow.lockAccountFirst(m, order.agencyId);
    const from = order.state;
    order.state = to;
    order.declarationRejectedReason = input.reason;
    order.version += 1;
    await m.save(RefundOrder, order);
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: row.effects.audit,
      subjectType: 'refund_order',
      subjectId: order.id,
      changes: { state: { from, to }, reason: input.reason, declaredReference: order.declaredReference, declaredDocumentId: order.declaredDocumentId },
      correlationId: actor.correlationId,
    });
    const agency = await m.findOneByOrFail(Agency, { id: order.agencyId });
    const zone = (await this.calendar.calendar(m)).timeZone;
    await this.notifications.enqueue(m, {
      to: { agencyAdmins: order.agencyId },
      template: 'fees.refund-declaration-rejected',
      data: {
        agencyName: agency.legalName,
        reference: order.reference,
        amount: mailMoney(order.amountMinor, order.currency),
        paymentReference: order.declaredReference ?? '',
        reason: input.reason,
        dueDate: mailDateIn(order.dueAt, zone),
      },
      dedupKey: `fees.refund-declaration-rejected:${order.id}:${order.version}`,
    });
    if (overdue) await this.garnishOverdue(m, order.id, actor.correlationId);
    const after = await m.findOneByOrFail(RefundOrder, { id: order.id });
    return refundOrderViewOf(after);
  }

  /** The order, locked; another agency's is not found. */
  private async lockFor(m: EntityManager, id: string, actor: FeesActor): Promise<RefundOrder> {
    const order = await m.findOne(RefundOrder, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!order || (actor.agencyId && order.agencyId !== actor.agencyId)) throw new NotFoundException('refund order');
    return order;
  }

  async get(id: string, actor: FeesActor): Promise<RefundOrderView> {
    const order = await this.db.manager.findOne(RefundOrder, { where: { id }, relations: { placement: true } });
    if (!order || (actor.agencyId && order.agencyId !== actor.agencyId)) throw new NotFoundException('refund order');
    return refundOrderViewOf(order);
  }

  async list(q: RefundOrderFilter, actor: FeesActor): Promise<Page<RefundOrderView>> {
    const qb = this.db.manager.createQueryBuilder(RefundOrder, 'r').leftJoinAndSelect('r.placement', 'p');
    const agencyId = actor.agencyId ?? q.agencyId;
    if (agencyId) qb.andWhere('r.agency_id = :agencyId', { agencyId });
    if (q.state) qb.andWhere('r.state = :state', { state: q.state });
    if (q.placementId) qb.andWhere('r.placement_id = :placementId', { placementId: q.placementId });
    qb.orderBy('r.seq', 'DESC').skip(pageOffset(q)).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(rows.map(refundOrderViewOf), total, q);
  }

  forPlacement(m: EntityManager, placementId: string): Promise<RefundOrder[]> {
    return m.find(RefundOrder, { where: { placementId }, order: { seq: 'ASC' } });
  }

  /** Unpaid orders of an agency, open or with a declared payment not yet confirmed (they block its license's clearance). */
  open(m: EntityManager, agencyId: string): Promise<RefundOrder[]> {
    return m.find(RefundOrder, { where: { agencyId, state: In(['open', 'payment-declared']) }, order: { seq: 'ASC' } });
  }

  /** Writes an open order with its reference (RO-<year>-<serial>, one sequence) and its payment deadline. */
  private async insertOrder(
    m: EntityManager,
    o: {
      agencyId: string;
      placementId: string | null;
      assessmentId: string | null;
      complaintId: string | null;
      caseReference: string | null;
      amountMinor: bigint;
      currency: string;
      serious: boolean;
    },
  ): Promise<RefundOrder> {
    const [{ seq }] = (await m.query(`SELECT nextval('refund_order_serial_seq')::text AS seq`)) as { seq: string }[];
    const reference = `RO-${(await this.calendar.today(m)).slice(0, 4)}-${seq.padStart(6, '0')}`;
    const id = randomUUID();
    const deadline = await this.deadlines.start(m, {
      kind: REFUND_PAYMENT_KIND,
      subjectType: REFUND_ORDER_SUBJECT,
      subjectId: id,
      label: `Refund order ${reference}`,
    });
    return m.save(
      RefundOrder,
      m.create(RefundOrder, {
        ...o,
        id,
        seq,
        reference,
        amountMinor: o.amountMinor.toString(),
        state: 'open',
        dueAt: new Date(deadline.dueAt),
        deadlineId: deadline.id,
        paidReference: null,
        settledAt: null,
        declaredReference: null,
        declaredDocumentId: null,
        declaredAt: null,
        declarationRejectedReason: null,
        cancelReason: null,
        version: 1,
        createdAt: this.clock.now(),
      }),
    );
  }

  private async notifyAgency(
    m: EntityManager,
    order: RefundOrder,
    agency: Agency,
    workerName: string,
    subjectReference: string,
    violations: string,
  ): Promise<void> {
    const zone = (await this.calendar.calendar(m)).timeZone;
    const dueDate = mailDateIn(order.dueAt, zone);
    const amount = mailMoney(order.amountMinor, order.currency);
    await this.notifications.enqueue(m, {
      to: { agencyAdmins: order.agencyId },
      template: 'fees.refund-ordered',
      data: { agencyName: agency.legalName, reference: order.reference, workerName, placementReference: subjectReference, amount, dueDate, violations },
      dedupKey: `fees.refund-ordered:${order.id}`,
    });
  }

  /** Mails the agency's admins, and the worker when the agency gave their address. */
  private async notifyOpened(m: EntityManager, order: RefundOrder, placement: Placement, agency: Agency, violations: string): Promise<void> {
    await this.notifyAgency(m, order, agency, placement.workerName, placementReference(placement.seq), violations);
    if (!placement.workerEmail) return;
    const zone = (await this.calendar.calendar(m)).timeZone;
    const dueDate = mailDateIn(order.dueAt, zone);
    // The address the agency gave (the worker may have no account); in their account's language when it is linked.
    const [account] = placement.workerUserId ? await this.directory.members(m, { user: placement.workerUserId }) : [];
    await this.notifications.enqueue(m, {
      to: { address: placement.workerEmail, userId: placement.workerUserId ?? undefined },
      template: 'fees.refund-ordered-worker',
      language: account?.language ?? 'en',
      // The placement's page in the worker's account (theirs once they sign in, or register, with this address).
      data: {
        workerName: placement.workerName,
        agencyName: agency.legalName,
        amount: mailMoney(order.amountMinor, order.currency),
        dueDate,
        reference: order.reference,
        placementUrl: accountPlacementLink(this.config.get('auth').AUTH_LINK_BASE_URL, placement.id),
      },
      dedupKey: `fees.refund-ordered-worker:${order.id}`,
    });
  }
}
