// The transparency page as a PDF: every figure Mejora computes and how, in the reader's language.
import { type TransparencyText, transparencyText } from '../domain/analytics/transparency.ts';
import { openReport } from './progress-report-pdf.ts';

export async function renderTransparencyPdf(locale: 'en' | 'es', organizationName: string): Promise<Buffer> {
  const text: TransparencyText = transparencyText[locale];
  const { doc, w, done } = openReport({
    title: text.title,
    author: organizationName,
    subject: text.title,
    locale,
  });
  w.title(text.title, organizationName);
  w.paragraph(text.intro);
  for (const section of text.sections) {
    w.h1(section.title);
    for (const paragraph of section.paragraphs) w.paragraph(paragraph);
  }
  doc.end();
  return done;
}
