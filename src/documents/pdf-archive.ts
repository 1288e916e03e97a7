// PDF/A identification for Mejora's PDFs: the XMP metadata (escaped, matching the document information) that
// declares the PDF/A part and conformance. Plan PDFs and reports are PDF/A-2b; the dossier, which embeds its
// record, is PDF/A-3b.

export type ArchiveInfo = {
  title: string;
  author: string;
  subject?: string;
  keywords?: string;
  creator: string;
  producer: string;
  createdAt: Date;
  modifiedAt?: Date;
  part: 2 | 3;
};

const escapeXml = (text: string): string =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

const isoSeconds = (at: Date): string => `${at.toISOString().split('.')[0]}Z`;

/** The rdf:Description elements: dates, tool, title, author, subject, producer, keywords and the PDF/A id. */
export function xmpDescriptions(info: ArchiveInfo): string {
  const e = escapeXml;
  const dc = [
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${e(info.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${e(info.author)}</rdf:li></rdf:Seq></dc:creator>`,
    ...(info.subject
      ? [
          `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${e(info.subject)}</rdf:li></rdf:Alt></dc:description>`,
        ]
      : []),
  ];
  return [
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreateDate>${isoSeconds(info.createdAt)}</xmp:CreateDate>`,
    ...(info.modifiedAt ? [`<xmp:ModifyDate>${isoSeconds(info.modifiedAt)}</xmp:ModifyDate>`] : []),
    `<xmp:CreatorTool>${e(info.creator)}</xmp:CreatorTool>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    ...dc,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${e(info.producer)}</pdf:Producer>`,
    ...(info.keywords ? [`<pdf:Keywords>${e(info.keywords)}</pdf:Keywords>`] : []),
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    `<pdfaid:part>${info.part}</pdfaid:part>`,
    '<pdfaid:conformance>B</pdfaid:conformance>',
    '</rdf:Description>',
  ].join('\n');
}

/** A whole XMP packet, for a document whose metadata stream is written anew (the dossier). */
export function xmpPacket(info: ArchiveInfo): string {
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    xmpDescriptions(info),
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

type PdfkitArchiveHooks = {
  info: {
    Title?: string;
    Author?: string;
    Subject?: string;
    Keywords?: string;
    Creator?: string;
    Producer?: string;
    CreationDate: Date;
  };
  appendXML(xml: string, newline?: boolean): void;
  _addInfo(): void;
  _addPdfaMetadata(): void;
};

/**
 * Completes a pdfkit document opened with `subset: 'PDF/A-2b'`: pdfkit writes the sRGB output intent, and this
 * writes the XMP descriptions itself, escaped (pdfkit copies the information's text into XML as it is, so a name
 * with "&" would break the packet), the PDF/A id among them.
 */
export function archivePdfkitDocument(doc: PDFKit.PDFDocument): void {
  const hooks = doc as unknown as PdfkitArchiveHooks;
  hooks._addPdfaMetadata = () => {};
  hooks._addInfo = () => {
    const { info } = hooks;
    hooks.appendXML(
      xmpDescriptions({
        title: info.Title ?? '',
        author: info.Author ?? '',
        subject: info.Subject,
        keywords: info.Keywords,
        creator: info.Creator ?? 'Mejora',
        producer: info.Producer ?? 'Mejora',
        createdAt: info.CreationDate,
        part: 2,
      }),
    );
  };
}
