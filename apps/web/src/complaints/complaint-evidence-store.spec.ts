import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// The API's own check, imported by this spec only (the web process may not import libs/documents):
// the page must answer as the API will.
import { ACCEPTED_CONTENT_TYPES, DOCUMENT_TYPES, hasExtensionOf, sniffDocumentType } from '../../../../libs/documents/src/document-types';
import { EXTENSIONS, TYPE_LABELS, sniff } from './complaint-evidence-store';

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u32 = (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
/** An ISO-BMFF `ftyp` box and the start of the next box. */
const ftyp = (major: string, compatible: string[]) =>
  bytes(u32(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], compatible.join(''), u32(0x314), 'meta', [0, 0, 0, 0]);
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'browser', 'fixtures', 'complaints');

describe('what a file is, by its first bytes (as the API judges it)', () => {
  it('accepts PDF, JPEG, PNG, and photos as phones save them (WEBP, HEIC, HEIF)', () => {
    expect(sniff(bytes('%PDF-1.7\n'))).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toEqual({ ok: true, contentType: 'image/jpeg' });
    expect(sniff(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toEqual({ ok: true, contentType: 'image/png' });
    expect(sniff(bytes('RIFF', [0x1a, 0, 0, 0], 'WEBPVP8L'))).toEqual({ ok: true, contentType: 'image/webp' });
    expect(sniff(ftyp('heic', ['mif1', 'heic']))).toEqual({ ok: true, contentType: 'image/heic' });
    expect(sniff(ftyp('mif1', ['mif1', 'heic']))).toEqual({ ok: true, contentType: 'image/heif' });
  });

  it('refuses AVIF, anything else, and an empty file', () => {
    expect(sniff(ftyp('avif', ['avif', 'mif1', 'miaf']))).toEqual({ ok: false, reason: 'unsupported' });
    expect(sniff(ftyp('mif1', ['avif', 'mif1', 'miaf']))).toEqual({ ok: false, reason: 'unsupported' });
    expect(sniff(bytes('MZ\x90\x00'))).toEqual({ ok: false, reason: 'unsupported' });
    expect(sniff(bytes(' %PDF-1.7'))).toEqual({ ok: false, reason: 'unsupported' });
    expect(sniff(bytes('GIF89a'))).toEqual({ ok: false, reason: 'unsupported' });
    expect(sniff(Buffer.alloc(0))).toEqual({ ok: false, reason: 'empty' });
  });

  it('gives the API’s answer for every header, near miss and real file in the corpus', () => {
    const corpus: Buffer[] = [
      bytes('%PDF-1.4'),
      bytes('%PDF'),
      bytes('%pdf-1.4'),
      bytes([0xef, 0xbb, 0xbf], '%PDF-1.4'),
      bytes([0xff, 0xd8, 0xff]),
      bytes([0xff, 0xd8]),
      bytes([0xff, 0xd8, 0x00, 0xe0]),
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x1a, 0x0a, 0x00]),
      bytes('RIFF', [0x1a, 0, 0, 0], 'WEBPVP8 '),
      bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '),
      bytes('RIFX', [0, 0, 0, 0x1a], 'WEBP'),
      bytes('RIFF', [0x1a, 0, 0, 0], 'WEB'),
      ...['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'avif', 'avis', 'isom', 'HEIC', 'qt  '].flatMap((major) => [
        ftyp(major, []),
        ftyp(major, ['mif1', 'heic']),
        ftyp(major, ['msf1', 'hevc']),
        ftyp(major, ['avif', 'mif1', 'miaf']),
        ftyp(major, [...Array<string>(11).fill('miaf'), 'heic']),
        ftyp(major, [...Array<string>(12).fill('miaf'), 'heic']),
      ]),
      ftyp('heic', ['mif1', 'heic']).subarray(0, 20),
      ftyp('heic', ['mif1', 'heic']).subarray(0, 24),
      ftyp('heic', ['mif1', 'heic']).subarray(0, 12),
      bytes(u32(0), 'ftypheic', [0, 0, 0, 0], 'mif1heic'),
      bytes(u32(1), 'ftypheic', [0, 0, 0, 0], 'mif1heic'),
      bytes(u32(22), 'ftypheic', [0, 0, 0, 0], 'mif1heic'),
      bytes('ftypheic', [0, 0, 0, 0], 'mif1heic'),
      bytes(u32(24), 'stypheic', [0, 0, 0, 0], 'mif1heic'),
      bytes('MZ\x90\x00'),
      bytes('GIF89a'),
      bytes('<svg>'),
      Buffer.alloc(0),
      ...['receipt.jpg', 'contract.pdf', 'receipt.webp', 'photo.heic', 'photo.avif'].map((name) => readFileSync(join(FIXTURES, name))),
    ];
    for (const content of corpus) {
      const api = sniffDocumentType(content);
      const web = sniff(content);
      expect({ head: content.subarray(0, 24).toString('hex'), type: web.ok ? web.contentType : null }).toEqual({
        head: content.subarray(0, 24).toString('hex'),
        type: api?.contentType ?? null,
      });
    }
  });

  it('knows every type the API accepts, sends it under a name the API takes for it, and calls it what the API calls it', () => {
    expect(Object.keys(EXTENSIONS).sort()).toEqual([...ACCEPTED_CONTENT_TYPES].sort());
    for (const type of DOCUMENT_TYPES) {
      const contentType = type.contentType as keyof typeof EXTENSIONS;
      expect(hasExtensionOf(type, EXTENSIONS[contentType])).toBe(true);
      expect(TYPE_LABELS[contentType]).toBe(type.label);
    }
  });
});
