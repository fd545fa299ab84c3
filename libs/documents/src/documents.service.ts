import { createHash, randomUUID } from 'node:crypto';
import { AuditActor, AuditLog } from '@app/audit';
import { Stats } from 'node:fs';
import { FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';
import { ConfigService, NotFoundException, Page, PageQuery, pageOf, pageOffset } from '@app/common';
import {
  ACCEPTED_CONTENT_TYPES,
  ACCEPTED_TYPES_IN_WORDS,
  DocumentType,
  SNIFF_BYTES,
  couldBeAccepted,
  hasExtensionOf,
  isDeclaredAs,
  sniffDocumentType,
} from './document-types';
import { DocumentTooLargeException, UnsupportedDocumentTypeException } from './documents.errors';
import { nameWithExtension, sanitiseFilename, splitExtension } from './filename';
import { RollbackFileCleanup } from './rollback-cleanup';
import { StoredDocument } from './stored-document.entity';

/** What a document is attached to, and whose it is for the scope helpers. */
export interface DocumentOwner {
  /** 'agency', 'license-application', 'complaint', …: lower-case words joined by '-'. */
  ownerType: string;
  ownerId: string;
  /** The owning agency (agency users see it), if any. */
  agencyId?: string | null;
  /** The worker whose own file it is, if any. */
  ownerUserId?: string | null;
}

export interface AttachDocumentInput extends DocumentOwner {
  /** From the owning module's fixed list, e.g. 'business-permit', 'evidence'. */
  kind: string;
  /** The uploading account; null for the system. */
  uploadedBy: string | null;
  /** Who is recorded in the audit entry `document.uploaded`, written in the same transaction. */
  actor: AuditActor;
  correlationId?: string | null;
}

export interface DeclaredFile {
  /** The client's file name (sanitised before it is kept; never used as a path). */
  declaredName?: string | null;
  /** The client's Content-Type: checked against the content, never stored. */
  declaredType?: string | null;
}

export interface StoreDocumentInput extends AttachDocumentInput, DeclaredFile {
  /** The bytes: a stream (read once, with the size limit applied while reading) or a buffer. */
  content: Readable | Buffer;
}

/**
 * A file received and checked (size, type, hash) and written to a temporary name, not yet a
 * document: `commit` makes it one, `discard` removes it. Created only by `stage`.
 */
export interface StagedDocument {
  readonly id: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  /** Sanitised, with the extension of its real type. */
  readonly originalName: string;
  /** @internal */
  readonly tempPath: string;
}

/** A document as other modules and responses see it (never the storage key). */
export class DocumentView {
  @ApiProperty({ format: 'uuid', example: '0b9f3c8e-3a5d-4f64-9d7e-2f1c8a6b4e21' })
  id: string;

  @ApiProperty({ example: 'agency', description: "What the document is attached to: 'agency' (an agency's library), 'license-application', 'complaint', ..." })
  ownerType: string;

  @ApiProperty({ format: 'uuid', description: 'The id of the record it is attached to (the agency, the application, ...).' })
  ownerId: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The agency whose record this is (its users may see it); null when none.' })
  agencyId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The worker whose own file it is; null when none.' })
  ownerUserId: string | null;

  @ApiProperty({
    example: 'business-permit',
    description: "What it is, from the owning record's fixed list (for an agency's library: see the upload's `kind`).",
  })
  kind: string;

  @ApiProperty({
    example: 'business-permit-2026.pdf',
    description: "The uploader's file name, sanitised, with the extension of its real type; offered back as the download's name.",
  })
  originalName: string;

  @ApiProperty({
    enum: [...ACCEPTED_CONTENT_TYPES],
    enumName: 'DocumentContentType',
    example: 'application/pdf',
    description: 'The type recognised from the content itself (never the type the client claimed).',
  })
  contentType: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 482113, description: 'Size of the file in bytes.' })
  sizeBytes: number;

  @ApiProperty({
    pattern: '^[0-9a-f]{64}$',
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    description: 'Lower-case hex SHA-256 of the content.',
  })
  sha256: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The account that uploaded it; null when the system stored it (or a public upload).',
  })
  uploadedBy: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T08:15:00.000Z' })
  createdAt: string;
}

export interface OpenedDocument {
  document: DocumentView;
  /** The content; read it to the end or destroy it (it holds a file descriptor). */
  stream: Readable;
}

export interface DocumentListQuery extends Partial<PageQuery> {
  kind?: string;
}

export interface OrphanSweepResult {
  /** Files under their final name with no row (a transaction that died after the rename). */
  removedFiles: number;
  /** Temporary files of uploads that never finished. */
  removedTemp: number;
}

const TEMP_DIR = '.tmp';
const TEMP_SUFFIX = '.part';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX2 = /^[0-9a-f]{2}$/;
const WORD = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Declared types that say nothing (curl's default, or none): not held against the content. */
const GENERIC_TYPES = ['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown'];
/** A name's suffix counts as an extension when it looks like one (`pdf`, `JPG`), not `2024.05.01` or `Mr. Cruz`. */
const LOOKS_LIKE_EXTENSION = /^(?=.*[a-z])[a-z0-9]{1,5}$/;

/** `ab/cd/<id>`: spreads files over 65,536 directories; derived from the id alone. */
export const storageKeyFor = (id: string): string => {
  if (!UUID.test(id)) throw new TypeError('documents: id must be a uuid');
  const hex = id.toLowerCase();
  return `${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}`;
};

/**
 * Uploaded files: received with a size limit, recognised by content, hashed, written durably
 * outside the database under a server-generated name, and recorded in the caller's
 * transaction. docs/documents.md states the rules and the guarantees.
 */
@Injectable()
export class DocumentsService implements OnModuleInit {
  /** Absolute DOCUMENTS_DIR. */
  readonly root: string;
  readonly maxBytes: number;
  private readonly tempDir: string;

  constructor(
    private readonly db: DataSource,
    config: ConfigService,
    private readonly audit: AuditLog,
  ) {
    const settings = config.get('documents');
    this.root = resolve(process.cwd(), settings.DOCUMENTS_DIR);
    this.tempDir = join(this.root, TEMP_DIR);
    this.maxBytes = settings.DOCUMENTS_MAX_BYTES;
    if (!db.subscribers.some((s) => s instanceof RollbackFileCleanup)) db.subscribers.push(new RollbackFileCleanup());
  }

  async onModuleInit(): Promise<void> {
    await mkdir(this.tempDir, { recursive: true, mode: 0o700 });
  }

  /**
   * Stores a file and records it in the caller's transaction (`m`; outside one, in a
   * transaction of its own). Throws 413 above DOCUMENTS_MAX_BYTES and 415 for content that is
   * not an accepted type or does not match the declared type or extension; nothing is kept then.
   */
  async store(m: EntityManager, input: StoreDocumentInput): Promise<DocumentView> {
    const staged = await this.stage(input.content, input);
    try {
      return await this.commit(m, staged, input);
    } finally {
      await this.discard(staged);
    }
  }

  /**
   * First half of `store`: reads the content once, aborting at DOCUMENTS_MAX_BYTES + 1 bytes or
   * as soon as the first bytes show a refused type, hashing as it goes, into a temporary file
   * that is fsynced. On failure the temporary file is gone and the stream is left paused, not
   * destroyed (an HTTP caller drains the rest of the request).
   */
  async stage(content: Readable | Buffer, declared: DeclaredFile = {}): Promise<StagedDocument> {
    const id = randomUUID();
    const tempPath = join(this.tempDir, `${id}${TEMP_SUFFIX}`);
    const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
    const hash = createHash('sha256');
    const max = this.maxBytes;
    let size = 0;
    let head = Buffer.alloc(0);
    let type: DocumentType | undefined;
    const sniff = () => (type = this.checkType(head, declared));

    await mkdir(this.tempDir, { recursive: true, mode: 0o700 });
    const file = await open(tempPath, 'wx', 0o600);
    try {
      await consume(source, async (chunk) => {
        size += chunk.length;
        if (size > max) throw new DocumentTooLargeException(max);
        if (!type) {
          if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
          // A head that no accepted type starts with is refused at once, before SNIFF_BYTES.
          if (head.length >= SNIFF_BYTES || !couldBeAccepted(head)) sniff();
        }
        hash.update(chunk);
        await writeAll(file, chunk);
      });
      if (!type) sniff();
      await file.sync();
    } catch (e) {
      await file.close().catch(() => undefined);
      await rm(tempPath, { force: true });
      throw e;
    }
    await file.close();
    return {
      id,
      tempPath,
      contentType: type!.contentType,
      sizeBytes: size,
      sha256: hash.digest('hex'),
      originalName: nameWithExtension(sanitiseFilename(declared.declaredName), type!.extensions),
    };
  }

  /**
   * Second half of `store`: moves the staged file to its final name (rename, then fsync of the
   * directory) and inserts the row in `m`'s transaction. If that transaction rolls back, the
   * file is removed (RollbackFileCleanup); if the process dies first, `removeOrphans` does it.
   */
  async commit(m: EntityManager, staged: StagedDocument, attach: AttachDocumentInput): Promise<DocumentView> {
    checkAttach(attach);
    const qr = m.queryRunner;
    if (!qr?.isTransactionActive) return m.transaction((tm) => this.commit(tm, staged, attach));
    const storageKey = storageKeyFor(staged.id);
    const finalPath = join(this.root, storageKey);
    await mkdir(dirname(finalPath), { recursive: true, mode: 0o700 });
    await rename(staged.tempPath, finalPath);
    RollbackFileCleanup.track(qr, finalPath);
    await fsyncDirectory(dirname(finalPath));
    const row = m.create(StoredDocument, {
      id: staged.id,
      ownerType: attach.ownerType,
      ownerId: attach.ownerId,
      agencyId: attach.agencyId ?? null,
      ownerUserId: attach.ownerUserId ?? null,
      kind: attach.kind,
      originalName: staged.originalName,
      contentType: staged.contentType,
      sizeBytes: staged.sizeBytes,
      sha256: staged.sha256,
      storageKey,
      uploadedBy: attach.uploadedBy,
    });
    await m.insert(StoredDocument, row);
    const saved = toView(await m.findOneByOrFail(StoredDocument, { id: staged.id }));
    await this.audit.append(m, {
      actor: attach.actor,
      action: 'document.uploaded',
      subjectType: 'document',
      subjectId: saved.id,
      // Never the file name: it can carry personal data, and the audit log is forever.
      changes: {
        ownerType: saved.ownerType,
        ownerId: saved.ownerId,
        kind: saved.kind,
        contentType: saved.contentType,
        sizeBytes: saved.sizeBytes,
        sha256: saved.sha256,
      },
      correlationId: attach.correlationId ?? null,
    });
    return saved;
  }

  /** Removes a staged file that will not be committed (a no-op once committed). */
  async discard(staged: StagedDocument): Promise<void> {
    await rm(staged.tempPath, { force: true });
  }

  /** The document's metadata, or null. */
  async find(id: string, m: EntityManager = this.db.manager): Promise<DocumentView | null> {
    if (!UUID.test(id)) return null;
    const row = await m.findOneBy(StoredDocument, { id });
    return row ? toView(row) : null;
  }

  /**
   * The document and a stream of its content. `authorise` sees the metadata first and throws to
   * refuse (e.g. `assertInScope`); nothing is opened then. 404 when there is no such document.
   */
  async open(m: EntityManager | undefined, id: string, authorise?: (document: DocumentView) => void | Promise<void>): Promise<OpenedDocument> {
    const manager = m ?? this.db.manager;
    const row = UUID.test(id) ? await manager.findOneBy(StoredDocument, { id }) : null;
    if (!row) throw new NotFoundException('document');
    const document = toView(row);
    await authorise?.(document);
    const path = join(this.root, row.storageKey);
    // A missing or truncated file is our fault, never the caller's: a 500, logged.
    const handle = await open(path, 'r');
    const { size } = await handle.stat();
    if (size !== row.sizeBytes) {
      await handle.close();
      throw new Error(`documents: ${row.id} has ${size} bytes on disk, ${row.sizeBytes} recorded`);
    }
    return { document, stream: handle.createReadStream({ autoClose: true }) };
  }

  /** The documents attached to an owner, newest first, a page at a time. */
  async list(ownerType: string, ownerId: string, query: DocumentListQuery = {}, m: EntityManager = this.db.manager): Promise<Page<DocumentView>> {
    const page = { page: query.page ?? 1, pageSize: query.pageSize ?? 25 };
    if (!UUID.test(ownerId)) return pageOf([], 0, page);
    const qb = m
      .createQueryBuilder(StoredDocument, 'd')
      .where('d.owner_type = :ownerType AND d.owner_id = :ownerId', { ownerType, ownerId })
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'ASC')
      .skip(pageOffset(page))
      .take(page.pageSize);
    if (query.kind) qb.andWhere('d.kind = :kind', { kind: query.kind });
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(rows.map(toView), total, page);
  }

  /**
   * Every document attached to an owner, newest first, unpaged: for an owner whose documents are
   * few by rule (a checklist's uploads). Otherwise use `list`.
   */
  async listAll(ownerType: string, ownerId: string, m: EntityManager = this.db.manager): Promise<DocumentView[]> {
    if (!UUID.test(ownerId)) return [];
    const rows = await m
      .createQueryBuilder(StoredDocument, 'd')
      .where('d.owner_type = :ownerType AND d.owner_id = :ownerId', { ownerType, ownerId })
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'ASC')
      .getMany();
    return rows.map(toView);
  }

  /** The kinds of the documents attached to an owner (only those stored at or after `since`, when given): what of a checklist has arrived. */
  async kindsAttached(m: EntityManager, ownerType: string, ownerId: string, since?: Date): Promise<Set<string>> {
    if (!UUID.test(ownerId)) return new Set();
    const qb = m
      .createQueryBuilder(StoredDocument, 'd')
      .select('DISTINCT d.kind', 'kind')
      .where('d.owner_type = :ownerType AND d.owner_id = :ownerId', { ownerType, ownerId });
    if (since) qb.andWhere('d.created_at >= :since', { since });
    return new Set((await qb.getRawMany<{ kind: string }>()).map((r) => r.kind));
  }

  /**
   * Repairs what a crash can leave behind: files under their final name with no row, and
   * temporary files of unfinished uploads, older than `olderThanMs` (default one hour: longer
   * than any transaction that stores a document, so a file whose row is about to commit is
   * never taken). Safe to run at any time, from any process sharing DOCUMENTS_DIR.
   */
  async removeOrphans(options: { olderThanMs?: number } = {}): Promise<OrphanSweepResult> {
    const cutoff = Date.now() - (options.olderThanMs ?? 3_600_000);
    const result: OrphanSweepResult = { removedFiles: 0, removedTemp: 0 };
    const oldEnough = async (path: string) => {
      const s: Stats | null = await stat(path).catch(() => null);
      return !!s && s.isFile() && s.mtimeMs <= cutoff;
    };

    for (const name of await listDir(this.tempDir)) {
      const path = join(this.tempDir, name);
      if (name.endsWith(TEMP_SUFFIX) && (await oldEnough(path))) {
        await rm(path, { force: true });
        result.removedTemp++;
      }
    }

    for (const a of (await listDir(this.root)).filter((n) => HEX2.test(n))) {
      for (const b of (await listDir(join(this.root, a))).filter((n) => HEX2.test(n))) {
        const dir = join(this.root, a, b);
        const candidates: string[] = [];
        for (const name of await listDir(dir)) {
          if (UUID.test(name) && name.startsWith(a + b) && (await oldEnough(join(dir, name)))) candidates.push(name.toLowerCase());
        }
        if (!candidates.length) continue;
        const known = new Set(
          ((await this.db.query(`SELECT id::text AS id FROM stored_document WHERE id = ANY($1::uuid[])`, [candidates])) as { id: string }[]).map((r) => r.id),
        );
        for (const name of candidates) {
          if (known.has(name)) continue;
          await rm(join(dir, name), { force: true });
          result.removedFiles++;
        }
      }
    }
    return result;
  }

  /** Sniffs the head and holds it against what the client declared; throws 415. */
  private checkType(head: Buffer, declared: DeclaredFile): DocumentType {
    const type = sniffDocumentType(head);
    if (!type) {
      throw new UnsupportedDocumentTypeException(
        head.length === 0
          ? `The file is empty. Accepted: ${ACCEPTED_TYPES_IN_WORDS}.`
          : `The file's content is not an accepted type (${ACCEPTED_TYPES_IN_WORDS}), whatever its name says.`,
      );
    }
    const declaredType = (declared.declaredType ?? '').split(';')[0].trim().toLowerCase();
    if (!GENERIC_TYPES.includes(declaredType) && !isDeclaredAs(type, declaredType)) {
      throw new UnsupportedDocumentTypeException(`The file was sent as ${declaredType} but its content is ${type.label}.`);
    }
    const { extension } = splitExtension(sanitiseFilename(declared.declaredName));
    if (LOOKS_LIKE_EXTENSION.test(extension) && !hasExtensionOf(type, extension)) {
      throw new UnsupportedDocumentTypeException(`The file is named .${extension} but its content is ${type.label}.`);
    }
    return type;
  }
}

function checkAttach(a: AttachDocumentInput): void {
  if (!WORD.test(a.ownerType) || !WORD.test(a.kind)) throw new TypeError('documents: ownerType and kind must be lower-case words joined by "-"');
  for (const [name, v] of Object.entries({ ownerId: a.ownerId, agencyId: a.agencyId, ownerUserId: a.ownerUserId, uploadedBy: a.uploadedBy })) {
    if (v != null && !UUID.test(v)) throw new TypeError(`documents: ${name} must be a uuid`);
  }
  if (a.ownerId == null) throw new TypeError('documents: ownerId is required');
}

export function toView(row: StoredDocument): DocumentView {
  return {
    id: row.id,
    ownerType: row.ownerType,
    ownerId: row.ownerId,
    agencyId: row.agencyId,
    ownerUserId: row.ownerUserId,
    kind: row.kind,
    originalName: row.originalName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

async function writeAll(file: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

async function fsyncDirectory(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

async function listDir(path: string): Promise<string[]> {
  return readdir(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return [];
    throw e;
  });
}

/** The content stream itself failed (a client that went away, a malformed multipart body): not our fault. */
export class ContentStreamError extends Error {
  constructor(override readonly cause: unknown) {
    super(`documents: reading the content failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ContentStreamError';
  }
}

/**
 * Feeds every chunk to `sink`, one at a time (the source is paused while a chunk is written).
 * Unlike `for await` or `pipeline`, a failure does not destroy the source: it is left paused,
 * so an HTTP caller can drain the rest of the request and still answer cleanly.
 */
export function consume(source: Readable, sink: (chunk: Buffer) => Promise<void>): Promise<void> {
  // Already over (e.g. a multipart parser destroyed it while we were opening the file): no
  // event will come any more.
  if (source.destroyed) return Promise.reject(new ContentStreamError(source.errored ?? new Error('the content stream was closed')));
  if (source.readableEnded) return Promise.resolve();
  return new Promise<void>((resolvePromise, reject) => {
    let settled = false;
    let busy = false;
    let ended = false;
    const detach = () => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', onError);
      source.off('close', onClose);
    };
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      detach();
      source.pause();
      reject(err);
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      detach();
      resolvePromise();
    };
    const onData = (chunk: Buffer | string) => {
      busy = true;
      source.pause();
      sink(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)).then(() => {
        busy = false;
        if (ended) finish();
        else if (!settled) source.resume();
      }, fail);
    };
    // 'end' can come while the last chunk is still being written: finish after it.
    const onEnd = () => {
      ended = true;
      if (!busy) finish();
    };
    const onError = (err: Error) => fail(new ContentStreamError(err));
    const onClose = () => {
      if (!source.readableEnded) fail(new ContentStreamError(new Error('the content stream closed before its end')));
    };
    source.on('data', onData);
    source.on('end', onEnd);
    source.on('error', onError);
    source.on('close', onClose);
    source.resume();
  });
}
