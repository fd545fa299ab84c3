import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ACCEPTED_CONTENT_TYPES, DocumentsService, storageKeyFor } from '@app/documents';
import { createAgency } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { SMALL_HEIC, SMALL_HEIF, SMALL_PDF, SMALL_WEBP, makePng } from './fixtures';

/** Every file under the storage root (relative paths), temporary ones included. */
async function filesUnder(root: string, rel = ''): Promise<string[]> {
  const entries = await readdir(join(root, rel), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesUnder(root, p)));
    else out.push(p);
  }
  return out.sort();
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('documents: the file and its row never diverge for long', () => {
  let t: TestApp;
  let dir: string;
  let docs: DocumentsService;
  let agencyId: string;
  const input = (content: Buffer | Readable = SMALL_PDF) => ({
    content,
    declaredName: 'evidence.pdf',
    declaredType: 'application/pdf',
    ownerType: 'agency',
    ownerId: agencyId,
    agencyId,
    kind: 'evidence',
    uploadedBy: null,
    actor: 'system' as const,
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lcs-documents-storage-'));
    // A directory that does not exist yet: the module creates it.
    dir = join(dir, 'nested', 'documents');
    t = await createTestApp({ env: { DOCUMENTS_DIR: dir } });
    docs = t.app.get(DocumentsService);
    agencyId = (await createAgency(t)).id;
  });
  afterAll(async () => {
    await t.close();
    await rm(join(dir, '..', '..'), { recursive: true, force: true });
  });

  it('creates DOCUMENTS_DIR at start-up when it is missing', async () => {
    expect(await exists(join(dir, '.tmp'))).toBe(true);
  });

  it('commits the file and the row together, from a stream, and opens it again', async () => {
    const png = makePng(16);
    const doc = await t.dataSource.transaction((m) =>
      docs.store(m, { ...input(Readable.from([png.subarray(0, 5), png.subarray(5)])), declaredName: 'x.png', declaredType: 'image/png' }),
    );
    expect(doc).toMatchObject({ contentType: 'image/png', sizeBytes: png.length, originalName: 'x.png' });
    expect(await exists(join(dir, storageKeyFor(doc.id)))).toBe(true);
    const opened = await docs.open(undefined, doc.id);
    const chunks: Buffer[] = [];
    for await (const c of opened.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks)).toEqual(png);
    const listed = await docs.list('agency', agencyId);
    expect(listed.items.map((d) => d.id)).toContain(doc.id);
  });

  it('commits the phone photo types too: WEBP, HEIC and HEIF rows pass the database check', async () => {
    for (const [content, declaredName, contentType] of [
      [SMALL_WEBP, 'receipt.webp', 'image/webp'],
      [SMALL_HEIC, 'IMG_0001.HEIC', 'image/heic'],
      [SMALL_HEIF, 'photo.heic', 'image/heif'],
    ] as const) {
      const doc = await docs.store(t.dataSource.manager, { ...input(content), declaredName, declaredType: 'application/octet-stream' });
      expect(doc).toMatchObject({ contentType, originalName: declaredName, sizeBytes: content.length });
    }
  });

  it("the database's check allows exactly the accepted types (migration:check compares constraints by name only)", async () => {
    const insert = (contentType: string) =>
      t.dataSource.transaction(async (m) => {
        const id = randomUUID();
        await m.query(
          `INSERT INTO stored_document (id, owner_type, owner_id, kind, original_name, content_type, size_bytes, sha256, storage_key) VALUES ($1, 'agency', $2, 'other', 'x', $3, 0, repeat('0', 64), $4)`,
          [id, agencyId, contentType, storageKeyFor(id)],
        );
        // Only the check is under test: nothing is kept.
        throw new Error('inserted');
      });
    for (const type of ACCEPTED_CONTENT_TYPES) await expect(insert(type)).rejects.toThrow('inserted');
    for (const type of ['image/avif', 'image/gif', 'image/svg+xml', 'text/html', 'application/octet-stream']) {
      await expect(insert(type)).rejects.toThrow(/ck_stored_document_content_type/);
    }
  });

  it('stores in a transaction of its own when the manager is not in one', async () => {
    const doc = await docs.store(t.dataSource.manager, input());
    expect(await docs.find(doc.id)).toMatchObject({ id: doc.id, sha256: doc.sha256 });
  });

  it('removes the file at once when the caller rolls back, and leaves nothing for the sweep', async () => {
    const before = await filesUnder(dir);
    let id = '';
    await expect(
      t.dataSource.transaction(async (m) => {
        id = (await docs.store(m, input())).id;
        expect(await exists(join(dir, storageKeyFor(id)))).toBe(true);
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(await exists(join(dir, storageKeyFor(id)))).toBe(false);
    expect(await docs.find(id)).toBeNull();
    expect(await filesUnder(dir)).toEqual(before);
    expect(await docs.removeOrphans({ olderThanMs: 0 })).toEqual({ removedFiles: 0, removedTemp: 0 });
  });

  it('rolling back to a savepoint removes only the files written inside it', async () => {
    let outer = '';
    let inner = '';
    await t.dataSource.transaction(async (m) => {
      outer = (await docs.store(m, input())).id;
      await m
        .transaction(async (sp) => {
          inner = (await docs.store(sp, input())).id;
          throw new Error('inner step failed');
        })
        .catch(() => undefined);
    });
    expect(await exists(join(dir, storageKeyFor(outer)))).toBe(true);
    expect(await docs.find(outer)).not.toBeNull();
    expect(await exists(join(dir, storageKeyFor(inner)))).toBe(false);
  });

  it('leaves an orphan when the connection dies before COMMIT, which removeOrphans() removes (and nothing else)', async () => {
    const kept = await docs.store(t.dataSource.manager, input());
    let orphan = '';
    await expect(
      t.dataSource.transaction(async (m) => {
        orphan = (await docs.store(m, input())).id;
        const [{ pid }] = await m.query('SELECT pg_backend_pid() AS pid');
        // Another connection kills this one: ROLLBACK itself fails, so no rollback hook runs.
        await t.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
      }),
    ).rejects.toThrow();
    const orphanPath = join(dir, storageKeyFor(orphan));
    expect(await exists(orphanPath)).toBe(true);
    expect(await docs.find(orphan)).toBeNull();

    // Too recent for the default grace period (its transaction might still be running).
    expect((await docs.removeOrphans()).removedFiles).toBe(0);
    expect(await exists(orphanPath)).toBe(true);

    const sweep = await docs.removeOrphans({ olderThanMs: 0 });
    expect(sweep.removedFiles).toBe(1);
    expect(await exists(orphanPath)).toBe(false);
    expect(await exists(join(dir, storageKeyFor(kept.id)))).toBe(true);
  });

  it('sweeps temporary files of uploads that never finished once they are old, and ignores strangers', async () => {
    const stale = join(dir, '.tmp', `${randomUUID()}.part`);
    const fresh = join(dir, '.tmp', `${randomUUID()}.part`);
    await writeFile(stale, 'half an upload');
    await writeFile(fresh, 'an upload in progress');
    const old = new Date(Date.now() - 2 * 3_600_000);
    await utimes(stale, old, old);
    await writeFile(join(dir, 'README'), 'not ours to remove');
    expect(await docs.removeOrphans()).toEqual({ removedFiles: 0, removedTemp: 1 });
    expect(await exists(stale)).toBe(false);
    expect(await exists(fresh)).toBe(true);
    expect(await exists(join(dir, 'README'))).toBe(true);
    await rm(fresh);
  });
});
