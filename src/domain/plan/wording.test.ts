import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWording, wordingCategories, wordingLists, wordingVersion } from './wording.ts';

const check = (text: string, extra = [] as Parameters<typeof checkWording>[1]['extraTerms']) =>
  checkWording([{ path: 'focusAreas/a/issue', text }], { locale: 'en', extraTerms: extra });

describe('wording check', () => {
  it('flags a vague judgment, a personal trait and a protected characteristic, each explained', () => {
    const hits = check('Has a bad attitude, is abrasive in meetings and often mentions her pregnancy.');
    expect(hits.map((h) => [h.category, h.excerpt])).toEqual([
      ['vague_judgment', 'bad attitude'],
      ['personal_trait', 'abrasive'],
      ['protected_characteristic', 'pregnancy'],
    ]);
    for (const hit of hits) {
      expect(hit.explanation.length).toBeGreaterThan(20);
      expect(hit.suggestion.length).toBeGreaterThan(20);
      expect(hit.path).toBe('focusAreas/a/issue');
    }
  });

  it('reports a phrase once, not again for a shorter term inside it', () => {
    const hits = check('He is not a team player.');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ category: 'vague_judgment', term: 'not a team player' });
  });

  it('matches whole words only: "page" and "agent" are not "age", "unionised" text needs the word', () => {
    expect(check('The support agent updated the help page.')).toEqual([]);
    expect(check('Her age was mentioned.').map((h) => h.category)).toEqual(['protected_characteristic']);
  });

  it('ignores case and accents, in either language, and explains in the plan’s language', () => {
    const hits = checkWording([{ path: 'p', text: 'Muestra FALTA DE ACTITUD y NUNCA avisa.' }], {
      locale: 'es',
    });
    expect(hits.map((h) => h.excerpt)).toEqual(['FALTA DE ACTITUD', 'NUNCA']);
    expect(hits[0].explanation).toBe(wordingLists.es.categories.vague_judgment.explanation);
    const unaccented = checkWording([{ path: 'p', text: 'Jamas entrega a tiempo' }], { locale: 'es' });
    expect(unaccented.map((h) => h.category)).toEqual(['absolute']);
  });

  it('lets an absolute word pass when the text gives figures beside it', () => {
    expect(check('He never sends the report on time.').map((h) => h.category)).toEqual(['absolute']);
    expect(check('He never sent the report on time in 5 of 6 weeks.')).toEqual([]);
  });

  it('uses the organisation’s extra terms with their own suggestion', () => {
    const hits = check('Seems checked out lately.', [
      { category: 'vague_judgment', term: 'checked out', suggestion: 'Say which tasks were late.' },
    ]);
    expect(hits).toEqual([
      expect.objectContaining({ term: 'checked out', suggestion: 'Say which tasks were late.' }),
    ]);
  });

  it('versions its lists and covers every category in both languages', () => {
    expect(wordingVersion()).toMatch(/^en@\d+,es@\d+$/);
    for (const list of Object.values(wordingLists))
      for (const c of wordingCategories) expect(list.terms[c].length).toBeGreaterThan(3);
  });

  it('finds any listed term wherever it sits between neutral words, whatever its case (property)', () => {
    const terms = wordingCategories.flatMap((c) =>
      (c === 'absolute' ? [] : wordingLists.en.terms[c]).map((t) => ({ c, t })),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...terms),
        fc.array(fc.constantFrom('report', 'ticket', 'meeting', 'week', 'the', 'was'), { maxLength: 5 }),
        fc.array(fc.constantFrom('report', 'ticket', 'meeting', 'week', 'the', 'was'), { maxLength: 5 }),
        fc.boolean(),
        ({ c, t }, before, after, upper) => {
          const term = upper ? t.toUpperCase() : t;
          const hits = check([...before, term, ...after].join(' '));
          expect(hits.some((h) => h.category === c && h.excerpt === term)).toBe(true);
        },
      ),
    );
  });

  it('never flags text made only of neutral words (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('report', 'ticket', 'deadline', 'review', 'reopened', 'late', 'by', 'Friday'),
          {
            maxLength: 20,
          },
        ),
        (ws) => {
          expect(check(ws.join(' '))).toEqual([]);
        },
      ),
    );
  });
});
