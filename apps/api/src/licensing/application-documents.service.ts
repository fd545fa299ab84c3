import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APPLICATION_OWNER_TYPE, ApplicationsService } from '@app/agencies';
import type { Actor } from '@app/common';
import { DocumentView, DocumentsService, StagedDocument } from '@app/documents';

/**
 * A document uploaded to a license application: the application (locked, so it cannot be filed
 * meanwhile), the document with its `document.uploaded` entry, and the application's `document`
 * event, in one transaction. It joins libs/agencies and libs/documents, hence its place here.
 */
@Injectable()
export class ApplicationDocuments {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly documents: DocumentsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  upload(id: string, staged: StagedDocument, kind: string, actor: Actor): Promise<DocumentView> {
    return this.db.transaction(async (m) => {
      const app = await this.applications.lockForUpload(m, id, actor);
      const document = await this.documents.commit(m, staged, {
        ownerType: APPLICATION_OWNER_TYPE,
        ownerId: app.id,
        agencyId: app.agencyId,
        kind,
        uploadedBy: actor.userId,
        actor: actor.auditActor,
        correlationId: actor.correlationId,
      });
      await this.applications.documentAdded(m, app, document, actor);
      return document;
    });
  }
}
