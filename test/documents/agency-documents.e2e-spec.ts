import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { AuditLog } from '@app/audit';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { SMALL_AVIF, SMALL_HEIC, SMALL_PDF, SMALL_WEBP, makePng } from './fixtures';

const PROBLEM = /^application\/problem\+json/;
const MAX_BYTES = 64 * 1024;
const ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];

/** Collects a binary response body as a Buffer, whatever its type. */
const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

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

describe('documents: the agency document library (uploads, downloads, scope)', () => {
  let t: TestApp;
  let dir: string;
  let agencyA: string;
  let agencyB: string;
  let adminA: TestUser;
  let staffA: TestUser;
  let adminB: TestUser;
  let inspector: TestUser;
  let supervisor: TestUser;
  let worker: TestUser;
  let pdfId: string;
  let pngId: string;
  const PNG = makePng(8);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lcs-documents-e2e-'));
    t = await createTestApp({ env: { DOCUMENTS_DIR: dir, DOCUMENTS_MAX_BYTES: String(MAX_BYTES) } });
    agencyA = (await createAgency(t)).id;
    agencyB = (await createAgency(t)).id;
    adminA = await createUser(t, { roles: ['agency_admin'], agencyId: agencyA });
    staffA = await createUser(t, { roles: ['agency_staff'], agencyId: agencyA });
    adminB = await createUser(t, { roles: ['agency_admin'], agencyId: agencyB });
    inspector = await createUser(t, { roles: ['inspector'] });
    supervisor = await createUser(t, { roles: ['supervisor'] });
    worker = await createUser(t, { roles: ['worker'] });
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const upload = (user: TestUser, content: Buffer, filename: string, contentType: string, kind = 'business-permit') =>
    t.http.post('/agency/documents').set('Authorization', user.bearer).field('kind', kind).attach('file', content, { filename, contentType });
  const rowCount = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM stored_document'))[0].n as number;
  const expectProblem = (res: Response, status: number, type: string) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.type).toBe(`urn:lcs:problem:${type}`);
  };
  /** Runs a refused request and checks it left no row and no file (temporary ones included). */
  const expectNothingStored = async (refused: () => Promise<void>) => {
    const [rowsBefore, filesBefore] = [await rowCount(), await filesUnder(dir)];
    await refused();
    expect(await rowCount()).toBe(rowsBefore);
    expect(await filesUnder(dir)).toEqual(filesBefore);
  };

  describe('upload and download', () => {
    it('stores a PDF with a Devanagari name under a server-generated key, and audits the upload', async () => {
      const res = await upload(adminA, SMALL_PDF, 'पासपोर्ट.pdf', 'application/pdf').expect(201);
      pdfId = res.body.id;
      expect(res.body).toMatchObject({
        ownerType: 'agency',
        ownerId: agencyA,
        agencyId: agencyA,
        kind: 'business-permit',
        originalName: 'पासपोर्ट.pdf',
        contentType: 'application/pdf',
        sizeBytes: SMALL_PDF.length,
        uploadedBy: adminA.id,
      });
      expect(res.body).not.toHaveProperty('storageKey');
      const [row] = await t.dataSource.query('SELECT storage_key, sha256 FROM stored_document WHERE id = $1', [pdfId]);
      expect(row.storage_key).toBe(`${pdfId.slice(0, 2)}/${pdfId.slice(2, 4)}/${pdfId}`);
      expect(row.storage_key).not.toMatch(/पासपोर्ट|pdf/);
      expect(await readFile(join(dir, row.storage_key))).toEqual(SMALL_PDF);
      expect((await filesUnder(dir)).filter((f) => f.startsWith('.tmp/'))).toEqual([]);
      const [entry] = await t.app.get(AuditLog).historyOf('document', pdfId);
      expect(entry).toMatchObject({
        action: 'document.uploaded',
        actorId: adminA.id,
        changes: { ownerType: 'agency', ownerId: agencyA, kind: 'business-permit', sha256: row.sha256 },
      });
      expect(JSON.stringify(entry)).not.toContain('पासपोर्ट');
    });

    it('reads the PDF back byte-identical, as an attachment with the safe headers', async () => {
      const res = await t.http
        .get(`/agency/documents/${pdfId}/content`)
        .set('Authorization', staffA.bearer)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      expect(Buffer.compare(res.body as Buffer, SMALL_PDF)).toBe(0);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-length']).toBe(String(SMALL_PDF.length));
      expect(res.headers['content-disposition']).toBe(`attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent('पासपोर्ट')}.pdf`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('private, no-store');
    });

    it('stores a PNG uploaded by staff with a path for a name, and reads it back byte-identical', async () => {
      const res = await upload(staffA, PNG, '../../etc/passwd.png', 'image/png', 'office-lease').expect(201);
      pngId = res.body.id;
      expect(res.body).toMatchObject({ originalName: 'passwd.png', contentType: 'image/png', kind: 'office-lease', uploadedBy: staffA.id });
      const [row] = await t.dataSource.query('SELECT storage_key FROM stored_document WHERE id = $1', [pngId]);
      expect(row.storage_key).not.toMatch(/passwd|etc|\.\./);
      const back = await t.http
        .get(`/agency/documents/${pngId}/content`)
        .set('Authorization', adminA.bearer)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      expect(Buffer.compare(back.body as Buffer, PNG)).toBe(0);
      expect(back.headers['content-type']).toBe('image/png');
      expect(back.headers['content-disposition']).toBe(`attachment; filename="passwd.png"; filename*=UTF-8''passwd.png`);
    });

    it('stores the sniffed type, not the declared one, when the client says nothing useful', async () => {
      const res = await upload(adminA, PNG, 'photo', 'application/octet-stream', 'other').expect(201);
      expect(res.body).toMatchObject({ contentType: 'image/png', originalName: 'photo.png' });
    });

    it('lists the agency library newest first, a page at a time, filtered by kind', async () => {
      const page = await t.http.get('/agency/documents').query({ pageSize: 2 }).set('Authorization', staffA.bearer).expect(200);
      expect(page.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(page.body.items).toHaveLength(2);
      const all = await t.http.get('/agency/documents').set('Authorization', staffA.bearer).expect(200);
      expect(all.body.items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([pdfId, pngId]));
      const permits = await t.http.get('/agency/documents').query({ kind: 'business-permit' }).set('Authorization', staffA.bearer).expect(200);
      expect(permits.body.items.map((d: { id: string }) => d.id)).toEqual([pdfId]);
      await t.http.get('/agency/documents').query({ kind: 'passport' }).set('Authorization', staffA.bearer).expect(400);
    });
  });

  describe('scope and roles', () => {
    it("hides another agency's documents: not listed, content 404", async () => {
      const list = await t.http.get('/agency/documents').set('Authorization', adminB.bearer).expect(200);
      expect(list.body).toMatchObject({ total: 0, items: [] });
      expectProblem(await t.http.get(`/agency/documents/${pdfId}/content`).set('Authorization', adminB.bearer), 404, 'not-found');
    });

    it('answers 404 for a document that does not exist, 400 for a malformed id', async () => {
      expectProblem(await t.http.get('/agency/documents/00000000-0000-4000-8000-000000000000/content').set('Authorization', adminA.bearer), 404, 'not-found');
      expectProblem(await t.http.get('/agency/documents/not-a-uuid/content').set('Authorization', adminA.bearer), 400, 'bad-request');
    });

    it('lets ministry staff list an agency library and download from it, auditing the download', async () => {
      const list = await t.http.get(`/licensing/agencies/${agencyA}/documents`).set('Authorization', inspector.bearer).expect(200);
      expect(list.body.total).toBe(3);
      const res = await t.http
        .get(`/licensing/documents/${pdfId}/content`)
        .set('Authorization', supervisor.bearer)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      expect(Buffer.compare(res.body as Buffer, SMALL_PDF)).toBe(0);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const history = await t.app.get(AuditLog).historyOf('document', pdfId);
      expect(history[0]).toMatchObject({ action: 'document.downloaded', actorId: supervisor.id, changes: { agencyId: agencyA, kind: 'business-permit' } });
      expect((await t.http.get(`/licensing/agencies/${agencyB}/documents`).set('Authorization', inspector.bearer).expect(200)).body.total).toBe(0);
      expectProblem(
        await t.http.get('/licensing/agencies/00000000-0000-4000-8000-000000000000/documents').set('Authorization', inspector.bearer),
        404,
        'not-found',
      );
    });

    it('refuses the wrong roles with 403 and anonymous callers with 401', async () => {
      expectProblem(await upload(worker, SMALL_PDF, 'a.pdf', 'application/pdf'), 403, 'forbidden');
      expectProblem(await upload(inspector, SMALL_PDF, 'a.pdf', 'application/pdf'), 403, 'forbidden');
      expectProblem(await t.http.get(`/licensing/documents/${pdfId}/content`).set('Authorization', adminA.bearer), 403, 'forbidden');
      expectProblem(await t.http.get(`/licensing/agencies/${agencyA}/documents`).set('Authorization', worker.bearer), 403, 'forbidden');
      expectProblem(await t.http.get(`/agency/documents/${pdfId}/content`).set('Authorization', inspector.bearer), 403, 'forbidden');
      expectProblem(await t.http.get(`/agency/documents/${pdfId}/content`), 401, 'unauthenticated');
    });
  });

  describe('refusals store nothing', () => {
    it('refuses a text file named .pdf with 415 listing the accepted types', async () => {
      await expectNothingStored(async () => {
        const res = await upload(adminA, Buffer.from('This is plain text pretending to be a PDF.\n'), 'contract.pdf', 'application/pdf');
        expectProblem(res, 415, 'unsupported-media-type');
        expect(res.body.acceptedTypes).toEqual(ACCEPTED);
      });
    });

    it('refuses an AVIF photo (even named .heic) and an executable named as a phone photo, listing the accepted types', async () => {
      await expectNothingStored(async () => {
        for (const [content, name, type] of [
          [SMALL_AVIF, 'permit.avif', 'image/avif'],
          [SMALL_AVIF, 'permit.heic', 'image/heic'],
          [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 0x90)]), 'permit.webp', 'image/webp'],
          [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 0x90)]), 'permit.heic', 'application/octet-stream'],
        ] as const) {
          const res = await upload(adminA, content, name, type);
          expectProblem(res, 415, 'unsupported-media-type');
          expect(res.body.acceptedTypes).toEqual(ACCEPTED);
        }
      });
    });

    it('refuses an executable named .pdf, and a PNG named .pdf', async () => {
      await expectNothingStored(async () => {
        const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 0x90)]);
        expectProblem(await upload(adminA, exe, 'invoice.pdf', 'application/pdf'), 415, 'unsupported-media-type');
        expectProblem(await upload(adminA, PNG, 'scan.pdf', 'application/octet-stream'), 415, 'unsupported-media-type');
      });
    });

    it('refuses a file one byte over DOCUMENTS_MAX_BYTES with 413 naming the limit', async () => {
      await expectNothingStored(async () => {
        const big = Buffer.concat([SMALL_PDF, Buffer.alloc(MAX_BYTES + 1 - SMALL_PDF.length, 0x20)]);
        const res = await upload(adminA, big, 'big.pdf', 'application/pdf');
        expectProblem(res, 413, 'payload-too-large');
        expect(res.body.limitBytes).toBe(MAX_BYTES);
        expect(res.body.detail).toContain(String(MAX_BYTES));
      });
      // Exactly the limit is fine.
      const atLimit = Buffer.concat([SMALL_PDF, Buffer.alloc(MAX_BYTES - SMALL_PDF.length, 0x20)]);
      expect((await upload(adminA, atLimit, 'limit.pdf', 'application/pdf').expect(201)).body.sizeBytes).toBe(MAX_BYTES);
    });

    it('answers a far larger upload with 413 too (the rest of the request is drained, not reset)', async () => {
      await expectNothingStored(async () => {
        const huge = Buffer.concat([SMALL_PDF, Buffer.alloc(4 * 1024 * 1024, 0x20)]);
        expectProblem(await upload(adminA, huge, 'huge.pdf', 'application/pdf'), 413, 'payload-too-large');
      });
    });

    it('refuses a body that is not multipart with 415', async () => {
      await expectNothingStored(async () => {
        const json = await t.http
          .post('/agency/documents')
          .set('Authorization', adminA.bearer)
          .send({ kind: 'other', file: SMALL_PDF.toString('base64') });
        expectProblem(json, 415, 'unsupported-media-type');
        expect(json.body.acceptedTypes).toEqual(['multipart/form-data']);
        const raw = await t.http.post('/agency/documents').set('Authorization', adminA.bearer).set('Content-Type', 'application/pdf').send(SMALL_PDF);
        expectProblem(raw, 415, 'unsupported-media-type');
        expectProblem(await t.http.post('/agency/documents').set('Authorization', adminA.bearer), 415, 'unsupported-media-type');
      });
    });

    it('refuses a form without a file (400)', async () => {
      await expectNothingStored(async () => {
        expectProblem(await t.http.post('/agency/documents').set('Authorization', adminA.bearer).field('kind', 'other'), 400, 'file-missing');
      });
    });

    it('refuses two files in the file field (400)', async () => {
      await expectNothingStored(async () => {
        const two = await t.http
          .post('/agency/documents')
          .set('Authorization', adminA.bearer)
          .field('kind', 'other')
          .attach('file', SMALL_PDF, { filename: 'a.pdf', contentType: 'application/pdf' })
          .attach('file', PNG, { filename: 'b.png', contentType: 'image/png' });
        expectProblem(two, 400, 'too-many-files');
      });
    });

    it('refuses three files under any names (400)', async () => {
      await expectNothingStored(async () => {
        const three = await t.http
          .post('/agency/documents')
          .set('Authorization', adminA.bearer)
          .attach('file', SMALL_PDF, { filename: 'a.pdf', contentType: 'application/pdf' })
          .attach('other', PNG, { filename: 'b.png', contentType: 'image/png' })
          .attach('third', PNG, { filename: 'c.png', contentType: 'image/png' });
        expectProblem(three, 400, 'too-many-files');
      });
    });

    it('refuses a truncated multipart body (400)', async () => {
      await expectNothingStored(async () => {
        const truncated = await t.http
          .post('/agency/documents')
          .set('Authorization', adminA.bearer)
          .set('Content-Type', 'multipart/form-data; boundary=XYZ')
          .send(Buffer.from('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 and then the body just stops'));
        expectProblem(truncated, 400, 'malformed-multipart');
      });
    });

    it('refuses a multipart body without a boundary (400)', async () => {
      await expectNothingStored(async () => {
        const noBoundary = await t.http.post('/agency/documents').set('Authorization', adminA.bearer).set('Content-Type', 'multipart/form-data').send('x');
        expectProblem(noBoundary, 400, 'malformed-multipart');
      });
    });

    it('refuses an unknown kind, a missing kind, an unknown field or a file under another name, naming the field', async () => {
      await expectNothingStored(async () => {
        const badKind = await upload(adminA, SMALL_PDF, 'a.pdf', 'application/pdf', 'passport');
        expectProblem(badKind, 400, 'validation-failed');
        expect(badKind.body.errors).toEqual([expect.objectContaining({ field: 'kind', rule: 'isIn' })]);
        const noKind = await t.http.post('/agency/documents').set('Authorization', adminA.bearer).attach('file', SMALL_PDF, 'a.pdf');
        expectProblem(noKind, 400, 'validation-failed');
        const extra = await upload(adminA, SMALL_PDF, 'a.pdf', 'application/pdf').field('agencyId', agencyB);
        expectProblem(extra, 400, 'validation-failed');
        expect(extra.body.errors).toEqual([expect.objectContaining({ field: 'agencyId', rule: 'whitelistValidation' })]);
        const elsewhere = await t.http
          .post('/agency/documents')
          .set('Authorization', adminA.bearer)
          .field('kind', 'other')
          .attach('upload', SMALL_PDF, 'a.pdf');
        expectProblem(elsewhere, 400, 'validation-failed');
        expect(elsewhere.body.errors).toEqual([expect.objectContaining({ field: 'upload' })]);
      });
    });
  });

  describe('photos as phones save them', () => {
    it('stores a WEBP and a HEIC as sent and serves them back with their type, as attachments', async () => {
      const webp = await upload(adminB, SMALL_WEBP, 'permit.webp', 'image/webp', 'business-permit').expect(201);
      expect(webp.body).toMatchObject({ contentType: 'image/webp', originalName: 'permit.webp', sizeBytes: SMALL_WEBP.length });
      const heic = await upload(adminB, SMALL_HEIC, 'IMG_0007.HEIC', 'application/octet-stream', 'office-lease').expect(201);
      expect(heic.body).toMatchObject({ contentType: 'image/heic', originalName: 'IMG_0007.HEIC', sizeBytes: SMALL_HEIC.length });
      const back = await t.http
        .get(`/agency/documents/${heic.body.id}/content`)
        .set('Authorization', adminB.bearer)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      expect(Buffer.compare(back.body as Buffer, SMALL_HEIC)).toBe(0);
      expect(back.headers['content-type']).toBe('image/heic');
      expect(back.headers['content-disposition']).toBe(`attachment; filename="IMG_0007.HEIC"; filename*=UTF-8''IMG_0007.HEIC`);
      expect(back.headers['x-content-type-options']).toBe('nosniff');
      const staff = await t.http
        .get(`/licensing/documents/${webp.body.id}/content`)
        .set('Authorization', supervisor.bearer)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      expect(Buffer.compare(staff.body as Buffer, SMALL_WEBP)).toBe(0);
      expect(staff.headers['content-type']).toBe('image/webp');
    });
  });
});
