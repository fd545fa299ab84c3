import { apiErrorsOf, readRegistration } from './agency-register-form';

const filled = (over: Record<string, string> = {}) => ({
  legalName: 'Bagong Araw Manpower Inc.',
  registrationNumber: 'CS202600123',
  address: '21 Mabini Street, Manila',
  contactEmail: '',
  contactPhone: '',
  'owner-0-name': 'Ligaya Ramos',
  'owner-0-nationality': 'ph',
  'owner-0-share': '60',
  'owner-2-name': 'Andres Villanueva',
  'owner-2-nationality': 'PH',
  'owner-2-share': '40',
  'officer-1-name': 'Ligaya Ramos',
  'officer-1-position': 'President',
  capital: '5,000,000',
  adminName: 'Ligaya Ramos',
  adminEmail: 'ligaya@bagongaraw.test',
  adminPassword: ' a long pass phrase ',
  adminLanguage: 'fil',
  ...over,
});

describe('the agency registration form', () => {
  it('builds the API body from the rows filled, skipping empty rows, and keeps the password as typed', () => {
    const r = readRegistration(filled(), 'en');
    expect(r.errors).toEqual({});
    expect(r.body).toMatchObject({
      owners: [
        { name: 'Ligaya Ramos', nationality: 'PH', sharePercent: 60 },
        { name: 'Andres Villanueva', nationality: 'PH', sharePercent: 40 },
      ],
      officers: [{ name: 'Ligaya Ramos', position: 'President' }],
      capital: { amountMinor: '500000000', currency: 'PHP' },
      contactEmail: null,
      admin: { email: 'ligaya@bagongaraw.test', password: ' a long pass phrase ', preferredLanguage: 'fil' },
    });
    expect(r.rows).toEqual({ owners: [0, 2], officers: [1] });
  });

  it('names the fields of bad input: shares not adding up, a half-filled row, no officer, a bad amount', () => {
    expect(readRegistration(filled({ 'owner-2-share': '30' }), 'en').errors).toEqual({ 'owner-0-share': { key: 'agencyPortal.register.errors.sharesSum' } });
    const r = readRegistration(filled({ 'owner-2-nationality': '', 'officer-1-name': '', 'officer-1-position': '', capital: 'lots' }), 'en');
    expect(Object.keys(r.errors).sort()).toEqual(['capital', 'officer-0-name', 'owner-2-nationality']);
    expect(r.body).toBeNull();
  });

  it("puts the API's refusals next to the page's rows they came from", () => {
    const rows = { owners: [0, 2], officers: [1] };
    const problem = {
      code: 'agency-disqualified',
      status: 422,
      errors: [
        {
          field: 'officers[0].name',
          rule: 'notDisqualified',
          message: 'was an owner or officer of an agency whose license PH-LRA-2024-00001-3 was revoked: disqualified until 2031-03-02',
        },
      ],
    };
    expect(apiErrorsOf(problem as never, rows)).toEqual({
      'officer-1-name': { key: 'agencyPortal.register.errors.disqualified', vars: { until: '2031-03-02' } },
    });
    expect(
      apiErrorsOf(
        {
          code: 'validation-failed',
          status: 400,
          errors: [
            { field: 'owners[1].nationality', rule: 'matches', message: 'x' },
            { field: 'admin.password', rule: 'notCommon', message: 'x' },
          ],
        } as never,
        rows,
      ),
    ).toEqual({
      'owner-2-nationality': { key: 'agencyPortal.register.errors.invalid' },
      adminPassword: { key: 'account.passwordRules.notCommon' },
    });
    expect(apiErrorsOf({ code: 'registration-number-taken', status: 409 } as never, rows)).toEqual({
      registrationNumber: { key: 'agencyPortal.register.errors.taken' },
    });
  });
});
