/**
 * Evidence on complaints: uploads through each door (ministry, complainant by secret and by
 * account, agency), what each party may list and download, the complainant's evidence never
 * reaching the agency (not listed, not downloadable, not in its timeline), the documents
 * library's rules on the content (type by content, size), photos as phones save them (WEBP, HEIC),
 * closed cases, audited staff downloads.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODULE_METADATA } from '@nestjs/common/constants';
import type { Response } from 'supertest';
import { AuditLog } from '@app/audit';
import { ComplaintEvidence } from '@app/complaints/evidence';
import { DocumentsService } from '@app/documents';
import {
  AgencyComplaintEvidenceController,
  ComplaintEvidenceController,
  PublicComplaintEvidenceController,
  WorkerComplaintEvidenceController,
} from '../../apps/api/src/complaints/complaint-evidence.controller';
import { ComplaintsHttpModule } from '../../apps/api/src/complaints/complaints-http.module';
import { PublicThrottleGuard } from '../../apps/api/src/http/public-throttle.guard';
import { SMALL_AVIF, SMALL_HEIC, SMALL_HEIF, SMALL_PDF, SMALL_WEBP, makePng } from '../documents/fixtures';
import { complaintBody } from '../support/complaints-fixtures';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

const PROBLEM = /^application\/problem\+json/;
const MAX_BYTES = 64 * 1024;
const PNG = makePng(8);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 0x90)]);
const ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];

/**
 * The routes and the service, mounted by the test itself until ComplaintsHttpModule lists the
 * controllers (and ComplaintsModule provides ComplaintEvidence); after that, the real modules.
 */
const REGISTERED = ((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, ComplaintsHttpModule) ?? []) as unknown[]).includes(ComplaintEvidenceController);
const MOUNT = REGISTERED
  ? {}
  : {
      controllers: [ComplaintEvidenceController, WorkerComplaintEvidenceController, PublicComplaintEvidenceController, AgencyComplaintEvidenceController],
      providers: [ComplaintEvidence, DocumentsService, AuditLog, PublicThrottleGuard],
    };

/** Collects a binary response body as a Buffer, whatever its type. */
const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

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

interface Filed {
  id: string;
  reference: string;
  trackingSecret: string;
}

describe('complaints: evidence', () => {
  let t: TestApp;
  let dir: string;
  let agencyName: string;
  let inspector: TestUser;
  let supervisor: TestUser;
  let adminA: TestUser;
  let staffA: TestUser;
  let adminB: TestUser;
  let complainant: TestUser;
  let otherWorker: TestUser;
  let c: Filed;
  /** The four files on `c`, one per door. */
  const doc = { ministry: '', public: '', account: '', agency: '' };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lcs-evidence-e2e-'));
    t = await createTestApp({ env: { DOCUMENTS_DIR: dir, DOCUMENTS_MAX_BYTES: String(MAX_BYTES) }, ...MOUNT });
    const agencyA = await createAgency(t, { legalName: 'Evidence Manpower Services Inc.' });
    agencyName = agencyA.legalName;
    const agencyB = (await createAgency(t)).id;
    [inspector, supervisor, complainant, otherWorker] = await Promise.all(
      (['inspector', 'supervisor', 'worker', 'worker'] as const).map((role) => createUser(t, { roles: [role] })),
    );
    adminA = await createUser(t, { roles: ['agency_admin'], agencyId: agencyA.id });
    staffA = await createUser(t, { roles: ['agency_staff'], agencyId: agencyA.id });
    adminB = await createUser(t, { roles: ['agency_admin'], agencyId: agencyB });
    c = await file();
    expect((await staffView(c.id)).agencyId).toBe(agencyA.id);
    // The complainant filed on the public path, then an inspector linked their account.
    await t.dataSource.query(`UPDATE complaint SET complainant_user_id = $2 WHERE id = $1`, [c.id, complainant.id]);
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const file = async (): Promise<Filed> => (await t.http.post('/public/complaints').send(complaintBody(agencyName)).expect(201)).body;
  const staffView = async (id: string) => (await t.http.get(`/complaints/${id}`).set('Authorization', inspector.bearer).expect(200)).body;
  const attach = (req: ReturnType<TestApp['http']['post']>, content: Buffer, filename: string, kind: string, contentType = 'application/octet-stream') =>
    req.field('kind', kind).attach('file', content, { filename, contentType });
  const asStaff = (id: string, content: Buffer, filename: string, kind = 'contract', user = inspector) =>
    attach(t.http.post(`/complaints/${id}/evidence`).set('Authorization', user.bearer), content, filename, kind);
  const asPublic = (reference: string, secret: string, content: Buffer, filename: string, kind = 'payslip') =>
    attach(t.http.post(`/public/complaints/${reference}/evidence`).set('X-Tracking-Secret', secret), content, filename, kind);
  const asWorker = (id: string, content: Buffer, filename: string, kind = 'receipt', user = complainant) =>
    attach(t.http.post(`/me/complaints/${id}/evidence`).set('Authorization', user.bearer), content, filename, kind);
  const asAgency = (id: string, content: Buffer, filename: string, kind = 'contract', user = adminA) =>
    attach(t.http.post(`/agency/complaints/${id}/evidence`).set('Authorization', user.bearer), content, filename, kind);
  const ids = (res: Response) => (res.body.items as { id: string }[]).map((d) => d.id).sort();
  const expectProblem = (res: Response, status: number, type: string) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.type).toBe(`urn:lcs:problem:${type}`);
  };
  const rowCount = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM stored_document`))[0].n);
  const eventCount = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM complaint_event WHERE kind = 'evidence'`))[0].n);
  /** Runs refused requests and checks they left no document, no file (temporary ones included) and no timeline entry. */
  const expectNothingStored = async (refused: () => Promise<void>) => {
    const before = [await rowCount(), await filesUnder(dir), await eventCount()];
    await refused();
    expect([await rowCount(), await filesUnder(dir), await eventCount()]).toEqual(before);
  };
  const download = (path: string, user?: TestUser) => {
    const req = t.http.get(path);
    return (user ? req.set('Authorization', user.bearer) : req).buffer(true).parse(binary as never);
  };

  describe('uploads through each door', () => {
    it('an inspector adds a file to any case: internal, audited, on the timeline', async () => {
      const res = await asStaff(c.id, SMALL_PDF, 'employment contract.pdf').expect(201);
      doc.ministry = res.body.id;
      expect(res.body).toMatchObject({
        kind: 'contract',
        originalName: 'employment contract.pdf',
        contentType: 'application/pdf',
        sizeBytes: SMALL_PDF.length,
        addedBy: 'ministry',
        visibility: 'internal',
        uploadedBy: inspector.id,
      });
      const [row] = await t.dataSource.query(`SELECT owner_type, owner_id, agency_id, owner_user_id FROM stored_document WHERE id = $1`, [doc.ministry]);
      expect(row).toEqual({ owner_type: 'complaint', owner_id: c.id, agency_id: null, owner_user_id: null });
      const history = await t.app.get(AuditLog, { strict: false }).historyOf('complaint', c.id);
      expect(history[0]).toMatchObject({
        action: 'complaint.evidence.added',
        actorId: inspector.id,
        changes: { documentId: doc.ministry, kind: 'contract', party: 'ministry', visibility: 'internal' },
      });
      const [uploaded] = await t.app.get(AuditLog, { strict: false }).historyOf('document', doc.ministry);
      expect(uploaded).toMatchObject({ action: 'document.uploaded', changes: { ownerType: 'complaint', ownerId: c.id, kind: 'contract' } });
      expect(JSON.stringify(history[0])).not.toContain('employment contract');
    });

    it('the complainant adds one with the reference and the tracking secret (as typed: lower case), no account needed', async () => {
      const res = await asPublic(c.reference.toLowerCase(), c.trackingSecret.toLowerCase(), PNG, 'payslip march.png', 'payslip').expect(201);
      doc.public = res.body.id;
      expect(res.body).toMatchObject({ kind: 'payslip', contentType: 'image/png', addedBy: 'complainant' });
      expect(res.body).not.toHaveProperty('uploadedBy');
      const [entry] = await t.app.get(AuditLog, { strict: false }).historyOf('complaint', c.id);
      expect(entry).toMatchObject({
        action: 'complaint.evidence.added',
        actorId: null,
        actorRole: 'anonymous',
        changes: { party: 'complainant', visibility: 'internal' },
      });
    });

    it('the complainant adds one from their account, for their own case only', async () => {
      const res = await asWorker(c.id, SMALL_PDF, 'receipt.pdf').expect(201);
      doc.account = res.body.id;
      expect(res.body).toMatchObject({ kind: 'receipt', addedBy: 'complainant' });
      await expectNothingStored(async () => {
        expectProblem(await asWorker(c.id, SMALL_PDF, 'receipt.pdf', 'receipt', otherWorker), 404, 'not-found');
        expectProblem(await asWorker('00000000-0000-4000-8000-000000000000', SMALL_PDF, 'receipt.pdf'), 404, 'not-found');
      });
    });

    it("the agency adds its own evidence to a case about it (shared); another agency's case is 404", async () => {
      const res = await asAgency(c.id, PNG, 'signed contract.png', 'contract', staffA).expect(201);
      doc.agency = res.body.id;
      expect(res.body).toMatchObject({ kind: 'contract', addedBy: 'agency' });
      await expectNothingStored(async () => {
        expectProblem(await asAgency(c.id, PNG, 'contract.png', 'contract', adminB), 404, 'not-found');
      });
      const [entry] = await t.app.get(AuditLog, { strict: false }).historyOf('complaint', c.id);
      expect(entry).toMatchObject({ actorId: staffA.id, changes: { party: 'agency', visibility: 'shared' } });
    });

    it('records each upload on the timeline: internal for the ministry and the complainant, shared for the agency', async () => {
      const events = (await staffView(c.id)).timeline.filter((e: { kind: string }) => e.kind === 'evidence');
      expect(events.map((e: { body: string; visibility: string }) => [e.body, e.visibility])).toEqual([
        ['contract', 'internal'],
        ['payslip', 'internal'],
        ['receipt', 'internal'],
        ['contract', 'shared'],
      ]);
    });
  });

  describe('who sees what', () => {
    it('the ministry lists every file, with who added it', async () => {
      const res = await t.http.get(`/complaints/${c.id}/evidence`).set('Authorization', supervisor.bearer).expect(200);
      expect(res.body.total).toBe(4);
      expect(ids(res)).toEqual(Object.values(doc).sort());
      const by = Object.fromEntries((res.body.items as { id: string; addedBy: string }[]).map((d) => [d.id, d.addedBy]));
      expect(by).toEqual({ [doc.ministry]: 'ministry', [doc.public]: 'complainant', [doc.account]: 'complainant', [doc.agency]: 'agency' });
      const contracts = await t.http
        .get(`/complaints/${c.id}/evidence`)
        .query({ kind: 'contract', pageSize: 1 })
        .set('Authorization', inspector.bearer)
        .expect(200);
      expect(contracts.body).toMatchObject({ total: 2, pageSize: 1 });
      expect(contracts.body.items).toHaveLength(1);
      await t.http.get(`/complaints/${c.id}/evidence`).query({ kind: 'passport' }).set('Authorization', inspector.bearer).expect(400);
      expectProblem(await t.http.get('/complaints/00000000-0000-4000-8000-000000000000/evidence').set('Authorization', inspector.bearer), 404, 'not-found');
    });

    it("the complainant lists their own files and the agency's, never the ministry's working files", async () => {
      const res = await t.http.get(`/me/complaints/${c.id}/evidence`).set('Authorization', complainant.bearer).expect(200);
      expect(res.body.total).toBe(3);
      expect(ids(res)).toEqual([doc.public, doc.account, doc.agency].sort());
      expect(JSON.stringify(res.body)).not.toContain('uploadedBy');
      const page2 = await t.http.get(`/me/complaints/${c.id}/evidence`).query({ page: 2, pageSize: 2 }).set('Authorization', complainant.bearer).expect(200);
      expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page2.body.items).toHaveLength(1);
      expectProblem(await t.http.get(`/me/complaints/${c.id}/evidence`).set('Authorization', otherWorker.bearer), 404, 'not-found');
    });

    it('the complainant downloads what they may list, and nothing else', async () => {
      const own = await download(`/me/complaints/${c.id}/evidence/${doc.account}/content`, complainant).expect(200);
      expect(Buffer.compare(own.body as Buffer, SMALL_PDF)).toBe(0);
      const agencys = await download(`/me/complaints/${c.id}/evidence/${doc.agency}/content`, complainant).expect(200);
      expect(Buffer.compare(agencys.body as Buffer, PNG)).toBe(0);
      expectProblem(await t.http.get(`/me/complaints/${c.id}/evidence/${doc.ministry}/content`).set('Authorization', complainant.bearer), 404, 'not-found');
      expectProblem(await t.http.get(`/me/complaints/${c.id}/evidence/${doc.account}/content`).set('Authorization', otherWorker.bearer), 404, 'not-found');
    });

    it("the agency lists and downloads only its own uploads: the complainant's evidence is 404", async () => {
      for (const user of [adminA, staffA]) {
        const res = await t.http.get(`/agency/complaints/${c.id}/evidence`).set('Authorization', user.bearer).expect(200);
        expect(res.body).toMatchObject({ total: 1, items: [{ id: doc.agency, addedBy: 'agency' }] });
      }
      const own = await download(`/agency/complaints/${c.id}/evidence/${doc.agency}/content`, adminA).expect(200);
      expect(Buffer.compare(own.body as Buffer, PNG)).toBe(0);
      for (const id of [doc.public, doc.account, doc.ministry]) {
        expectProblem(await t.http.get(`/agency/complaints/${c.id}/evidence/${id}/content`).set('Authorization', adminA.bearer), 404, 'not-found');
        // Nor through the agency document library's route.
        expectProblem(await t.http.get(`/agency/documents/${id}/content`).set('Authorization', adminA.bearer), 404, 'not-found');
      }
      expectProblem(await t.http.get(`/agency/complaints/${c.id}/evidence`).set('Authorization', adminB.bearer), 404, 'not-found');
      expectProblem(await t.http.get(`/agency/complaints/${c.id}/evidence/${doc.agency}/content`).set('Authorization', adminB.bearer), 404, 'not-found');
    });

    it("the agency's case view never shows the complainant's evidence, nor that it exists", async () => {
      const view = (await t.http.get(`/agency/complaints/${c.id}`).set('Authorization', adminA.bearer).expect(200)).body;
      const evidence = view.timeline.filter((e: { kind: string }) => e.kind === 'evidence');
      expect(evidence).toEqual([expect.objectContaining({ body: 'contract', visibility: 'shared' })]);
      const text = JSON.stringify(view);
      for (const id of [doc.public, doc.account, doc.ministry]) expect(text).not.toContain(id);
      expect(text).not.toContain('payslip');
      expect(text).not.toContain('receipt');
    });

    it("the complainant's case views show the agency's evidence on the timeline", async () => {
      const tracked = (await t.http.get(`/public/complaints/${c.reference}`).set('X-Tracking-Secret', c.trackingSecret).expect(200)).body;
      expect(tracked.timeline.filter((e: { kind: string }) => e.kind === 'evidence')).toEqual([
        expect.objectContaining({ body: 'contract', visibility: 'shared' }),
      ]);
    });

    it('a staff download is audited; a document of another case or outside complaints is 404', async () => {
      const res = await download(`/complaints/${c.id}/evidence/${doc.public}/content`, supervisor).expect(200);
      expect(Buffer.compare(res.body as Buffer, PNG)).toBe(0);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="payslip march.png"; filename*=UTF-8''payslip%20march.png`);
      const [entry] = await t.app.get(AuditLog, { strict: false }).historyOf('document', doc.public);
      expect(entry).toMatchObject({
        action: 'document.downloaded',
        actorId: supervisor.id,
        actorRole: 'supervisor',
        changes: { ownerType: 'complaint', ownerId: c.id, kind: 'payslip' },
      });

      const other = await file();
      const audited = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'document.downloaded'`))[0].n);
      const before = await audited();
      expectProblem(await t.http.get(`/complaints/${other.id}/evidence/${doc.public}/content`).set('Authorization', supervisor.bearer), 404, 'not-found');
      const agencyDoc = await t.app.get(DocumentsService, { strict: false }).store(t.dataSource.manager, {
        content: SMALL_PDF,
        declaredName: 'permit.pdf',
        ownerType: 'agency',
        ownerId: (await staffView(c.id)).agencyId,
        kind: 'business-permit',
        uploadedBy: null,
        actor: 'system',
      });
      expectProblem(await t.http.get(`/complaints/${c.id}/evidence/${agencyDoc.id}/content`).set('Authorization', supervisor.bearer), 404, 'not-found');
      expect(await audited()).toBe(before);
      // Nor the other way round: the licensing route does not serve complaint evidence.
      expectProblem(await t.http.get(`/licensing/documents/${doc.public}/content`).set('Authorization', supervisor.bearer), 404, 'not-found');
    });

    it('refuses other roles (403) and anonymous callers (401)', async () => {
      expectProblem(await asStaff(c.id, SMALL_PDF, 'a.pdf', 'other', complainant), 403, 'forbidden');
      expectProblem(await t.http.get(`/complaints/${c.id}/evidence`).set('Authorization', adminA.bearer), 403, 'forbidden');
      expectProblem(await t.http.get(`/agency/complaints/${c.id}/evidence`).set('Authorization', inspector.bearer), 403, 'forbidden');
      expectProblem(await asWorker(c.id, SMALL_PDF, 'a.pdf', 'other', inspector), 403, 'forbidden');
      expectProblem(await t.http.get(`/complaints/${c.id}/evidence/${doc.ministry}/content`), 401, 'unauthenticated');
    });
  });

  describe('photos as phones save them', () => {
    it('takes a WEBP, a HEIC and a HEIF stored as sent, with the type of their content, and serves them back as attachments', async () => {
      const d = await file();
      await t.dataSource.query(`UPDATE complaint SET complainant_user_id = $2 WHERE id = $1`, [d.id, complainant.id]);
      const webp = await asPublic(d.reference, d.trackingSecret, SMALL_WEBP, 'receipt.webp', 'receipt').expect(201);
      expect(webp.body).toMatchObject({ contentType: 'image/webp', originalName: 'receipt.webp', sizeBytes: SMALL_WEBP.length, addedBy: 'complainant' });
      // As an iPhone sends it (upper-case extension, its own media type).
      const heic = await attach(
        t.http.post(`/me/complaints/${d.id}/evidence`).set('Authorization', complainant.bearer),
        SMALL_HEIC,
        'IMG_0042.HEIC',
        'photo',
        'image/heic',
      ).expect(201);
      expect(heic.body).toMatchObject({ contentType: 'image/heic', originalName: 'IMG_0042.HEIC', sizeBytes: SMALL_HEIC.length });
      // Major brand mif1: a HEIF, though named .heic and sent as image/heif by the phone.
      const heif = await attach(
        t.http.post(`/complaints/${d.id}/evidence`).set('Authorization', inspector.bearer),
        SMALL_HEIF,
        'photo.heic',
        'photo',
        'image/heif',
      ).expect(201);
      expect(heif.body).toMatchObject({ contentType: 'image/heif', originalName: 'photo.heic' });
      const nameless = await asWorker(d.id, SMALL_HEIF, 'photo', 'photo').expect(201);
      expect(nameless.body).toMatchObject({ contentType: 'image/heif', originalName: 'photo.heif' });

      const rows = await t.dataSource.query(`SELECT content_type FROM stored_document WHERE owner_id = $1 ORDER BY content_type`, [d.id]);
      expect(rows.map((r: { content_type: string }) => r.content_type)).toEqual(['image/heic', 'image/heif', 'image/heif', 'image/webp']);

      for (const [id, content, type, name] of [
        [webp.body.id, SMALL_WEBP, 'image/webp', 'receipt.webp'],
        [heic.body.id, SMALL_HEIC, 'image/heic', 'IMG_0042.HEIC'],
        [heif.body.id, SMALL_HEIF, 'image/heif', 'photo.heic'],
      ] as const) {
        const res = await download(`/complaints/${d.id}/evidence/${id}/content`, supervisor).expect(200);
        expect(Buffer.compare(res.body as Buffer, content)).toBe(0);
        expect(res.headers['content-type']).toBe(type);
        expect(res.headers['content-length']).toBe(String(content.length));
        expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      }
      const own = await download(`/me/complaints/${d.id}/evidence/${heic.body.id}/content`, complainant).expect(200);
      expect(own.headers['content-type']).toBe('image/heic');
    });
  });

  describe('refusals store nothing', () => {
    it('a wrong secret, no secret or a wrong reference is 404, and the file is not kept', async () => {
      await expectNothingStored(async () => {
        expectProblem(await asPublic(c.reference, 'AAAA-BBBB-CCCC-DDDD', SMALL_PDF, 'a.pdf'), 404, 'not-found');
        // The file is not even read: a large one gets the same answer.
        expectProblem(
          await asPublic(c.reference, 'AAAA-BBBB-CCCC-DDDE', Buffer.concat([SMALL_PDF, Buffer.alloc(2 * 1024 * 1024, 0x20)]), 'a.pdf'),
          404,
          'not-found',
        );
        expectProblem(await attach(t.http.post(`/public/complaints/${c.reference}/evidence`), SMALL_PDF, 'a.pdf', 'other'), 404, 'not-found');
        expectProblem(await asPublic('CMP-2026-99999-0', c.trackingSecret, SMALL_PDF, 'a.pdf'), 404, 'not-found');
        // A secret of another case opens nothing here.
        const other = await file();
        expectProblem(await asPublic(c.reference, other.trackingSecret, SMALL_PDF, 'a.pdf'), 404, 'not-found');
      });
    });

    it('wrong secrets count towards the per-case limit shared with the tracking page (429 with Retry-After); the right secret still opens the case', async () => {
      const d = await file();
      for (let i = 0; i < 10; i++) expectProblem(await asPublic(d.reference, `WRNG-${i}AAA-BBBB-CCCC`, SMALL_PDF, 'a.pdf'), 404, 'not-found');
      const refused = await asPublic(d.reference, 'WRNG-XAAA-BBBB-CCCC', SMALL_PDF, 'a.pdf');
      expectProblem(refused, 429, 'too-many-requests');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
      const tracking = await t.http.get(`/public/complaints/${d.reference}`).set('X-Tracking-Secret', 'WRNG-YAAA-BBBB-CCCC').expect(429);
      expect(Number(tracking.headers['retry-after'])).toBeGreaterThan(3500);
      // Strangers' guesses never lock the complainant out: the right secret uploads and tracks.
      expect((await asPublic(d.reference, d.trackingSecret, SMALL_PDF, 'a.pdf')).status).toBe(201);
      await t.http.get(`/public/complaints/${d.reference}`).set('X-Tracking-Secret', d.trackingSecret).expect(200);
    });

    it('judges a file by its content: a PDF named .exe and an executable named .pdf are 415; a PDF without an extension is kept as a PDF', async () => {
      await expectNothingStored(async () => {
        const renamed = await asWorker(c.id, SMALL_PDF, 'payslip.exe', 'payslip');
        expectProblem(renamed, 415, 'unsupported-media-type');
        expect(renamed.body.detail).toBe('The file is named .exe but its content is PDF.');
        expect(renamed.body.acceptedTypes).toEqual(ACCEPTED);
        const exe = await asPublic(c.reference, c.trackingSecret, EXE, 'payslip.pdf');
        expectProblem(exe, 415, 'unsupported-media-type');
        const declared = await attach(
          t.http.post(`/agency/complaints/${c.id}/evidence`).set('Authorization', adminA.bearer),
          EXE,
          'contract.pdf',
          'contract',
          'application/pdf',
        );
        expectProblem(declared, 415, 'unsupported-media-type');
      });
      const plain = await asWorker(c.id, SMALL_PDF, 'payslip', 'payslip').expect(201);
      expect(plain.body).toMatchObject({ contentType: 'application/pdf', originalName: 'payslip.pdf' });
    });

    it('refuses an AVIF photo and an executable renamed as a phone photo (415 with the accepted list)', async () => {
      await expectNothingStored(async () => {
        const avif = await asPublic(c.reference, c.trackingSecret, SMALL_AVIF, 'IMG_0042.avif', 'photo');
        expectProblem(avif, 415, 'unsupported-media-type');
        expect(avif.body.detail).toBe("The file's content is not an accepted type (PDF, JPEG, PNG, WEBP, HEIC or HEIF), whatever its name says.");
        expect(avif.body.acceptedTypes).toEqual(ACCEPTED);
        const avifAsHeic = await attach(
          t.http.post(`/me/complaints/${c.id}/evidence`).set('Authorization', complainant.bearer),
          SMALL_AVIF,
          'IMG_0042.heic',
          'photo',
          'image/heic',
        );
        expectProblem(avifAsHeic, 415, 'unsupported-media-type');
        expect(avifAsHeic.body.acceptedTypes).toEqual(ACCEPTED);
        for (const name of ['IMG_0042.HEIC', 'receipt.webp']) {
          const exe = await asWorker(c.id, EXE, name, 'photo');
          expectProblem(exe, 415, 'unsupported-media-type');
          expect(exe.body.acceptedTypes).toEqual(ACCEPTED);
        }
        // A real photo under the other kind's name is refused too: the name must not contradict the content.
        expectProblem(await asWorker(c.id, SMALL_WEBP, 'receipt.heic', 'receipt'), 415, 'unsupported-media-type');
        expectProblem(await asWorker(c.id, SMALL_HEIC, 'IMG_0042.jpg', 'photo'), 415, 'unsupported-media-type');
      });
    });

    it('a file over DOCUMENTS_MAX_BYTES is 413 naming the limit, through every door', async () => {
      const big = Buffer.concat([SMALL_PDF, Buffer.alloc(MAX_BYTES + 1 - SMALL_PDF.length, 0x20)]);
      await expectNothingStored(async () => {
        for (const res of [
          await asStaff(c.id, big, 'big.pdf'),
          await asPublic(c.reference, c.trackingSecret, big, 'big.pdf'),
          await asWorker(c.id, big, 'big.pdf'),
          await asAgency(c.id, big, 'big.pdf'),
        ]) {
          expectProblem(res, 413, 'payload-too-large');
          expect(res.body.limitBytes).toBe(MAX_BYTES);
        }
      });
    });

    it('the multipart rules of the documents library: not multipart 415, no file 400, an unknown kind or field 400', async () => {
      await expectNothingStored(async () => {
        const json = await t.http.post(`/me/complaints/${c.id}/evidence`).set('Authorization', complainant.bearer).send({ kind: 'other' });
        expectProblem(json, 415, 'unsupported-media-type');
        expect(json.body.acceptedTypes).toEqual(['multipart/form-data']);
        expectProblem(await t.http.post(`/complaints/${c.id}/evidence`).set('Authorization', inspector.bearer).field('kind', 'other'), 400, 'file-missing');
        const badKind = await asAgency(c.id, SMALL_PDF, 'a.pdf', 'passport-scan');
        expectProblem(badKind, 400, 'validation-failed');
        expect(badKind.body.errors).toEqual([expect.objectContaining({ field: 'kind', rule: 'isIn' })]);
        const extra = await asStaff(c.id, SMALL_PDF, 'a.pdf').field('visibility', 'shared');
        expectProblem(extra, 400, 'validation-failed');
        expect(extra.body.errors).toEqual([expect.objectContaining({ field: 'visibility', rule: 'whitelistValidation' })]);
        const two = await asPublic(c.reference, c.trackingSecret, SMALL_PDF, 'a.pdf').attach('file', PNG, { filename: 'b.png', contentType: 'image/png' });
        expectProblem(two, 400, 'too-many-files');
      });
    });

    it('a closed case takes no more evidence, through any door (409 case-closed); what it has stays readable', async () => {
      const d = await file();
      await t.dataSource.query(`UPDATE complaint SET complainant_user_id = $2 WHERE id = $1`, [d.id, complainant.id]);
      const kept = (await asWorker(d.id, SMALL_PDF, 'kept.pdf').expect(201)).body.id;
      const { version } = await staffView(d.id);
      await t.http
        .post(`/complaints/${d.id}/actions/dismiss`)
        .set('Authorization', inspector.bearer)
        .send({ version, reason: 'Outside the ministry’s reach' })
        .expect(200);
      // Far larger than a socket buffer: the answer still comes although the body is never read.
      const large = Buffer.concat([SMALL_PDF, Buffer.alloc(2 * 1024 * 1024, 0x20)]);
      await expectNothingStored(async () => {
        for (const res of [
          await asStaff(d.id, SMALL_PDF, 'late.pdf'),
          await asPublic(d.reference, d.trackingSecret, large, 'late.pdf'),
          await asWorker(d.id, SMALL_PDF, 'late.pdf'),
          await asAgency(d.id, large, 'late.pdf'),
        ]) {
          expectProblem(res, 409, 'case-closed');
          expect(res.body).toMatchObject({ stage: 'closed', outcome: 'dismissed' });
        }
      });
      expect(ids(await t.http.get(`/me/complaints/${d.id}/evidence`).set('Authorization', complainant.bearer).expect(200))).toEqual([kept]);
      await download(`/complaints/${d.id}/evidence/${kept}/content`, inspector).expect(200);
    });
  });

  describe('the service', () => {
    it('closes the race with a case being closed: the check is made again under a lock, in the upload transaction', async () => {
      const d = await file();
      const evidence = t.app.get(ComplaintEvidence, { strict: false });
      const documents = t.app.get(DocumentsService, { strict: false });
      const door = { party: 'complainant', reference: d.reference, secret: d.trackingSecret } as const;
      await evidence.checkUpload(door);
      await t.dataSource.query(`UPDATE complaint SET stage = 'closed', outcome = 'dismissed', closed_at = now() WHERE id = $1`, [d.id]);
      await expectNothingStored(async () => {
        const staged = await documents.stage(SMALL_PDF, { declaredName: 'race.pdf' });
        await expect(evidence.upload(door, staged, 'contract', { auditActor: { role: 'anonymous' } })).rejects.toMatchObject({
          code: 'case-closed',
          status: 409,
        });
        await documents.discard(staged);
      });
    });
  });
});
