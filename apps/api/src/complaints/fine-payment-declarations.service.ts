import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, NotFoundException } from '@app/common';
import { FineView, Fines, assertFineDeclarable } from '@app/complaints';
import { DocumentsService, OpenedDocument, StagedDocument } from '@app/documents';

/** The stored document of a declaration: owned by the fine, visible to its agency. */
const PROOF_OWNER_TYPE = 'fine';
const PROOF_KIND = 'payment-proof';

/** An agency user's agency (they see their own fines only); null for ministry staff, who see every fine. */
const agencyScopeOf = (actor: Actor): string | null => (actor.roles.some((r) => r === 'agency_admin' || r === 'agency_staff') ? actor.agencyId : null);

/**
 * An agency declares its payment of a fine with a proof file: the fine (libs/complaints) and the
 * document (libs/documents) in one transaction, which is why this lives where both meet (as
 * RefundPaymentDeclarations does for refund orders).
 */
@Injectable()
export class FinePaymentDeclarations {
  constructor(
    private readonly fines: Fines,
    private readonly documents: DocumentsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Before the file is read: another agency's fine is 404, a fine that is not open 409 (checked again under the lock). */
  async check(id: string, actor: Actor): Promise<void> {
    if (!actor.agencyId) throw new NotFoundException('fine');
    assertFineDeclarable(await this.fines.get(id, actor.agencyId));
  }

  /** The proof of the fine's latest declaration, for whoever may read the fine; 404 when it never had one. */
  async openProof(id: string, actor: Actor): Promise<OpenedDocument> {
    const documentId = await this.fines.proofOf(id, agencyScopeOf(actor));
    return this.documents.open(undefined, documentId, (d) => {
      if (d.ownerType !== PROOF_OWNER_TYPE || d.ownerId !== id) throw new NotFoundException('payment proof');
    });
  }

  /** Declares the payment and stores the staged proof (audited `complaint.fine.payment-declared` and `document.uploaded`). */
  declare(id: string, paymentReference: string, staged: StagedDocument, actor: Actor): Promise<FineView> {
    const agencyId = actor.agencyId;
    if (!agencyId) throw new NotFoundException('fine');
    return this.db.transaction((m) =>
      this.fines.declarePayment(
        m,
        id,
        { paymentReference },
        (f) =>
          this.documents.commit(m, staged, {
            ownerType: PROOF_OWNER_TYPE,
            ownerId: f.id,
            agencyId: f.agencyId,
            kind: PROOF_KIND,
            uploadedBy: actor.userId!,
            actor: actor.auditActor,
            correlationId: actor.correlationId,
          }),
        { auditActor: actor.auditActor, correlationId: actor.correlationId, agencyId },
      ),
    );
  }
}
