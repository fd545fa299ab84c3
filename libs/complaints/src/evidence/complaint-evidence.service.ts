import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { Clock, ConflictException, NotFoundException, Page, pageOf } from '@app/common';
import { ACCEPTED_CONTENT_TYPES, DocumentView, DocumentsService, OpenedDocument, StagedDocument } from '@app/documents';
import { Complaint, ComplaintEvent, NoteVisibility } from '../entities';
import { canonicalReference, secretMatches } from '../intake/references';
import { agencyMaySee } from '../cases/agency-visibility';

/** Evidence is attached to the case itself (`stored_document.owner_type`). */
export const EVIDENCE_OWNER_TYPE = 'complaint';

/** What a party may say a file is (validated in the routes' DTOs and again here). */
export const EVIDENCE_KINDS = ['contract', 'receipt', 'payslip', 'photo', 'message', 'identity-document', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Who added a file. */
export type EvidenceParty = 'ministry' | 'complainant' | 'agency';

/**
 * Who is asking, and through which door. Every door but the ministry's reaches only its own
 * case; anything else is "not found" (a wrong reference or secret included).
 */
export type EvidenceDoor =
  /** Inspectors and supervisors: any case. */
  | { party: 'ministry'; caseId: string; userId: string }
  /** The complainant's account: the case it filed or was linked to. */
  | { party: 'complainant'; caseId: string; userId: string }
  /** The complainant without an account: the reference and the tracking secret. */
  | { party: 'complainant'; reference: string; secret: string }
  /** An agency's users: a case about their agency. */
  | { party: 'agency'; caseId: string; userId: string; agencyId: string };

export type MinistryDoor = Extract<EvidenceDoor, { party: 'ministry' }>;

export interface EvidenceContext {
  auditActor: AuditActor;
  correlationId?: string | null;
}

export interface EvidenceListQuery {
  page?: number;
  pageSize?: number;
  kind?: string;
}

/** A file of evidence as the complainant and the agency see it. */
export class EvidenceView {
  @ApiProperty({ type: String, format: 'uuid', description: "The document's id (download it from `.../evidence/{documentId}/content`)." })
  id: string;

  @ApiProperty({ enum: EVIDENCE_KINDS, enumName: 'EvidenceKind', example: 'receipt' })
  kind: string;

  /** Sanitised, with the extension of its real type. */
  @ApiProperty({
    type: String,
    example: 'receipt-placement-fee.pdf',
    description: 'The name it was sent with, sanitised, with the extension of its real type.',
  })
  originalName: string;

  /** Sniffed from the content. */
  @ApiProperty({
    enum: [...ACCEPTED_CONTENT_TYPES],
    enumName: 'DocumentContentType',
    example: 'application/pdf',
    description: 'Recognised from the content itself, never the type the client claimed.',
  })
  contentType: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 48213, description: 'Size of the file in bytes.' })
  sizeBytes: number;

  @ApiProperty({ type: String, pattern: '^[0-9a-f]{64}$', description: "SHA-256 of the file's bytes, hex." })
  sha256: string;

  @ApiProperty({ enum: ['ministry', 'complainant', 'agency'], enumName: 'EvidenceParty', example: 'complainant', description: 'Who added it.' })
  addedBy: EvidenceParty;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

/** Ministry staff also see who uploaded it and whether its timeline entry is shared with the parties. */
export class StaffEvidenceView extends EvidenceView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The user who uploaded it; null for a complainant without an account.' })
  uploadedBy: string | null;

  @ApiProperty({
    enum: ['internal', 'shared'],
    enumName: 'NoteVisibility',
    description: "Whether the file's timeline entry is shared with the parties: the agency's evidence is; the complainant's and the ministry's are internal.",
  })
  visibility: NoteVisibility;
}

/** 409: nothing is added to a closed case (a supervisor reopens it first). */
export class CaseClosedException extends ConflictException {
  constructor(outcome: string | null) {
    super('case-closed', 'The case is closed; evidence can no longer be added. If it matters, ask the ministry to reopen the case.', {
      stage: 'closed',
      outcome,
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_BATCH = 100;

/**
 * Which party added a document, from the row alone. The upload writes the owner columns so
 * that this holds (and checks it):
 *
 * | party       | agency_id         | owner_user_id                         | uploaded_by                      |
 * |-------------|-------------------|---------------------------------------|----------------------------------|
 * | agency      | the case's agency | null                                  | the agency user                  |
 * | complainant | null              | the case's complainant account, if any | that account, or null (public)  |
 * | ministry    | null              | null                                  | the officer                      |
 *
 * `agency_id` is set only on the agency's own uploads: that is what the documents library's
 * scope helpers read as "the agency may see it", so no generic route can ever show the agency a
 * complainant's file.
 */
export function evidenceParty(d: Pick<DocumentView, 'agencyId' | 'ownerUserId' | 'uploadedBy'>): EvidenceParty {
  if (d.agencyId) return 'agency';
  if (d.uploadedBy === null || d.uploadedBy === d.ownerUserId) return 'complainant';
  return 'ministry';
}

/** The agency's evidence is shared (the complainant sees it too); everything else stays with the ministry. */
export const evidenceVisibility = (party: EvidenceParty): NoteVisibility => (party === 'agency' ? 'shared' : 'internal');

/** May this door see this document (already known to belong to the case)? */
export function evidenceVisibleTo(door: EvidenceDoor, d: DocumentView): boolean {
  const party = evidenceParty(d);
  switch (door.party) {
    case 'ministry':
      return true;
    case 'complainant':
      // Their own files and what the agency put forward; never the ministry's working files.
      return party === 'complainant' || party === 'agency';
    case 'agency':
      // Its own uploads only: a complainant's evidence can identify them.
      return party === 'agency' && d.agencyId === door.agencyId;
  }
}

export function evidenceView(d: DocumentView): EvidenceView {
  return {
    id: d.id,
    kind: d.kind,
    originalName: d.originalName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    addedBy: evidenceParty(d),
    createdAt: d.createdAt,
  };
}

export function staffEvidenceView(d: DocumentView): StaffEvidenceView {
  const party = evidenceParty(d);
  return { ...evidenceView(d), uploadedBy: d.uploadedBy, visibility: evidenceVisibility(party) };
}

const roleOf = (a: AuditActor): string => (a === 'system' ? 'system' : a.role);

/**
 * Evidence attached to complaints (contracts, receipts, payslips, photos, messages), stored by
 * the documents library under owner type 'complaint'. Each party uploads through its own door
 * and sees only what it may: the ministry everything, the complainant their own files and the
 * agency's, the agency only its own (a complainant's evidence can identify them, so the agency
 * never learns it exists: its timeline entry is internal). docs/complaints.md, "Evidence".
 */
@Injectable()
export class ComplaintEvidence {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * The checks an upload makes, without the file: 404 when the door does not open the case,
   * 409 `case-closed`. For routes to answer before reading a body; `upload` checks again.
   */
  async checkUpload(door: EvidenceDoor): Promise<void> {
    const c = await this.caseFor(this.db.manager, door, false);
    if (c.stage === 'closed') throw new CaseClosedException(c.outcome);
  }

  /**
   * Attaches a staged file (see withSingleFileUpload) to the case, in one transaction: the
   * document (and its `document.uploaded` audit entry), the timeline entry (internal for the
   * complainant's and the ministry's files, shared for the agency's) and `complaint.evidence.added`.
   * The case row is share-locked, so it cannot close meanwhile. 404 when the door does not open
   * the case, 409 `case-closed`.
   */
  async upload(door: EvidenceDoor, staged: StagedDocument, kind: string, ctx: EvidenceContext): Promise<EvidenceView> {
    if (!(EVIDENCE_KINDS as readonly string[]).includes(kind)) throw new TypeError(`complaint evidence: unknown kind '${kind}'`);
    return this.db.transaction(async (m) => {
      const c = await this.caseFor(m, door, true);
      if (c.stage === 'closed') throw new CaseClosedException(c.outcome);
      const document = await this.attachIn(m, c, door.party, 'userId' in door ? door.userId : null, staged, kind, ctx);
      return door.party === 'ministry' ? staffEvidenceView(document) : evidenceView(document);
    });
  }

  /**
   * The attachment itself, in the caller's transaction, on a case the caller holds (locked, not
   * closed): the document, its timeline entry and `complaint.evidence.added`. `upload` above, and
   * an agency's proof of compliance with a settlement (cases/compliance-declarations.service.ts).
   */
  async attachIn(
    m: EntityManager,
    c: Complaint,
    party: EvidenceParty,
    uploadedBy: string | null,
    staged: StagedDocument,
    kind: string,
    ctx: EvidenceContext,
  ): Promise<DocumentView> {
    if (!(EVIDENCE_KINDS as readonly string[]).includes(kind)) throw new TypeError(`complaint evidence: unknown kind '${kind}'`);
    const visibility = evidenceVisibility(party);
    const document = await this.documents.commit(m, staged, {
      ownerType: EVIDENCE_OWNER_TYPE,
      ownerId: c.id,
      agencyId: party === 'agency' ? c.agencyId : null,
      ownerUserId: party === 'complainant' ? c.complainantUserId : null,
      kind,
      uploadedBy,
      actor: ctx.auditActor,
      correlationId: ctx.correlationId ?? null,
    });
    // The visibility rules rest on the owner columns: never store a row they would misread.
    if (evidenceParty(document) !== party) throw new Error(`complaint evidence: a ${party} upload would read as ${evidenceParty(document)}'s`);
    await m.insert(ComplaintEvent, {
      complaintId: c.id,
      kind: 'evidence',
      fromStage: null,
      toStage: null,
      body: kind,
      visibility,
      actorId: uploadedBy,
      actorRole: roleOf(ctx.auditActor),
      at: this.clock.now(),
    });
    // The main chain, like DocumentsService.commit's entry: one chain lock per transaction, so
    // no lock-order deadlock with transactions that take the 'complaints' chain first.
    await this.audit.append(m, {
      actor: ctx.auditActor,
      action: 'complaint.evidence.added',
      subjectType: 'complaint',
      subjectId: c.id,
      changes: { documentId: document.id, kind, party, visibility },
      correlationId: ctx.correlationId ?? null,
    });
    return document;
  }

  /** The case's evidence the door may see, newest first. 404 when the door does not open the case. */
  list(door: MinistryDoor, query?: EvidenceListQuery): Promise<Page<StaffEvidenceView>>;
  list(door: EvidenceDoor, query?: EvidenceListQuery): Promise<Page<EvidenceView>>;
  async list(door: EvidenceDoor, query: EvidenceListQuery = {}): Promise<Page<EvidenceView>> {
    const page = { page: query.page ?? 1, pageSize: query.pageSize ?? 25 };
    const c = await this.caseFor(this.db.manager, door, false);
    if (door.party === 'ministry') {
      const all = await this.documents.list(EVIDENCE_OWNER_TYPE, c.id, { ...page, kind: query.kind });
      return { ...all, items: all.items.map(staffEvidenceView) };
    }
    // The parties see a subset the documents library cannot filter on; a case holds tens of files.
    const visible = (await this.allOf(c.id, query.kind)).filter((d) => evidenceVisibleTo(door, d));
    const from = (page.page - 1) * page.pageSize;
    return pageOf(visible.slice(from, from + page.pageSize).map(evidenceView), visible.length, page);
  }

  /**
   * A file of the case, for download: only what the door may list (404 otherwise). Ministry
   * downloads are audited (`document.downloaded`) in the transaction that reads the metadata.
   * Read the stream to its end or destroy it.
   */
  async open(door: EvidenceDoor, documentId: string, ctx: EvidenceContext): Promise<OpenedDocument> {
    if (door.party !== 'ministry') {
      const c = await this.caseFor(this.db.manager, door, false);
      return this.documents.open(undefined, documentId, (d) => {
        if (!belongsTo(d, c) || !evidenceVisibleTo(door, d)) throw new NotFoundException('document');
      });
    }
    let opened: OpenedDocument | undefined;
    try {
      await this.db.transaction(async (m) => {
        const c = await this.caseFor(m, door, false);
        opened = await this.documents.open(m, documentId, (d) => {
          if (!belongsTo(d, c)) throw new NotFoundException('document');
        });
        const d = opened.document;
        await this.audit.append(m, {
          actor: ctx.auditActor,
          action: 'document.downloaded',
          subjectType: 'document',
          subjectId: d.id,
          changes: { ownerType: d.ownerType, ownerId: d.ownerId, agencyId: d.agencyId, kind: d.kind },
          correlationId: ctx.correlationId ?? null,
        });
      });
    } catch (e) {
      opened?.stream.destroy();
      throw e;
    }
    return opened!;
  }

  /** The case the door opens, or 404 (the same for a case that does not exist and one that is not the caller's). */
  private async caseFor(m: EntityManager, door: EvidenceDoor, lock: boolean): Promise<Complaint> {
    const locking = lock ? { lock: { mode: 'pessimistic_read' as const } } : {};
    if ('reference' in door) {
      const reference = canonicalReference(door.reference);
      const c = reference ? await m.findOne(Complaint, { where: { reference }, ...locking }) : null;
      if (!c || !secretMatches(door.secret, c.secretHash)) throw new NotFoundException('case');
      return c;
    }
    const c = UUID.test(door.caseId) ? await m.findOne(Complaint, { where: { id: door.caseId }, ...locking }) : null;
    if (!c) throw new NotFoundException('case');
    const reaches =
      door.party === 'ministry' || (door.party === 'complainant' ? c.complainantUserId === door.userId : c.agencyId === door.agencyId && agencyMaySee(c));
    if (!reaches) throw new NotFoundException('case');
    return c;
  }

  /** Every document of the case (of one kind), newest first. */
  private async allOf(caseId: string, kind?: string): Promise<DocumentView[]> {
    const out: DocumentView[] = [];
    for (let page = 1; ; page++) {
      const batch = await this.documents.list(EVIDENCE_OWNER_TYPE, caseId, { page, pageSize: LIST_BATCH, kind });
      out.push(...batch.items);
      if (batch.items.length < LIST_BATCH || out.length >= batch.total) return out;
    }
  }
}

const belongsTo = (d: DocumentView, c: Complaint): boolean => d.ownerType === EVIDENCE_OWNER_TYPE && d.ownerId === c.id;
