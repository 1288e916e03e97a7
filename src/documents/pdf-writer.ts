// One Mejora PDF being written, as the plan and the reports write it: A4, PDF/A-2b, the DejaVu Sans faces and
// the shared palette, its bytes collected as pdfkit writes them; then the writer's primitives over its pages
// (headings kept with what follows, paragraphs, labelled lines, bullets, check boxes, tables), each put in the
// structure tree of a tagged document, and the running header, footer and "page X of Y" stamped on every page.
import PDFDocument from 'pdfkit';
import type { Locale } from '../domain/template/template.ts';
import {
  dejaVuSansFonts,
  type FontFace,
  shareFontSubsets,
  shareWordLayouts,
  writeTextLines,
} from './fonts.ts';
import { shareLineWords } from './line-words.ts';
import { archivePdfkitDocument } from './pdf-archive.ts';
import { collectPdfBytes, deflateOnce } from './pdf-bytes.ts';
import { filledCircle, shortColors } from './pdf-paint.ts';
import {
  artifact,
  type BlockRole,
  documentTags,
  type HeadingRole,
  type Tags,
  taggedDocuments,
} from './pdf-tags.ts';

type Doc = PDFKit.PDFDocument;

/** The names a document switches faces by: `doc.font(fontNames.bold)`. */
export const fontNames: Readonly<Record<FontFace, string>> = {
  regular: 'DejaVuSans',
  bold: 'DejaVuSans-Bold',
  oblique: 'DejaVuSans-Oblique',
};

export const pdfColor = {
  text: '#1d232b',
  primary: '#1f3a5f',
  muted: '#5b6572',
  rule: '#c9d1db',
  fill: '#eef2f6',
  good: '#1e7a3c',
  warn: '#a15c00',
  bad: '#b3261e',
} as const;

export type PdfMargins = { top: number; bottom: number; left: number; right: number };

export type PdfDocumentInfo = {
  title: string;
  author: string;
  subject: string;
  locale: Locale;
  margins: PdfMargins;
  /** With a structure tree (the writer tags what it draws, see pdf-tags.ts). */
  tagged?: boolean;
};

/** The document, its regular face selected; `done` resolves with the bytes after `doc.end()`. */
export function openPdfDocument(info: PdfDocumentInfo): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    // No default font: pdfkit would otherwise load Helvetica's metrics for every document.
    font: '',
    size: 'A4',
    margins: info.margins,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    bufferPages: true,
    lang: info.locale,
    displayTitle: true,
    tagged: info.tagged === true,
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Creator: 'Mejora',
      Producer: 'Mejora',
    },
  });
  const done = collectPdfBytes(doc);
  archivePdfkitDocument(doc);
  if (info.tagged) taggedDocuments.add(doc);
  // Registered once per document and then switched by name; pdfkit 0.20 takes parsed fonts as well as bytes.
  const faces = dejaVuSansFonts();
  for (const face of ['regular', 'bold', 'oblique'] as const) {
    doc.registerFont(fontNames[face], faces[face] as unknown as Buffer);
  }
  shareWordLayouts(doc, fontNames);
  writeTextLines(doc);
  shareFontSubsets(doc, fontNames, deflateOnce);
  shortColors(doc);
  doc.font(fontNames.regular);
  shareLineWords();
  return { doc, done };
}

/** A horizontal line from `from` to `to` at height `y`: under headings, between rows, above footers. */
export function drawRule(
  doc: Doc,
  line: { from: number; to: number; y: number; width: number; color: string },
): void {
  doc
    .moveTo(line.from, line.y)
    .lineTo(line.to, line.y)
    .lineWidth(line.width)
    .strokeColor(line.color)
    .stroke();
}

export type PageArea = ReturnType<typeof pageArea>;

/** The writable part of a document's pages, and the two moves every writer makes in it. */
export function pageArea(doc: Doc, margins: PdfMargins) {
  const bottom = (): number => doc.page.height - margins.bottom;
  return {
    left: margins.left,
    width: doc.page.width - margins.left - margins.right,
    top: margins.top,
    bottom,
    /** Starts a new page unless `space` points are left on this one. */
    ensure: (space: number): void => {
      if (doc.y + space > bottom()) doc.addPage();
    },
    gap: (points: number): void => {
      doc.y += points;
    },
  };
}

// Tables: a header row repeated on every page the table reaches, striped rows and a rule under each row.

export type Cell = string | { text: string; bold?: boolean; color?: string };
export type Column = { title: string; width: number; align?: 'left' | 'right' };
export type TableOptions = { isHeaderless?: boolean };

/** The writer a table is drawn by: its page area and its own font, colour and measuring helpers. */
export type TablePage = PageArea & {
  doc: PDFKit.PDFDocument;
  style: (face: 'regular' | 'bold', points: number, fill?: string) => void;
  /** Height of wrapped text in the current font. */
  heightOf: (text: string, width: number) => number;
  /** Fills the current path (a header or shaded row) with this colour. */
  fillShape: (fill: string) => void;
  /** In a tagged document: the table goes into the structure tree, header cells as TH. */
  tags?: Tags;
};

/** How a document's tables look; the plan and the reports differ only in these. */
export type TableLook = {
  points: number;
  lineGap: number;
  /** Space between a cell's text and its edges. */
  pad: number;
  /** Space below the table. */
  after: number;
  /** What an empty cell draws. */
  blank: string;
  /** Without a header the first row is shaded, as if the stripes went on from a header. */
  isFirstRowShadedWithoutHeader: boolean;
  /**
   * A row taller than a page stays where it is and flows on across pages (and a tall first row does not
   * pull the header to the next page), instead of starting on a page of its own.
   */
  isTallRowSplit: boolean;
};

/** With `isTallRowSplit`, how much of a tall first row has to fit below the header on the same page. */
const tallFirstRowKeep = 200;

/** The table function of one writer; rows never split across pages unless the look lets tall rows flow. */
export function tableWriter(page: TablePage, look: TableLook) {
  const { doc, left, width } = page;
  const { pad, lineGap } = look;
  const cellText = (cell: Cell): string => (typeof cell === 'string' ? cell : cell.text) || look.blank;
  const cellStyle = (cell: Cell, isHeader: boolean): void => {
    if (isHeader) page.style('bold', look.points, '#ffffff');
    else if (typeof cell === 'string') page.style('regular', look.points);
    else page.style(cell.bold ? 'bold' : 'regular', look.points, cell.color ?? pdfColor.text);
  };

  return (columns: Column[], rows: Cell[][], options: TableOptions = {}): void => {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const scale = width / total;
    const widths = columns.map((c) => c.width * scale);
    const rowHeight = (cells: Cell[], isHeader: boolean): number => {
      let h = 0;
      for (let i = 0; i < cells.length; i++) {
        cellStyle(cells[i], isHeader);
        h = Math.max(h, page.heightOf(cellText(cells[i]), widths[i] - 2 * pad));
      }
      return h + 2 * pad - lineGap;
    };
    type TableTags = ReturnType<Tags['table']>;
    let tableTags: TableTags | null = null;
    /** `isTagged`: false for a header repeated on a later page, which readers skip. */
    const drawRow = (
      cells: Cell[],
      h: number,
      isHeader: boolean,
      isShaded: boolean,
      isTagged = true,
    ): void => {
      const y = doc.y;
      if (isHeader || isShaded) {
        artifact(doc, () => {
          doc.rect(left, y, width, h);
          page.fillShape(isHeader ? pdfColor.primary : pdfColor.fill);
        });
      }
      const drawCell = (i: number, x: number) => (): void => {
        cellStyle(cells[i], isHeader);
        doc.text(cellText(cells[i]), x + pad, y + pad, {
          width: widths[i] - 2 * pad,
          lineGap,
          align: columns[i].align ?? 'left',
        });
      };
      const draws: (() => void)[] = [];
      let x = left;
      for (let i = 0; i < cells.length; i++) {
        draws.push(drawCell(i, x));
        x += widths[i];
      }
      if (tableTags && isTagged) tableTags.row(draws.map((draw) => ({ header: isHeader, draw })));
      else if (page.tags)
        artifact(doc, () => {
          for (const draw of draws) draw();
        });
      else for (const draw of draws) draw();
      artifact(doc, () =>
        drawRule(doc, { from: left, to: left + width, y: y + h, width: 0.5, color: pdfColor.rule }),
      );
      doc.y = y + h;
    };
    const header = columns.map((c) => c.title);
    const headerHeight = options.isHeaderless ? 0 : rowHeight(header, true);
    const heights = rows.map((r) => rowHeight(r, false));
    const drawHeader = (isTagged = true): void => {
      if (!options.isHeaderless) drawRow(header, headerHeight, true, false, isTagged);
    };
    const firstRow = heights[0] ?? 0;
    page.ensure(headerHeight + (look.isTallRowSplit ? Math.min(firstRow, tallFirstRowKeep) : firstRow));
    if (page.tags) {
      page.tags.endList();
      tableTags = page.tags.table();
    }
    drawHeader();
    const isShadedFirst = options.isHeaderless && look.isFirstRowShadedWithoutHeader;
    rows.forEach((row, i) => {
      const isFlowing = look.isTallRowSplit && heights[i] >= page.bottom() - page.top - headerHeight;
      if (doc.y + heights[i] > page.bottom() && !isFlowing) {
        doc.addPage();
        drawHeader(false);
      }
      drawRow(row, heights[i], false, i % 2 === (isShadedFirst ? 0 : 1));
    });
    tableTags?.end();
    doc.x = left;
    page.gap(look.after);
  };
}

/** How one kind of document writes: its type sizes, line gap, margins, table look and colour handling. */
export type PdfLook = {
  size: { body: number; small: number; tiny: number };
  lineGap: number;
  margin: PdfMargins;
  /** Space below a labelled line, a bullet or a check box. */
  itemGap: number;
  table: Omit<TableLook, 'points' | 'lineGap'>;
  /**
   * Colour operators written only when the colour changes: pdfkit writes one on every call, and in a long
   * document most calls repeat the colour already set.
   */
  isFillTracked: boolean;
};

export type Face = keyof typeof fontNames;

export type PdfWriter = ReturnType<typeof pdfWriter>;

/** Side of a check box, in points. */
const box = 8;

/** Drawing primitives over one document; they keep headings with their text and boxes with their lines. */
export function pdfWriter(doc: Doc, look: PdfLook) {
  const { size, lineGap } = look;
  const tags = taggedDocuments.has(doc) ? documentTags(doc) : null;
  const area = pageArea(doc, look.margin);
  const { left, width, ensure, gap } = area;
  /** In a tagged document, what `draw` draws is one element of the structure tree. */
  const block = (role: BlockRole, draw: () => void, options: { alt?: string } = {}): void => {
    if (tags) tags.block(role, draw, options);
    else draw();
  };
  const item = (body: () => void, label?: () => void): void => {
    if (tags) tags.item(body, label);
    else {
      label?.();
      body();
    }
  };

  let currentFill = '';
  const setFill = (fill: string): void => {
    if (!look.isFillTracked) doc.fillColor(fill);
    else if (fill !== currentFill) {
      doc.fillColor(fill);
      currentFill = fill;
    }
  };
  /** Sets the fill colour without the tracked colour's check (the content stream's state is unknown here). */
  const forceFill = (fill: string): void => {
    doc.fillColor(fill);
    if (look.isFillTracked) currentFill = fill;
  };
  const fillShape = (fill: string): void => {
    forceFill(fill);
    doc.fill();
  };
  // A new page starts a new content stream, back at the PDF default colour; switching pages back leaves
  // the tracked colour meaningless.
  const forgetFill = (): void => {
    currentFill = '';
  };
  // pdfkit restores the colour after its own page breaks inside text, not after ours (a heading styled,
  // then moved to the next page, would print black).
  doc.on('pageAdded', () => {
    const fill = currentFill;
    currentFill = '';
    if (fill !== '') setFill(fill);
  });
  const style = (face: Face, points: number, fill: string = pdfColor.text): void => {
    doc.font(fontNames[face]).fontSize(points);
    setFill(fill);
  };
  const lineHeight = (): number => doc.currentLineHeight(true) + lineGap;

  // Bullets and check boxes are drawn with each page's header and footer, all of a page's at once, where
  // they would have been drawn as they came: one by one, each switched the colours and back, and those
  // operators were a good part of every page's content stream to write and compress.
  type Marks = { bullets: [number, number][]; boxes: [number, number][]; ticks: [number, number][] };
  const newMarks = (): Marks => ({ bullets: [], boxes: [], ticks: [] });
  /** Per page, in the order pages were added. */
  const marks: Marks[] = [newMarks()];
  let isMarked = false;
  doc.on('pageAdded', () => marks.push(newMarks()));
  const currentMarks = (): Marks => {
    isMarked = true;
    return marks[marks.length - 1];
  };
  /** Draws the bullets and check boxes of the page at `index`, once it is the current page again. */
  const drawMarks = (index: number): void => {
    const page = marks[index];
    if (page === undefined || !isMarked) return;
    artifact(doc, () => drawPageMarks(page));
  };
  const drawPageMarks = (page: Marks): void => {
    if (page.bullets.length > 0) {
      // Set here whatever was set before: the marks are drawn when their page is current again.
      forceFill(pdfColor.primary);
      for (const [x, y] of page.bullets) doc.addContent(filledCircle(x + 3, y + 5.6, 1.5));
    }
    if (page.boxes.length > 0) {
      doc.lineWidth(0.7).strokeColor(pdfColor.muted);
      for (const [x, y] of page.boxes) doc.rect(x, y, box, box);
      doc.stroke();
    }
    if (page.ticks.length > 0) {
      doc.lineWidth(1.3).strokeColor(pdfColor.good);
      for (const [x, y] of page.ticks) {
        doc
          .moveTo(x + 1.6, y + box * 0.52)
          .lineTo(x + box * 0.42, y + box - 1.7)
          .lineTo(x + box - 1.2, y + 1.4);
      }
      doc.stroke();
    }
  };

  /** Height of wrapped text in the current font; one measured width answers the common single-line case. */
  const heightOf = (text: string, w: number): number => {
    if (text.indexOf('\n') < 0 && doc.widthOfString(text) <= w) return doc.currentLineHeight(true) + lineGap;
    return doc.heightOfString(text, { width: w, lineGap });
  };

  /**
   * A heading in the primary colour, moved to the next page unless `keep` points are left below it (and the
   * `after` space): no heading ends a page with nothing of its own under it.
   */
  const heading = (
    text: string,
    options: {
      points: number;
      before: number;
      after: number;
      keep: number;
      rule: boolean;
      role: HeadingRole;
    },
  ): void => {
    gap(options.before);
    style('bold', options.points, pdfColor.primary);
    ensure(heightOf(text, width) + options.after + options.keep);
    block(options.role, () => doc.text(text, left, doc.y, { width, lineGap }));
    if (options.rule) {
      artifact(doc, () =>
        drawRule(doc, { from: left, to: left + width, y: doc.y + 1, width: 0.8, color: pdfColor.primary }),
      );
    }
    gap(options.after);
  };

  /** `isLineKept`: starts on the next page unless its first line fits on this one. */
  const paragraph = (
    text: string,
    options: { indent?: number; face?: Face; fill?: string; points?: number; isLineKept?: boolean } = {},
  ): void => {
    const indent = options.indent ?? 0;
    style(options.face ?? 'regular', options.points ?? size.body, options.fill);
    if (options.isLineKept) ensure(lineHeight());
    block('P', () => doc.text(text, left + indent, doc.y, { width: width - indent, lineGap }));
    gap(3);
  };

  /** Drawn with the page's furniture (`drawMarks`). */
  const bulletAt = (x: number, y: number): void => {
    currentMarks().bullets.push([x, y]);
  };

  /** A bold lead-in and its text on one flowing paragraph, after a bullet when `bullet` is set. */
  const labelled = (
    label: string,
    text: string,
    options: { indent?: number; bullet?: boolean; separator?: string } = {},
  ): void => {
    const indent = options.indent ?? 0;
    const separator = options.separator ?? ': ';
    const bulletSpace = options.bullet === false ? 0 : 11;
    style('bold', size.body);
    // A label alone introduces the lines under it: it keeps two of them on its page.
    ensure(text === '' ? 3 * lineHeight() + 5 : lineHeight());
    const x = left + indent + bulletSpace;
    const w = width - indent - bulletSpace;
    if (bulletSpace) bulletAt(left + indent, doc.y);
    const draw = (): void => {
      if (text === '') {
        doc.text(label, x, doc.y, { width: w, lineGap });
      } else {
        doc.text(`${label}${separator}`, x, doc.y, { width: w, lineGap, continued: true });
        style('regular', size.body);
        doc.text(text, { width: w, lineGap });
      }
    };
    if (bulletSpace) item(draw);
    else block('P', draw);
    gap(look.itemGap);
  };

  const bullet = (text: string, indent = 0): void => {
    style('regular', size.body);
    ensure(lineHeight());
    bulletAt(left + indent, doc.y);
    item(() => doc.text(text, left + indent + 11, doc.y, { width: width - indent - 11, lineGap }));
    gap(look.itemGap);
  };

  /**
   * A check mark as text (☑ done, ☐ not done, or the `state` given), then the item's text and an optional note;
   * in the structure tree the mark is the list item's label.
   */
  const check = (
    text: string,
    checked: boolean,
    options: { indent?: number; note?: string; state?: string } = {},
  ): void => {
    const indent = options.indent ?? 0;
    style('regular', size.body);
    ensure(lineHeight() + 1);
    const y = doc.y;
    const x = left + indent + box + 6;
    const w = width - indent - box - 6;
    const body = (): void => {
      if (options.note) {
        doc.text(text, x, y, { width: w, lineGap, continued: true });
        style('regular', size.small, pdfColor.muted);
        doc.text(`  ${options.note}`, { width: w, lineGap });
      } else {
        doc.text(text, x, y, { width: w, lineGap });
      }
    };
    const state = options.state ?? (checked ? '☑' : '☐');
    item(
      () => {
        style('regular', size.body);
        body();
      },
      () => {
        style('regular', size.body, checked ? pdfColor.good : pdfColor.muted);
        doc.text(state, left + indent, y, { lineBreak: false });
      },
    );
    gap(look.itemGap);
  };

  const table = tableWriter(
    { ...area, doc, style, heightOf, fillShape, ...(tags ? { tags } : {}) },
    { points: size.small, lineGap, ...look.table },
  );

  /**
   * Stamps every page once all pages exist, so that "page X of Y" knows Y: first the page's bullets and check
   * boxes, then `drawPage` (header, footer, page number) as page furniture that readers skip. `page` counts
   * from 1 over this document's pages.
   */
  const stampPages = (drawPage: (page: number, pages: number) => void): void => {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      forgetFill();
      drawMarks(i);
      // Writing in the margin must not start a new page.
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      artifact(doc, () => drawPage(i - range.start + 1, range.count), 'Pagination');
      doc.page.margins.bottom = bottomMargin;
    }
  };

  /** The footer under a rule: `text` on the left (cut at `height` when given), the page label on the right. */
  const footer = (
    text: string,
    pageLabel: string,
    options: { labelWidth: number; height?: number },
  ): void => {
    const right = left + width;
    const footerTop = doc.page.height - look.margin.bottom + 16;
    drawRule(doc, { from: left, to: right, y: footerTop - 5, width: 0.5, color: pdfColor.rule });
    style('regular', size.tiny, pdfColor.muted);
    const cut = options.height === undefined ? {} : { height: options.height, ellipsis: true };
    doc.text(text, left, footerTop, { width: width - (options.labelWidth + 5), lineGap: 0.5, ...cut });
    style('bold', size.tiny, pdfColor.primary);
    doc.text(pageLabel, right - options.labelWidth, footerTop, {
      width: options.labelWidth,
      align: 'right',
      lineBreak: false,
    });
  };

  return {
    doc,
    left,
    width,
    top: area.top,
    bottom: area.bottom,
    ensure,
    gap,
    style,
    lineHeight,
    heightOf,
    tags,
    block,
    heading,
    paragraph,
    labelled,
    bullet,
    check,
    table,
    /** Closes the structure tree of a tagged document, before its pages are stamped. */
    endTags: (): void => tags?.end(),
    stampPages,
    footer,
  };
}
