import { idNumberKey, nameKey, sameIdNumber, sameName } from './names';

describe('matching names and identity numbers', () => {
  it('forgives case, accents, punctuation, spacing and word order', () => {
    expect(sameName('Liza Santos', '  liza   SANTOS ')).toBe(true);
    expect(sameName('Santos, Liza', 'Liza Santos')).toBe(true);
    expect(sameName('José Peña', 'Jose Pena')).toBe(true);
    expect(sameName('Ma. Liza Dela-Cruz', 'ma liza dela cruz')).toBe(true);
    expect(nameKey('Rodel  Santos')).toBe('rodel santos');
  });

  it('does not forgive a different, missing or added word', () => {
    expect(sameName('Liza Santos', 'Lisa Santos')).toBe(false);
    expect(sameName('Liza Santos', 'Liza')).toBe(false);
    expect(sameName('Liza Santos', 'Liza Reyes Santos')).toBe(false);
    expect(sameName('', '')).toBe(false);
    expect(sameName('...', '--')).toBe(false);
  });

  it('compares identity numbers without case, spaces, dashes, dots or slashes', () => {
    expect(sameIdNumber('UMID-0011-2233', 'umid 0011 2233')).toBe(true);
    expect(sameIdNumber('UMID-0011-2233', 'UMID-0011-2234')).toBe(false);
    expect(sameIdNumber('', ' - ')).toBe(false);
    expect(idNumberKey('a/b.c-d e')).toBe('ABCDE');
  });
});
