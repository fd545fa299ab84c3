import { contentDisposition, encodeRfc5987, nameWithExtension, sanitiseFilename } from './filename';

describe('sanitiseFilename', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\System32\\cmd.exe', 'cmd.exe'],
    ['/absolute/path/report.pdf', 'report.pdf'],
    ['..', 'document'],
    ['', 'document'],
    [null, 'document'],
    ['.htaccess', 'htaccess'],
    ['  spaced   out\tname .pdf  ', 'spaced out name .pdf'],
    ['trailing dots...', 'trailing dots'],
    ['line\r\nbreak.pdf', 'line break.pdf'],
    ['nul\u0000byte.pdf', 'nulbyte.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['zero\u200Bwidth.png', 'zerowidth.png'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['CON.pdf', '_CON.pdf'],
    ['पासपोर्ट.pdf', 'पासपोर्ट.pdf'],
    ['Pasaporte ni Juan dela Cruz.jpg', 'Pasaporte ni Juan dela Cruz.jpg'],
  ])('turns %j into %j', (raw, expected) => {
    expect(sanitiseFilename(raw)).toBe(expected);
  });

  it('normalises to NFC (a decomposed "é" becomes one code point)', () => {
    expect(sanitiseFilename('re\u0301sume\u0301.pdf')).toBe('r\u00e9sum\u00e9.pdf');
  });

  it('caps the length at 150 code points and keeps the extension', () => {
    const name = sanitiseFilename(`${'प'.repeat(400)}.pdf`);
    expect(Array.from(name)).toHaveLength(150);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('nameWithExtension', () => {
  it('appends the canonical extension only when the name has none of the type', () => {
    expect(nameWithExtension('scan', ['pdf'])).toBe('scan.pdf');
    expect(nameWithExtension('photo.JPG'.toLowerCase(), ['jpg', 'jpeg'])).toBe('photo.jpg');
    expect(nameWithExtension('receipt 2024.05.01', ['png'])).toBe('receipt 2024.05.01.png');
  });
});

describe('contentDisposition', () => {
  it('sends an ASCII name as both filename and filename*', () => {
    expect(contentDisposition('permit 2026.pdf')).toBe(`attachment; filename="permit 2026.pdf"; filename*=UTF-8''permit%202026.pdf`);
  });

  it('encodes a Devanagari name per RFC 5987 with an ASCII fallback', () => {
    const header = contentDisposition('पासपोर्ट.pdf');
    expect(header).toBe(`attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent('पासपोर्ट')}.pdf`);
    // What a browser decodes from filename* is the original name.
    const star = /filename\*=UTF-8''(.+)$/.exec(header)![1];
    expect(decodeURIComponent(star)).toBe('पासपोर्ट.pdf');
    // Header values must be ASCII.
    expect(/^[\x20-\x7e]*$/.test(header)).toBe(true);
  });

  it('keeps the ASCII part of a mixed name in the fallback', () => {
    expect(contentDisposition('Pasaporte ñ.pdf')).toBe(`attachment; filename="Pasaporte _.pdf"; filename*=UTF-8''Pasaporte%20%C3%B1.pdf`);
  });

  it('cannot be broken out of: quotes, backslashes, semicolons, CR/LF and paths are neutralised', () => {
    const header = contentDisposition('../../x"; filename="evil.exe\r\nSet-Cookie: a=b\\.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).not.toContain('..');
    const fallback = /filename="([^"]*)"/.exec(header)![1];
    expect(fallback).not.toMatch(/["\\]/);
    expect(header.match(/filename\*=/g)).toHaveLength(1);
    expect(header).toMatch(/filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
  });

  it("percent-encodes the characters encodeURIComponent leaves but RFC 5987 does not allow: ' ( ) *", () => {
    expect(encodeRfc5987("it's (final)*.pdf")).toBe('it%27s%20%28final%29%2A.pdf');
  });
});
