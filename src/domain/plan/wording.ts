// The wording check: rule-based word lists (versioned data files an organisation may extend) that flag wording a
// reviewer would challenge, each hit explained and paired with a neutral suggestion. No model: every hit can be
// traced to a listed term.
import type { Locale } from '../template/template.ts';
import contradictionsEn from './wording/contradictions.en.json' with { type: 'json' };
import contradictionsEs from './wording/contradictions.es.json' with { type: 'json' };
import en from './wording/en.json' with { type: 'json' };
import es from './wording/es.json' with { type: 'json' };

export const wordingCategories = [
  'vague_judgment',
  'personal_trait',
  'protected_characteristic',
  'absolute',
] as const;
export type WordingCategory = (typeof wordingCategories)[number];

export type WordingList = {
  version: number;
  locale: Locale;
  categories: Record<WordingCategory, { explanation: string; suggestion: string }>;
  terms: Record<WordingCategory, string[]>;
};

/** A term an organisation adds to the shipped lists, optionally with its own suggestion. */
export type ExtraTerm = { category: WordingCategory; term: string; suggestion?: string | undefined };

/** A text to check and where it sits in the plan (a path such as `focusAreas/<id>/issue`). */
export type WordingText = { path: string; text: string };

export type WordingHit = {
  category: WordingCategory;
  /** The listed term, as listed. */
  term: string;
  /** The words as the author typed them. */
  excerpt: string;
  path: string;
  explanation: string;
  suggestion: string;
};

export const wordingLists: Record<Locale, WordingList> = {
  en: en as WordingList,
  es: es as WordingList,
};

/** Pairs of demands that cannot both be asked of one person in one plan ("work independently" and "check every decision with your manager"). */
export type ContradictionList = {
  version: number;
  locale: Locale;
  explanation: string;
  suggestion: string;
  pairs: [string, string][];
};

export const contradictionLists: Record<Locale, ContradictionList> = {
  en: contradictionsEn as ContradictionList,
  es: contradictionsEs as ContradictionList,
};

/** A pair of contradictory demands an organisation adds to the shipped lists, optionally with its own suggestion. */
export type ExtraPair = { first: string; second: string; suggestion?: string | undefined };

/** One side of a contradiction as found: the listed phrase, the words as typed and where they are. */
export type ContradictionSide = { phrase: string; excerpt: string; path: string };

export type ContradictionHit = {
  first: ContradictionSide;
  second: ContradictionSide;
  explanation: string;
  suggestion: string;
};

/** The lists' versions, e.g. "en@1,es@1": recorded with a check so a hit can be traced to the list that made it. */
export const wordingVersion = (): string =>
  Object.values(wordingLists)
    .map((l) => `${l.locale}@${l.version}`)
    .join(',');

/** The contradiction lists' versions, e.g. "en@1,es@1". */
export const contradictionVersion = (): string =>
  Object.values(contradictionLists)
    .map((l) => `${l.locale}@${l.version}`)
    .join(',');

/** Lower-cased, accents removed: "Jamás" and "jamas" are one word. */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

type Token = { folded: string; start: number; end: number };

/** Words (letters and digits) with their place in the original text, so an excerpt shows what was typed. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    out.push({ folded: fold(m[0]).replace(/['’]/g, "'"), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

type Rule = { category: WordingCategory; term: string; words: string[]; suggestion?: string | undefined };

function rulesOf(extra: readonly ExtraTerm[]): Rule[] {
  const rules: Rule[] = [];
  const seen = new Set<string>();
  const add = (category: WordingCategory, term: string, suggestion?: string) => {
    const words = tokens(term).map((t) => t.folded);
    const key = `${category}:${words.join(' ')}`;
    if (words.length === 0 || seen.has(key)) return;
    seen.add(key);
    rules.push({ category, term, words, suggestion });
  };
  for (const list of Object.values(wordingLists)) {
    for (const category of wordingCategories) for (const term of list.terms[category]) add(category, term);
  }
  for (const e of extra) add(e.category, e.term, e.suggestion);
  // Longer phrases first, so "not a team player" is reported once and not also as a shorter term inside it.
  return rules.sort((a, b) => b.words.length - a.words.length);
}

/**
 * Every listed term found in the texts, matched on whole words, ignoring case and accents. An absolute word
 * ("always", "nunca") counts only in a text with no figure or date in it: with facts beside it, it is a summary.
 */
export function checkWording(
  texts: readonly WordingText[],
  options: { locale: Locale; extraTerms?: readonly ExtraTerm[] },
): WordingHit[] {
  const list = wordingLists[options.locale];
  const rules = rulesOf(options.extraTerms ?? []);
  const hits: WordingHit[] = [];
  for (const { path, text } of texts) {
    const words = tokens(text);
    const hasFacts = /\p{N}/u.test(text);
    const taken = new Set<number>();
    for (const rule of rules) {
      if (rule.category === 'absolute' && hasFacts) continue;
      for (let i = 0; i + rule.words.length <= words.length; i++) {
        if (!rule.words.every((w, j) => words[i + j].folded === w)) continue;
        const span = rule.words.map((_, j) => i + j);
        if (span.some((k) => taken.has(k))) continue;
        for (const k of span) taken.add(k);
        const last = words[i + rule.words.length - 1];
        hits.push({
          category: rule.category,
          term: rule.term,
          excerpt: text.slice(words[i].start, last.end),
          path,
          explanation: list.categories[rule.category].explanation,
          suggestion: rule.suggestion ?? list.categories[rule.category].suggestion,
        });
      }
    }
  }
  return hits.sort((a, b) => (a.path === b.path ? 0 : a.path < b.path ? -1 : 1));
}

/** One word matches another ignoring a plural ending: "decision" and "decisions", "mensaje" and "mensajes". */
const sameWord = (a: string, b: string): boolean =>
  a === b || a === `${b}s` || b === `${a}s` || a === `${b}es` || b === `${a}es`;

/** The first place a phrase occurs in the texts, on whole words, ignoring case, accents and plural endings. */
function findPhrase(
  words: readonly string[],
  texts: readonly { path: string; text: string; tokens: Token[] }[],
): Omit<ContradictionSide, 'phrase'> | null {
  for (const { path, text, tokens: ts } of texts) {
    for (let i = 0; i + words.length <= ts.length; i++) {
      if (!words.every((w, j) => sameWord(ts[i + j].folded, w))) continue;
      return { excerpt: text.slice(ts[i].start, ts[i + words.length - 1].end), path };
    }
  }
  return null;
}

/**
 * Every listed pair of contradictory demands whose two phrases both appear in the plan: one hit per pair, naming
 * where each phrase was found. Matched like the word lists (whole words, ignoring case and accents) and also
 * ignoring plural endings.
 */
export function checkContradictions(
  texts: readonly WordingText[],
  options: { locale: Locale; extraPairs?: readonly ExtraPair[] },
): ContradictionHit[] {
  const list = contradictionLists[options.locale];
  const tokenised = texts.map((t) => ({ ...t, tokens: tokens(t.text) }));
  const pairs: ExtraPair[] = [
    ...Object.values(contradictionLists).flatMap((l) =>
      l.pairs.map(([first, second]) => ({ first, second })),
    ),
    ...(options.extraPairs ?? []),
  ];
  const seen = new Set<string>();
  const hits: ContradictionHit[] = [];
  for (const pair of pairs) {
    const a = tokens(pair.first).map((t) => t.folded);
    const b = tokens(pair.second).map((t) => t.folded);
    const key = [a.join(' '), b.join(' ')].sort().join('|');
    if (a.length === 0 || b.length === 0 || seen.has(key)) continue;
    seen.add(key);
    const first = findPhrase(a, tokenised);
    const second = first && findPhrase(b, tokenised);
    if (!first || !second) continue;
    hits.push({
      first: { phrase: pair.first, ...first },
      second: { phrase: pair.second, ...second },
      explanation: list.explanation,
      suggestion: pair.suggestion ?? list.suggestion,
    });
  }
  return hits;
}
