import { ComplaintDraft, applyFeesPrefill, draftOf, fileComplaintBody } from './complaint-draft';

const named: ComplaintDraft = {
  id: 'd1',
  who: 'named',
  name: 'Maria Santos',
  identityProtected: true,
  agency: { kind: 'licensed', licenseNumber: 'PH-LRA-2026-00042-7', legalName: 'Bayanihan Manpower Services Inc.' },
  categories: ['retained-documents', 'excess-fees'],
  facts: {
    'excess-fees': { facts: 'They charged me a placement fee of 50,000.' },
    'retained-documents': { facts: 'They kept my passport.', occurredOn: '2026-02-20' },
  },
  employer: { name: 'Al Noor Household', country: 'SA' },
  feesPaid: {
    lines: [
      { item: 'placement-fee', amountMinor: '5000000' },
      { item: 'medical-examination', amountMinor: '250000' },
    ],
    currency: 'PHP',
    paidOn: '2026-01-10',
    occupationCategory: 'domestic-work',
    monthlySalaryMinor: '150000',
    salaryCurrency: 'SAR',
  },
  workerAbroad: true,
  danger: false,
  evidence: [],
  evidenceDone: true,
  contact: { email: 'maria@example.org', phone: '+63 917 123 4567' },
  language: 'fil',
};

describe('the answers as the API’s FileComplaintDto', () => {
  it('a named complaint: who, how to reach them, the agency by its licence, the allegations in category order, the fees for the check', () => {
    expect(fileComplaintBody(named, 'en')).toEqual({
      licenseNumber: 'PH-LRA-2026-00042-7',
      agencyName: 'Bayanihan Manpower Services Inc.',
      employerName: 'Al Noor Household',
      destinationCountry: 'SA',
      allegations: [
        { category: 'excess-fees', facts: 'They charged me a placement fee of 50,000.', amountMinor: '5250000', currency: 'PHP' },
        { category: 'retained-documents', facts: 'They kept my passport.', occurredOn: '2026-02-20' },
      ],
      complainantName: 'Maria Santos',
      email: 'maria@example.org',
      phone: '+63 917 123 4567',
      language: 'fil',
      anonymous: false,
      identityProtected: true,
      workerAbroad: true,
      statedFees: {
        occupationCategory: 'domestic-work',
        monthlySalaryMinor: '150000',
        salaryCurrency: 'SAR',
        fees: [
          { item: 'placement-fee', amountMinor: '5000000', currency: 'PHP', date: '2026-01-10' },
          { item: 'medical-examination', amountMinor: '250000', currency: 'PHP', date: '2026-01-10' },
        ],
      },
    });
  });

  it('an anonymous complaint carries no name and no contact, whatever the draft still holds, and is protected', () => {
    const body = fileComplaintBody({ ...named, who: 'anonymous', identityProtected: false, language: undefined }, 'ne');
    expect(body).toMatchObject({ anonymous: true, identityProtected: true, language: 'ne' });
    expect(body).not.toHaveProperty('complainantName');
    expect(body).not.toHaveProperty('email');
    expect(body).not.toHaveProperty('phone');
  });

  it('an unlicensed recruiter in words; danger marks every allegation; fees without the job stay on the allegation only', () => {
    const body = fileComplaintBody(
      {
        ...named,
        agency: { kind: 'unlicensed', description: 'A man called Ramon, 0917 000 0000' },
        danger: true,
        feesPaid: { ...named.feesPaid!, occupationCategory: undefined },
      },
      'en',
    );
    expect(body.recruiterDescription).toBe('A man called Ramon, 0917 000 0000');
    expect(body).not.toHaveProperty('licenseNumber');
    expect(body.allegations.every((a) => a.traffickingIndicators === true)).toBe(true);
    expect(body).not.toHaveProperty('statedFees');
    expect(body.allegations[0]).toMatchObject({ amountMinor: '5250000', currency: 'PHP' });
  });
});

describe('pre-filled from the fee pages (“Complain about this”)', () => {
  it('takes what the fee pages stored, once: excess fees, the country, the job, the salary and the fees', () => {
    const draft = draftOf({
      allegationCategory: 'excess-fees',
      fees: {
        destinationCountry: 'HK',
        occupationCategory: 'domestic-work',
        monthlySalaryMinor: '499000',
        salaryCurrency: 'HKD',
        items: [
          { code: 'placement-fee', amountMinor: '8000000', currency: 'PHP', paidOn: '2026-03-02' },
          { code: 'training', amountMinor: '1500000', currency: 'PHP' },
          { code: 'BAD CODE', amountMinor: '1', currency: 'PHP' },
        ],
      },
    });
    expect(draft.id).toEqual(expect.any(String));
    expect(applyFeesPrefill(draft)).toBe(true);
    expect(draft).toMatchObject({
      categories: ['excess-fees'],
      employer: { country: 'HK' },
      feesPaid: {
        lines: [
          { item: 'placement-fee', amountMinor: '8000000' },
          { item: 'training', amountMinor: '1500000' },
        ],
        currency: 'PHP',
        paidOn: '2026-03-02',
        occupationCategory: 'domestic-work',
        monthlySalaryMinor: '499000',
        salaryCurrency: 'HKD',
      },
    });
    expect(draft).not.toHaveProperty('fees');
    expect(draft).not.toHaveProperty('allegationCategory');
    expect(applyFeesPrefill(draft)).toBe(false);
  });

  it('ignores what it cannot read', () => {
    const draft = draftOf({ id: 'x', fees: 'nonsense' });
    expect(applyFeesPrefill(draft)).toBe(false);
    expect(draft).toEqual({ id: 'x' });
  });
});
