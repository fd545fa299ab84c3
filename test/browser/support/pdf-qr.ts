/**
 * The QR codes of a PDF, decoded as a phone would read them: every image the PDF holds is taken
 * out (pdfkit writes a PNG's pixels as a FlateDecode image stream, its alpha as a separate soft
 * mask), inflated, and handed to jsQR.
 */
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';

export function qrCodesOfPdf(pdf: Buffer): string[] {
  const s = pdf.toString('latin1');
  const found: string[] = [];
  const images = /\/Subtype\s*\/Image/g;
  let m: RegExpExecArray | null;
  while ((m = images.exec(s))) {
    const start = s.lastIndexOf('<<', m.index);
    const keyword = s.indexOf('stream', m.index);
    const dict = s.slice(start, keyword);
    const width = Number(/\/Width (\d+)/.exec(dict)?.[1]);
    const height = Number(/\/Height (\d+)/.exec(dict)?.[1]);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const space = /\/ColorSpace \/(\w+)/.exec(dict)?.[1];
    const channels = space === 'DeviceRGB' ? 3 : space === 'DeviceGray' ? 1 : 0;
    if (!width || !height || !length || !channels || !/\/Filter \/FlateDecode/.test(dict) || /\/DecodeParms/.test(dict)) continue;
    let at = keyword + 'stream'.length;
    if (s[at] === '\r') at++;
    if (s[at] === '\n') at++;
    const pixels = inflateSync(pdf.subarray(at, at + length));
    if (pixels.length !== width * height * channels) continue;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      for (let c = 0; c < 3; c++) rgba[i * 4 + c] = pixels[i * channels + (channels === 3 ? c : 0)];
      rgba[i * 4 + 3] = 255;
    }
    const code = jsQR(rgba, width, height);
    if (code) found.push(code.data);
  }
  return found;
}
