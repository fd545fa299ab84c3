import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, NotFoundException } from '@app/common';
import { DocumentsService, OpenedDocument, StagedDocument } from '@app/documents';
import { RefundOrderView, RefundOrders, refundOrderTransition } from '@app/fees';

/** The stored document of a declaration: owned by the order, visible to its agency. */
const PROOF_OWNER_TYPE = 'refund-order';
const PROOF_KIND = 'payment-proof';

/**
 * An agency declares its payment of a refund order with a proof file: the order (libs/fees) and
 * the document (libs/documents) in one transaction, which is why this lives where both meet.
 */
@Injectable()
export class RefundPaymentDeclarations {
  constructor(
    private readonly refunds: RefundOrders,
    private readonly documents: DocumentsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Before the file is read: another agency's order is 404, an order that is not open 409 (checked again under the lock). */
  async check(id: string, actor: Actor): Promise<void> {
    const order = await this.refunds.get(id, actor);
    refundOrderTransition(order.state, 'declare-payment');
  }

  /** The proof of the order's latest declaration, for whoever may read the order; 404 when it never had one. */
  async openProof(id: string, actor: Actor): Promise<OpenedDocument> {
    const order = await this.refunds.get(id, actor);
    if (!order.declaredDocumentId) throw new NotFoundException('payment proof');
    return this.documents.open(undefined, order.declaredDocumentId, (d) => {
      if (d.ownerType !== PROOF_OWNER_TYPE || d.ownerId !== order.id) throw new NotFoundException('payment proof');
    });
  }

  /** Declares the payment and stores the staged proof (audited `fees.refund-order.payment-declared` and `document.uploaded`). */
  declare(id: string, paymentReference: string, staged: StagedDocument, actor: Actor): Promise<RefundOrderView> {
    return this.db.transaction((m) =>
      this.refunds.declarePayment(
        m,
        id,
        { paymentReference },
        (o) =>
          this.documents.commit(m, staged, {
            ownerType: PROOF_OWNER_TYPE,
            ownerId: o.id,
            agencyId: o.agencyId,
            kind: PROOF_KIND,
            uploadedBy: actor.userId,
            actor: actor.auditActor,
            correlationId: actor.correlationId,
          }),
        actor,
      ),
    );
  }
}
