import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DeadlinesModule } from '@app/deadlines';
import { NotificationsModule } from '@app/notifications';
import { EscrowHolds } from './escrow-holds';
import { EscrowRequirements } from './escrow-requirements';
import { EscrowService } from './escrow.service';
import { EscrowTopUpDeadline } from './top-up-deadline.handler';

/**
 * Escrow for both processes: the ledger (`EscrowService`), the holds (`EscrowHolds`) and the
 * `escrow.top-up` deadline's handler. Both processes provide the `RecipientDirectory` (RecipientDirectoryModule, @app/auth).
 */
@Module({
  imports: [DeadlinesModule, AuditModule, NotificationsModule],
  providers: [EscrowRequirements, EscrowService, EscrowHolds, EscrowTopUpDeadline],
  exports: [EscrowRequirements, EscrowService, EscrowHolds],
})
export class EscrowModule {}
