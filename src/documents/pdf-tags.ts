// The structure tree of a tagged Mejora PDF: what a screen reader reads and in what order. Headings, paragraphs,
// lists and tables go under one Document element as they are drawn; running headers, footers, page numbers,
// rules, shading, bullets and the draft watermark are artifacts, which readers skip.

type Doc = PDFKit.PDFDocument;

/** Documents opened with `tagged: true`; artifacts are marked only in these. */
export const taggedDocuments = new WeakSet<Doc>();
type Element = PDFKit.PDFStructureElement;

export type HeadingRole = 'H1' | 'H2' | 'H3' | 'H4';
export type BlockRole = HeadingRole | 'P' | 'Figure' | 'Caption';

export type Tags = ReturnType<typeof documentTags>;

/**
 * Tags for one document opened with `tagged: true`. Consecutive list items share one list (L); any other block
 * ends it. `end()` closes the tree before `doc.end()`.
 */
export function documentTags(doc: Doc) {
  const root = doc.struct('Document');
  doc.addStructure(root);
  let list: Element | null = null;
  const endList = (): void => {
    if (list) {
      list.end();
      list = null;
    }
  };
  return {
    /** A heading, paragraph or figure, its drawing done inside `draw`. */
    block: (role: BlockRole, draw: () => void, options: { alt?: string } = {}): void => {
      endList();
      root.add(doc.struct(role, options, draw));
    },
    /** One item of the current list; `label` (a mark such as "☑") is read before the item's body. */
    item: (body: () => void, label?: () => void): void => {
      if (!list) {
        list = doc.struct('L');
        root.add(list);
      }
      const children = label
        ? [doc.struct('Lbl', {}, label), doc.struct('LBody', {}, body)]
        : [doc.struct('LBody', {}, body)];
      list.add(doc.struct('LI', {}, children));
    },
    /** A table: rows are added to it as they are drawn (`row`), then it is ended. */
    table: (): { row: (cells: { header: boolean; draw: () => void }[]) => void; end: () => void } => {
      endList();
      const table = doc.struct('Table');
      root.add(table);
      return {
        row: (cells) => {
          const row = doc.struct('TR');
          table.add(row);
          for (const cell of cells) row.add(doc.struct(cell.header ? 'TH' : 'TD', {}, cell.draw));
          row.end();
        },
        end: () => table.end(),
      };
    },
    endList,
    end: (): void => {
      endList();
      root.end();
    },
  };
}

/** Draws something readers skip: page furniture ('Pagination'), rules and shading ('Layout'). */
export function artifact(
  doc: Doc,
  draw: () => void,
  type: 'Pagination' | 'Layout' | 'Page' = 'Layout',
): void {
  if (!taggedDocuments.has(doc)) {
    draw();
    return;
  }
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}
