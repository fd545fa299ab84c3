/**
 * What the search box decides before asking the API: is the text a licence number (go straight
 * to that licence's page) or part of a name (search by name)? The web never judges whether a
 * number is valid: the API checks its check digit and answers 400 on the field `number`.
 */
import { ROUTES } from '../routes';

/** Dashes as people type them (en and em dashes, minus signs, underscores) and spaces between parts. */
const SEPARATORS = /[\s\u2010-\u2015\u2212_]+/g;

/**
 * The number as the API and the page's address write it: trimmed, upper-case, each run of
 * spaces or dash-like characters made one `-` ("ph lra 2026 00042 7" → "PH-LRA-2026-00042-7").
 */
export function canonicalLicenseNumber(text: string): string {
  return text.trim().replace(SEPARATORS, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '').toUpperCase();
}

/**
 * Whether what was typed is meant as a licence number rather than a name: a short letter prefix
 * (`PH-LRA`, `PHLRA`), then only digits and separators, at least five digits. A name hardly ever
 * looks like that; a number with a mistake in it still does (the licence page then says what is
 * wrong with it, next to the field).
 */
export function looksLikeLicenseNumber(text: string): boolean {
  const t = canonicalLicenseNumber(text);
  if (t.length < 8 || t.length > 40) return false;
  if (!/^[A-Z]{2,4}(-?[A-Z]{2,6})?-?\d[\d-]*$/.test(t)) return false;
  return (t.match(/\d/g) ?? []).length >= 5;
}

/** The permanent address of a licence's page. */
export function agencyLicensePath(number: string): string {
  return `${ROUTES.agencyLicense}/${encodeURIComponent(number)}`;
}
