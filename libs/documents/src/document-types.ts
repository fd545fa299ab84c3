/**
 * The file types the system accepts, recognised by their content ("magic numbers"), never by
 * the name or the Content-Type the client sent. The list is fixed in code on purpose: adding a
 * type is a security decision (what a browser or a reader might do with it), not a setting.
 *
 * Why not the `file-type` package: it ships only ES modules (Jest here runs CommonJS) and
 * recognises hundreds of formats we must refuse anyway; three signatures are easy to check and
 * to test exhaustively (document-types.spec.ts).
 */
export interface DocumentType {
  /** The media type we store and serve (`Content-Type` of the download). */
  readonly contentType: string;
  /** Short name for people: `PDF`. */
  readonly label: string;
  /** File name extensions of this type, lower case, the first being the canonical one. */
  readonly extensions: readonly string[];
  /** Other media types clients use for it (accepted as a declared type, never stored). */
  readonly aliases: readonly string[];
  /** Bytes the content must start with. */
  readonly magic: Buffer;
}

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  // ISO 32000: "%PDF-" then the version. Some readers tolerate junk before it; we do not.
  { contentType: 'application/pdf', label: 'PDF', extensions: ['pdf'], aliases: ['application/x-pdf'], magic: Buffer.from('%PDF-', 'latin1') },
  // JPEG/JFIF/EXIF: SOI marker FF D8 followed by the first marker's FF.
  { contentType: 'image/jpeg', label: 'JPEG', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], aliases: ['image/jpg', 'image/pjpeg'], magic: Buffer.from([0xff, 0xd8, 0xff]) },
  // PNG: the 8-byte signature, designed to break under text-mode transfers (hence exact).
  { contentType: 'image/png', label: 'PNG', extensions: ['png'], aliases: ['image/x-png'], magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
];

/** The accepted media types, as listed in a 415 answer. */
export const ACCEPTED_CONTENT_TYPES: readonly string[] = DOCUMENT_TYPES.map((t) => t.contentType);

/** How many leading bytes sniffing needs. */
export const SNIFF_BYTES = Math.max(...DOCUMENT_TYPES.map((t) => t.magic.length));

/** The accepted type whose signature the content starts with, or null. */
export function sniffDocumentType(head: Uint8Array): DocumentType | null {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  return DOCUMENT_TYPES.find((t) => bytes.length >= t.magic.length && bytes.subarray(0, t.magic.length).equals(t.magic)) ?? null;
}

/** The accepted type a media type names (aliases included, parameters ignored), or null. */
export function documentTypeByContentType(declared: string | null | undefined): DocumentType | null {
  const bare = (declared ?? '').split(';')[0].trim().toLowerCase();
  return DOCUMENT_TYPES.find((t) => t.contentType === bare || t.aliases.includes(bare)) ?? null;
}

/** The accepted type an extension names (`pdf`, `JPG`), or null. */
export function documentTypeByExtension(extension: string | null | undefined): DocumentType | null {
  const ext = (extension ?? '').toLowerCase();
  return DOCUMENT_TYPES.find((t) => t.extensions.includes(ext)) ?? null;
}
