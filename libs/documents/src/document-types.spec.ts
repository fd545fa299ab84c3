import {
  ACCEPTED_CONTENT_TYPES,
  ACCEPTED_TYPES_IN_WORDS,
  DOCUMENT_TYPES,
  SNIFF_BYTES,
  couldBeAccepted,
  hasExtensionOf,
  isDeclaredAs,
  sniffDocumentType,
} from './document-types';

const bytes = (...b: number[]) => Buffer.from(b);
const text = (s: string) => Buffer.from(s, 'latin1');
const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** An ISO-BMFF `ftyp` box: size, "ftyp", major brand, minor version, compatible brands. */
const ftyp = (major: string, compatible: string[], minor = 0) =>
  Buffer.concat([u32be(16 + 4 * compatible.length), text('ftyp'), text(major), u32be(minor), ...compatible.map(text)]);
/** The start of the box that follows `ftyp` in a HEIF file (a full box: version and flags, then a `hdlr` box). */
const META = Buffer.concat([u32be(0x314), text('meta'), u32be(0), u32be(0x21), text('hdlr'), u32be(0), u32be(0), text('pict'), Buffer.alloc(12)]);
/** A HEIF file's first bytes, as a phone writes them. */
const heif = (major: string, compatible: string[]) => Buffer.concat([ftyp(major, compatible), META]);
/** A WebP file: the RIFF header (the size of what follows), then one chunk (padded to an even size). */
const webp = (chunk: 'VP8 ' | 'VP8L' | 'VP8X', data: Buffer) => {
  const padded = data.length % 2 ? Buffer.concat([data, bytes(0)]) : data;
  return Buffer.concat([text('RIFF'), u32le(4 + 8 + padded.length), text('WEBP'), text(chunk), u32le(data.length), padded]);
};
// Two whole 1x1 pictures, lossy (a key frame: start code 9D 01 2A, width and height 1) and
// lossless (signature 2F): with `webp` they make, byte for byte, the 1x1 WebP files in common use.
const VP8_FRAME = bytes(0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x01, 0x00, 0x01, 0x00, 0x0e, 0xc0, 0xfe, 0x25, 0xa4, 0x00, 0x03, 0x70, 0x00, 0x00, 0x00, 0x00);
const VP8L_FRAME = bytes(0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07);
// Extended format (alpha, animation, metadata): flags (alpha), then the canvas width and height minus one, 24 bits each.
const VP8X_HEADER = bytes(0x10, 0x00, 0x00, 0x00, 0xff, 0x00, 0x00, 0x9f, 0x00, 0x00);

describe('sniffDocumentType', () => {
  it.each([
    ['a PDF', text('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'), 'application/pdf'],
    ['a PDF 2.0', text('%PDF-2.0\n'), 'application/pdf'],
    ['a JFIF JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46), 'image/jpeg'],
    ['an EXIF JPEG', bytes(0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 0x45, 0x78, 0x69, 0x66), 'image/jpeg'],
    ['a PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d), 'image/png'],
    ['a lossy WebP (VP8)', webp('VP8 ', VP8_FRAME), 'image/webp'],
    ['a lossless WebP (VP8L)', webp('VP8L', VP8L_FRAME), 'image/webp'],
    ['an extended WebP (VP8X: alpha, animation, EXIF)', webp('VP8X', VP8X_HEADER), 'image/webp'],
    ["an iPhone's HEIC (heic; mif1, heic)", heif('heic', ['mif1', 'heic']), 'image/heic'],
    ["libheif's HEIC (heic; mif1, heic, miaf)", heif('heic', ['mif1', 'heic', 'miaf']), 'image/heic'],
    ['a 10-bit HEIC (heix)', heif('heix', ['mif1', 'heix']), 'image/heic'],
    ['a multi-view HEIC (heim)', heif('heim', ['mif1', 'heim']), 'image/heic'],
    ['a scalable HEIC (heis)', heif('heis', ['mif1', 'heis']), 'image/heic'],
    ['an HEVC image sequence (hevc; msf1)', heif('hevc', ['msf1', 'hevc']), 'image/heic'],
    ['a 10-bit HEVC image sequence (hevx)', heif('hevx', ['msf1', 'hevx']), 'image/heic'],
    ['a HEIC whose major brand alone says so (no compatible brands)', heif('heic', []), 'image/heic'],
    ['a HEIF image with an HEVC brand (mif1; mif1, heic)', heif('mif1', ['mif1', 'heic']), 'image/heif'],
    ['a HEIF image with an AVIF and an HEVC brand (mif1; avif, heic)', heif('mif1', ['mif1', 'avif', 'heic']), 'image/heif'],
    ['a HEIF image sequence with an HEVC brand (msf1; msf1, hevc)', heif('msf1', ['msf1', 'hevc']), 'image/heif'],
    ['a HEIF with its HEVC brand the 12th, the last one read', heif('mif1', [...Array<string>(11).fill('miaf'), 'heic']), 'image/heif'],
    ['a whole HEIC file no longer than its ftyp box', ftyp('heic', ['mif1', 'heic']), 'image/heic'],
  ])('recognises %s', (_name, head, type) => {
    expect(sniffDocumentType(head)?.contentType).toBe(type);
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['"%PDF" without the dash', text('%PDF1.4')],
    ['a PDF signature after a leading space', text(' %PDF-1.4')],
    ['lower-case "%pdf-"', text('%pdf-1.4')],
    ['PostScript', text('%!PS-Adobe-3.0')],
    ['a Windows executable (MZ)', bytes(0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00)],
    ['an ELF executable', bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00)],
    ['a ZIP (or DOCX)', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00)],
    ['a GIF', text('GIF89a\x01\x00')],
    ['HTML', text('<!DOCTYPE html><html>')],
    ['an SVG', text('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['plain text', text('Hello, this is not a PDF at all')],
    ['JPEG start of image without a marker', bytes(0xff, 0xd8, 0x00, 0xe0)],
    ['a truncated JPEG signature', bytes(0xff, 0xd8)],
    ['a PNG signature mangled by a text-mode transfer (CRLF to LF)', bytes(0x89, 0x50, 0x4e, 0x47, 0x0a, 0x1a, 0x0a, 0x00)],
    ['a truncated PNG signature', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a)],
    ['"PNG" without the high byte', text('PNG\r\n\x1a\n\x00')],
    ['a UTF-8 BOM before "%PDF-"', Buffer.concat([bytes(0xef, 0xbb, 0xbf), text('%PDF-1.4')])],
    // RIFF, but not WebP.
    ['a WAVE sound (RIFF....WAVE)', Buffer.concat([text('RIFF'), u32le(36), text('WAVEfmt '), u32le(16)])],
    ['an AVI video (RIFF....AVI )', Buffer.concat([text('RIFF'), u32le(2048), text('AVI LIST')])],
    ['big-endian RIFX with WEBP', Buffer.concat([text('RIFX'), u32be(26), text('WEBPVP8L')])],
    ['"WEBP" at the wrong offset', Buffer.concat([text('RIFF'), u32le(26), text('\0WEBPVP8L')])],
    ['lower-case "webp"', Buffer.concat([text('RIFF'), u32le(26), text('webpVP8L')])],
    ['a WebP cut before its form type ends', Buffer.concat([text('RIFF'), u32le(26), text('WEB')])],
    ['"WEBP" without RIFF', Buffer.concat([Buffer.alloc(8), text('WEBPVP8L')])],
    // ISO-BMFF, but not a HEIF photo we accept.
    ['an AVIF image (avif; avif, mif1, miaf)', heif('avif', ['avif', 'mif1', 'miaf'])],
    ['an AVIF declaring mif1 first (mif1; avif, mif1, miaf)', heif('mif1', ['avif', 'mif1', 'miaf'])],
    ['an AVIF image sequence (avis; avis, msf1)', heif('avis', ['avis', 'msf1', 'miaf'])],
    ['an AVIF image sequence declaring msf1 first', heif('msf1', ['msf1', 'avis'])],
    ['a HEIF with no codec brand (mif1; mif1)', heif('mif1', ['mif1', 'miaf'])],
    ['a HEIF with no compatible brands at all', heif('mif1', [])],
    ['a HEIF whose HEVC brand comes after the 12th (beyond what is read)', heif('mif1', [...Array<string>(12).fill('miaf'), 'heic'])],
    ['an MP4 video (isom)', heif('isom', ['isom', 'iso2', 'avc1', 'mp41'])],
    ['an MP4 video listing an HEVC brand (isom; hevc)', heif('isom', ['isom', 'hevc'])],
    ['a QuickTime movie', heif('qt  ', ['qt  '])],
    ['a 3GP video', heif('3gp4', ['isom', '3gp4'])],
    ['a JPEG 2000 (jp2)', heif('jp2 ', ['jp2 '])],
    ['an upper-case brand (HEIC)', heif('HEIC', ['mif1', 'HEIC'])],
    ['"ftyp" cut before its major brand', Buffer.concat([u32be(24), text('ftyphei')])],
    ['"ftyp" and the major brand, cut before the minor version', Buffer.concat([u32be(24), text('ftypheic')])],
    ['an ftyp box cut short (24 bytes said, 20 there)', Buffer.concat([u32be(24), text('ftypheic'), u32be(0), text('mif1')])],
    ['a HEIF ftyp box cut before its HEVC brand', Buffer.concat([u32be(24), text('ftypmif1'), u32be(0), text('mif1')])],
    ['an ftyp box of size 0 ("to the end of the file")', Buffer.concat([u32be(0), text('ftypheic'), u32be(0), text('mif1heic')])],
    ['an ftyp box of size 1 (a 64-bit size follows)', Buffer.concat([u32be(1), text('ftypheic'), u32be(0), u32be(24), text('mif1heic')])],
    ['an ftyp box too small for its own header', Buffer.concat([u32be(12), text('ftypheic'), u32be(0), META])],
    ['an ftyp box whose size is not a whole number of brands', Buffer.concat([u32be(22), text('ftypheic'), u32be(0), text('mif1he'), META])],
    ['"ftyp" at offset 0', Buffer.concat([text('ftypheic'), u32be(0), text('mif1heic')])],
    ['a HEIC brand in a box that is not ftyp', Buffer.concat([u32be(24), text('styp'), text('heic'), u32be(0), text('mif1heic')])],
  ])('refuses %s', (_name, head) => {
    expect(sniffDocumentType(head)).toBeNull();
  });

  it('looks only at the first SNIFF_BYTES, whatever follows: the whole file and the head of a stream get one answer', () => {
    expect(SNIFF_BYTES).toBe(64);
    expect(sniffDocumentType(Buffer.concat([text('%PDF-'), Buffer.alloc(100_000, 0x4d)]))?.label).toBe('PDF');
    const late = heif('mif1', [...Array<string>(12).fill('miaf'), 'heic']);
    expect(sniffDocumentType(late)).toBeNull();
    expect(sniffDocumentType(late.subarray(0, SNIFF_BYTES))).toBeNull();
    const photo = Buffer.concat([heif('heic', ['mif1', 'heic']), Buffer.alloc(5_000, 0xaa)]);
    expect(sniffDocumentType(photo)?.contentType).toBe('image/heic');
    expect(sniffDocumentType(photo.subarray(0, SNIFF_BYTES))?.contentType).toBe('image/heic');
  });

  it('reads a Uint8Array view at its own offset', () => {
    const backing = Buffer.concat([text('junk'), heif('heic', ['mif1', 'heic'])]);
    expect(sniffDocumentType(new Uint8Array(backing.buffer, backing.byteOffset + 4, backing.length - 4))?.contentType).toBe('image/heic');
  });
});

describe('couldBeAccepted (a stream refused before SNIFF_BYTES)', () => {
  it.each([
    ['nothing yet', Buffer.alloc(0)],
    ['"%PD"', text('%PD')],
    ['"%PDF-1.4"', text('%PDF-1.4')],
    ['FF D8', bytes(0xff, 0xd8)],
    ['the first half of the PNG signature', bytes(0x89, 0x50, 0x4e, 0x47)],
    ['"RIFF" and a size', Buffer.concat([text('RIFF'), u32le(26)])],
    ['four bytes of anything (an ISO-BMFF box size, for all we know)', text('MZ\x90\x00')],
    ['an ISO-BMFF box size', u32be(24)],
    ['an ftyp box being read', Buffer.concat([u32be(24), text('ftypmif1')])],
  ])('waits for more after %s', (_name, head) => {
    expect(couldBeAccepted(head)).toBe(true);
  });

  it.each([
    ['an executable', text('MZ\x90\x00\x03\x00\x00\x00')],
    ['a GIF', text('GIF89a\x01\x00')],
    ['a WAVE sound', Buffer.concat([text('RIFF'), u32le(36), text('WAVE')])],
    ['RIFX', Buffer.concat([text('RIFX'), u32be(26)])],
    ['a box that is not ftyp', Buffer.concat([u32be(24), text('moov')])],
    ['"%PDF" without the dash', text('%PDF1')],
  ])('gives up on %s', (_name, head) => {
    expect(couldBeAccepted(head)).toBe(false);
    expect(sniffDocumentType(head)).toBeNull();
  });

  it('never gives up on a head an accepted file starts with', () => {
    const files = [text('%PDF-1.7\n'), bytes(0xff, 0xd8, 0xff, 0xe0), webp('VP8L', VP8L_FRAME), heif('heic', ['mif1', 'heic']), heif('mif1', ['mif1', 'heic'])];
    for (const file of files) {
      for (let n = 0; n <= Math.min(file.length, SNIFF_BYTES); n++) expect(couldBeAccepted(file.subarray(0, n))).toBe(true);
    }
  });
});

describe('the accepted types', () => {
  it('are six, in this order, for the 415 answer and for people', () => {
    expect(ACCEPTED_CONTENT_TYPES).toEqual(['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif']);
    expect(ACCEPTED_TYPES_IN_WORDS).toBe('PDF, JPEG, PNG, WEBP, HEIC or HEIF');
  });

  it('have their canonical extension first', () => {
    expect(Object.fromEntries(DOCUMENT_TYPES.map((t) => [t.contentType, t.extensions[0]]))).toEqual({
      'application/pdf': 'pdf',
      'image/jpeg': 'jpg',
      'image/png': 'png',
      'image/webp': 'webp',
      'image/heic': 'heic',
      'image/heif': 'heif',
    });
  });
});

describe('isDeclaredAs / hasExtensionOf', () => {
  const type = (contentType: string) => DOCUMENT_TYPES.find((t) => t.contentType === contentType)!;

  it('knows the aliases clients send and ignores parameters and case', () => {
    expect(isDeclaredAs(type('image/jpeg'), 'image/jpg')).toBe(true);
    expect(isDeclaredAs(type('application/pdf'), 'Application/PDF; name=x.pdf')).toBe(true);
    expect(isDeclaredAs(type('image/webp'), 'image/webp')).toBe(true);
    expect(isDeclaredAs(type('application/pdf'), 'text/plain')).toBe(false);
    expect(isDeclaredAs(type('image/png'), 'image/jpeg')).toBe(false);
    expect(isDeclaredAs(type('image/webp'), 'image/png')).toBe(false);
    expect(isDeclaredAs(type('application/pdf'), undefined)).toBe(false);
  });

  it('takes the HEIF names for one another (phones and browsers mix them), and nothing else for them', () => {
    for (const declared of ['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence']) {
      expect(isDeclaredAs(type('image/heic'), declared)).toBe(true);
      expect(isDeclaredAs(type('image/heif'), declared)).toBe(true);
    }
    for (const ext of ['heic', 'HEIC', 'heif', 'hif']) {
      expect(hasExtensionOf(type('image/heic'), ext)).toBe(true);
      expect(hasExtensionOf(type('image/heif'), ext)).toBe(true);
    }
    expect(isDeclaredAs(type('image/heic'), 'image/avif')).toBe(false);
    expect(hasExtensionOf(type('image/heif'), 'avif')).toBe(false);
    expect(hasExtensionOf(type('image/heic'), 'jpg')).toBe(false);
  });

  it('maps extensions case-insensitively', () => {
    expect(hasExtensionOf(type('image/jpeg'), 'JPEG')).toBe(true);
    expect(hasExtensionOf(type('image/png'), 'png')).toBe(true);
    expect(hasExtensionOf(type('image/webp'), 'WebP')).toBe(true);
    expect(hasExtensionOf(type('image/png'), 'jpg')).toBe(false);
    expect(hasExtensionOf(type('application/pdf'), 'exe')).toBe(false);
    expect(hasExtensionOf(type('application/pdf'), undefined)).toBe(false);
  });
});
