// The DejaVu Sans faces embedded in generated PDFs (they cover accents, ñ, typographic quotes and dashes), and how
// pdfkit lays out, encodes and writes text in them, shared between the documents of a thread.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
// The ES module build, the one pdfkit imports itself: the font objects are the kind pdfkit expects, and a render
// thread holds one fontkit instead of also its CommonJS build (2.5 MB of heap).
import { create, type Font, type Glyph } from 'fontkit';
import { LRUCache } from 'lru-cache';
import { type RecentTexts, recentTexts } from './recent-texts.ts';

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

/** fontkit decodes a glyph's outline in this undocumented method, again on every call. */
type DecodedGlyph = Glyph & { _decode?: () => unknown };

/**
 * A parsed font that pdfkit 0.20+ accepts in `registerFont` in place of the TTF bytes.
 * Opaque on purpose: only pdfkit looks inside.
 */
export type ParsedFont = { readonly layout: unknown };

/**
 * Parsing the TTF took a good part of the time of a plan PDF when every document did it again: one parsed
 * font per process (per render thread) is shared instead.
 */
function shared(bytes: Buffer): ParsedFont {
  const font = create(bytes) as Font;
  // Subsetting decodes every glyph it copies, in every document, only to find composite glyphs' parts.
  // The outline never changes and fontkit only reads it, so each glyph is decoded once per process.
  const decodedGlyphs = new WeakSet<DecodedGlyph>();
  const getGlyph = (id: number, codePoints?: number[]): DecodedGlyph => {
    const glyph: DecodedGlyph = font.getGlyph(id, codePoints);
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
  // Everything else (tables, glyph cache, layout, subsetting) comes from the one parsed font through the
  // prototype chain.
  return Object.create(font, { getGlyph: { value: getGlyph } }) as ParsedFont;
}

let parsed: Readonly<Record<FontFace, ParsedFont>> | null = null;

/** The three faces parsed once per process (per worker thread), for `doc.registerFont(name, font)`. */
export function dejaVuSansFonts(): Readonly<Record<FontFace, ParsedFont>> {
  if (parsed === null) {
    const bytes = dejaVuSans();
    parsed = Object.freeze({
      regular: shared(bytes.regular),
      bold: shared(bytes.bold),
      oblique: shared(bytes.oblique),
    });
  }
  return parsed;
}

/**
 * Laid-out words kept per face. A plan's template words, headings and common prose fit many times over;
 * names, numbers and dates, which rarely come back, are the ones that drop out.
 */
export const wordLayoutsPerFace = 5000;

/** What pdfkit reads of a laid-out word; its positions are scaled to the font's units, never to a document. */
export type WordLayout = {
  glyphs: unknown[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
};
export type LayoutCache = Record<string, WordLayout>;

/**
 * A bounded cache that pdfkit reads and writes as the plain object it made itself. A word is kept as only
 * what pdfkit reads, about half the memory of fontkit's glyph run, with its width summed once.
 */
export function wordLayoutCache(max: number): LayoutCache {
  const words = new LRUCache<string, WordLayout>({ max });
  return new Proxy(Object.create(null) as LayoutCache, {
    get: (_, word) => (typeof word === 'string' ? words.get(word) : undefined),
    set: (_, word, run: WordLayout) => {
      if (typeof word !== 'string') return true;
      words.set(word, {
        glyphs: run.glyphs,
        positions: run.positions.map((p) => ({
          xAdvance: p.xAdvance,
          yAdvance: p.yAdvance,
          xOffset: p.xOffset,
          yOffset: p.yOffset,
          advanceWidth: p.advanceWidth,
        })),
        advanceWidth: run.advanceWidth,
      });
      return true;
    },
  });
}

const layoutCaches: Partial<Record<FontFace, LayoutCache>> = {};

/** The parts of pdfkit's embedded font (undocumented) that the shared layouts go through. */
type EmbeddedFontInternals = {
  layoutCache?: unknown;
  layoutCached?: (word: string) => WordLayout;
  layout?: (text: string, features?: unknown, onlyWidth?: boolean) => unknown;
  encode?: (text: string, features?: unknown) => unknown;
  subset?: { includeGlyph(id: number): number; glyphs?: number[] };
  widths?: (number | undefined)[];
  unicode?: (number[] | undefined)[];
  scale?: number;
  /** This module's: the line's TJ operator, or null where pdfkit has to write it (`documentLayout`). */
  showText?: (text: string) => string | null;
};

/** Texts measured per face (the widths of whole texts, in the font's units), in each of two generations. */
const textWidthsPerGeneration = 4000;
const textWidths: Partial<Record<FontFace, RecentTexts<number>>> = {};

/** Calls `piece` with every piece of `text` pdfkit lays out on its own: up to and with each space or tab. */
function eachPiece(text: string, piece: (text: string) => void): void {
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9) {
      piece(text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) piece(text.slice(last));
}

/** A glyph as pdfkit's `encode` reads it. */
type EncodedGlyph = { id: number; advanceWidth: number; codePoints: number[] };

/** A glyph's index in the document's subset as four hex digits, as pdfkit writes it in a TJ string. */
const hex4 = (id: number): string => id.toString(16).padStart(4, '0');

/**
 * pdfkit's `layout` and `encode` for text without OpenType features, with the same results: pdfkit lays a text
 * out piece by piece (cut after every space and tab) through `layoutCached`, the shared cache, and joins the
 * pieces with `concat`, which copies the line again for every word. Here the pieces are appended, and a document
 * remembers what it already looked up (its own vocabulary, dropped with the document): the layouts, so a word
 * measured while wrapping and laid out again when drawn goes through the shared cache once; and each piece's
 * glyphs as the hex of their places in the document's subset, which pdfkit worked out glyph by glyph on every line
 * drawn. A piece's glyphs are added to the subset the first time it is drawn, in the order pdfkit adds them, so the
 * subset and every glyph's place in it are the same. The widths of whole texts, which line wrapping and tables ask
 * for again and again, are in the font's units and kept for all the thread's documents (`textWidths`).
 */
function documentLayout(
  font: EmbeddedFontInternals,
  original: {
    layoutCached: NonNullable<EmbeddedFontInternals['layoutCached']>;
    layout: NonNullable<EmbeddedFontInternals['layout']>;
    encode?: EmbeddedFontInternals['encode'];
  },
  face?: FontFace,
) {
  const laidOut = new Map<string, WordLayout>();
  // Widths are in the font's units, the same in every document: a face's are shared by the thread's documents.
  if (face !== undefined) textWidths[face] ??= recentTexts(textWidthsPerGeneration);
  const widths: RecentTexts<number> | Map<string, number> =
    face === undefined ? new Map() : (textWidths[face] as RecentTexts<number>);
  const word = (text: string): WordLayout => {
    let run = laidOut.get(text);
    if (run === undefined) {
      run = original.layoutCached.call(font, text);
      laidOut.set(text, run);
    }
    return run;
  };
  const layout = (text: string, features?: unknown, onlyWidth?: boolean): unknown => {
    if (features || typeof text !== 'string') return original.layout.call(font, text, features, onlyWidth);
    let advanceWidth = 0;
    if (onlyWidth) {
      const known = widths.get(text);
      if (known !== undefined) return { glyphs: null, positions: null, advanceWidth: known };
      eachPiece(text, (piece) => {
        advanceWidth += word(piece).advanceWidth;
      });
      widths.set(text, advanceWidth);
      return { glyphs: null, positions: null, advanceWidth };
    }
    const glyphs: unknown[] = [];
    const positions: WordLayout['positions'] = [];
    eachPiece(text, (piece) => {
      const run = word(piece);
      for (let i = 0; i < run.glyphs.length; i++) glyphs.push(run.glyphs[i]);
      for (let i = 0; i < run.positions.length; i++) positions.push(run.positions[i]);
      advanceWidth += run.advanceWidth;
    });
    return { glyphs, positions, advanceWidth };
  };

  const { subset, widths: glyphWidths, unicode, scale } = font;
  if (!original.encode || !subset || !glyphWidths || !unicode || scale === undefined) return { layout };
  const originalEncode = original.encode;
  const encoded = new Map<string, string[]>();
  const encodePiece = (piece: string, run: WordLayout): string[] => {
    let hex = encoded.get(piece);
    if (hex === undefined) {
      hex = (run.glyphs as EncodedGlyph[]).map((glyph) => {
        const id = subset.includeGlyph(glyph.id);
        glyphWidths[id] ??= glyph.advanceWidth * scale;
        unicode[id] ??= glyph.codePoints;
        return hex4(id);
      });
      encoded.set(piece, hex);
    }
    return hex;
  };
  const encode = (text: string, features?: unknown): unknown => {
    if (features || typeof text !== 'string') return originalEncode.call(font, text, features);
    const hexes: string[] = [];
    const positions: WordLayout['positions'] = [];
    eachPiece(text, (piece) => {
      const run = word(piece);
      const hex = encodePiece(piece, run);
      for (let i = 0; i < hex.length; i++) hexes.push(hex[i]);
      for (let i = 0; i < run.positions.length; i++) positions.push(run.positions[i]);
    });
    return [hexes, positions];
  };

  // A piece as it reads inside a TJ array: its glyphs' hex, closed and reopened after each kerned glyph with the
  // adjustment between (`> -21.972656 <`); null when a glyph is moved off the line, which only pdfkit draws.
  const shown = new Map<string, string | null>();
  // Where the subset starts with the face's common glyphs (`shareFontSubsets`), those glyphs have the same places
  // in every document: a piece made of them reads the same in all, and is taken from the thread's pieces.
  const common = face === undefined ? undefined : shownCommonPieces(face);
  let isStartingAlike: boolean | undefined;
  const startsAlike = (): boolean => {
    isStartingAlike ??= common !== undefined && subsetStartsAlike(face as FontFace, subset.glyphs);
    return isStartingAlike;
  };
  const showPiece = (piece: string): string | null => {
    let tj = shown.get(piece);
    if (tj !== undefined) return tj;
    if (common !== undefined && startsAlike()) {
      tj = common.pieces.get(piece);
      if (tj !== undefined) {
        shown.set(piece, tj);
        return tj;
      }
    }
    const run = word(piece);
    const hex = encodePiece(piece, run);
    let isCommon = true;
    tj = '';
    for (let i = 0; i < hex.length; i++) {
      const { xAdvance, advanceWidth, xOffset, yOffset } = run.positions[i];
      if (xOffset || yOffset) {
        tj = null;
        break;
      }
      tj += hex[i];
      if (isCommon && Number.parseInt(hex[i], 16) > (common?.glyphs ?? 0)) isCommon = false;
      const kerning = xAdvance - advanceWidth;
      if (kerning !== 0) tj += `> ${pdfNumber(-kerning)} <`;
    }
    shown.set(piece, tj);
    if (tj !== null && isCommon && common !== undefined && startsAlike()) common.pieces.set(piece, tj);
    return tj;
  };
  /**
   * The TJ operator pdfkit writes for a line (its `_fragment`): the glyphs in one hex string, cut after every
   * kerned glyph, and a closing adjustment of 0 unless the last glyph was kerned; null when only pdfkit can draw it.
   */
  const showText = (text: string): string | null => {
    let tj = '[<';
    let last = 0;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 32;
      if (code !== 32 && code !== 9) continue;
      const end = i < text.length ? i + 1 : i;
      if (end === last) break;
      const piece = showPiece(text.slice(last, end));
      if (piece === null) return null;
      tj += piece;
      last = end;
    }
    if (tj === '[<') return null;
    return tj.endsWith(' <') ? `${tj.slice(0, -2)}] TJ` : `${tj}> 0] TJ`;
  };
  return { layout, encode, showText };
}

/** A number as pdfkit writes it in content streams: rounded to six decimals. */
const pdfNumber = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * Shaping words (GSUB/GPOS) and measuring them took most of a plan PDF's time, and pdfkit gives every
 * document its own cache of laid-out words, so each document shaped its whole vocabulary again. The
 * layouts are scaled to the font's units only, never to a document, and pdfkit only reads them: one cache
 * per face serves every document of the thread, the most recently used words kept, so its memory stays
 * the same however many documents follow. pdfkit does not document that cache, so when a version lacks it
 * this does nothing; `layout` is replaced only where pdfkit has the `layoutCached` it builds on.
 */
export function shareWordLayouts(
  doc: PDFKit.PDFDocument,
  fontNames: Readonly<Record<FontFace, string>>,
): void {
  for (const face of ['oblique', 'bold', 'regular'] as const) {
    doc.font(fontNames[face]);
    const embedded = (doc as unknown as { _font?: EmbeddedFontInternals })._font;
    if (embedded === undefined || typeof embedded.layoutCache !== 'object' || embedded.layoutCache === null)
      continue;
    layoutCaches[face] ??= wordLayoutCache(wordLayoutsPerFace);
    embedded.layoutCache = layoutCaches[face];
    const { layout, layoutCached, encode } = embedded;
    if (typeof layout === 'function' && typeof layoutCached === 'function') {
      const replaced = documentLayout(
        embedded,
        {
          layoutCached,
          layout,
          ...(typeof encode === 'function' ? { encode } : {}),
        },
        face,
      );
      embedded.layout = replaced.layout;
      if (replaced.encode) embedded.encode = replaced.encode;
      if (replaced.showText) embedded.showText = replaced.showText;
    }
  }
}

/**
 * The characters of ordinary English and Spanish text, and the ligatures fontkit sets for them: every document's
 * subset of the regular and bold faces starts with their glyphs in this order, so that most documents' subsets
 * hold the same glyphs in the same order and are encoded and compressed once per thread (`shareFontSubsets`).
 */
const commonText = [
  ...' !"#$%&\'()*+,-./0123456789:;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz|',
  ...'\u00a0¡«·»¿ÁÉÍÑÓÚÜáéíñóúü–—‘’“”…€☐☑',
  'ff',
  'fi',
  'fl',
  'ffi',
  'ffl',
];

/** Faces whose subsets start alike; the oblique face prints a few names and notes, so its subset stays small. */
const facesStartingAlike: readonly FontFace[] = ['regular', 'bold'];

/** Encoded subsets per face, by their glyphs: a plan's few variants (a rare letter, a composite glyph). */
const subsetsPerFace = 16;

type SubsetGlyph = { id: number; advanceWidth: number; codePoints: number[] };

/** What of pdfkit's embedded font (undocumented) the shared subsets go through. */
type EmbeddedSubsetInternals = {
  font?: { layout(text: string): { glyphs: SubsetGlyph[] } };
  scale?: number;
  widths?: (number | undefined)[];
  unicode?: (number[] | undefined)[];
  subset?: { glyphs: number[]; includeGlyph(id: number): number; encode(): Uint8Array };
};

const commonGlyphs: Partial<Record<FontFace, SubsetGlyph[]>> = {};
const encodedSubsets: Partial<Record<FontFace, LRUCache<string, Uint8Array>>> = {};

/** Per face starting alike: pieces of text made of its common glyphs only, as they read in a TJ array. */
const commonPieces: Partial<Record<FontFace, { glyphs: number; pieces: LRUCache<string, string> }>> = {};

/** The face's pieces shown alike in every document, once its common glyphs are known; else undefined. */
function shownCommonPieces(face: FontFace): { glyphs: number; pieces: LRUCache<string, string> } | undefined {
  if (!facesStartingAlike.includes(face)) return undefined;
  commonPieces[face] ??= { glyphs: 0, pieces: new LRUCache<string, string>({ max: wordLayoutsPerFace }) };
  return commonPieces[face];
}

/** Whether a document's subset of the face starts with the face's common glyphs, in their order. */
function subsetStartsAlike(face: FontFace, glyphs: number[] | undefined): boolean {
  const common = commonGlyphs[face];
  const pieces = commonPieces[face];
  if (common === undefined || pieces === undefined || glyphs === undefined || glyphs.length <= common.length)
    return false;
  for (let i = 0; i < common.length; i++) if (glyphs[i + 1] !== common[i].id) return false;
  pieces.glyphs = common.length;
  return true;
}

/**
 * Embedding a subset (fontkit copying the glyphs' outlines into a new font file, then deflating it) took a tenth of
 * a plan PDF's time, for subsets that differed mostly in the order their glyphs were first printed. The regular and
 * bold faces' subsets start with the glyphs of `commonText`, with their widths and text as pdfkit records them, so
 * that the font file is the same for most documents: it is encoded and deflated once (`onceDeflated`) and reused
 * while it is among the face's last `subsetsPerFace`. Unused glyphs cost a few kilobytes; text and layout are the
 * same. Does nothing when pdfkit's embedded font lacks what this relies on.
 */
export function shareFontSubsets(
  doc: PDFKit.PDFDocument,
  fontNames: Readonly<Record<FontFace, string>>,
  onceDeflated: (bytes: Uint8Array) => Uint8Array,
): void {
  for (const face of facesStartingAlike) {
    doc.font(fontNames[face]);
    const embedded = (doc as unknown as { _font?: EmbeddedSubsetInternals })._font;
    const { font, scale, widths, unicode, subset } = embedded ?? {};
    if (font === undefined || scale === undefined || !widths || !unicode || !subset) continue;
    if (subset.glyphs.length !== 1) continue; // something was printed already: its order is set
    commonGlyphs[face] ??= commonText.flatMap((text) => {
      const { glyphs } = font.layout(text);
      return glyphs.length === 1 && glyphs[0].id !== 0 ? [glyphs[0]] : [];
    });
    for (const glyph of commonGlyphs[face]) {
      const id = subset.includeGlyph(glyph.id);
      widths[id] ??= glyph.advanceWidth * scale;
      unicode[id] ??= glyph.codePoints;
    }
    encodedSubsets[face] ??= new LRUCache<string, Uint8Array>({ max: subsetsPerFace });
    const subsets = encodedSubsets[face];
    const encode = subset.encode.bind(subset);
    subset.encode = (): Uint8Array => {
      const key = subset.glyphs.join(',');
      let bytes = subsets.get(key);
      if (bytes === undefined) {
        bytes = onceDeflated(encode());
        subsets.set(key, bytes);
      }
      return bytes;
    };
  }
}

/** What of pdfkit's document (undocumented) `writeTextLines` reads and replaces. */
type TextInternals = {
  _fragment?: (text: string, x: number, y: number, options: FragmentOptions) => void;
  _font?: EmbeddedFontInternals & { id: string; ascender: number; ref(): unknown };
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(data: string): unknown;
};

/** The text options pdfkit passes on to each line it draws. */
type FragmentOptions = {
  width?: number;
  align?: string;
  lineWidth?: number;
  textWidth?: number;
  baseline?: unknown;
  features?: unknown;
  wordSpacing?: number;
  characterSpacing?: number;
  horizontalScaling?: number;
  link?: unknown;
  goTo?: unknown;
  destination?: unknown;
  underline?: unknown;
  strike?: unknown;
  oblique?: unknown;
  stroke?: unknown;
};

/**
 * pdfkit draws each line of text (`_fragment`) in about ten steps: it saves the graphics state, flips the page's
 * coordinates, opens a text object, places and sizes it, encodes the line glyph by glyph into an array of hex
 * strings and an array of positions, cuts that into segments at every kerned glyph, and writes each operator as a
 * line of its own. Here a line Mejora draws (left, right or centre aligned, plain fill, default baseline, no
 * spacing, links or decorations) is written as one piece, from each word's TJ text remembered by the document:
 * the same operators, numbers and bytes. Any other line, and every line when pdfkit lacks what this relies on,
 * is left to pdfkit.
 */
export function writeTextLines(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as TextInternals;
  const original = internals._fragment;
  if (typeof original !== 'function') return;
  internals._fragment = function fragment(this: TextInternals, text, x, y, options) {
    const font = this._font;
    const isPlain =
      font?.showText !== undefined &&
      typeof text === 'string' &&
      options.baseline === undefined &&
      !options.features &&
      !options.wordSpacing &&
      !options.characterSpacing &&
      (options.horizontalScaling ?? 100) === 100 &&
      options.link == null &&
      options.goTo == null &&
      options.destination == null &&
      !options.underline &&
      !options.strike &&
      !options.oblique &&
      !options.stroke &&
      (options.align === undefined ||
        options.align === 'left' ||
        options.align === 'right' ||
        options.align === 'center');
    if (!isPlain || font?.showText === undefined) {
      original.call(this, text, x, y, options);
      return;
    }
    const line = text.indexOf('\n') < 0 ? text : text.replace(/\n/g, '');
    if (line.length === 0) return;
    const tj = font.showText(line);
    if (tj === null) {
      original.call(this, text, x, y, options);
      return;
    }
    const size = this._fontSize;
    let left = x;
    if (options.width && options.align === 'right') {
      left += (options.lineWidth ?? 0) - doc.widthOfString(line.replace(/\s+$/, ''));
    } else if (options.width && options.align === 'center') {
      left += (options.lineWidth ?? 0) / 2 - (options.textWidth ?? 0) / 2;
    }
    const height = this.page.height;
    const baseline = height - y - (font.ascender / 1000) * size;
    if (this.page.fonts[font.id] == null) this.page.fonts[font.id] = font.ref();
    this.addContent(
      `q\n1 0 0 -1 0 ${pdfNumber(height)} cm\nBT\n1 0 0 1 ${pdfNumber(left)} ${pdfNumber(baseline)} Tm\n/${font.id} ${pdfNumber(size)} Tf\n${tj}\nET\nQ`,
    );
  };
}
