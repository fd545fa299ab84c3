import { ConfigService, loadConfig } from '@app/common';
import { EscrowRequirements } from './escrow-requirements';

const requirements = (env: Record<string, string> = {}) => new EscrowRequirements(new ConfigService(loadConfig({ NODE_ENV: 'test', ...env })));

describe('escrow requirements', () => {
  it('defaults to PHP 1,000,000.00 for both license types and 15 days to top up', () => {
    const r = requirements();
    expect(r.requirementFor('provisional')).toBe(100_000_000n);
    expect(r.requirementFor('regular')).toBe(100_000_000n);
    expect(r.currency()).toBe('PHP');
    expect(r.topUpDays()).toBe(15);
  });

  it('reads each license type from its own setting', () => {
    const r = requirements({
      ESCROW_REQUIRED_MINOR_PROVISIONAL: '50000000',
      ESCROW_REQUIRED_MINOR_REGULAR: '200000000',
      ESCROW_CURRENCY: 'NPR',
      ESCROW_TOP_UP_DAYS: '30',
    });
    expect(r.requirementFor('provisional')).toBe(50_000_000n);
    expect(r.requirementFor('regular')).toBe(200_000_000n);
    expect(r.currency()).toBe('NPR');
    expect(r.topUpDays()).toBe(30);
  });

  it('refuses a malformed setting at start-up, naming it', () => {
    expect(() => requirements({ ESCROW_CURRENCY: 'pesos' })).toThrow(/ESCROW_CURRENCY/);
    expect(() => requirements({ ESCROW_REQUIRED_MINOR_REGULAR: '-1' })).toThrow(/ESCROW_REQUIRED_MINOR_REGULAR/);
    expect(() => requirements({ ESCROW_TOP_UP_DAYS: '0' })).toThrow(/ESCROW_TOP_UP_DAYS/);
  });
});
