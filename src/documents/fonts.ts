// The DejaVu Sans faces embedded in generated PDFs: they cover accents, ñ, typographic quotes and dashes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type FontFace = 'regular' | 'bold' | 'oblique';

const files: Record<FontFace, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  oblique: 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
};

const require = createRequire(import.meta.url);

let buffers: Readonly<Record<FontFace, Buffer>> | null = null;

/** The three faces as TTF bytes, read from disk on first use and shared by every document afterwards. */
export function dejaVuSans(): Readonly<Record<FontFace, Buffer>> {
  if (buffers === null) {
    const read = (face: FontFace): Buffer => readFileSync(require.resolve(files[face]));
    buffers = Object.freeze({ regular: read('regular'), bold: read('bold'), oblique: read('oblique') });
  }
  return buffers;
}

/** The part of a fontkit glyph run that pdfkit reads; pdfkit scales `positions` in place. */
type GlyphRun = {
  glyphs: unknown[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
};
type FontkitGlyph = { _decode?: () => unknown };
type FontkitFont = {
  layout(text: string, features?: unknown): GlyphRun;
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph;
};
type Fontkit = { create(buffer: Uint8Array): FontkitFont };

/**
 * A parsed font that pdfkit 0.20+ accepts in `registerFont` in place of the TTF bytes.
 * Opaque on purpose: only pdfkit looks inside.
 */
export type ParsedFont = { readonly layout: FontkitFont['layout'] };

/** Shaping results kept across documents; past this many words the cache starts again, bounding memory. */
const maxCachedRuns = 20_000;

/**
 * Parsing the TTF and shaping words (GSUB/GPOS) took two thirds of the time of a plan PDF when every
 * document did it again. One parsed font per process is shared instead, and each word is shaped once:
 * later calls get a copy of the cached run, because pdfkit scales the positions of the run it receives.
 */
function shared(fontkit: Fontkit, bytes: Buffer): ParsedFont {
  const font = fontkit.create(bytes);
  let runs = new Map<string, GlyphRun>();
  const layout = (text: string, features?: unknown): GlyphRun => {
    if (features !== undefined) return font.layout(text, features);
    let run = runs.get(text);
    if (run === undefined) {
      if (runs.size >= maxCachedRuns) runs = new Map();
      run = font.layout(text);
      runs.set(text, run);
    }
    // Same prototype as fontkit's GlyphRun, so its getters (advanceWidth, …) keep working on the copy.
    const copy: GlyphRun = Object.assign(Object.create(Object.getPrototypeOf(run)), run);
    copy.positions = run.positions.map((p) => ({
      xAdvance: p.xAdvance,
      yAdvance: p.yAdvance,
      xOffset: p.xOffset,
      yOffset: p.yOffset,
    }));
    return copy;
  };
  // Subsetting decodes every glyph it copies, in every document, only to find composite glyphs' parts.
  // The outline never changes and fontkit only reads it, so each glyph is decoded once per process.
  const decodedGlyphs = new WeakSet<FontkitGlyph>();
  const getGlyph = (id: number, codePoints?: number[]): FontkitGlyph => {
    const glyph = font.getGlyph(id, codePoints);
    const decode = glyph._decode;
    if (typeof decode !== 'function' || decodedGlyphs.has(glyph)) return glyph;
    let decoded: unknown;
    let isDecoded = false;
    glyph._decode = () => {
      if (!isDecoded) {
        decoded = decode.call(glyph);
        isDecoded = true;
      }
      return decoded;
    };
    decodedGlyphs.add(glyph);
    return glyph;
  };
  // Everything else (tables, glyph cache, subsetting) comes from the one parsed font through the prototype chain.
  return Object.create(font, { layout: { value: layout }, getGlyph: { value: getGlyph } }) as ParsedFont;
}

let parsed: Readonly<Record<FontFace, ParsedFont>> | null = null;

/** The three faces parsed once per process (per worker thread), for `doc.registerFont(name, font)`. */
export function dejaVuSansFonts(): Readonly<Record<FontFace, ParsedFont>> {
  if (parsed === null) {
    // The fontkit that pdfkit itself depends on, so the font objects are the kind pdfkit expects.
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as Fontkit;
    const bytes = dejaVuSans();
    parsed = Object.freeze({
      regular: shared(fontkit, bytes.regular),
      bold: shared(fontkit, bytes.bold),
      oblique: shared(fontkit, bytes.oblique),
    });
  }
  return parsed;
}

type LayoutCache = Record<string, unknown>;

/** How many documents share one set of word caches before they start afresh, bounding their memory. */
const documentsPerCache = 250;
let layoutCaches: Partial<Record<FontFace, LayoutCache>> = {};
let documentsOnCaches = 0;

/**
 * pdfkit gives every document its own cache of laid-out words, so each document measures its whole
 * vocabulary again (about an eighth of a plan PDF's time). The runs are scaled to the font's units only,
 * never to a document, and pdfkit only reads them: one cache per face serves every document.
 * pdfkit does not document that cache, so when a version lacks it this does nothing.
 */
export function shareWordLayouts(
  doc: PDFKit.PDFDocument,
  fontNames: Readonly<Record<FontFace, string>>,
): void {
  documentsOnCaches += 1;
  if (documentsOnCaches > documentsPerCache) {
    layoutCaches = {};
    documentsOnCaches = 1;
  }
  for (const face of ['oblique', 'bold', 'regular'] as const) {
    doc.font(fontNames[face]);
    const embedded = (doc as unknown as { _font?: { layoutCache?: unknown } })._font;
    const own = embedded?.layoutCache;
    if (embedded === undefined || typeof own !== 'object' || own === null) continue;
    const shared = layoutCaches[face];
    if (shared === undefined) layoutCaches[face] = own as LayoutCache;
    else embedded.layoutCache = shared;
  }
}
