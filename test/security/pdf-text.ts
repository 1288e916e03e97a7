// The text of a PDF as a reader would copy it (poppler's pdftotext), for searching documents for leaked text.
import { execFileSync } from 'node:child_process';

export function pdfText(pdf: Buffer | string): string {
  const input = typeof pdf === 'string' ? Buffer.from(pdf, 'binary') : pdf;
  return execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', '-', '-'], {
    input,
    maxBuffer: 64 * 1024 * 1024,
  }).toString('utf8');
}
