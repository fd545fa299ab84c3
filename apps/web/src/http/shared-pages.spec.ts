import type { FastifyRequest } from 'fastify';
import { SharedPages } from './shared-pages';

const request = (over: Partial<{ method: string; url: string; locale: string; cookies: Record<string, string> }> = {}) =>
  ({ method: 'GET', url: '/agencies/licenses/PH-LRA-2026-00042-7', locale: 'en', cookies: {}, ...over }) as unknown as FastifyRequest;

describe('SharedPages: public pages kept rendered for visitors without a session', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('keeps a page per language and address, with its age, for the configured seconds only', () => {
    const pages = new SharedPages(10, 'lcs_session', clock);
    const en = pages.keyFor(request())!;
    const ne = pages.keyFor(request({ locale: 'ne' }))!;
    const other = pages.keyFor(request({ url: '/agencies/licenses/PH-LRA-2026-00043-5' }))!;
    expect(new Set([en, ne, other]).size).toBe(3);
    pages.set(en, '<p>en</p>');
    expect(pages.get(ne)).toBeUndefined();
    expect(pages.get(other)).toBeUndefined();
    now += 3_500;
    expect(pages.get(en)).toEqual({ html: Buffer.from('<p>en</p>'), ageSeconds: 3 });
    now += 6_501;
    expect(pages.get(en)).toBeUndefined();
  });

  it('never serves or keeps for a visitor with a session, or for anything but a GET', () => {
    const pages = new SharedPages(10, 'lcs_session', clock);
    expect(pages.keyFor(request({ cookies: { lcs_session: 'abc.sig' } }))).toBeNull();
    expect(pages.keyFor(request({ cookies: { lcs_session: '' } }))).toBeNull();
    expect(pages.keyFor(request({ cookies: { lcs_lang: 'ne' } }))).not.toBeNull();
    expect(pages.keyFor(request({ method: 'POST' }))).toBeNull();
    expect(pages.keyFor(request({ method: 'HEAD' }))).toBeNull();
  });

  it('keeps nothing when WEB_PUBLIC_CACHE_SECONDS is 0', () => {
    const pages = new SharedPages(0, 'lcs_session', clock);
    expect(pages.keyFor(request())).toBeNull();
  });

  it('stays within its memory budget, dropping the least recently used pages', () => {
    const pages = new SharedPages(10, 'lcs_session', clock, 5_000);
    const keys = Array.from({ length: 10 }, (_, i) => pages.keyFor(request({ url: `/agencies/licenses/n${i}` }))!);
    for (const key of keys) pages.set(key, 'x'.repeat(1_000));
    const kept = keys.filter((k) => pages.get(k));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(5);
    expect(pages.get(keys[9])).toBeDefined();
  });
});
