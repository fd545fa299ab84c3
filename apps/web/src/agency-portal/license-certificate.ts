/**
 * The license certificate an agency prints and hangs on its wall: a one-page A4 PDF (pdfkit) with
 * the license as the API answers it now, and a QR code (qrcode) holding the address of the
 * license's public page (`/agencies/licenses/<number>` of this site), so that anyone can check
 * that the certificate is real and the license still current. The page, not the paper, is the
 * truth: a suspended or revoked license says so there.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

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
  /** Printed texts, already in the reader's language (Latin script: the PDF's built-in fonts). */
  labels: { title: string; intro: string; agency: string; registrationNumber: string; address: string; licenseNumber: string; type: string; state: string; issuedOn: string; expiresOn: string; verify: string; printed: string };
  printedOn: string;
}

/** The PDF's bytes. */
export async function licenseCertificatePdf(c: CertificateInput): Promise<Buffer> {
  const qr = await QRCode.toBuffer(c.verifyUrl, { errorCorrectionLevel: 'M', margin: 4, scale: 8, color: { dark: '#000000ff', light: '#ffffffff' } });
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${c.labels.title} ${c.licenseNumber}`, Subject: c.agencyName, Creator: 'Labour Case System' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 112;
  doc.rect(28, 28, doc.page.width - 56, doc.page.height - 56).lineWidth(2).stroke('#1d70b8');
  doc.font('Helvetica-Bold').fontSize(24).fillColor('#0b0c0c').text(c.labels.title, { align: 'center', width });
  doc.moveDown(0.5).font('Helvetica').fontSize(12).text(c.labels.intro, { align: 'center', width });
  doc.moveDown(1.5);
  const row = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(11).text(label, { width });
    doc.font('Helvetica').fontSize(14).text(value, { width });
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
  doc.font('Helvetica').fontSize(10).text(c.labels.verify, 56, top + size + 8, { align: 'center', width });
  doc.font('Courier').fontSize(9).text(c.verifyUrl, { align: 'center', width, link: c.verifyUrl });
  doc.font('Helvetica').fontSize(8).fillColor('#505a5f').text(c.labels.printed, { align: 'center', width });
  doc.end();
  return done;
}
