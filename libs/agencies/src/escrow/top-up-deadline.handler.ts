import { Injectable } from '@nestjs/common';
import { AuditLog } from '@app/audit';
import { DeadlineFireContext, DeadlineHandler, DeadlineKindDefinition, DeadlineKindHandler, DeadlineOutcome, deadlinesAuditChain } from '@app/deadlines';
import { Notifications, mailMoney } from '@app/notifications';
import { Agency } from '../agency.entity';
import { ESCROW_HOLD_REASON, EscrowHolds } from './escrow-holds';
import { EscrowRequirements } from './escrow-requirements';
import { ESCROW_TOP_UP_KIND, EscrowService } from './escrow.service';

/**
 * `escrow.top-up`: started when a garnishment or release leaves an agency's escrow below the
 * requirement, met by the deposit or top-up that brings it back. Missed (level 1, action `act`),
 * it puts the agency on a processing hold and tells the agency's admins (escalated: the deadline
 * stays breached until the top-up meets it).
 */
@DeadlineKindHandler(ESCROW_TOP_UP_KIND)
@Injectable()
export class EscrowTopUpDeadline implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition;

  constructor(
    requirements: EscrowRequirements,
    private readonly escrow: EscrowService,
    private readonly holds: EscrowHolds,
    private readonly notifications: Notifications,
    private readonly audit: AuditLog,
  ) {
    this.definition = {
      kind: ESCROW_TOP_UP_KIND,
      description: "Top an agency's escrow back up to the requirement; missed, the agency is put on a processing hold",
      defaultPolicy: { durationDays: requirements.topUpDays(), counting: 'calendar', reminderShare: 0.8, escalations: [{ afterHours: 0, actions: ['act'] }] },
      supportedActions: ['act'],
    };
  }

  async fire({ manager: m, deadline, actions, now, correlationId }: DeadlineFireContext): Promise<DeadlineOutcome> {
    if (!actions.includes('act')) return 'nothing';
    const agencyId = deadline.subjectId;
    const position = await this.escrow.position(m, agencyId);
    // Topped up meanwhile (the deposit meets the deadline, so this is a race at most): no hold.
    if (!position.open || position.meetsRequirement) return 'nothing';
    const hold = await this.holds.place(m, agencyId, ESCROW_HOLD_REASON, now);
    if (!hold) return 'nothing';
    const agency = await m.findOneByOrFail(Agency, { id: agencyId });
    const data = {
      agencyName: agency.legalName,
      balance: mailMoney(position.balanceMinor, position.currency),
      required: mailMoney(position.requiredMinor!, position.currency),
      shortfall: mailMoney(position.shortfallMinor!, position.currency),
    };
    // One message per active admin, each in their language.
    const notices = await this.notifications.enqueueMany(m, [
      { to: { agencyAdmins: agencyId }, template: 'escrow.hold-placed', data, dedupKey: `escrow.hold-placed:${hold.id}` },
    ]);
    // On the deadline's own audit chain, which the engine appends to in this transaction anyway.
    await this.audit.append(m, {
      actor: 'system',
      action: 'agency.hold.placed',
      subjectType: 'agency',
      subjectId: agencyId,
      changes: {
        holdId: hold.id,
        reason: ESCROW_HOLD_REASON,
        deadlineId: deadline.id,
        balanceMinor: position.balanceMinor,
        requiredMinor: position.requiredMinor,
        noticesTo: notices.length,
      },
      correlationId,
      chain: deadlinesAuditChain(deadline.id),
    });
    return 'escalated';
  }
}
