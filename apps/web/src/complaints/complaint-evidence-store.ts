/**
 * Evidence files of a complaint being written, kept until it is sent: the bytes in Redis (a key
 * per file, under the draft's id, expiring with the session), the list in the draft. Sent to the
 * API (POST /public/complaints/{reference}/evidence) right after the complaint is filed, then
 * deleted.
 *
 * The API decides what it accepts (libs/documents: PDF, JPEG, PNG, WEBP and HEIC/HEIF photos,
 * judged by their first bytes; at most DOCUMENTS_MAX_BYTES, 10 MiB by default). This page checks
 * the same way when the file is added, so that a person learns at once, on the evidence page,
 * that a file will not be accepted, rather than after the complaint is sent. Photos are kept as
 * the phone saved them (no conversion: the web process has no image library).
 *
 * Limits per draft: MAX_FILES files, MAX_TOTAL_BYTES in all (Redis holds them for at most the
 * session's lifetime).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { EvidenceContentType, EvidenceFile, EvidenceKind } from './complaint-draft';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 10;
export const MAX_TOTAL_BYTES = 30 * 1024 * 1024;

export type Sniffed = { ok: true; contentType: EvidenceContentType } | { ok: false; reason: 'empty' | 'unsupported' };

// The checks of libs/documents/src/document-types.ts, which this process may not import (see
// docs/web.md); complaint-evidence-store.spec.ts holds the two to the same answers.
const SNIFF_BYTES = 64;
const FTYP_BYTES = 64;
const HEVC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1']);

const startsWith = (b: Buffer, bytes: number[]) => b.length >= bytes.length && bytes.every((x, i) => b[i] === x);
const ascii = (b: Buffer, from: number, to: number) => (b.length >= to ? b.toString('latin1', from, to) : '');

/** The brands of a well-formed ISO-BMFF `ftyp` box at the start (as far as FTYP_BYTES), or null. */
function ftypBrands(head: Buffer): { major: string; compatible: string[] } | null {
  if (head.length < 16 || ascii(head, 4, 8) !== 'ftyp') return null;
  const size = head.readUInt32BE(0);
  if (size < 16 || size % 4 !== 0 || head.length < Math.min(size, FTYP_BYTES)) return null;
  const compatible: string[] = [];
  for (let o = 16; o + 4 <= Math.min(size, head.length, FTYP_BYTES); o += 4) compatible.push(ascii(head, o, o + 4));
  return { major: ascii(head, 8, 12), compatible };
}

/** What a file is, by its first bytes (as libs/documents judges it). */
export function sniff(content: Buffer): Sniffed {
  if (!content.length) return { ok: false, reason: 'empty' };
  const head = content.subarray(0, SNIFF_BYTES);
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ok: true, contentType: 'application/pdf' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { ok: true, contentType: 'image/jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, contentType: 'image/png' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { ok: true, contentType: 'image/webp' };
  const brands = ftypBrands(head);
  if (brands && HEVC_BRANDS.has(brands.major)) return { ok: true, contentType: 'image/heic' };
  if (brands && GENERIC_HEIF_BRANDS.has(brands.major) && brands.compatible.some((b) => HEVC_BRANDS.has(b))) return { ok: true, contentType: 'image/heif' };
  return { ok: false, reason: 'unsupported' };
}

/** The extension of the name a file is sent to the API with (the API holds it against the content). */
export const EXTENSIONS: Readonly<Record<EvidenceContentType, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
};

/** How the page names a file's type to people. */
export const TYPE_LABELS: Readonly<Record<EvidenceContentType, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WEBP',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
};

export type AddResult = { ok: true; file: EvidenceFile } | { ok: false; reason: 'empty' | 'unsupported' | 'tooLarge' | 'tooMany' | 'totalTooLarge' };

export class ComplaintEvidenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  key(draftId: string, fileId: string): string {
    return `${this.prefix}:web:complaint-file:${draftId}:${fileId}`;
  }

  /** Checks a file and keeps it (the caller adds the returned entry to the draft's list). */
  async add(draftId: string, existing: readonly EvidenceFile[], content: Buffer, kind: EvidenceKind): Promise<AddResult> {
    if (content.length > MAX_FILE_BYTES) return { ok: false, reason: 'tooLarge' };
    const sniffed = sniff(content);
    if (!sniffed.ok) return { ok: false, reason: sniffed.reason };
    if (existing.length >= MAX_FILES) return { ok: false, reason: 'tooMany' };
    if (existing.reduce((n, f) => n + f.sizeBytes, 0) + content.length > MAX_TOTAL_BYTES) return { ok: false, reason: 'totalTooLarge' };
    const file: EvidenceFile = { id: randomUUID(), kind, contentType: sniffed.contentType, sizeBytes: content.length };
    await this.redis.set(this.key(draftId, file.id), content, 'EX', this.ttlSeconds);
    return { ok: true, file };
  }

  /** The bytes of a file (null when they expired). */
  async read(draftId: string, fileId: string): Promise<Buffer | null> {
    return this.redis.getBuffer(this.key(draftId, fileId));
  }

  async remove(draftId: string, fileIds: readonly string[]): Promise<void> {
    if (fileIds.length) await this.redis.del(...fileIds.map((id) => this.key(draftId, id)));
  }

  /** Keeps the files as long as the session (called whenever the draft is saved). */
  async touch(draftId: string, fileIds: readonly string[]): Promise<void> {
    if (!fileIds.length) return;
    const multi = this.redis.multi();
    for (const id of fileIds) multi.expire(this.key(draftId, id), this.ttlSeconds);
    await multi.exec();
  }
}
