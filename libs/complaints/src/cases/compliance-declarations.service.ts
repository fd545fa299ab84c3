import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Agency } from '@app/agencies';
import { AuditActor, AuditLog } from '@app/audit';
import { Clock, ConflictException, NotFoundException } from '@app/common';
import { DocumentsService, StagedDocument } from '@app/documents';
import { Notifications, mailDate } from '@app/notifications';
import type { Audience } from '@app/notifications';
import { Complaint, ComplaintEvent, ComplianceDeclaration } from '../entities';
import { ComplaintEvidence, evidenceView } from '../evidence/complaint-evidence.service';
import { agencyMaySee } from './agency-visibility';
import { ComplianceDeclarationView } from './complaint-views';

/** The longest statement a declaration takes (the route's DTO says the same). */
export const COMPLIANCE_STATEMENT_MAX = 5000;

/** The timeline kind of a declaration (shared: the complainant and the agency see it too). */
export const COMPLIANCE_DECLARED = 'compliance-declared';

/** The evidence kind the proof is stored under (an evidence kind the parties' views know). */
const PROOF_KIND = 'other';

export interface DeclarationActor {
  userId: string;
  agencyId: string;
  auditActor: AuditActor;
  correlationId?: string | null;
}

/** 409: only a settled case takes a declaration. */
export class CaseNotSettledException extends ConflictException {
  constructor(stage: string) {
    super('case-not-settled', `The case is ${stage}: compliance is declared only while the case is settled.`, { stage });
  }
}

/** 409: the agency already declared compliance with this settlement (a double submit, or a second declaration). */
export class ComplianceAlreadyDeclaredException extends ConflictException {
  constructor(declaredAt: Date) {
    super('compliance-already-declared', 'Compliance with this settlement was already declared; the ministry confirms it.', {
      declaredAt: declaredAt.toISOString(),
    });
  }
}

/**
 * The agency's declaration that it complied with a settlement (issue 22): its statement and,
 * optionally, a proof file stored as the agency's evidence on the case, once per settlement. It
 * moves nothing: `comply` stays the officer's transition, and the officer is told (the case's
 * inspector, or the supervisors while unassigned). docs/complaints.md, "Settlement compliance
 * declared by the agency".
 */
@Injectable()
export class ComplianceDeclarations {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly documents: DocumentsService,
    private readonly notifications: Notifications,
    private readonly evidence: ComplaintEvidence,
  ) {}

  /** The checks without the file, for the route to answer before reading a body: 404, 409 (checked again under the lock). */
  async check(id: string, agencyId: string): Promise<void> {
    const c = await this.caseOf(this.db.manager, id, agencyId, false);
    await this.declarable(this.db.manager, c);
  }

  /**
   * Declares compliance in one transaction under the case's row lock (the lock every move takes):
   * the proof as the agency's evidence (with its `evidence` entry and `complaint.evidence.added`),
   * the declaration, its shared timeline entry, `complaint.compliance.declared`, and the officer's
   * mail. A second declaration for the same settlement is 409 `compliance-already-declared` (and
   * the unique key on the settlement holds even without the lock).
   */
  async declare(id: string, statement: string, staged: StagedDocument | null, actor: DeclarationActor): Promise<void> {
    const text = statement.trim();
    if (!text || text.length > COMPLIANCE_STATEMENT_MAX) throw new TypeError('compliance declaration: the statement is checked by the route');
    await this.db.transaction(async (m) => {
      const c = await this.caseOf(m, id, actor.agencyId, true);
      const settlement = await this.declarable(m, c);
      const now = this.clock.now();
      const role = actor.auditActor === 'system' ? 'system' : actor.auditActor.role;
      // The proof as any evidence the agency adds: the document, a shared timeline entry and its audit entry.
      const documentId = staged
        ? (await this.evidence.attachIn(m, c, 'agency', actor.userId, staged, PROOF_KIND, { auditActor: actor.auditActor, correlationId: actor.correlationId }))
            .id
        : null;
      const declaration = await m.save(
        m.create(ComplianceDeclaration, {
          complaintId: c.id,
          settlementSeq: settlement.seq,
          statement: text,
          documentId,
          declaredBy: actor.userId,
          declaredAt: now,
        }),
      );
      await m.insert(ComplaintEvent, {
        complaintId: c.id,
        kind: COMPLIANCE_DECLARED,
        fromStage: null,
        toStage: null,
        body: text,
        visibility: 'shared',
        actorId: actor.userId,
        actorRole: role,
        at: now,
      });
      await this.audit.append(m, {
        actor: actor.auditActor,
        action: 'complaint.compliance.declared',
        subjectType: 'complaint',
        subjectId: c.id,
        changes: { declarationId: declaration.id, settlementSeq: settlement.seq, documentId, stage: c.stage },
        correlationId: actor.correlationId ?? null,
      });
      await this.notify(m, c, declaration);
    });
  }

  /** The declaration answering the case's latest settlement, as the views show it; null when none (or never settled). */
  async current(m: EntityManager, c: Complaint): Promise<ComplianceDeclarationView | null> {
    if (!c.settlement) return null;
    const settlement = await this.latestSettlement(m, c.id);
    const d = settlement ? await m.findOne(ComplianceDeclaration, { where: { settlementSeq: settlement.seq } }) : null;
    if (!d) return null;
    const document = d.documentId ? await this.documents.find(d.documentId, m) : null;
    return {
      statement: d.statement,
      declaredAt: d.declaredAt.toISOString(),
      declaredBy: d.declaredBy,
      documents: document ? [evidenceView(document)] : [],
    };
  }

  /** The settlement a declaration would answer: 409 when the case is not settled or it was declared already. */
  private async declarable(m: EntityManager, c: Complaint): Promise<ComplaintEvent> {
    if (c.stage !== 'settled') throw new CaseNotSettledException(c.stage);
    const settlement = await this.latestSettlement(m, c.id);
    if (!settlement) throw new CaseNotSettledException(c.stage);
    const existing = await m.findOne(ComplianceDeclaration, { where: { settlementSeq: settlement.seq } });
    if (existing) throw new ComplianceAlreadyDeclaredException(existing.declaredAt);
    return settlement;
  }

  /** The timeline entry of the case's latest move into `settled`. */
  private latestSettlement(m: EntityManager, complaintId: string): Promise<ComplaintEvent | null> {
    return m.findOne(ComplaintEvent, { where: { complaintId, toStage: 'settled' }, order: { seq: 'DESC' } });
  }

  /** A case about the agency (404 for any other, the same as for none), locked as a move locks it. */
  private async caseOf(m: EntityManager, id: string, agencyId: string, lock: boolean): Promise<Complaint> {
    const c = await m.findOne(Complaint, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!c || c.agencyId !== agencyId || !agencyMaySee(c)) throw new NotFoundException('case');
    return c;
  }

  /** The case's inspector, or the supervisors while nobody is assigned: someone must confirm it. */
  private async notify(m: EntityManager, c: Complaint, d: ComplianceDeclaration): Promise<void> {
    const agency = await m.findOneByOrFail(Agency, { id: c.agencyId! });
    const to: Audience = c.assignedTo ? { user: c.assignedTo } : { role: 'supervisor' };
    await this.notifications.enqueue(m, {
      to,
      template: 'complaint.compliance-declared',
      data: { referenceNumber: c.reference, agencyName: agency.legalName, complyBy: mailDate(c.settlement!.complyBy) },
      dedupKey: `complaint.compliance-declared:${c.id}:${d.settlementSeq}`,
    });
  }
}
