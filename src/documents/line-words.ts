// The words pdfkit wraps a text into lines by, and their widths, kept per face and size for every document of a
// thread: a plan prints the same headings, labels and template prose as the plans before it, and measures most
// table cells once for the row's height and again when it draws them.
import * as pdfkit from 'pdfkit';
import { type RecentTexts, recentTexts } from './recent-texts.ts';

/** Where pdfkit's line breaker allows (or requires, at a newline) a line to end. */
type BreakPoint = { position: number; required: boolean };

type EachWordCallback = (
  word: string,
  width: number,
  breakAt: BreakPoint,
  last: BreakPoint | null,
) => unknown;

/** What of pdfkit's line wrapper (undocumented, not exported) the shared words go through. */
type LineWrapperInternals = {
  document: { _font?: { font?: object } | null; _fontSize: number };
  lineWidth: number;
  continuedX: number;
  indent: number;
  characterSpacing: number;
  wordSpacing: number;
  horizontalScaling: number;
  features?: unknown;
  eachWord(text: string, fn: EachWordCallback): void;
};

/** A text cut where pdfkit's line breaker cuts it, each piece with its width at one size of one face. */
export type TextWords = {
  words: string[];
  widths: number[];
  breaks: BreakPoint[];
  /** The widest piece: a text whose widest piece fits the line is never split inside a word. */
  widest: number;
};

/** Texts kept per face and size, in each of the two generations of `recentTexts`. */
export const textsPerGeneration = 4000;

/**
 * Per parsed font (pdfkit's embedded font shares it between documents) and size, by text: the text itself is the
 * key, as the plan holds it, so that its hash is computed once and not for a new key string on every lookup.
 */
const wordsByFont = new WeakMap<object, Map<number, RecentTexts<TextWords>>>();

/** Whether the wrapper measures words as plain text: no spacing, scaling or OpenType features. */
const isPlain = (wrapper: LineWrapperInternals): boolean =>
  wrapper.characterSpacing === 0 &&
  wrapper.wordSpacing === 0 &&
  wrapper.horizontalScaling === 100 &&
  !wrapper.features;

/**
 * pdfkit's `eachWord` finds where a text may break (Unicode line breaking, character by character) and measures each
 * piece, on every text it wraps or measures. Its results depend only on the text and the font and size it is set in,
 * so each text's pieces and widths are kept (`wordsByFont`) and handed to the wrapper as pdfkit would have, in order.
 * A piece wider than the line, which pdfkit splits by the room left on it, and text with spacing or features go to
 * pdfkit's own `eachWord` every time.
 */
function sharedEachWord(original: LineWrapperInternals['eachWord']): LineWrapperInternals['eachWord'] {
  return function eachWord(this: LineWrapperInternals, text, fn) {
    const font = this.document._font?.font;
    if (font === undefined || !isPlain(this)) {
      original.call(this, text, fn);
      return;
    }
    let sizes = wordsByFont.get(font);
    if (sizes === undefined) {
      sizes = new Map();
      wordsByFont.set(font, sizes);
    }
    const size = this.document._fontSize;
    let texts = sizes.get(size);
    if (texts === undefined) {
      texts = recentTexts(textsPerGeneration);
      sizes.set(size, texts);
    }
    const known = texts.get(text);
    // With no indent, the room a first line starts with (`lineWidth` plus any continued text's width) is never
    // less than `lineWidth`: pieces no wider than that are never split.
    if (known !== undefined && this.indent === 0 && known.widest <= this.lineWidth) {
      let last: BreakPoint | null = null;
      for (let i = 0; i < known.words.length; i++) {
        if (fn(known.words[i], known.widths[i], known.breaks[i], last) === false) return;
        last = known.breaks[i];
      }
      return;
    }
    if (known !== undefined) {
      original.call(this, text, fn);
      return;
    }
    const seen: TextWords = { words: [], widths: [], breaks: [], widest: 0 };
    let isWhole = true;
    original.call(this, text, (word, width, breakAt, last) => {
      seen.words.push(word);
      seen.widths.push(width);
      seen.breaks.push(breakAt);
      if (width > seen.widest) seen.widest = width;
      const next = fn(word, width, breakAt, last);
      if (next === false) isWhole = false;
      return next;
    });
    // Kept only as pdfkit's breaker cut it: every piece ending at a break of the text, none split to fit a line.
    let end = 0;
    for (let i = 0; isWhole && i < seen.words.length; i++) {
      end += seen.words[i].length;
      if (seen.breaks[i].position !== end) isWhole = false;
    }
    if (isWhole && end === text.length) texts.set(text, seen);
  };
}

let isShared = false;

/** Shares line breaking between the documents of the thread (`sharedEachWord`), from the first call on. */
export function shareLineWords(): void {
  if (isShared) return;
  isShared = true;
  // pdfkit exports its line wrapper, which its types leave out.
  const { LineWrapper } = pdfkit as unknown as { LineWrapper?: { prototype: Partial<LineWrapperInternals> } };
  const prototype = LineWrapper?.prototype;
  if (prototype === undefined || typeof prototype.eachWord !== 'function') return;
  prototype.eachWord = sharedEachWord(prototype.eachWord);
}
