import { messageKeys } from '@app/i18n';
import { NOTIFICATION_LANGUAGES } from '../languages';
import { formatMailValue, mailDate, mailDateTime, mailMoney, mailTerm } from './mail-values';
import { TEMPLATES, TEMPLATE_KEYS } from './registry';
import { NotificationTemplateError, SIGNATURE_KEY, renderTemplate, resolveLanguage, templateVariables } from './render';
import type { ParagraphLine } from './template.types';

const cases = TEMPLATE_KEYS.flatMap((key) => NOTIFICATION_LANGUAGES.map((language) => [key, language] as const));
// Intl's no-break spaces, made plain for readable expectations.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const ENGLISH_MONTHS = /January|February|March|April|May|June|July|August|September|October|November|December/;

describe('notification templates', () => {
  it('has the templates the deadline engine and the first modules send', () => {
    expect(TEMPLATE_KEYS).toEqual(
      expect.arrayContaining(['deadline.reminder', 'deadline.breached', 'deadline.escalated-to-supervisors', 'account.welcome', 'case.received']),
    );
  });

  it('keys each template by its own key', () => {
    for (const [key, t] of Object.entries(TEMPLATES)) expect(t.key).toBe(key);
  });

  it.each(TEMPLATE_KEYS)('%s has an example for exactly the variables it uses', (key) => {
    expect(Object.keys(TEMPLATES[key].example).sort()).toEqual(templateVariables(key));
  });

  it('uses every text of the mail catalogue (no text is left behind by a removed paragraph)', () => {
    const used = new Set<string>([SIGNATURE_KEY]);
    for (const t of Object.values(TEMPLATES)) {
      used.add(t.subject);
      for (const p of t.body) for (const line of (Array.isArray(p) ? p : [p]) as ParagraphLine[]) used.add(typeof line === 'string' ? line : line.label);
      if (t.follow) used.add(t.follow.message);
    }
    const unused = messageKeys().filter((k) => k.startsWith('mail.') && !k.startsWith('mail.term.') && !used.has(k));
    expect(unused).toEqual([]);
  });

  it.each(cases)('%s renders in %s with its example data: subject, text and html, none empty', (key, language) => {
    const example = TEMPLATES[key].example;
    const out = renderTemplate(key, language, example);
    expect(out.subject.trim()).not.toBe('');
    expect(out.subject).not.toMatch(/[\r\n]/);
    expect(out.text.trim()).not.toBe('');
    expect(out.html).toContain(`<html lang="${language}">`);
    // Every value shows, written for the reader, in the plain-text part (nothing is only in the HTML).
    for (const value of Object.values(example)) expect(out.text + out.subject).toContain(formatMailValue(value, language));
    // No markup or placeholder is left for the reader to see.
    expect(out.text + out.subject).not.toMatch(/\{[A-Za-z]\w*\}|\*\*/);
    expect(out.html).not.toMatch(/\{[A-Za-z]\w*\}|\*\*/);
    expect(out.text.endsWith('Labour Case System')).toBe(true);
  });

  it.each(cases)('%s in %s throws when a variable is missing', (key, language) => {
    // (Except the link to the reader's page: mail queued before it existed has none; see below.)
    for (const missing of Object.keys(TEMPLATES[key].example).filter((v) => v !== TEMPLATES[key].follow?.variable)) {
      const data: Record<string, unknown> = { ...TEMPLATES[key].example };
      delete data[missing];
      expect(() => renderTemplate(key, language, data)).toThrow(NotificationTemplateError);
    }
  });

  it("links the worker's mail to their own page when the data carries the link, and renders mail queued before it without", () => {
    const withLink = Object.entries(TEMPLATES).filter(([, t]) => t.follow);
    expect(withLink.map(([k]) => k).sort()).toEqual(
      expect.arrayContaining(['complaint.accepted', 'complaint.decided', 'welfare.claim-paid', 'welfare.documents-requested']),
    );
    for (const [key, t] of withLink) {
      const url = String(t.example[t.follow!.variable]);
      expect(renderTemplate(key, 'ne', t.example).text).toContain(url);
      const { [t.follow!.variable]: _dropped, ...old } = t.example;
      const before = renderTemplate(key, 'ne', old).text;
      expect(before).not.toContain(url);
      expect(before.endsWith('Labour Case System')).toBe(true);
    }
  });

  it('is really translated: every language differs from English, and Nepali is in Devanagari', () => {
    for (const key of TEMPLATE_KEYS) {
      const en = renderTemplate(key, 'en', TEMPLATES[key].example).text;
      for (const language of ['fil', 'id', 'ne'] as const) expect(renderTemplate(key, language, TEMPLATES[key].example).text).not.toBe(en);
      expect(renderTemplate(key, 'ne', TEMPLATES[key].example).text).toMatch(/[\u0900-\u097F]/);
    }
  });

  it("writes a date in the reader's language: a Nepali mail has a Nepali month name and Devanagari digits", () => {
    const data = { referenceNumber: 'CMP-2026-000123-K', conciliationEnds: mailDate('2026-08-14') };
    const ne = renderTemplate('complaint.accepted', 'ne', data);
    expect(ne.text).not.toMatch(ENGLISH_MONTHS);
    expect(ne.text).toContain('२०२६ अगस्ट १४');
    expect(ne.html).toContain('<strong>२०२६ अगस्ट १४</strong>');
    expect(renderTemplate('complaint.accepted', 'en', data).text).toContain('14 August 2026');
    expect(renderTemplate('complaint.accepted', 'id', data).text).toContain('14 Agustus 2026');
  });

  it("writes a date and time in the recipient's zone, with the weekday and the zone's offset", () => {
    const data = { referenceNumber: 'CMP-1', hearingAt: mailDateTime('2026-09-08T02:00:00Z', 'Asia/Manila'), place: 'Room 304' };
    expect(plain(renderTemplate('complaint.hearing', 'en', data).text)).toContain('When: Tuesday, 8 September 2026 at 10:00 GMT+8');
    expect(plain(renderTemplate('complaint.hearing', 'id', data).text)).toContain('Kapan: Selasa, 8 September 2026 pukul 10.00 GMT+8');
    expect(renderTemplate('complaint.hearing', 'ne', data).text).toContain('मङ्गलबार');
  });

  it('writes money with its ISO 4217 exponent: IDR 150000 minor units (sen) is 1.500 rupiah, not 150.000', () => {
    const data = { referenceNumber: 'WC-1', amount: mailMoney('150000', 'IDR') };
    expect(plain(renderTemplate('welfare.claim-approved', 'id', data).text)).toContain('Klaim Anda disetujui sebesar Rp 1.500.');
    expect(plain(renderTemplate('welfare.claim-approved', 'en', data).text)).toContain('approved for IDR 1,500.');
    expect(renderTemplate('welfare.claim-approved', 'ne', data).text).toContain('१,५००');
  });

  it("writes a term of the catalogues in the reader's language", () => {
    const data = { referenceNumber: 'CMP-1', priority: mailTerm('mail.term.priority.urgent'), triageDue: mailDateTime('2026-07-15T09:00:00Z', 'Asia/Manila') };
    expect(renderTemplate('complaint.assigned', 'en', data).subject).toBe('Complaint CMP-1 assigned to you (priority: urgent)');
    expect(renderTemplate('complaint.assigned', 'ne', data).subject).toContain('प्राथमिकता: जरुरी');
  });

  it("writes numbers in the reader's digits", () => {
    const data = { agencyName: 'A', licenseNumber: 'L-1', expiresOn: mailDate('2030-03-01'), daysLeft: 30 };
    expect(renderTemplate('license.renewal-reminder', 'ne', data).subject).toContain('३० दिनमा');
  });

  it('still renders a row enqueued with preformatted strings (before typed values)', () => {
    const old = { referenceNumber: 'WC-2026-000057-7', claimType: 'Death benefit (accident)', decisionDue: '30 September 2026' };
    const out = renderTemplate('welfare.claim-received', 'en', old);
    expect(out.text).toContain('Type of claim: Death benefit (accident)');
    expect(out.text).toContain('by 30 September 2026.');
    const amount = renderTemplate('escrow.hold-placed', 'fil', {
      agencyName: 'A',
      balance: 'PHP 750,000.00',
      required: 'PHP 1,000,000.00',
      shortfall: 'PHP 250,000.00',
    });
    expect(amount.text).toContain('Kulang: PHP 250,000.00');
  });

  it('escapes values in the HTML part but not in the plain-text part or the subject', () => {
    const out = renderTemplate('deadline.reminder', 'en', { subjectLabel: 'Smith & Sons <script>', dueAt: 'today' });
    expect(out.html).toContain('<strong>Smith &amp; Sons &lt;script&gt;</strong>');
    expect(out.html).not.toContain('<script>');
    expect(out.html).toContain('<title>Reminder: Smith &amp; Sons &lt;script&gt; is due today</title>');
    expect(out.text).toContain('Smith & Sons <script>');
    expect(out.subject).toBe('Reminder: Smith & Sons <script> is due today');
  });

  it('does not read markup in values: ** or {name} in the data stays as it is', () => {
    const out = renderTemplate('deadline.reminder', 'en', { subjectLabel: '**bold** {dueAt}', dueAt: 'today' });
    expect(out.text).toContain('**bold** {dueAt} is due today.');
    expect(out.html).toContain('<strong>**bold** {dueAt}</strong>');
  });

  it('links a web address in the HTML part, and escapes it', () => {
    const out = renderTemplate('account.welcome', 'en', { displayName: 'Maria', signInUrl: 'https://cases.example.gov/sign-in?a=1&b=2' });
    expect(out.html).toContain('<a href="https://cases.example.gov/sign-in?a=1&amp;b=2">https://cases.example.gov/sign-in?a=1&amp;b=2</a>');
    expect(out.text).toContain('\nhttps://cases.example.gov/sign-in?a=1&b=2\n');
  });

  it('builds both parts from the same paragraphs: blank lines in text, <p> and lists in HTML', () => {
    const out = renderTemplate('complaint.dismissed', 'en', TEMPLATES['complaint.dismissed'].example);
    expect(out.text).toContain('What you can do:\n- If you have new information or documents, you can file a new complaint.\n- If you think');
    expect(out.html).toContain('<p>What you can do:</p>\n<ul><li>If you have new information or documents, you can file a new complaint.</li><li>If you think');
    expect(out.text.split('\n\n')).toHaveLength((out.html.match(/<p>/g) ?? []).length);
  });

  it('refuses a malformed typed value when rendering', () => {
    const data = { referenceNumber: 'CMP-1', conciliationEnds: { date: '14 August 2026' } };
    expect(() => renderTemplate('complaint.accepted', 'en', data)).toThrow(/"conciliationEnds" date must be a local date/);
    expect(() => renderTemplate('welfare.claim-approved', 'en', { referenceNumber: 'W', amount: { money: { minor: '1', currency: 'XXX' } } })).toThrow(
      NotificationTemplateError,
    );
  });

  it('writes every template in the language asked for, staff and agency ones included', () => {
    expect(resolveLanguage('deadline.reminder', 'ne')).toBe('ne');
    expect(resolveLanguage('case.received', 'fil')).toBe('fil');
    expect(renderTemplate('deadline.reminder', 'ne', TEMPLATES['deadline.reminder'].example).subject).toMatch(/^सम्झना:/);
  });

  it('refuses an unknown template', () => {
    expect(() => renderTemplate('no.such', 'en', {})).toThrow(/unknown template 'no.such'/);
    expect(() => resolveLanguage('no.such', 'en')).toThrow(NotificationTemplateError);
  });
});
