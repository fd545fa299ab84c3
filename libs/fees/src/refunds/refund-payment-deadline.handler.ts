import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Agency } from '@app/agencies';
import { ConfigService } from '@app/common';
import { DeadlineFireContext, DeadlineHandler, DeadlineKindDefinition, DeadlineKindHandler, DeadlineOutcome, lockSubjectRows } from '@app/deadlines';
import { mailDateIn, mailMoney, Notifications } from '@app/notifications';
import { Placement, RefundOrder } from '../entities';
import { FeesCalendar } from '../fees-calendar';
import { REFUND_PAYMENT_KIND, RefundOrders } from './refund-orders.service';

/**
 * `fees.refund-payment`: started with each refund order, met when its payment is recorded,
 * cancelled with it. Missed, the supervisors are told (engine action) and (action `act`): the
 * order, whatever opened it (an assessment or a decision), is garnished from the agency's escrow
 * when the escrow can pay it (acted: the engine closes the deadline); otherwise the agency's
 * admins get an overdue notice and the order stays open, blocking the license's clearance until
 * paid (escalated: the deadline stays breached until the payment meets it). An order whose payment the agency
 * declared (payment-declared) is left alone: neither garnished nor noticed; the ministry's
 * rejection of a declaration past due garnishes it then (RefundOrders.rejectDeclaration).
 */
@DeadlineKindHandler(REFUND_PAYMENT_KIND)
@Injectable()
export class RefundPaymentDeadline implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition;

  constructor(
    config: ConfigService,
    private readonly notifications: Notifications,
    private readonly calendar: FeesCalendar,
    private readonly refunds: RefundOrders,
  ) {
    this.definition = {
      kind: REFUND_PAYMENT_KIND,
      description: 'An agency pays a refund order back to the worker; missed, supervisors and the agency are told',
      defaultPolicy: {
        durationDays: config.get('fees').FEES_REFUND_DAYS,
        counting: 'calendar',
        reminderShare: 0.8,
        escalations: [{ afterHours: 0, actions: ['notify-supervisors', 'act'] }],
      },
      supportedActions: ['act'],
    };
  }

  /** The order before its deadline, as the order's own moves lock them (garnishing then takes the agency's escrow). */
  lockSubjects(m: EntityManager, subjectIds: readonly string[], mode: 'wait' | 'skip'): Promise<string[]> {
    return lockSubjectRows(m, RefundOrder, subjectIds, mode);
  }

  async fire({ manager: m, deadline, actions, correlationId }: DeadlineFireContext): Promise<DeadlineOutcome> {
    if (!actions.includes('act')) return 'nothing';
    // Any order is paid from the agency's escrow when it can be; otherwise the agency is told it is overdue.
    if (await this.refunds.garnishOverdue(m, deadline.subjectId, correlationId)) return 'acted';
    const order = await m.findOne(RefundOrder, { where: { id: deadline.subjectId } });
    if (!order || order.state !== 'open') return 'nothing';
    const placement = order.placementId ? await m.findOneByOrFail(Placement, { id: order.placementId }) : null;
    const agency = await m.findOneByOrFail(Agency, { id: order.agencyId });
    const zone = (await this.calendar.calendar(m)).timeZone;
    const data = {
      agencyName: agency.legalName,
      reference: order.reference,
      workerName: placement?.workerName ?? order.caseReference ?? '',
      amount: mailMoney(order.amountMinor, order.currency),
      dueDate: mailDateIn(order.dueAt, zone),
    };
    await this.notifications.enqueue(m, {
      to: { agencyAdmins: order.agencyId },
      template: 'fees.refund-overdue',
      data,
      dedupKey: `fees.refund-overdue:${order.id}`,
    });
    return 'escalated';
  }
}
