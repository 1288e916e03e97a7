// Checks an uploaded logo the way the documents will use it: pdfkit must open and embed it.
import PDFDocument from 'pdfkit';

export type LogoImage = { contentType: 'image/png' | 'image/jpeg'; width: number; height: number };
/** A logo as the documents take it: the image and what it is. */
export type LogoFile = LogoImage & { image: Buffer };

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image's type from its first bytes, whatever the upload claimed. */
export function sniffImageType(bytes: Buffer): LogoImage['contentType'] | null {
  if (bytes.subarray(0, 8).equals(pngSignature)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** Opens and embeds the image in a throwaway PDF; throws with pdfkit's reason when it cannot. */
export async function readLogoImage(bytes: Buffer): Promise<LogoImage> {
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new Error('the file is neither a PNG nor a JPEG image');
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
  return { contentType, width: image.width, height: image.height };
}
