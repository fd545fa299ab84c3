import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, getDefaultHighWaterMark } from 'node:stream';
import type { DataSource } from 'typeorm';
import type { AuditLog } from '@app/audit';
import { ConfigService, DomainException, loadConfig } from '@app/common';
import { DocumentsService, storageKeyFor } from './documents.service';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 1)]);
const WEBP = Buffer.concat([
  Buffer.from('RIFF', 'latin1'),
  Buffer.from([0x1a, 0, 0, 0]),
  Buffer.from('WEBPVP8L', 'latin1'),
  Buffer.from([0x0d, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0]),
]);
/** A HEIF file's ftyp box (major brand, minor version, compatible brands), then the start of its meta box. */
const heif = (major: string, ...compatible: string[]) =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 16 + 4 * compatible.length]),
    Buffer.from(`ftyp${major}`, 'latin1'),
    Buffer.alloc(4),
    Buffer.from(compatible.join(''), 'latin1'),
    Buffer.from([0, 0, 3, 0x14]),
    Buffer.from('meta', 'latin1'),
    Buffer.alloc(200, 7),
  ]);
const HEIC = heif('heic', 'mif1', 'heic');
const ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];

describe('DocumentsService.stage (no database involved)', () => {
  let dir: string;
  let docs: DocumentsService;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lcs-docs-unit-'));
    const config = new ConfigService(loadConfig({ DOCUMENTS_DIR: dir, DOCUMENTS_MAX_BYTES: '1000' }));
    // These tests stage and refuse files only; nothing is committed, so nothing is audited.
    docs = new DocumentsService({ subscribers: [] } as unknown as DataSource, config, {} as AuditLog);
    await docs.onModuleInit();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const tempFiles = () => readdir(join(dir, '.tmp'));
  const problemOf = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DomainException);
    return e as DomainException;
  };

  it('writes the content to a temporary file with its sniffed type, size and SHA-256', async () => {
    const staged = await docs.stage(PDF, { declaredName: 'permit.PDF', declaredType: 'application/pdf' });
    expect(staged).toMatchObject({ contentType: 'application/pdf', sizeBytes: PDF.length, originalName: 'permit.PDF' });
    expect(staged.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    expect(await readFile(staged.tempPath)).toEqual(PDF);
    await docs.discard(staged);
    expect(await tempFiles()).toEqual([]);
  });

  it('accepts exactly the limit and refuses one byte more with 413 naming the limit, keeping nothing', async () => {
    const atLimit = Buffer.concat([PDF, Buffer.alloc(1000 - PDF.length, 0x20)]);
    await docs.discard(await docs.stage(atLimit));
    const e = await problemOf(docs.stage(Buffer.concat([atLimit, Buffer.from(' ')])));
    expect(e.status).toBe(413);
    expect(e.extensions).toEqual({ limitBytes: 1000 });
    expect(await tempFiles()).toEqual([]);
  });

  it('counts bytes across chunks and stops reading at the limit (an endless stream ends in 413)', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 100;
        this.push(produced === 100 ? Buffer.concat([PDF, Buffer.alloc(100 - PDF.length)]) : Buffer.alloc(100));
      },
    });
    expect((await problemOf(docs.stage(endless))).status).toBe(413);
    // The limit plus what the stream had buffered ahead (its highWaterMark: 64 KiB since Node 22), no more.
    expect(produced).toBeLessThan(1000 + getDefaultHighWaterMark(false) + 2_000);
    endless.destroy();
  });

  it.each([
    ['a text file named .pdf', Buffer.from('just some words, not a PDF'), 'notes.pdf', 'application/pdf'],
    ['an executable named .pdf', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]), 'invoice.pdf', 'application/pdf'],
    ['an empty file', Buffer.alloc(0), 'empty.pdf', 'application/pdf'],
    ['a PNG sent as application/pdf', PNG, 'scan', 'application/pdf'],
    ['a PNG named .pdf', PNG, 'scan.pdf', 'application/octet-stream'],
    ['a PDF named .exe', PDF, 'setup.exe', 'application/octet-stream'],
    ['a PDF sent as text/html', PDF, 'page', 'text/html'],
    ['an AVIF photo', heif('avif', 'avif', 'mif1', 'miaf'), 'IMG_0001.avif', 'image/avif'],
    ['an AVIF named .heic', heif('mif1', 'avif', 'mif1', 'miaf'), 'IMG_0001.heic', 'application/octet-stream'],
    ['a WEBP named .jpg', WEBP, 'receipt.jpg', 'application/octet-stream'],
    ['a HEIC sent as image/jpeg', HEIC, 'IMG_0001', 'image/jpeg'],
    ['a HEIC named .png', HEIC, 'IMG_0001.png', 'application/octet-stream'],
  ])('refuses %s with 415 listing the accepted types, keeping nothing', async (_name, content, declaredName, declaredType) => {
    const e = await problemOf(docs.stage(content, { declaredName, declaredType }));
    expect(e.status).toBe(415);
    expect(e.code).toBe('unsupported-media-type');
    expect(e.extensions).toEqual({ acceptedTypes: ACCEPTED });
    expect(await tempFiles()).toEqual([]);
  });

  it('holds nothing against a generic declared type or a name without an extension, and names the file by its real type', async () => {
    const staged = await docs.stage(PNG, { declaredName: 'receipt 2024.05.01', declaredType: 'application/octet-stream' });
    expect(staged).toMatchObject({ contentType: 'image/png', originalName: 'receipt 2024.05.01.png' });
    await docs.discard(staged);
  });

  it.each([
    ['an iPhone photo', HEIC, 'IMG_0001.HEIC', 'image/heic', { contentType: 'image/heic', originalName: 'IMG_0001.HEIC' }],
    [
      'a HEIF (mif1) photo named .heic and sent as image/heif',
      heif('mif1', 'mif1', 'heic'),
      'photo.heic',
      'image/heif',
      { contentType: 'image/heif', originalName: 'photo.heic' },
    ],
    ['a HEIC sent as image/heif, without a name', HEIC, '', 'image/heif', { contentType: 'image/heic', originalName: 'document.heic' }],
    [
      'a HEIF (mif1) without an extension',
      heif('mif1', 'mif1', 'heic'),
      'receipt',
      'application/octet-stream',
      { contentType: 'image/heif', originalName: 'receipt.heif' },
    ],
    ['a WEBP shared from a phone', WEBP, 'receipt.webp', 'image/webp', { contentType: 'image/webp', originalName: 'receipt.webp' }],
    ['a WEBP without an extension', WEBP, 'receipt', '', { contentType: 'image/webp', originalName: 'receipt.webp' }],
  ])('keeps %s as it was sent, with the type of its content', async (_name, content, declaredName, declaredType, expected) => {
    const staged = await docs.stage(content, { declaredName, declaredType });
    expect(staged).toMatchObject({ ...expected, sizeBytes: content.length });
    expect(await readFile(staged.tempPath)).toEqual(content);
    await docs.discard(staged);
  });

  it('assembles the head from small chunks: a HEIC arriving 3 bytes at a time is recognised, not refused early', async () => {
    const chunks = Array.from({ length: Math.ceil(HEIC.length / 3) }, (_, i) => HEIC.subarray(i * 3, i * 3 + 3));
    const staged = await docs.stage(Readable.from(chunks), { declaredName: 'IMG_0001.heic' });
    expect(staged).toMatchObject({ contentType: 'image/heic', sizeBytes: HEIC.length });
    await docs.discard(staged);
  });

  it('judges a file shorter than the sniffed head by all of it', async () => {
    const whole = heif('heic', 'mif1', 'heic').subarray(0, 24);
    await docs.discard(await docs.stage(whole, { declaredName: 'tiny.heic' }));
    expect((await problemOf(docs.stage(whole.subarray(0, 20), { declaredName: 'tiny.heic' }))).status).toBe(415);
  });

  it('refuses a wrong type from the first chunk and leaves the stream readable for draining', async () => {
    const source = new PassThrough();
    source.write(Buffer.from('MZ this is an executable header....'));
    const e = await problemOf(docs.stage(source, { declaredName: 'x.pdf' }));
    expect(e.status).toBe(415);
    expect(source.destroyed).toBe(false);
    source.end(Buffer.alloc(10_000));
    source.resume();
    await new Promise((r) => source.once('end', r));
  });
});

describe('storageKeyFor', () => {
  it('derives a two-level path from the id alone', () => {
    expect(storageKeyFor('ABCDEF01-2345-4678-9abc-def012345678')).toBe('ab/cd/abcdef01-2345-4678-9abc-def012345678');
    expect(() => storageKeyFor('../../etc/passwd')).toThrow(TypeError);
  });
});
