import { agencyLicensePath, canonicalLicenseNumber, looksLikeLicenseNumber } from './license-number';

describe('licence numbers typed in the search box', () => {
  it.each([
    ['PH-LRA-2026-00042-7', 'PH-LRA-2026-00042-7'],
    ['  ph-lra-2026-00042-7 ', 'PH-LRA-2026-00042-7'],
    ['PH LRA 2026 00042 7', 'PH-LRA-2026-00042-7'],
    ['PH–LRA—2026 - 00042_7', 'PH-LRA-2026-00042-7'],
    ['-PH-LRA-2026-00042-7-', 'PH-LRA-2026-00042-7'],
  ])('%j is written %s', (typed, canonical) => {
    expect(canonicalLicenseNumber(typed)).toBe(canonical);
  });

  it.each(['PH-LRA-2026-00042-7', 'ph lra 2026 00042 7', 'PHLRA2026000427', 'PH-LRA-2026-00042-8', 'PH-LRA-2026-0042', 'NP-2026-00001-3'])(
    '%j is meant as a number',
    (typed) => {
      expect(looksLikeLicenseNumber(typed)).toBe(true);
    },
  );

  it.each([
    'Bayanihan',
    'Bayanihan Manpower Services Inc.',
    'Global 2000 Manpower',
    'Manpower Services 24365',
    'PH-LRA',
    '2026',
    'PH-1234',
    'Seven Seas 12345 Agency',
    '',
  ])('%j is a name (or too little to be a number)', (typed) => {
    expect(looksLikeLicenseNumber(typed)).toBe(false);
  });

  it('builds the permanent address of a licence', () => {
    expect(agencyLicensePath('PH-LRA-2026-00042-7')).toBe('/agencies/licenses/PH-LRA-2026-00042-7');
    expect(agencyLicensePath('A/B?c')).toBe('/agencies/licenses/A%2FB%3Fc');
  });
});
