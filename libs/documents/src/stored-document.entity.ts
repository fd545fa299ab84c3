import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { ACCEPTED_CONTENT_TYPES } from './document-types';

/**
 * An uploaded file's metadata. The bytes live on disk under `storage_key` (DOCUMENTS_DIR), a
 * server-generated path derived from the id, never from anything the client sent.
 *
 * No foreign keys to the owner, the agency or the uploader: documents sit below the domain
 * libraries that attach them (an owner can be a license application, a complaint, …, each in
 * another library's table). Modules attaching documents keep the owner ids valid.
 */
@Entity({ name: 'stored_document' })
@Index('uq_stored_document_storage_key', ['storageKey'], { unique: true })
@Index('ix_stored_document_owner', ['ownerType', 'ownerId', 'createdAt'])
@Index('ix_stored_document_agency', ['agencyId', 'createdAt'])
// From the accepted types themselves. migration:check compares constraints by name only, not by
// expression: a type added there needs a migration replacing this constraint (as
// 1795450500000-AcceptPhoneImageDocuments did), and test/documents/storage.e2e-spec.ts fails without one.
@Check('ck_stored_document_content_type', `content_type IN (${ACCEPTED_CONTENT_TYPES.map((t) => `'${t}'`).join(', ')})`)
@Check('ck_stored_document_size', 'size_bytes >= 0')
@Check('ck_stored_document_sha256', `sha256 ~ '^[0-9a-f]{64}$'`)
export class StoredDocument {
  /** Chosen by the service before the file is written: the storage key is derived from it. */
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_stored_document' })
  id: string;

  /** What the document is attached to: 'agency', 'license-application', 'complaint', … */
  @Column({ type: 'text' })
  ownerType: string;

  @Column({ type: 'uuid' })
  ownerId: string;

  /** The agency whose record this is (scope of agency users), when there is one. */
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  /** The worker whose record this is (scope of a worker's own files), when there is one. */
  @Column({ type: 'uuid', nullable: true })
  ownerUserId: string | null;

  /** What it is, from the owning module's fixed list: 'business-permit', 'evidence', … */
  @Column({ type: 'text' })
  kind: string;

  /** The client's file name, sanitised: only ever offered back in Content-Disposition. */
  @Column({ type: 'text' })
  originalName: string;

  /** The sniffed type, never the client's claim. */
  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'integer' })
  sizeBytes: number;

  /** Lower-case hex SHA-256 of the content. */
  @Column({ type: 'text' })
  sha256: string;

  /** Path under DOCUMENTS_DIR: `ab/cd/<id>`. */
  @Column({ type: 'text' })
  storageKey: string;

  /** The account that uploaded it; null for the system. */
  @Column({ type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
