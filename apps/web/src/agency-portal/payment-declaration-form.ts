/**
 * The form an agency declares a payment with (a refund order, a fine): a payment reference and
 * one proof file (a receipt or bank slip, recognised by its content), per record on the page.
 * Read and checked here before anything goes to the API; then sent as the API's multipart body;
 * the API's refusal turned into an error next to the right field.
 */
import type { MessageKey } from '@app/i18n';
import { EXTENSIONS, MAX_FILE_BYTES, sniff } from '../complaints/complaint-evidence-store';

/** A payment reference, as both APIs take it: at most this many characters. */
export const PAYMENT_REFERENCE_MAX = 200;

/** The form's fields, named per record so every form on the page has its own ids. */
export const declarationFields = (id: string) => ({ reference: `paymentReference-${id}`, proof: `proof-${id}` });

/** The texts of the refusals, each record's own. */
export interface DeclarationTexts {
  reference: MessageKey;
  referenceLong: MessageKey;
  file: MessageKey;
  fileType: MessageKey;
  /** The record is no longer open (declared, paid, cancelled meanwhile). */
  notOpen: MessageKey;
}

const line = (v: unknown, max: number) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, max) : '');

/** What is wrong with a declaration before it goes to the API: the payment reference and the file. */
export function declarationErrors(
  id: string,
  reference: string,
  file: { ok: boolean; tooBig: boolean } | null,
  texts: DeclarationTexts,
): Record<string, MessageKey> {
  const f = declarationFields(id);
  const errors: Record<string, MessageKey> = {};
  if (!reference) errors[f.reference] = texts.reference;
  else if (reference.length > PAYMENT_REFERENCE_MAX) errors[f.reference] = texts.referenceLong;
  if (!file) errors[f.proof] = texts.file;
  else if (!file.ok || file.tooBig) errors[f.proof] = texts.fileType;
  return errors;
}

/**
 * The posted form, read and checked: the multipart body for the API, or the errors by field.
 * `values` gives the reference back to the page either way.
 */
export function readDeclaration(
  id: string,
  posted: unknown,
  texts: DeclarationTexts,
): { values: Record<string, string> } & ({ ok: true; body: FormData } | { ok: false; errors: Record<string, MessageKey> }) {
  const body = (posted ?? {}) as Record<string, unknown>;
  const reference = line(body.paymentReference, PAYMENT_REFERENCE_MAX + 1);
  const file = [body.file].flat().find((x): x is Buffer => Buffer.isBuffer(x) && x.length > 0);
  const sniffed = file ? sniff(file) : null;
  const values = { [declarationFields(id).reference]: reference };
  const errors = declarationErrors(id, reference, file ? { ok: !!sniffed?.ok, tooBig: file.length > MAX_FILE_BYTES } : null, texts);
  if (Object.keys(errors).length || !file || !sniffed?.ok) return { ok: false, errors, values };
  const form = new FormData();
  form.append('paymentReference', reference);
  form.append('file', new Blob([new Uint8Array(file)], { type: sniffed.contentType }), `proof.${EXTENSIONS[sniffed.contentType]}`);
  return { ok: true, body: form, values };
}

/**
 * The API's refusal of a declaration as an error next to a field: 409 (no longer open) on the
 * reference; another 4xx on the reference when the API named it, else on the file. Null for what
 * is not the reader's to mend (404 and 5xx: the caller's).
 */
export function declarationRefusal(id: string, status: number, problemFields: readonly string[], texts: DeclarationTexts): Record<string, MessageKey> | null {
  const f = declarationFields(id);
  if (status === 409) return { [f.reference]: texts.notOpen };
  if (status === 404 || status < 400 || status >= 500) return null;
  return problemFields.includes('paymentReference') ? { [f.reference]: texts.reference } : { [f.proof]: texts.fileType };
}
