import { callerOf } from './secret-attempts';

describe('callerOf (who the per-caller secret limit counts)', () => {
  it('is an IPv4 address as it is, and an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(callerOf('203.0.113.9')).toBe('203.0.113.9');
    expect(callerOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('is the /64 of an IPv6 address, however it is written', () => {
    expect(callerOf('2001:db8:17:9::1')).toBe('2001:db8:17:9::/64');
    expect(callerOf('2001:0db8:0017:0009:ffff:ffff:ffff:0001')).toBe('2001:db8:17:9::/64');
    expect(callerOf('2001:db8:17:9:ffff::2%eth0')).toBe('2001:db8:17:9::/64');
    expect(callerOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(callerOf('::1')).toBe('0:0:0:0::/64');
    expect(callerOf('2001:db8:17:a::1')).not.toBe(callerOf('2001:db8:17:9::1'));
  });

  it('is "unknown" without an address', () => {
    expect(callerOf(undefined)).toBe('unknown');
  });
});
