import { LOCALES } from '@app/i18n';
import { PublicAgency, agencyPage, complainPath, statusOf, summarise } from './agency-view';

const base = (license: Partial<NonNullable<PublicAgency['license']>> | null, extra: Partial<PublicAgency> = {}): PublicAgency => ({
  legalName: 'Kalayaan Overseas Manpower Services Inc.',
  license: license && {
    number: 'PH-LRA-2026-00042-7',
    type: 'regular',
    state: 'active',
    issuedOn: '2026-03-02',
    expiresOn: '2030-03-01',
    suspendedUntil: null,
    ...license,
  },
  branches: [
    { address: '3 Session Road, Baguio City', status: 'active' },
    { address: '12 J.P. Laurel Avenue, Davao City', status: 'closed' },
  ],
  suspensions: [],
  revocation: null,
  scorecard: { openComplaints: 2, decidedViolations: 1, deployments: 1340 },
  ...extra,
});

const STATES: Record<string, PublicAgency> = {
  active: base({}),
  suspended: base(
    { state: 'suspended', suspendedUntil: '2026-07-01T04:00:00.000Z' },
    { suspensions: [{ from: '2026-06-01T01:00:00.000Z', until: '2026-07-01T04:00:00.000Z', endedAt: null }] },
  ),
  revoked: base({ state: 'revoked' }, { revocation: { at: '2026-05-02T03:00:00.000Z', reason: 'Kept the passports of three workers.' } }),
  expired: base({ state: 'expired', expiresOn: '2026-01-31' }),
  surrendered: base({ state: 'surrendered' }),
  none: base(null),
};

describe('what the agency pages say', () => {
  it.each(Object.keys(STATES))('%s: whether it may recruit, why, in plain words (English)', (kind) => {
    const s = statusOf(STATES[kind], 'en');
    expect(s.kind).toBe(kind);
    expect(s.mayRecruit).toBe(kind === 'active');
    expect(s.headline).toBe(kind === 'active' ? 'Yes. This agency may recruit workers today.' : 'No. This agency may NOT recruit workers today.');
    expect(s.tag.classes).toMatch(/^govuk-tag--(green|orange|red|grey)$/);
  });

  it('gives the date that matters for each state', () => {
    expect(statusOf(STATES.active, 'en').reason).toBe('Its licence is valid until 1 March 2030.');
    expect(statusOf(STATES.suspended, 'en').reason).toBe('Its licence is suspended until 1 July 2026. Until then it may not recruit workers.');
    expect(statusOf(STATES.suspended, 'en').summary).toBe('May not recruit now. Suspended until 1 July 2026.');
    expect(statusOf(STATES.revoked, 'en').reason).toBe('Its licence was taken away for good (revoked) on 2 May 2026.');
    expect(statusOf(STATES.expired, 'en').reason).toBe('Its licence ended on 31 January 2026 and was not renewed.');
    expect(statusOf(STATES.surrendered, 'en').summary).toBe('May not recruit. The agency gave up its licence.');
    expect(statusOf(STATES.none, 'en').summary).toBe('May not recruit. It has no licence.');
  });

  it('says so when a suspension or revocation has no date on record', () => {
    expect(statusOf(base({ state: 'suspended', suspendedUntil: null }), 'en').reason).toBe('Its licence is suspended. It may not recruit workers.');
    expect(statusOf(base({ state: 'revoked' }), 'en').reason).toBe('Its licence was taken away for good (revoked).');
  });

  it.each(LOCALES)('%s: every state is told from the catalogue (no key shows, no placeholder is left)', (locale) => {
    for (const agency of Object.values(STATES)) {
      const s = statusOf(agency, locale);
      for (const text of [s.tag.text, s.headline, s.reason, s.summary]) {
        expect(text).not.toMatch(/^agencies\.|\{[a-z]+\}/);
        expect(text.length).toBeGreaterThan(1);
      }
      if (agency.license) {
        const page = agencyPage(agency, locale);
        const texts = [
          ...page.licenseRows.flatMap((r) => [r.key.text, r.value.text ?? r.value.html ?? '']),
          ...page.branches.map((b) => b.tag.text),
          ...page.scorecard.flatMap((c) => [c.label, c.value, c.explanation]),
          ...page.suspensions.flatMap((p) => [p.from, p.until, p.ended]),
        ];
        for (const text of texts) expect(text).not.toMatch(/agencies\.|\{[a-z]+\}|undefined/);
      }
    }
  });

  it('writes dates and numbers in Nepali digits for Nepali readers', () => {
    const page = agencyPage(STATES.suspended, 'ne');
    expect(page.status.reason).toContain('२०२६');
    expect(page.scorecard.map((c) => c.value)).toEqual(['२', '१', '१,३४०']);
    expect(page.suspensions).toEqual([{ from: expect.stringContaining('२०२६'), until: expect.stringContaining('२०२६'), ended: 'अझै निलम्बित', current: true }]);
  });

  it('lays out the licence, its branches and scorecard for the page', () => {
    const page = agencyPage(STATES.revoked, 'en');
    expect(page.href).toBe('/agencies/licenses/PH-LRA-2026-00042-7');
    expect(page.licenseRows.map((r) => r.key.text)).toEqual(['Licence number', 'Status', 'Type', 'Valid from', 'Valid until']);
    expect(page.licenseRows[1].value.html).toBe('<strong class="govuk-tag govuk-tag--red">Revoked</strong>');
    expect(page.licenseRows[2].value.text).toBe('Regular');
    expect(page.revocation).toEqual({ date: '2 May 2026', reason: 'Kept the passports of three workers.' });
    expect(page.branches).toEqual([
      { address: '3 Session Road, Baguio City', tag: { text: 'Open', classes: 'govuk-tag--green' } },
      { address: '12 J.P. Laurel Avenue, Davao City', tag: { text: 'Closed', classes: 'govuk-tag--grey' } },
    ]);
    expect(page.scorecard.map((c) => [c.label, c.value])).toEqual([
      ['Open complaints', '2'],
      ['Rules broken', '1'],
      ['Workers placed', '1,340'],
    ]);
    expect(page.complainHref).toBe('/complaints/new?licenseNumber=PH-LRA-2026-00042-7');
  });

  it('an agency without a licence has nothing to link to', () => {
    expect(summarise(STATES.none, 'en')).toMatchObject({ href: null, licenseNumber: null, status: { kind: 'none' } });
  });

  it('encodes the licence number in the complaint link', () => {
    expect(complainPath('A&B')).toBe('/complaints/new?licenseNumber=A%26B');
  });
});
