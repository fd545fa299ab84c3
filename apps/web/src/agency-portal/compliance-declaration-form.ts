/**
 * The form an agency declares compliance with a settlement with (issue 22): a statement and,
 * optionally, one proof file (recognised by its content). Read and checked here before anything
 * goes to the API (`POST /agency/complaints/{id}/compliance-declaration`, multipart); the API's
 * refusal turned into an error next to the right field.
 */
import type { MessageKey } from '@app/i18n';
import { EXTENSIONS, MAX_FILE_BYTES, sniff } from '../complaints/complaint-evidence-store';

/** As the API takes it: at most this many characters, trimmed. */
export const STATEMENT_MAX = 5000;

/** The form's field ids (the error summary links to them). */
export const COMPLIANCE_FIELDS = { statement: 'compliance-statement', proof: 'compliance-proof' } as const;

const E = 'agencyRecords.settlement.errors';

/**
 * The posted form, read and checked: the multipart body for the API, or the errors by field id.
 * `statement` gives the text back to the page either way.
 */
export function readComplianceDeclaration(
  posted: unknown,
): { statement: string } & ({ ok: true; body: FormData } | { ok: false; errors: Record<string, MessageKey> }) {
  const body = (posted ?? {}) as Record<string, unknown>;
  const statement = typeof body.statement === 'string' ? body.statement.trim() : '';
  // An empty file input posts an empty part: nothing chosen.
  const file = [body.file].flat().find((x): x is Buffer => Buffer.isBuffer(x) && x.length > 0);
  const sniffed = file ? sniff(file) : null;
  const errors: Record<string, MessageKey> = {};
  if (!statement) errors[COMPLIANCE_FIELDS.statement] = `${E}.statementMissing`;
  else if (statement.length > STATEMENT_MAX) errors[COMPLIANCE_FIELDS.statement] = `${E}.statementLong`;
  if (file && (!sniffed?.ok || file.length > MAX_FILE_BYTES)) errors[COMPLIANCE_FIELDS.proof] = `${E}.proofType`;
  if (Object.keys(errors).length) return { ok: false, errors, statement: statement.slice(0, STATEMENT_MAX) };
  const form = new FormData();
  form.append('statement', statement);
  if (file && sniffed?.ok) form.append('file', new Blob([new Uint8Array(file)], { type: sniffed.contentType }), `proof.${EXTENSIONS[sniffed.contentType]}`);
  return { ok: true, body: form, statement };
}

/**
 * The API's refusal as an error next to a field: a 409 on the statement (declared already, or
 * the case moved on); another 4xx on the statement when the API named it, else on the file.
 * Null for what is not the reader's to mend (404 and 5xx: the caller's).
 */
export function complianceRefusal(status: number, code: string | null, problemFields: readonly string[]): Record<string, MessageKey> | null {
  if (status === 409) return { [COMPLIANCE_FIELDS.statement]: code === 'compliance-already-declared' ? `${E}.alreadyDeclared` : `${E}.notSettled` };
  if (status === 404 || status < 400 || status >= 500) return null;
  return problemFields.includes('statement') ? { [COMPLIANCE_FIELDS.statement]: `${E}.statementMissing` } : { [COMPLIANCE_FIELDS.proof]: `${E}.proofType` };
}
