import { deflateSync } from 'node:zlib';

/** A real, minimal one-page PDF (with the binary comment line real PDFs carry). */
export const SMALL_PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n%', 'latin1'),
  Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]),
  Buffer.from(
    '\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  ),
]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** A real PNG: `size`×`size` pixels of RGB noise-free gradient (valid chunks and CRCs). */
export function makePng(size = 4): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Array.from({ length: size }, (_, y) => Buffer.from([0, ...Array.from({ length: size * 3 }, (_, x) => (x * 16 + y * 32) & 0xff)]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real 1x1 lossless WebP (RIFF, form WEBP, one VP8L chunk), as phones share pictures. */
export const SMALL_WEBP = Buffer.concat([
  Buffer.from('RIFF', 'latin1'),
  Buffer.from([0x1a, 0x00, 0x00, 0x00]),
  Buffer.from('WEBPVP8L', 'latin1'),
  Buffer.from([0x0d, 0x00, 0x00, 0x00, 0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00]),
]);

const box = (type: string, ...content: Buffer[]) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), ...content]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(body.length + 4);
  return Buffer.concat([size, body]);
};
const fullBox = (type: string, ...content: Buffer[]) => box(type, Buffer.alloc(4), ...content);

/**
 * The start of an ISO-BMFF image file as a phone writes it: the `ftyp` box with the given brands,
 * then a `meta` box (handler `pict`, primary item 1, an item of `itemType`), then `size` bytes of
 * coded data in `mdat`. Nothing here decodes images: the brands decide what the file is taken for.
 */
export function makeIsoBmffImage(major: string, compatible: string[], itemType = 'hvc1', size = 256): Buffer {
  const brands = Buffer.concat([Buffer.from(major, 'latin1'), Buffer.alloc(4), ...compatible.map((b) => Buffer.from(b, 'latin1'))]);
  const hdlr = fullBox('hdlr', Buffer.alloc(4), Buffer.from('pict', 'latin1'), Buffer.alloc(12), Buffer.from([0]));
  const pitm = fullBox('pitm', Buffer.from([0, 1]));
  const infe = box('infe', Buffer.from([2, 0, 0, 0, 0, 1, 0, 0]), Buffer.from(itemType, 'latin1'), Buffer.from([0]));
  const iinf = fullBox('iinf', Buffer.from([0, 1]), infe);
  return Buffer.concat([box('ftyp', brands), fullBox('meta', hdlr, pitm, iinf), box('mdat', Buffer.alloc(size, 0x5a))]);
}

/** An iPhone's HEIC photo (major brand heic). */
export const SMALL_HEIC = makeIsoBmffImage('heic', ['mif1', 'heic']);
/** A HEIF photo that names its codec only among the compatible brands (major brand mif1), as some Android phones write. */
export const SMALL_HEIF = makeIsoBmffImage('mif1', ['mif1', 'heic']);
/** An AVIF photo: the same container, AV1 images; not accepted. */
export const SMALL_AVIF = makeIsoBmffImage('avif', ['avif', 'mif1', 'miaf'], 'av01');
