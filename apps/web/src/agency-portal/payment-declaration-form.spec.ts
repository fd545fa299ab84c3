import { declarationRefusal, readDeclaration } from './payment-declaration-form';
import type { DeclarationTexts } from './payment-declaration-form';

const ID = '6f1c1f3e-8d7a-4b5e-9a51-0c2f7e9d1b23';
const TEXTS = {
  reference: 'agencyPortal.fines.errors.reference',
  referenceLong: 'agencyPortal.fines.errors.referenceLong',
  file: 'agencyPortal.fines.errors.file',
  fileType: 'agencyPortal.fines.errors.fileType',
  notOpen: 'agencyPortal.fines.errors.notOpen',
} as DeclarationTexts;
// The smallest file the store recognises: a PDF's magic bytes.
const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');

describe('readDeclaration', () => {
  it('sends the reference (spaces folded) and the recognised file as the API multipart body', async () => {
    const form = readDeclaration(ID, { paymentReference: '  LBP   2026-77 ', file: PDF }, TEXTS);
    expect(form.values).toEqual({ [`paymentReference-${ID}`]: 'LBP 2026-77' });
    if (!form.ok) throw new Error(`refused: ${JSON.stringify(form.errors)}`);
    expect(form.body.get('paymentReference')).toBe('LBP 2026-77');
    const file = form.body.get('file') as File;
    expect(file.name).toBe('proof.pdf');
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('names each missing or wrong field, with the page own texts, and keeps the reference typed', () => {
    expect(readDeclaration(ID, {}, TEXTS)).toEqual({
      ok: false,
      values: { [`paymentReference-${ID}`]: '' },
      errors: { [`paymentReference-${ID}`]: TEXTS.reference, [`proof-${ID}`]: TEXTS.file },
    });
    const long = readDeclaration(ID, { paymentReference: 'x'.repeat(250), file: Buffer.from('not a receipt') }, TEXTS);
    expect(long).toMatchObject({ ok: false, errors: { [`paymentReference-${ID}`]: TEXTS.referenceLong, [`proof-${ID}`]: TEXTS.fileType } });
  });
});

describe('declarationRefusal', () => {
  it('puts a 409 on the reference (no longer open), another 4xx where the API points, and leaves 404 and 5xx to the caller', () => {
    expect(declarationRefusal(ID, 409, [], TEXTS)).toEqual({ [`paymentReference-${ID}`]: TEXTS.notOpen });
    expect(declarationRefusal(ID, 400, ['paymentReference'], TEXTS)).toEqual({ [`paymentReference-${ID}`]: TEXTS.reference });
    expect(declarationRefusal(ID, 400, ['file'], TEXTS)).toEqual({ [`proof-${ID}`]: TEXTS.fileType });
    expect(declarationRefusal(ID, 404, [], TEXTS)).toBeNull();
    expect(declarationRefusal(ID, 503, [], TEXTS)).toBeNull();
  });
});
