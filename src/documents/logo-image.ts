// Checks an uploaded logo the way the documents will use it: every byte is checked here first, then pdfkit
// must open and embed it. pdfkit's PNG reader inflates pixels in a callback whose errors no caller can catch
// (a damaged PNG would end the process), and loops on nonsense chunk lengths: it only sees images checked here.
import { crc32, inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

export type LogoImage = { contentType: 'image/png' | 'image/jpeg'; width: number; height: number };
/** A logo as the documents take it: the image and what it is. */
export type LogoFile = LogoImage & { image: Buffer };

/** Why an image cannot be a logo, phrased to follow "The logo …". */
export class LogoImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogoImageError';
  }
}

const unreadable = (reason: string) => new LogoImageError(`must be a PNG or JPEG image: ${reason}`);

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image's type from its first bytes, whatever the upload claimed. */
export function sniffImageType(bytes: Buffer): LogoImage['contentType'] | null {
  if (bytes.subarray(0, 8).equals(pngSignature)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** Bit depths allowed for each PNG colour type, and the samples per pixel (PNG specification, 11.2.2). */
const pngColorTypes: Record<number, { depths: number[]; samples: number }> = {
  0: { depths: [1, 2, 4, 8, 16], samples: 1 },
  2: { depths: [8, 16], samples: 3 },
  3: { depths: [1, 2, 4, 8], samples: 1 },
  4: { depths: [8, 16], samples: 2 },
  6: { depths: [8, 16], samples: 4 },
};

/** Adam7 passes: x start, y start, x step, y step. */
const adam7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

type PngHeader = {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  isInterlaced: boolean;
};

/** The scanlines of the image, as (bytes per row, rows) per pass, each row led by its filter byte. */
function pngScanlines(header: PngHeader): { rowBytes: number; rows: number }[] {
  const bitsPerPixel = header.bitDepth * pngColorTypes[header.colorType].samples;
  const rowBytesOf = (pixels: number) => 1 + Math.ceil((pixels * bitsPerPixel) / 8);
  if (!header.isInterlaced) return [{ rowBytes: rowBytesOf(header.width), rows: header.height }];
  return adam7
    .map(([x0, y0, dx, dy]) => ({
      pixels: Math.ceil(Math.max(0, header.width - x0) / dx),
      rows: Math.ceil(Math.max(0, header.height - y0) / dy),
    }))
    .filter((pass) => pass.pixels > 0 && pass.rows > 0)
    .map((pass) => ({ rowBytes: rowBytesOf(pass.pixels), rows: pass.rows }));
}

/** Walks every chunk (lengths, checksums, order), then inflates the pixels and checks every row's filter. */
function checkPng(bytes: Buffer, maxSide: number): { width: number; height: number } {
  let header: PngHeader | null = null;
  let hasPalette = false;
  let hasEnd = false;
  const pixelChunks: Buffer[] = [];
  let pos = 8;
  while (pos < bytes.length && !hasEnd) {
    if (pos + 12 > bytes.length) throw unreadable('the file is cut short');
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    if (length > bytes.length - pos - 12) throw unreadable('the file is cut short');
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    if (crc32(bytes.subarray(pos + 4, pos + 8 + length)) !== bytes.readUInt32BE(pos + 8 + length))
      throw unreadable(`the ${type.replace(/[^\x20-\x7e]/g, '?')} chunk is damaged (wrong checksum)`);
    if (!header && type !== 'IHDR') throw unreadable('the PNG header does not come first');
    if (type === 'IHDR') {
      if (header || length !== 13) throw unreadable('the PNG header is invalid');
      header = {
        width: data.readUInt32BE(0),
        height: data.readUInt32BE(4),
        bitDepth: data[8],
        colorType: data[9],
        isInterlaced: data[12] === 1,
      };
      const colors = pngColorTypes[header.colorType];
      if (!colors?.depths.includes(header.bitDepth) || data[10] !== 0 || data[11] !== 0 || data[12] > 1)
        throw unreadable('the PNG header is invalid');
      if (header.width === 0 || header.height === 0) throw unreadable('the image has no pixels');
      if (header.width > maxSide || header.height > maxSide)
        throw new LogoImageError(
          `must be at most ${maxSide} pixels on each side (it is ${header.width} × ${header.height})`,
        );
    } else if (type === 'PLTE') {
      if (length === 0 || length % 3 !== 0 || length > 768) throw unreadable('the palette is invalid');
      hasPalette = true;
    } else if (type === 'IDAT') pixelChunks.push(data);
    else if (type === 'IEND') hasEnd = true;
    pos += 12 + length;
  }
  if (!header || !hasEnd) throw unreadable('the file is cut short');
  if (pixelChunks.length === 0) throw unreadable('the image has no pixel data');
  if (header.colorType === 3 && !hasPalette) throw unreadable('the palette is missing');
  const scanlines = pngScanlines(header);
  const expected = scanlines.reduce((sum, pass) => sum + pass.rowBytes * pass.rows, 0);
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(pixelChunks), { maxOutputLength: expected + 1 });
  } catch {
    throw unreadable('the compressed pixel data is damaged');
  }
  if (pixels.length !== expected) throw unreadable('the pixel data does not match the image size');
  let offset = 0;
  for (const pass of scanlines)
    for (let row = 0; row < pass.rows; row++, offset += pass.rowBytes)
      if (pixels[offset] > 4) throw unreadable('the pixel data is damaged (unknown row filter)');
  return { width: header.width, height: header.height };
}

/** Reads the frame header of a JPEG: walks the segments up to the first start-of-frame marker. */
function checkJpeg(bytes: Buffer, maxSide: number): { width: number; height: number } {
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) throw unreadable('the JPEG segments are damaged');
    const marker = bytes[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    }
    const length = bytes.readUInt16BE(pos + 2);
    if (length < 2 || pos + 2 + length > bytes.length) throw unreadable('the file is cut short');
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (length < 8) throw unreadable('the JPEG frame header is invalid');
      const height = bytes.readUInt16BE(pos + 5);
      const width = bytes.readUInt16BE(pos + 7);
      const channels = bytes[pos + 9];
      if (width === 0 || height === 0) throw unreadable('the image has no pixels');
      if (![1, 3, 4].includes(channels))
        throw unreadable('the JPEG has an unsupported number of colour channels');
      if (width > maxSide || height > maxSide)
        throw new LogoImageError(
          `must be at most ${maxSide} pixels on each side (it is ${width} × ${height})`,
        );
      return { width, height };
    }
    if (marker === 0xd9 || marker === 0xda) break;
    pos += 2 + length;
  }
  throw unreadable('the JPEG has no frame header');
}

/**
 * Checks the image completely, then opens and embeds it in a throwaway PDF.
 * Throws a LogoImageError saying why it cannot be a logo.
 */
export async function readLogoImage(bytes: Buffer, maxSide: number): Promise<LogoImage> {
  const contentType = sniffImageType(bytes);
  if (!contentType) throw unreadable('the file is neither a PNG nor a JPEG image');
  const size = contentType === 'image/png' ? checkPng(bytes, maxSide) : checkJpeg(bytes, maxSide);
  try {
    const doc = new PDFDocument({ autoFirstPage: true, compress: false });
    const done = new Promise<void>((resolve, reject) => {
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    doc.on('data', () => {});
    // openImage is public in pdfkit but missing from @types/pdfkit.
    const image = (doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(
      bytes,
    );
    doc.image(image as unknown as Buffer, 0, 0, { width: 10 });
    doc.end();
    await done;
  } catch (error) {
    // pdfkit throws strings as well as errors.
    const reason = error instanceof Error ? error.message : String(error);
    throw unreadable(reason.split('\n')[0].slice(0, 200));
  }
  return { contentType, ...size };
}
