/**
 * The file types the system accepts, recognised by their content ("magic numbers"), never by
 * the name or the Content-Type the client sent. The list is fixed in code on purpose: adding a
 * type is a security decision (what a browser or a reader might do with it), not a setting.
 *
 * Why not the `file-type` package: it ships only ES modules (Jest here runs CommonJS) and
 * recognises hundreds of formats we must refuse anyway; six signatures are easy to check and
 * to test exhaustively (document-types.spec.ts).
 *
 * The web's complaint pages check files the same way before sending them
 * (apps/web/src/complaints/complaint-evidence-store.ts, which may not import this library): a
 * change here is a change there, and their spec compares the two.
 */

/** Bytes a content must hold at an offset. */
export interface SignaturePart {
  readonly offset: number;
  readonly bytes: Buffer;
}

export interface DocumentType {
  /** The media type we store and serve (`Content-Type` of the download). */
  readonly contentType: string;
  /** Short name for people: `PDF`. */
  readonly label: string;
  /** File name extensions a file of this type may carry, lower case, the first being the canonical one. */
  readonly extensions: readonly string[];
  /** Other media types clients send for it (accepted as a declared type, never stored). */
  readonly aliases: readonly string[];
  /** The bytes the content must hold, all of them: what tells the type apart. */
  readonly signature: readonly SignaturePart[];
  /**
   * What else the first `bytes` bytes (or the whole file when shorter) must show once the
   * signature holds: the brands of an ISO-BMFF file. Never true without the signature.
   */
  readonly refine?: { readonly bytes: number; readonly test: (head: Buffer) => boolean };
}

const at = (offset: number, bytes: Buffer | string): SignaturePart => ({ offset, bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes });
const ascii = (head: Buffer, from: number, to: number) => (head.length >= to ? head.toString('latin1', from, to) : '');

/**
 * How much of an ISO-BMFF `ftyp` box (ISO/IEC 14496-12 4.3) we read: the size, `ftyp`, the major
 * brand, the minor version, then up to 12 compatible brands (a phone writes 2 to 4).
 */
const FTYP_BYTES = 64;

/**
 * The brands of an ISO-BMFF file's first box when it is a well-formed `ftyp` box: a size of
 * 16 + 4n bytes (0, "to the end of the file", and 1, "a 64-bit size follows", never occur for
 * it), present in full as far as we read. Null otherwise. Only the compatible brands within the
 * first FTYP_BYTES count, so the answer never depends on how much of the file the caller holds.
 */
function ftypBrands(head: Buffer): { major: string; compatible: string[] } | null {
  if (head.length < 16 || ascii(head, 4, 8) !== 'ftyp') return null;
  const size = head.readUInt32BE(0);
  if (size < 16 || size % 4 !== 0 || head.length < Math.min(size, FTYP_BYTES)) return null;
  const end = Math.min(size, head.length, FTYP_BYTES);
  const compatible: string[] = [];
  for (let o = 16; o + 4 <= end; o += 4) compatible.push(ascii(head, o, o + 4));
  return { major: ascii(head, 8, 12), compatible };
}

/**
 * HEIF brands whose images are HEVC-coded (ISO/IEC 23008-12 annex B): what iPhones and most
 * Android phones write. Not `avif` (AV1 in the same container): we did not decide on it.
 */
const HEVC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
/** The structural HEIF brands (an image, an image sequence), which say nothing of the codec. */
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1']);

// The two HEIF types take each other's names and extensions: phones and browsers use "HEIC"
// and "HEIF" loosely (a .heic file whose major brand is mif1, sent as image/heif), and
// refusing a worker's photo over that would help no one. What is stored follows the brand.
const HEIF_EXTENSIONS = ['heic', 'heif', 'hif'];
const HEIF_MEDIA_TYPES = ['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence'];

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  // ISO 32000: "%PDF-" then the version. Some readers tolerate junk before it; we do not.
  { contentType: 'application/pdf', label: 'PDF', extensions: ['pdf'], aliases: ['application/x-pdf'], signature: [at(0, '%PDF-')] },
  // JPEG/JFIF/EXIF: SOI marker FF D8 followed by the first marker's FF.
  {
    contentType: 'image/jpeg',
    label: 'JPEG',
    extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
    aliases: ['image/jpg', 'image/pjpeg'],
    signature: [at(0, Buffer.from([0xff, 0xd8, 0xff]))],
  },
  // PNG: the 8-byte signature, designed to break under text-mode transfers (hence exact).
  {
    contentType: 'image/png',
    label: 'PNG',
    extensions: ['png'],
    aliases: ['image/x-png'],
    signature: [at(0, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  },
  // WebP: a RIFF container ("RIFF", the little-endian size, the form type) of form "WEBP". Other
  // RIFF forms (WAVE, AVI) are refused.
  { contentType: 'image/webp', label: 'WEBP', extensions: ['webp'], aliases: [], signature: [at(0, 'RIFF'), at(8, 'WEBP')] },
  // HEIC: an ISO-BMFF file whose major brand is an HEVC HEIF brand.
  {
    contentType: 'image/heic',
    label: 'HEIC',
    extensions: HEIF_EXTENSIONS,
    aliases: HEIF_MEDIA_TYPES.filter((t) => t !== 'image/heic'),
    signature: [at(4, 'ftyp')],
    refine: { bytes: FTYP_BYTES, test: (head) => HEVC_BRANDS.has(ftypBrands(head)?.major ?? '') },
  },
  // HEIF: major brand mif1 or msf1 (any HEIF), accepted only when an HEVC brand is among the
  // compatible ones, so that an AVIF declaring mif1 first is not taken for a photo we accept.
  {
    contentType: 'image/heif',
    label: 'HEIF',
    extensions: ['heif', ...HEIF_EXTENSIONS.filter((e) => e !== 'heif')],
    aliases: HEIF_MEDIA_TYPES.filter((t) => t !== 'image/heif'),
    signature: [at(4, 'ftyp')],
    refine: {
      bytes: FTYP_BYTES,
      test: (head) => {
        const brands = ftypBrands(head);
        return !!brands && GENERIC_HEIF_BRANDS.has(brands.major) && brands.compatible.some((b) => HEVC_BRANDS.has(b));
      },
    },
  },
];

/** The accepted media types, as listed in a 415 answer. */
export const ACCEPTED_CONTENT_TYPES: readonly string[] = DOCUMENT_TYPES.map((t) => t.contentType);

/** The accepted types for people, in words: `PDF, JPEG, PNG, WEBP, HEIC or HEIF`. */
export const ACCEPTED_TYPES_IN_WORDS: string = DOCUMENT_TYPES.map((t) => t.label)
  .join(', ')
  .replace(/, ([^,]+)$/, ' or $1');

const headBytes = (t: DocumentType) => Math.max(t.refine?.bytes ?? 0, ...t.signature.map((s) => s.offset + s.bytes.length));

/** How many leading bytes sniffing looks at: hand `sniffDocumentType` at least this many when the file has them. */
export const SNIFF_BYTES = Math.max(...DOCUMENT_TYPES.map(headBytes));

const asBuffer = (head: Uint8Array) => Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, SNIFF_BYTES));

/**
 * The accepted type of a content whose first bytes are `head`, or null. Only the first
 * SNIFF_BYTES bytes are looked at, so handing it the whole file gives the same answer as
 * handing it the head of a stream.
 */
export function sniffDocumentType(head: Uint8Array): DocumentType | null {
  const bytes = asBuffer(head);
  const holds = (s: SignaturePart) => bytes.length >= s.offset + s.bytes.length && bytes.subarray(s.offset, s.offset + s.bytes.length).equals(s.bytes);
  return DOCUMENT_TYPES.find((t) => t.signature.every(holds) && (!t.refine || t.refine.test(bytes.subarray(0, t.refine.bytes)))) ?? null;
}

/**
 * Whether a content starting with `head` (fewer than SNIFF_BYTES bytes of a longer content)
 * could still be of an accepted type: false once every type's signature is contradicted by the
 * bytes already there, so that a stream is refused without waiting for more.
 */
export function couldBeAccepted(head: Uint8Array): boolean {
  const bytes = asBuffer(head);
  const agrees = (s: SignaturePart) => {
    const held = bytes.subarray(s.offset, s.offset + s.bytes.length);
    return held.equals(s.bytes.subarray(0, held.length));
  };
  return DOCUMENT_TYPES.some((t) => t.signature.every(agrees));
}

/** Whether a declared media type (parameters and case ignored) names `type`, by its own name or an alias. */
export function isDeclaredAs(type: DocumentType, declared: string | null | undefined): boolean {
  const bare = (declared ?? '').split(';')[0].trim().toLowerCase();
  return type.contentType === bare || type.aliases.includes(bare);
}

/** Whether a file name extension (`pdf`, `JPG`) is one a file of `type` may carry. */
export function hasExtensionOf(type: DocumentType, extension: string | null | undefined): boolean {
  return type.extensions.includes((extension ?? '').toLowerCase());
}
