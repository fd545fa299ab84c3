/**
 * Evidence files of a complaint being written, kept until it is sent: the bytes in Redis (a key
 * per file, under the draft's id, expiring with the session), the list in the draft. Sent to the
 * API (POST /public/complaints/{reference}/evidence) right after the complaint is filed, then
 * deleted.
 *
 * The API decides what it accepts (libs/documents: PDF, JPEG, PNG, judged by their first bytes;
 * at most DOCUMENTS_MAX_BYTES, 10 MiB by default). This page checks the same way when the file is
 * added, so that a person learns at once, on the evidence page, that a file will not be accepted,
 * rather than after the complaint is sent. Photos in HEIC or WEBP (what some phones save) are
 * recognised and refused with words saying so and what to do instead (no conversion: the web
 * process has no image library, and converting would add one to the page's trusted path).
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

export type Sniffed = { ok: true; contentType: EvidenceContentType; extension: 'jpg' | 'png' | 'pdf' } | { ok: false; reason: 'empty' | 'heic' | 'webp' | 'unsupported' };

const startsWith = (b: Buffer, bytes: number[], offset = 0) => b.length >= offset + bytes.length && bytes.every((x, i) => b[offset + i] === x);
const ascii = (b: Buffer, from: number, to: number) => (b.length >= to ? b.subarray(from, to).toString('latin1') : '');

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'avif', 'avis']);

/** What a file is, by its first bytes (as libs/documents judges it). */
export function sniff(content: Buffer): Sniffed {
  if (!content.length) return { ok: false, reason: 'empty' };
  if (startsWith(content, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ok: true, contentType: 'application/pdf', extension: 'pdf' };
  if (startsWith(content, [0xff, 0xd8, 0xff])) return { ok: true, contentType: 'image/jpeg', extension: 'jpg' };
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, contentType: 'image/png', extension: 'png' };
  if (ascii(content, 0, 4) === 'RIFF' && ascii(content, 8, 12) === 'WEBP') return { ok: false, reason: 'webp' };
  if (ascii(content, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(content, 8, 12))) return { ok: false, reason: 'heic' };
  return { ok: false, reason: 'unsupported' };
}

export const EXTENSIONS: Readonly<Record<EvidenceContentType, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

export type AddResult = { ok: true; file: EvidenceFile } | { ok: false; reason: 'empty' | 'heic' | 'webp' | 'unsupported' | 'tooLarge' | 'tooMany' | 'totalTooLarge' };

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
