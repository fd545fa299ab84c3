import type { ApiSchemas } from '@app/api-client';
import { LOCALES, formatDate, translator } from '@app/i18n';
import { testPageContext, testViewEnvironment } from '../views/template-test-context';
import { settlementView } from './agency-records-view';
import { COMPLIANCE_FIELDS, complianceRefusal, readComplianceDeclaration } from './compliance-declaration-form';

// The smallest file the store recognises: a PDF's magic bytes.
const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
const E = 'agencyRecords.settlement.errors';

describe('readComplianceDeclaration', () => {
  it('sends the trimmed statement, and the recognised proof when one was chosen', async () => {
    const form = readComplianceDeclaration({ statement: '  Refunded on 2 December.\nReceipt attached.  ', file: PDF });
    if (!form.ok) throw new Error(`refused: ${JSON.stringify(form.errors)}`);
    expect(form.body.get('statement')).toBe('Refunded on 2 December.\nReceipt attached.');
    const file = form.body.get('file') as File;
    expect(file.name).toBe('proof.pdf');
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('the proof is optional: an empty file input sends the statement alone', () => {
    const form = readComplianceDeclaration({ statement: 'Paid in cash.', file: Buffer.alloc(0) });
    if (!form.ok) throw new Error(`refused: ${JSON.stringify(form.errors)}`);
    expect(form.body.get('file')).toBeNull();
  });

  it('names each missing or wrong field and keeps the statement typed', () => {
    expect(readComplianceDeclaration({})).toEqual({ ok: false, statement: '', errors: { [COMPLIANCE_FIELDS.statement]: `${E}.statementMissing` } });
    expect(readComplianceDeclaration({ statement: 'Done.', file: Buffer.from('not a receipt') })).toEqual({
      ok: false,
      statement: 'Done.',
      errors: { [COMPLIANCE_FIELDS.proof]: `${E}.proofType` },
    });
    expect(readComplianceDeclaration({ statement: 'x'.repeat(5001) })).toMatchObject({
      ok: false,
      errors: { [COMPLIANCE_FIELDS.statement]: `${E}.statementLong` },
    });
  });
});

describe('complianceRefusal', () => {
  it('puts a 409 on the statement (declared already, or the case moved on), another 4xx where the API points, and leaves 404 and 5xx to the caller', () => {
    expect(complianceRefusal(409, 'compliance-already-declared', [])).toEqual({ [COMPLIANCE_FIELDS.statement]: `${E}.alreadyDeclared` });
    expect(complianceRefusal(409, 'case-not-settled', [])).toEqual({ [COMPLIANCE_FIELDS.statement]: `${E}.notSettled` });
    expect(complianceRefusal(400, 'validation-failed', ['statement'])).toEqual({ [COMPLIANCE_FIELDS.statement]: `${E}.statementMissing` });
    expect(complianceRefusal(415, 'unsupported-media-type', [])).toEqual({ [COMPLIANCE_FIELDS.proof]: `${E}.proofType` });
    expect(complianceRefusal(404, null, [])).toBeNull();
    expect(complianceRefusal(500, null, [])).toBeNull();
  });
});

describe('the complaint page of a settled case', () => {
  const env = testViewEnvironment();
  const settlement = { terms: 'Refund the placement fee.', amounts: [], complyBy: '2026-12-20' } as ApiSchemas['SettlementView'];
  const declaration = {
    statement: 'Refunded on <b>2 December</b>.',
    declaredAt: '2026-12-03T02:00:00.000Z',
    declaredBy: '00000000-0000-4000-8000-000000000002',
    documents: [],
  } as ApiSchemas['ComplianceDeclarationView'];
  const page = (locale: (typeof LOCALES)[number], complianceDeclaration: ApiSchemas['ComplianceDeclarationView'] | null, errors: Record<string, string> = {}) =>
    env.render(
      'agency-portal/complaint.njk',
      testPageContext(locale, '/agency/complaints/x', {
        notice: null,
        errorList: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
        errors,
        c: {
          id: 'x',
          version: 3,
          reference: 'CMP-2026-00042-7',
          stage: 'settled',
          complainant: 'Protected',
          employer: '',
          opened: '1 December 2026',
          allegations: [],
          settlement: settlementView({ stage: 'settled', outcome: null, settlement, complianceDeclaration }, locale),
          canAnswer: false,
          canAddEvidence: true,
          answerText: '',
          kinds: [],
          action: '/agency/complaints/x',
          compliance: { fields: COMPLIANCE_FIELDS, statement: 'typed' },
        },
      }),
    );

  it.each(LOCALES)('%s: the form while undeclared (its error next to the field), then when it was declared, escaped', (locale) => {
    const t = translator(locale);
    const undeclared = page(locale, null, { [COMPLIANCE_FIELDS.statement]: t(`${E}.statementMissing`) });
    expect(undeclared).toContain('action="/agency/complaints/x/compliance"');
    expect(undeclared).toContain('enctype="multipart/form-data"');
    expect(undeclared).toContain('name="_csrf"');
    expect(undeclared).toContain(`id="${COMPLIANCE_FIELDS.statement}-error"`);
    expect(undeclared).toContain(`href="#${COMPLIANCE_FIELDS.statement}"`);
    expect(undeclared).not.toMatch(/agencyRecords\.[a-zA-Z.]+|\{[a-z]+\}/);
    const declared = page(locale, declaration);
    expect(declared).not.toContain('/compliance"');
    const standing = settlementView({ stage: 'settled', outcome: null, settlement, complianceDeclaration: declaration }, locale)!.standing;
    expect(standing).toBe(t('agencyRecords.settlement.declared', { date: formatDate(declaration.declaredAt, locale, 'date') }));
    expect(declared).toContain(`id="settlement-standing">${standing.replace(/'/g, '&#39;')}<`);
    expect(declared).toContain('Refunded on &lt;b&gt;2 December&lt;/b&gt;.');
    expect(declared).not.toMatch(/agencyRecords\.[a-zA-Z.]+|\{[a-z]+\}/);
  });
});
