import { sniff } from './complaint-evidence-store';

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('what a file is, by its first bytes (as the API judges it)', () => {
  it('accepts PDF, JPEG and PNG', () => {
    expect(sniff(bytes('%PDF-1.7\n'))).toEqual({ ok: true, contentType: 'application/pdf', extension: 'pdf' });
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toEqual({ ok: true, contentType: 'image/jpeg', extension: 'jpg' });
    expect(sniff(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toEqual({ ok: true, contentType: 'image/png', extension: 'png' });
  });

  it('recognises the phone formats it refuses, to say so plainly', () => {
    expect(sniff(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toEqual({ ok: false, reason: 'webp' });
    expect(sniff(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]))).toEqual({ ok: false, reason: 'heic' });
    expect(sniff(bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0]))).toEqual({ ok: false, reason: 'heic' });
  });

  it('refuses anything else, and an empty file', () => {
    expect(sniff(bytes('MZ\x90\x00'))).toEqual({ ok: false, reason: 'unsupported' });
    expect(sniff(bytes(' %PDF-1.7'))).toEqual({ ok: false, reason: 'unsupported' });
    expect(sniff(bytes('GIF89a'))).toEqual({ ok: false, reason: 'unsupported' });
    expect(sniff(Buffer.alloc(0))).toEqual({ ok: false, reason: 'empty' });
  });
});
