/**
 * The license certificate an agency prints and hangs on its wall: a one-page A4 PDF (pdfkit) with
 * the license as the API answers it now, and a QR code (qrcode) holding the address of the
 * license's public page (`/agencies/licenses/<number>` of this site), so that anyone can check
 * that the certificate is real and the license still current. The page, not the paper, is the
 * truth: a suspended or revoked license says so there.
 *
 * Texts follow the reader's language. Nepali is written in Devanagari, which the PDF's built-in
 * fonts (Helvetica, Latin only) cannot show: Devanagari runs are set in Noto Sans Devanagari (the
 * font the web pages name, embedded from the `@fontsource/noto-sans-devanagari` package, subset to
 * the glyphs used), everything else (Latin names, numbers, spaces, the address) in Helvetica.
 */
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { Locale, formatDate, translator } from '@app/i18n';

/** The Devanagari font files (the package's Devanagari subset: no Latin glyphs, not even a space). */
const DEVANAGARI_DIR = (): string => join(dirname(require.resolve('@fontsource/noto-sans-devanagari/package.json')), 'files');
const DEVANAGARI = { regular: 'noto-sans-devanagari-devanagari-400-normal.woff', bold: 'noto-sans-devanagari-devanagari-700-normal.woff' };
/** Devanagari letters and signs, the joiners and the dotted circle: what the Devanagari font covers. */
const DEVANAGARI_RANGES: [number, number][] = [
  [0x0900, 0x097f],
  [0x1cd0, 0x1cff],
  [0xa8e0, 0xa8ff],
  [0x200c, 0x200d],
  [0x25cc, 0x25cc],
];
const isDevanagari = (ch: string): boolean => {
  const cp = ch.codePointAt(0) ?? 0;
  return DEVANAGARI_RANGES.some(([from, to]) => cp >= from && cp <= to);
};
const hasDevanagari = (text: string): boolean => [...text].some(isDevanagari);

type Weight = 'regular' | 'bold';
const LATIN: Record<Weight, string> = { regular: 'Helvetica', bold: 'Helvetica-Bold' };

/** The text cut into runs of one script each: Devanagari, or anything else. */
export function scriptRuns(text: string): { devanagari: boolean; text: string }[] {
  const runs: { devanagari: boolean; text: string }[] = [];
  for (const ch of text) {
    const devanagari = isDevanagari(ch);
    const last = runs[runs.length - 1];
    if (last && last.devanagari === devanagari) last.text += ch;
    else runs.push({ devanagari, text: ch });
  }
  return runs;
}

export interface CertificateInput {
  agencyName: string;
  registrationNumber: string;
  address: string;
  licenseNumber: string;
  licenseType: string;
  state: string;
  issuedOn: string;
  expiresOn: string;
  /** The license's public page: what the QR code holds. */
  verifyUrl: string;
  /** Printed texts, already in the reader's language (Devanagari runs are set in Noto Sans Devanagari). */
  labels: {
    title: string;
    intro: string;
    agency: string;
    registrationNumber: string;
    address: string;
    licenseNumber: string;
    type: string;
    state: string;
    issuedOn: string;
    expiresOn: string;
    verify: string;
    printed: string;
  };
  printedOn: string;
}

/** The PDF's bytes. */
export async function licenseCertificatePdf(c: CertificateInput): Promise<Buffer> {
  const qr = await QRCode.toBuffer(c.verifyUrl, { errorCorrectionLevel: 'M', margin: 4, scale: 8, color: { dark: '#000000ff', light: '#ffffffff' } });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${c.labels.title} ${c.licenseNumber}`, Subject: c.agencyName, Creator: 'Labour Case System' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 112;
  const devanagari = Object.values(c).some((v) => typeof v === 'string' && hasDevanagari(v)) || Object.values(c.labels).some(hasDevanagari);
  if (devanagari) {
    doc.registerFont('Devanagari', join(DEVANAGARI_DIR(), DEVANAGARI.regular));
    doc.registerFont('Devanagari-Bold', join(DEVANAGARI_DIR(), DEVANAGARI.bold));
  }
  /** Writes a paragraph, each script run in its own font (pdfkit's `continued` keeps them one paragraph). */
  const write = (text: string, weight: Weight, size: number, options: PDFKit.Mixins.TextOptions, at?: { x: number; y: number }) => {
    const runs = devanagari ? scriptRuns(text) : [{ devanagari: false, text }];
    runs.forEach((run, i) => {
      doc.font(run.devanagari ? (weight === 'bold' ? 'Devanagari-Bold' : 'Devanagari') : LATIN[weight]).fontSize(size);
      const last = i === runs.length - 1;
      if (i === 0 && at) doc.text(run.text, at.x, at.y, { ...options, continued: !last });
      else doc.text(run.text, { ...options, continued: !last });
    });
  };
  doc
    .rect(28, 28, doc.page.width - 56, doc.page.height - 56)
    .lineWidth(2)
    .stroke('#1d70b8');
  doc.fillColor('#0b0c0c');
  write(c.labels.title, 'bold', 24, { align: 'center', width });
  doc.moveDown(0.5);
  write(c.labels.intro, 'regular', 12, { align: 'center', width });
  doc.moveDown(1.5);
  const row = (label: string, value: string) => {
    write(label, 'bold', 11, { width });
    write(value, 'regular', 14, { width });
    doc.moveDown(0.6);
  };
  row(c.labels.agency, c.agencyName);
  row(c.labels.registrationNumber, c.registrationNumber);
  if (c.address) row(c.labels.address, c.address);
  row(c.labels.licenseNumber, c.licenseNumber);
  row(c.labels.type, c.licenseType);
  row(c.labels.state, c.state);
  row(c.labels.issuedOn, c.issuedOn);
  row(c.labels.expiresOn, c.expiresOn);
  const size = 170;
  const top = doc.page.height - 56 - size - 70;
  doc.image(qr, (doc.page.width - size) / 2, top, { width: size, height: size });
  write(c.labels.verify, 'regular', 10, { align: 'center', width }, { x: 56, y: top + size + 8 });
  doc.font('Courier').fontSize(9).text(c.verifyUrl, { align: 'center', width, link: c.verifyUrl });
  doc.fillColor('#505a5f');
  write(c.labels.printed, 'regular', 8, { align: 'center', width });
  doc.end();
  return done;
}

/** The certificate's printed texts in the reader's language. */
export function certificateLabels(locale: Locale, today = new Date()): CertificateInput['labels'] {
  const t = translator(locale);
  return {
    title: t('agencyPortal.certificate.title'),
    intro: t('agencyPortal.certificate.intro'),
    agency: t('agencyPortal.certificate.agency'),
    registrationNumber: t('agencyPortal.certificate.registrationNumber'),
    address: t('agencyPortal.certificate.address'),
    licenseNumber: t('agencyPortal.certificate.licenseNumber'),
    type: t('agencyPortal.certificate.type'),
    state: t('agencyPortal.certificate.state'),
    issuedOn: t('agencyPortal.certificate.issuedOn'),
    expiresOn: t('agencyPortal.certificate.expiresOn'),
    verify: t('agencyPortal.certificate.verify'),
    printed: t('agencyPortal.certificate.printed', { date: formatDate(today.toISOString(), locale, 'date') }),
  };
}
