import { canonicalReference, formatComplaintReference, hashSecret, newTrackingSecret, normaliseCode, secretMatches, trackingLink } from './references';

describe('complaint references, tracking codes and secrets', () => {
  it('formats a reference with a check digit', () => {
    expect(formatComplaintReference(2026, 42)).toMatch(/^CMP-2026-00042-\d$/);
    expect(formatComplaintReference(2026, 42)).not.toBe(formatComplaintReference(2026, 24).replace('00024', '00042'));
  });

  it('makes secrets from the unambiguous alphabet', () => {
    for (let i = 0; i < 200; i++) expect(newTrackingSecret()).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('accepts what a person types for a reference read aloud, and catches a mistyped digit', () => {
    const ref = formatComplaintReference(2026, 42);
    expect(canonicalReference(ref.toLowerCase().replace(/-/g, ' '))).toBe(ref);
    const wrong = ref.slice(0, -1) + String((Number(ref.slice(-1)) + 1) % 10);
    expect(canonicalReference(wrong)).toBeNull();
    expect(canonicalReference('CMP-2026')).toBeNull();
    expect(normaliseCode('o1l-I')).toBe('0111');
  });

  it('checks a secret against its hash, forgiving case and dashes only', () => {
    const secret = newTrackingSecret();
    const hash = hashSecret(secret);
    expect(secretMatches(secret.toLowerCase().replace(/-/g, ' '), hash)).toBe(true);
    expect(secretMatches(newTrackingSecret(), hash)).toBe(false);
    expect(secretMatches(secret, null)).toBe(false);
    expect(hash).not.toContain(secret);
  });

  it('links the mail to the follow page with the reference filled in, never the secret', () => {
    expect(trackingLink('http://127.0.0.1:3001/complaints/follow', 'CMP-2026-00042-7')).toBe(
      'http://127.0.0.1:3001/complaints/follow?reference=CMP-2026-00042-7',
    );
    expect(trackingLink('https://cases.example.gov/follow?lang=ne', 'CMP-2026-00042-7')).toBe(
      'https://cases.example.gov/follow?lang=ne&reference=CMP-2026-00042-7',
    );
    expect(trackingLink('https://cases.example.gov/follow?', 'CMP-2026-00042-7')).toBe('https://cases.example.gov/follow?reference=CMP-2026-00042-7');
    expect(trackingLink('https://cases.example.gov/follow#form', 'CMP 2026')).toBe('https://cases.example.gov/follow?reference=CMP%202026#form');
  });
});
