import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Agency } from '@app/agencies';
import { AuditLog } from '@app/audit';
import { assertInScope } from '@app/auth';
import { Actor, NotFoundException, Page } from '@app/common';
import { DocumentListQuery, DocumentView, DocumentsService, OpenedDocument, StagedDocument } from '@app/documents';

/** Documents of the agency library are attached to the agency itself. */
export const AGENCY_OWNER_TYPE = 'agency';
/** Owner types whose documents licensing staff read through the licensing routes. */
const LICENSING_OWNER_TYPES = [AGENCY_OWNER_TYPE, 'license-application'];

/**
 * An agency's document library (permits, clearances, statements), for its own users and for the
 * ministry's licensing staff: the library has no module of its own, so its rules live here.
 */
@Injectable()
export class AgencyLibrary {
  constructor(
    private readonly documents: DocumentsService,
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Stores a staged file in the caller's agency library (audited `document.uploaded`), in one transaction. */
  upload(staged: StagedDocument, kind: string, actor: Actor): Promise<DocumentView> {
    const agencyId = ownAgency(actor);
    return this.db.transaction((m) =>
      this.documents.commit(m, staged, {
        ownerType: AGENCY_OWNER_TYPE,
        ownerId: agencyId,
        agencyId,
        kind,
        uploadedBy: actor.userId,
        actor: actor.auditActor,
        correlationId: actor.correlationId,
      }),
    );
  }

  /** The caller's agency library, newest first. */
  listOwn(query: DocumentListQuery, actor: Actor): Promise<Page<DocumentView>> {
    return this.documents.list(AGENCY_OWNER_TYPE, ownAgency(actor), query);
  }

  /** A document of the caller's own agency library; any other is 404. */
  openOwn(id: string, actor: Actor): Promise<OpenedDocument> {
    return this.documents.open(undefined, id, (d) => {
      if (d.ownerType !== AGENCY_OWNER_TYPE) throw new NotFoundException('document');
      assertInScope(actor, { agencyId: d.agencyId }, 'document');
    });
  }

  /** Any agency's library, for the ministry; 404 for an unknown agency. */
  async listOf(agencyId: string, query: DocumentListQuery): Promise<Page<DocumentView>> {
    if (!(await this.db.getRepository(Agency).existsBy({ id: agencyId }))) throw new NotFoundException('agency');
    return this.documents.list(AGENCY_OWNER_TYPE, agencyId, query);
  }

  /**
   * A document of an agency's library or of a license application, for the ministry: the
   * download is audited (`document.downloaded`) in the transaction that reads the metadata, so
   * no byte is sent when that fails.
   */
  async openForLicensing(id: string, actor: Actor): Promise<OpenedDocument> {
    let opened: OpenedDocument | undefined;
    try {
      await this.db.transaction(async (m) => {
        opened = await this.documents.open(m, id, (d) => {
          if (!LICENSING_OWNER_TYPES.includes(d.ownerType)) throw new NotFoundException('document');
        });
        const d = opened.document;
        await this.audit.append(m, {
          actor: actor.auditActor,
          action: 'document.downloaded',
          subjectType: 'document',
          subjectId: d.id,
          changes: { ownerType: d.ownerType, ownerId: d.ownerId, agencyId: d.agencyId, kind: d.kind },
          correlationId: actor.correlationId,
        });
      });
    } catch (e) {
      opened?.stream.destroy();
      throw e;
    }
    return opened!;
  }
}

function ownAgency(actor: Actor): string {
  if (!actor.agencyId) throw new NotFoundException('agency');
  return actor.agencyId;
}
