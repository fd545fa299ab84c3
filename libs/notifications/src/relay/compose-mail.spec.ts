import { composeMail } from './compose-mail';
import { parseMail } from '../../../../test/support/smtp';

/** The relay's own MIME: what a mail reader (here the e2e tests' reader) makes of it. */
describe('composeMail', () => {
  const mail = (over: Partial<Parameters<typeof composeMail>[0]> = {}) =>
    composeMail({
      from: 'Labour Case System <no-reply@labour-cases.local>',
      to: 'sita@workers.test',
      subject: 'उजुरी प्राप्त भयो: LC-2026-000001 — a long subject that has to be folded over more than one line of the header',
      text: 'तपाईंको उजुरी हामीलाई प्राप्त भएको छ।\n\n.a line starting with a dot\nK7QM-4XPA',
      html: '<html lang="ne"><p>सन्दर्भ नम्बर</p></html>',
      messageId: '<0d5c1a6e-1111-4111-8111-111111111111@lcs>',
      headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': 'ne' },
      date: new Date('2026-09-01T08:00:00Z'),
      ...over,
    });

  it('writes both parts, the subject and the headers so that a reader gets them back', () => {
    const { raw, envelope } = mail();
    const parsed = parseMail(raw.toString('utf8'));
    expect(envelope).toEqual({ from: 'no-reply@labour-cases.local', to: ['sita@workers.test'] });
    expect(parsed.subject).toBe('उजुरी प्राप्त भयो: LC-2026-000001 — a long subject that has to be folded over more than one line of the header');
    expect(parsed.text).toBe('तपाईंको उजुरी हामीलाई प्राप्त भएको छ।\n\n.a line starting with a dot\nK7QM-4XPA');
    expect(parsed.html).toBe('<html lang="ne"><p>सन्दर्भ नम्बर</p></html>');
    expect(parsed.messageId).toBe('<0d5c1a6e-1111-4111-8111-111111111111@lcs>');
    expect(parsed.headers).toMatchObject({
      from: 'Labour Case System <no-reply@labour-cases.local>',
      to: 'sita@workers.test',
      'auto-submitted': 'auto-generated',
      'content-language': 'ne',
      'mime-version': '1.0',
      date: 'Tue, 01 Sep 2026 08:00:00 +0000',
    });
  });

  it('keeps every line within 78 characters, ends lines with CRLF, and is 7-bit', () => {
    const text = mail().raw.toString('latin1');
    expect(text.split('\r\n').every((l) => l.length <= 78)).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect([...text].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
  });

  it('cannot be made to write another header through a value (no line breaks survive)', () => {
    const parsed = parseMail(mail({ subject: 'hi\r\nBcc: someone@evil.test', to: 'sita@workers.test\r\nBcc: x@evil.test' }).raw.toString('utf8'));
    expect(parsed.headers.bcc).toBeUndefined();
  });

  it('writes an internationalised domain in punycode, and quotes or encodes a display name as needed', () => {
    expect(mail({ to: 'rosa@bücher.example' }).envelope.to).toEqual(['rosa@xn--bcher-kva.example']);
    expect(parseMail(mail({ from: 'Kagawaran ng Paggawa, DOLE <no-reply@dole.test>' }).raw.toString()).headers.from).toBe(
      '"Kagawaran ng Paggawa, DOLE" <no-reply@dole.test>',
    );
    expect(parseMail(mail({ from: 'श्रम विभाग <no-reply@dol.test>' }).raw.toString()).headers.from).toBe('श्रम विभाग <no-reply@dol.test>');
  });
});
