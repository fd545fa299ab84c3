import { inflateSync } from 'node:zlib';
import { translator } from '@app/i18n';
import { CertificateInput, certificateLabels, licenseCertificatePdf, scriptRuns } from './license-certificate';

/** Every stream of the PDF, inflated where it is compressed, as Latin-1 text. */
function pdfStreams(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const re = /(?<!end)stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    try {
      out.push(inflateSync(bytes).toString('latin1'));
    } catch {
      out.push(bytes.toString('latin1'));
    }
    re.lastIndex = end;
  }
  return out;
}

/** The Unicode code points the PDF's ToUnicode maps give its glyphs: the text a reader copies or searches. */
function mappedText(pdf: Buffer): Set<number> {
  const points = new Set<number>();
  for (const s of pdfStreams(pdf).filter((x) => x.includes('begincmap'))) {
    for (const hex of s.match(/<([0-9a-fA-F]{4,})>/g) ?? []) {
      const h = hex.slice(1, -1);
      for (let i = 0; i + 4 <= h.length; i += 4) points.add(parseInt(h.slice(i, i + 4), 16));
    }
  }
  return points;
}

const input = (locale: 'en' | 'ne'): CertificateInput => {
  const t = translator(locale);
  return {
    agencyName: 'Kalayaan Overseas Manpower Services Inc.',
    registrationNumber: 'CS201912345',
    address: '1200 Taft Avenue, Manila',
    licenseNumber: 'LIC-2026-000123',
    licenseType: t('agencyPortal.licenseTypes.regular'),
    state: t('agencyPortal.licenseStates.active'),
    issuedOn: '2026-01-05',
    expiresOn: '2030-01-04',
    verifyUrl: 'https://labour.example/agencies/licenses/LIC-2026-000123',
    printedOn: '2026-12-05',
    labels: certificateLabels(locale, new Date('2026-12-05T00:00:00Z')),
  };
};

describe('scriptRuns', () => {
  it('cuts a mixed text into Devanagari runs and the rest (spaces and Latin go with Helvetica)', () => {
    expect(scriptRuns('इजाजतपत्र नम्बर LIC-1')).toEqual([
      { devanagari: true, text: 'इजाजतपत्र' },
      { devanagari: false, text: ' ' },
      { devanagari: true, text: 'नम्बर' },
      { devanagari: false, text: ' LIC-1' },
    ]);
    expect(scriptRuns('Licence')).toEqual([{ devanagari: false, text: 'Licence' }]);
  });
});

describe('the license certificate PDF', () => {
  // Shaping Devanagari (fontkit) and subsetting the font take seconds on a busy machine.
  jest.setTimeout(120_000);
  it('is in Nepali for a Nepali reader: Noto Sans Devanagari embedded and its text mapped to Devanagari', async () => {
    const pdf = await licenseCertificatePdf(input('ne'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansDevanagari/);
    const mapped = mappedText(pdf);
    // Every letter of the title and labels (not only some) can be read back from the PDF.
    const letters = [
      ...new Set(
        [...`${input('ne').labels.title}${input('ne').labels.licenseNumber}`].filter((ch) => /[\u0900-\u097F]/.test(ch)).map((ch) => ch.codePointAt(0)!),
      ),
    ];
    expect(letters.length).toBeGreaterThan(5);
    expect(letters.filter((cp) => !mapped.has(cp))).toEqual([]);
    // The Latin values are still there, in Helvetica.
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/Helvetica\b/);
  });

  it('embeds no Devanagari font for an English reader', async () => {
    const pdf = await licenseCertificatePdf(input('en'));
    expect(pdf.toString('latin1')).not.toMatch(/NotoSansDevanagari/);
    expect([...mappedText(pdf)].some((cp) => cp >= 0x0900 && cp <= 0x097f)).toBe(false);
  });
});
