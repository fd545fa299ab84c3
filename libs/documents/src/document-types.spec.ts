import { documentTypeByContentType, documentTypeByExtension, sniffDocumentType } from './document-types';

const bytes = (...b: number[]) => Buffer.from(b);
const text = (s: string) => Buffer.from(s, 'latin1');

describe('sniffDocumentType', () => {
  it.each([
    ['a PDF', text('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'), 'application/pdf'],
    ['a PDF 2.0', text('%PDF-2.0\n'), 'application/pdf'],
    ['a JFIF JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46), 'image/jpeg'],
    ['an EXIF JPEG', bytes(0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 0x45, 0x78, 0x69, 0x66), 'image/jpeg'],
    ['a PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d), 'image/png'],
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
  ])('refuses %s', (_name, head) => {
    expect(sniffDocumentType(head)).toBeNull();
  });

  it('looks only at the signature, whatever follows', () => {
    expect(sniffDocumentType(Buffer.concat([text('%PDF-'), Buffer.alloc(100_000, 0x4d)]))?.label).toBe('PDF');
  });
});

describe('documentTypeByContentType / documentTypeByExtension', () => {
  it('knows the aliases clients send and ignores parameters and case', () => {
    expect(documentTypeByContentType('image/jpg')?.contentType).toBe('image/jpeg');
    expect(documentTypeByContentType('Application/PDF; name=x.pdf')?.contentType).toBe('application/pdf');
    expect(documentTypeByContentType('text/plain')).toBeNull();
    expect(documentTypeByContentType(undefined)).toBeNull();
  });

  it('maps extensions case-insensitively', () => {
    expect(documentTypeByExtension('JPEG')?.contentType).toBe('image/jpeg');
    expect(documentTypeByExtension('png')?.contentType).toBe('image/png');
    expect(documentTypeByExtension('exe')).toBeNull();
  });
});
