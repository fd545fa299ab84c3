import { LOCALES, Locale, hasMessage, translator } from '@app/i18n';
import { ROUTES } from '../routes';
import { testPageContext, testViewEnvironment } from '../views/template-test-context';
import { CATEGORIES } from '../complaints/complaint-draft';
import { EVENT_KINDS, OUTCOMES, STAGES, WorkerComplaintView, complaintStatusPage } from './complaint-status';
import { readFollowForm, referenceFromLink } from './follow-form';
import { retryAfterSeconds, retryText } from './tracking.controller';

const NOW = new Date('2026-03-10T03:00:00Z');

/** A case in adjudication with all the view can carry: a decision, a shared note, a settlement, a hearing. */
function view(over: Partial<WorkerComplaintView> = {}): WorkerComplaintView {
  return {
    id: '5f0c2c9e-8a55-4c7e-9a43-0f7b8e2d8b11',
    reference: 'CMP-2026-00042-7',
    stage: 'decided',
    outcome: null,
    priority: 'urgent',
    allegations: [
      {
        id: 'a1',
        category: 'excess-fees',
        facts: 'They took <b>PHP 50,000</b> from me.',
        occurredOn: '2026-02-20',
        amountMinor: '5000000',
        currency: 'PHP',
        finding: 'violation',
        findingNote: 'The receipt shows the fee.',
        sanction: {
          proposed: [],
          basis: { priorSameGravity: 0, priorSuspensionMonths: 0, cumulativeSuspensionMonths: 2, revocationBecause: null },
          decided: [
            { kind: 'suspension', months: 2 },
            { kind: 'refund-order', amountMinor: '5000000', currency: 'PHP' },
          ],
        },
      },
      {
        id: 'a2',
        category: 'retained-documents',
        facts: 'My passport.',
        occurredOn: null,
        amountMinor: null,
        currency: null,
        finding: 'dismissed',
        findingNote: null,
        sanction: null,
      },
    ],
    hearing: { at: '2026-03-20T02:00:00.000Z', place: 'Room 4, Ministry building' },
    settlement: null,
    createdAt: '2026-03-02T01:00:00.000Z',
    updatedAt: '2026-03-09T01:00:00.000Z',
    version: 7,
    timeZone: 'Asia/Manila',
    nextStep: { what: 'ignored: the page says it in the reader’s language', by: '2026-03-19T15:59:59.999Z' },
    timeline: [
      { kind: 'submitted', fromStage: null, toStage: 'submitted', body: null, visibility: 'shared', at: '2026-03-02T01:00:00.000Z' },
      { kind: 'accept', fromStage: 'submitted', toStage: 'conciliation', body: null, visibility: 'shared', at: '2026-03-03T01:00:00.000Z' },
      {
        kind: 'note',
        fromStage: null,
        toStage: null,
        body: 'We called the agency.\n\nThey will answer.',
        visibility: 'shared',
        at: '2026-03-04T01:00:00.000Z',
      },
      {
        kind: 'fail-conciliation',
        fromStage: 'conciliation',
        toStage: 'adjudication',
        body: 'The agency refused to refund.',
        visibility: 'shared',
        at: '2026-03-05T01:00:00.000Z',
      },
      { kind: 'record-answer', fromStage: 'adjudication', toStage: 'adjudication', body: null, visibility: 'shared', at: '2026-03-06T01:00:00.000Z' },
      { kind: 'evidence', fromStage: null, toStage: null, body: 'receipt', visibility: 'shared', at: '2026-03-07T01:00:00.000Z' },
      { kind: 'decide', fromStage: 'adjudication', toStage: 'decided', body: null, visibility: 'shared', at: '2026-03-09T01:00:00.000Z' },
    ],
    agencyAnswer: 'We refunded the worker.\nThe receipt is attached.',
    language: 'fil',
    ...over,
  } as WorkerComplaintView;
}

describe('the follow form', () => {
  it('says which field is empty', () => {
    expect(readFollowForm({ reference: '  ', secret: '' })).toEqual({ ok: false, missing: ['reference', 'secret'], reference: '' });
    expect(readFollowForm({ reference: 'CMP-2026-00042-7' })).toEqual({ ok: false, missing: ['secret'], reference: 'CMP-2026-00042-7' });
    expect(readFollowForm(undefined)).toMatchObject({ ok: false, missing: ['reference', 'secret'] });
  });

  it('answers "not found" without asking the API for what no reference or secret can be', () => {
    for (const body of [
      { reference: 'CMP-2026-00042-7', secret: 'ключ-ключ' },
      { reference: 'CMP-2026-00042-7', secret: 'A'.repeat(65) },
      { reference: 'CMP/../../admin', secret: 'AAAA-BBBB-CCCC-DDDD' },
      { reference: 'C-1', secret: 'AAAA-BBBB-CCCC-DDDD' },
    ]) {
      expect(readFollowForm(body)).toMatchObject({ ok: false, missing: [], notFound: true });
    }
  });

  it('passes on what could be right, as typed (the API forgives case, spaces and dashes)', () => {
    expect(readFollowForm({ reference: ' cmp 2026 00042 7 ', secret: '7kq2 m9xd 4ht1 pw6b' })).toEqual({
      ok: true,
      attempt: { reference: 'cmp 2026 00042 7', secret: '7kq2 m9xd 4ht1 pw6b' },
    });
  });

  it('fills in the reference from the mail’s link only when it could be one', () => {
    expect(referenceFromLink('cmp-2026-00042-7')).toBe('CMP-2026-00042-7');
    expect(referenceFromLink('<script>')).toBe('');
    expect(referenceFromLink(['CMP-2026-00042-7', 'x'])).toBe('');
    expect(referenceFromLink(undefined)).toBe('');
  });
});

describe('too many tries', () => {
  it('reads Retry-After as seconds or a date, else the problem’s retryAfter', () => {
    expect(retryAfterSeconds('120', null)).toBe(120);
    expect(retryAfterSeconds(new Date(Date.UTC(2026, 0, 1, 0, 10)).toUTCString(), null, Date.UTC(2026, 0, 1, 0, 0))).toBe(600);
    expect(retryAfterSeconds(null, { retryAfter: 3600 })).toBe(3600);
    expect(retryAfterSeconds(null, {})).toBeNull();
  });

  it('says when to try again in the reader’s words and digits', () => {
    const en = translator('en');
    expect(retryText(en, 30)).toBe('Try again in 1 minute.');
    expect(retryText(en, 3600)).toBe('Try again in 60 minutes.');
    expect(retryText(en, 4 * 3600)).toBe('Try again in 4 hours.');
    expect(retryText(en, null)).toBe('Try again later.');
    expect(retryText(translator('ne'), 300)).toBe('५ मिनेटपछि फेरि प्रयास गर्नुहोस्।');
  });
});

describe('the status page model', () => {
  it('has a text for every stage, outcome, category, finding, sanction and timeline entry, in every language', () => {
    const keys = [
      ...STAGES.flatMap((s) => [`tracking.status.stage.${s}.title`, `tracking.status.stage.${s}.text`, `tracking.status.next.${s}`]),
      ...Object.values(OUTCOMES).map((o) => `tracking.status.outcome.${o}`),
      ...CATEGORIES.map((c) => `complaints.categories.${c}.name`),
      ...['violation', 'dismissed'].map((f) => `tracking.status.finding.${f}`),
      ...['suspension', 'revocation', 'fine', 'refund-order'].map((k) => `tracking.status.sanction.${k}`),
      ...[...EVENT_KINDS, 'other'].map((k) => `tracking.status.history.event.${k}`),
    ];
    expect(keys.filter((k) => !hasMessage(k))).toEqual([]);
  });

  it('says the stage, what happens next and by when (a local date), the decision per allegation, the notes and the history', () => {
    const page = complaintStatusPage(view(), 'en', NOW);
    expect(page.stage.title).toBe('A decision was made');
    expect(page.urgent).toBe(true);
    // The deadline ends 19 March in Manila (15:59:59Z): that day, in words, not yet late.
    expect(page.next).toEqual({ text: expect.stringContaining('appeal'), by: 'By 19 March 2026', late: false });
    // Decided: the hearing is history (the timeline says one was arranged).
    expect(page.hearing).toBeNull();
    expect(complaintStatusPage(view({ stage: 'adjudication' }), 'en', NOW).hearing).toEqual({ when: '20 Mar 2026, 10:00', place: 'Room 4, Ministry building' });
    // Shown in the case's own zone: 02:00Z is 07:45 in Kathmandu.
    expect(complaintStatusPage(view({ stage: 'adjudication', timeZone: 'Asia/Kathmandu' }), 'en', NOW).hearing?.when).toBe('20 Mar 2026, 07:45');
    expect(page.answers).toEqual(['The agency sent its answer on 6 March 2026.']);
    expect(page.answerText).toEqual(['We refunded the worker.', 'The receipt is attached.']);
    expect(complaintStatusPage(view({ agencyAnswer: null }), 'en', NOW).answerText).toBeNull();
    expect(page.decided).toBe(true);
    expect(page.sanctionsPending).toBe(true);
    expect(page.allegations[0]).toEqual({
      title: 'I paid too much in fees',
      facts: 'They took <b>PHP 50,000</b> from me.',
      occurredOn: '20 February 2026',
      amount: '₱50,000.00',
      finding: 'The agency broke the rules',
      note: 'The receipt shows the fee.',
      sanctions: ["The agency's licence is suspended for 2 months.", 'The agency must pay you back ₱50,000.00.'],
    });
    expect(page.allegations[1]).toMatchObject({ finding: 'It was not proved that the agency broke the rules', sanctions: [], occurredOn: null, amount: null });
    expect(page.notes).toEqual([{ at: '4 March 2026', paragraphs: ['We called the agency.', 'They will answer.'] }]);
    expect(page.history.map((h) => h.text)).toEqual([
      'A decision was made.',
      'A document was added.',
      'The agency sent its answer.',
      'You and the agency did not agree.',
      'Your complaint was accepted.',
      'You made the complaint.',
    ]);
    expect(page.history.find((h) => h.text === 'You and the agency did not agree.')?.detail).toBe('Reason: The agency refused to refund.');
    expect(page.history.find((h) => h.text === 'A document was added.')?.detail).toBeNull();
  });

  it('says when the next step is late, and how a closed case ended', () => {
    expect(complaintStatusPage(view(), 'en', new Date('2026-03-25T00:00:00Z')).next).toMatchObject({
      late: true,
      by: expect.stringMatching(/^This should have happened by 19 March 2026/),
    });
    const referred = complaintStatusPage(
      view({
        stage: 'closed',
        outcome: 'referred',
        nextStep: { what: '', by: null },
        allegations: [],
        timeline: [
          { kind: 'refer', fromStage: 'submitted', toStage: 'closed', body: 'Legal Assistance Office', visibility: 'shared', at: '2026-03-03T01:00:00.000Z' },
        ],
      }),
      'en',
      NOW,
    );
    expect(referred).toMatchObject({
      stage: { title: 'Your complaint is closed' },
      outcome: 'We sent your complaint to another office that can help you: Legal Assistance Office.',
      next: { by: null },
      decided: false,
    });
    expect(referred.history[0]).toMatchObject({ text: 'Your complaint was sent to another office.', detail: 'Legal Assistance Office' });
  });

  it('writes dates and money in the reader’s language (Nepali digits)', () => {
    const page = complaintStatusPage(view(), 'ne', NOW);
    expect(page.next.by).toBe('२०२६ मार्च १९ सम्म');
    expect(page.allegations[0].amount).toMatch(/५०,०००/);
  });
});

describe('the tracking templates', () => {
  const env = testViewEnvironment();
  const context = (locale: Locale, extra: Record<string, unknown>) => testPageContext(locale, '/', extra);
  const form = { reference: 'CMP-2026-00042-7', errors: {}, errorList: [], notFound: false, tooMany: null, following: null, forgotten: false };

  it.each(LOCALES)('render fully translated in %s, escaping what people wrote', (locale) => {
    const pages = [
      env.render('tracking/follow.njk', context(locale, form)),
      env.render(
        'tracking/follow.njk',
        context(locale, { ...form, notFound: true, errorList: [{ text: 'x', href: '#reference' }], following: 'CMP-2026-00042-7', forgotten: true }),
      ),
      env.render('tracking/follow.njk', context(locale, { ...form, tooMany: 'later' })),
      env.render('tracking/status.njk', context(locale, { complaint: complaintStatusPage(view(), locale, NOW) })),
    ];
    for (const html of pages) {
      expect(html).not.toMatch(/undefined|\[object Object\]/);
      expect(html).not.toMatch(/>\s*(tracking|errors)\.[a-zA-Z.-]+\s*</);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
      expect(html).toContain('<input type="hidden" name="_csrf" value="TOKEN-123">');
    }
    expect(pages[3]).toContain('They took &lt;b&gt;PHP 50,000&lt;/b&gt; from me.');
    expect(pages[3]).toContain(`action="${ROUTES.complaintFollowForget}"`);
  });

  it('asks for the secret with autocomplete off, and never writes a secret back', () => {
    const html = env.render('tracking/follow.njk', context('en', { ...form, notFound: true }));
    expect(html).toMatch(/<input[^>]*id="secret"[^>]*autocomplete="off"/);
    expect(html).toMatch(/<input[^>]*id="secret"(?![^>]*value=)[^>]*>/);
    expect(html).toMatch(/<input[^>]*id="reference"[^>]*value="CMP-2026-00042-7"/);
    expect(html).toContain('We could not find a complaint with this reference number and secret code.');
  });
});
