import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('keeps the path and the query parameter names, never their values', () => {
    expect(redactUrl('/me/complaints?access_token=eyJhbGciOi.x.y&page=2')).toBe('/me/complaints?access_token=[redacted]&page=[redacted]');
    expect(redactUrl('/public/agencies?q=Maria%20Santos')).toBe('/public/agencies?q=[redacted]');
    expect(redactUrl('/x?flag&email=a%40b.c&')).toBe('/x?flag&email=[redacted]&');
    expect(redactUrl('/x?a=1=2')).toBe('/x?a=[redacted]');
    expect(redactUrl('/health/live')).toBe('/health/live');
  });

  it('redacts the passport number of /welfare/members/:passport, whatever follows it', () => {
    expect(redactUrl('/welfare/members/P1234567A')).toBe('/welfare/members/[redacted]');
    expect(redactUrl('/welfare/members/P1234567A?asOf=2026-01-01')).toBe('/welfare/members/[redacted]?asOf=[redacted]');
    expect(redactUrl('/Welfare/Members/P1234567A/')).toBe('/Welfare/Members/[redacted]/');
    expect(redactUrl('/welfare/claims/0b9f3c8e-3a5d-4f64-9d7e-2f1c8a6b4e21')).toBe('/welfare/claims/0b9f3c8e-3a5d-4f64-9d7e-2f1c8a6b4e21');
  });

  it('lists every API route whose path takes a personal identifier (passport, email, phone, name)', () => {
    const root = join(__dirname, '../../../../apps/api/src');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.controller.ts') ? [join(dir, e.name)] : [],
      );
    const personal: string[] = [];
    for (const file of files(root)) {
      const source = readFileSync(file, 'utf8');
      const prefix = /@Controller\('([^']*)'\)/.exec(source)?.[1] ?? '';
      for (const [, route] of source.matchAll(/@(?:Get|Post|Put|Patch|Delete)\('([^']*:(?:passport|email|phone|name)[A-Za-z]*[^']*)'\)/gi)) {
        personal.push(`/${[prefix, route].filter(Boolean).join('/')}`);
      }
    }
    expect(personal.length).toBeGreaterThan(0);
    for (const route of personal) {
      // The personal parameter gets a value to look for; any other (an id) a value of its own.
      const example = route.replace(/:(?:passport|email|phone|name)[A-Za-z]*/gi, 'P1234567A').replace(/:[A-Za-z]+/g, 'id-1');
      expect([route, redactUrl(example).includes('P1234567A')]).toEqual([route, false]);
    }
  });
});
