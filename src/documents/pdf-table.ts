// Tables in the generated PDFs: a header row repeated on every page the table reaches, striped rows and a rule
// under each row. The plan PDF and the report pages (weekly progress report, dossier appendix) draw with it.
import { drawRule, type PageArea, pdfColor } from './pdf-document.ts';
import { artifact, type Tags } from './pdf-tags.ts';

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
