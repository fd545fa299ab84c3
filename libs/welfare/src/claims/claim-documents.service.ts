import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '@app/audit';
import { Clock, ConflictException, NotFoundException, ValidationFailedException } from '@app/common';
import { DeadlineService } from '@app/deadlines';
import { DocumentsService, StagedDocument } from '@app/documents';
import { DOCUMENT_LABELS } from '../core';
import { WelfareClaim } from '../entities/welfare-claim.entity';
import { CLAIM_LIFECYCLE } from '../lifecycle/claim-transitions';
import { ClaimActorContext, WELFARE_CLAIM_SUBJECT, WELFARE_DECISION_KIND } from './welfare-claims.service';

/** The documents module's owner type of a claim's documents. */
export const CLAIM_DOCUMENT_OWNER_TYPE = 'welfare-claim';

/** A document the claimant sent for their claim. */
export class ClaimDocumentFileView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'death-certificate', description: 'The checklist item it answers (a document code).' })
  code: string;

  @ApiProperty({ example: 'Death certificate' })
  label: string;

  @ApiProperty({ example: 'application/pdf' })
  contentType: string;

  @ApiProperty({ type: 'integer', example: 48213 })
  sizeBytes: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ClaimDocumentsNotRequestedException extends ConflictException {
  constructor(state: string) {
    super('documents-not-requested', 'The claim is not waiting for documents: send them when a welfare officer asks for them.', { state });
  }
}

/**
 * The documents a welfare officer asks the claimant for (`request-documents`), sent by the
 * claimant from their account. Each file goes through the documents module (its types, size and
 * storage rules) and is attached to the claim in one transaction with its audit entry. When every
 * document asked for has arrived, the claim goes back to review by itself (`documents-received`,
 * taken by the system): the decision deadline paused by the request resumes, its due time moved
 * later by the time it was paused.
 */
@Injectable()
export class ClaimDocuments {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
    private readonly deadlines: DeadlineService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Before the file is read: the claim is the caller's (404 otherwise) and waits for documents (409). */
  async checkUpload(id: string, userId: string): Promise<void> {
    const claim = await this.claimOf(this.db.manager, id, userId, false);
    if (claim.state !== 'documents_requested') throw new ClaimDocumentsNotRequestedException(claim.state);
  }

  async upload(id: string, userId: string, staged: StagedDocument, code: string, actor: ClaimActorContext): Promise<ClaimDocumentFileView> {
    return this.db.transaction(async (m) => {
      const claim = await this.claimOf(m, id, userId, true);
      if (claim.state !== 'documents_requested') throw new ClaimDocumentsNotRequestedException(claim.state);
      if (!claim.requestedDocuments.includes(code)) {
        throw new ValidationFailedException([
          { field: 'document', message: `is not among the documents asked for (${claim.requestedDocuments.join(', ')})`, rule: 'requestedDocument' },
        ]);
      }
      const document = await this.documents.commit(m, staged, {
        ownerType: CLAIM_DOCUMENT_OWNER_TYPE,
        ownerId: claim.id,
        agencyId: null,
        ownerUserId: claim.filedBy,
        kind: code,
        uploadedBy: userId,
        actor: actor.auditActor,
        correlationId: actor.correlationId ?? null,
      });
      await this.audit.append(m, {
        actor: actor.auditActor,
        action: 'welfare.claim.document-added',
        subjectType: WELFARE_CLAIM_SUBJECT,
        subjectId: claim.id,
        changes: { documentId: document.id, code },
        correlationId: actor.correlationId,
      });
      // Counted from the claim's last change (the request): a file sent for an earlier request does not answer this one.
      const have = await this.documents.kindsAttached(m, CLAIM_DOCUMENT_OWNER_TYPE, claim.id, claim.updatedAt);
      have.add(code);
      if (claim.requestedDocuments.every((c) => have.has(c))) await this.received(m, claim, actor);
      return {
        id: document.id,
        code,
        label: DOCUMENT_LABELS[code as keyof typeof DOCUMENT_LABELS] ?? code,
        contentType: document.contentType,
        sizeBytes: document.sizeBytes,
        createdAt: document.createdAt,
      };
    });
  }

  /** The claimant's documents, newest first. */
  async list(id: string, userId: string): Promise<ClaimDocumentFileView[]> {
    await this.claimOf(this.db.manager, id, userId, false);
    const documents = await this.documents.listAll(CLAIM_DOCUMENT_OWNER_TYPE, id);
    return documents.map((d) => ({
      id: d.id,
      code: d.kind,
      label: DOCUMENT_LABELS[d.kind as keyof typeof DOCUMENT_LABELS] ?? d.kind,
      contentType: d.contentType,
      sizeBytes: d.sizeBytes,
      createdAt: d.createdAt,
    }));
  }

  /** Everything asked for is in: back to review, the decision clock running again (the table's row, taken by the system). */
  private async received(m: EntityManager, claim: WelfareClaim, actor: ClaimActorContext): Promise<void> {
    const row = CLAIM_LIFECYCLE.decide(claim.state, 'documents-received', ['system']);
    const from = claim.state;
    const delivered = claim.requestedDocuments;
    claim.state = row.to;
    claim.requestedDocuments = [];
    claim.version += 1;
    claim.updatedAt = this.clock.now();
    await this.deadlines.resume(m, WELFARE_CLAIM_SUBJECT, claim.id, WELFARE_DECISION_KIND);
    await m.save(WelfareClaim, claim);
    await this.audit.append(m, {
      actor: 'system',
      action: row.effects.audit,
      subjectType: WELFARE_CLAIM_SUBJECT,
      subjectId: claim.id,
      changes: { state: { from, to: claim.state }, documents: delivered, by: 'claimant-upload' },
      correlationId: actor.correlationId,
    });
  }

  /** The claim, when the caller filed it from their account; 404 otherwise (never told apart from a missing one). */
  private async claimOf(m: EntityManager, id: string, userId: string, lock: boolean): Promise<WelfareClaim> {
    const claim = await m.findOne(WelfareClaim, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!claim || claim.filedBy !== userId || claim.claimantKind === 'officer') throw new NotFoundException('claim');
    return claim;
  }
}
