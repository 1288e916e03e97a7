import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkContradictions,
  contradictionLists,
  contradictionVersion,
  type ExtraPair,
  type WordingText,
} from './wording.ts';

const en = (texts: WordingText[], extraPairs: ExtraPair[] = []) =>
  checkContradictions(texts, { locale: 'en', extraPairs });

describe('contradictory demands', () => {
  it('gives one hit for a pair found in two places, naming both texts and their paths', () => {
    const hits = en([
      {
        path: 'focusAreas/a/expectations',
        text: 'You are expected to work independently on client tickets.',
      },
      { path: 'focusAreas/b/goals/g1/text', text: 'Check every decision with your manager before acting.' },
    ]);
    expect(hits).toEqual([
      {
        first: {
          phrase: 'work independently',
          excerpt: 'work independently',
          path: 'focusAreas/a/expectations',
        },
        second: {
          phrase: 'check every decision with your manager',
          excerpt: 'Check every decision with your manager',
          path: 'focusAreas/b/goals/g1/text',
        },
        explanation: contradictionLists.en.explanation,
        suggestion: 'State which comes first, or when each applies.',
      },
    ]);
  });

  it('reports a pair once even when a phrase appears several times', () => {
    const hits = en([
      { path: 'p1', text: 'Reduce overtime. Really, reduce overtime.' },
      { path: 'p2', text: 'Take on more projects this quarter.' },
      { path: 'p3', text: 'Also reduce overtime.' },
    ]);
    expect(hits.map((h) => [h.first.path, h.second.path])).toEqual([['p1', 'p2']]);
  });

  it('ignores case, accents and plural endings', () => {
    const hits = en([
      { path: 'p1', text: 'RESPOND IMMEDIATELY TO EVERY MESSAGES' },
      { path: 'p2', text: 'Protect focus times without interruption.' },
    ]);
    expect(hits).toHaveLength(1);
    expect(hits[0].first.excerpt).toBe('RESPOND IMMEDIATELY TO EVERY MESSAGES');
  });

  it('catches Spanish pairs, accents or not, and explains in the plan’s language', () => {
    const hits = checkContradictions(
      [
        { path: 'focusAreas/a/issue', text: 'Debe trabajar de forma autonoma.' },
        { path: 'focusAreas/a/expectations', text: 'Consultar cada decisión con su responsable.' },
      ],
      { locale: 'es' },
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      first: { excerpt: 'trabajar de forma autonoma', path: 'focusAreas/a/issue' },
      second: { excerpt: 'Consultar cada decisión con su responsable', path: 'focusAreas/a/expectations' },
      suggestion: contradictionLists.es.suggestion,
    });
  });

  it('uses a pair the organisation added, with its own suggestion', () => {
    const texts = [
      { path: 'p1', text: 'Attend every stand-up in person.' },
      { path: 'p2', text: 'Work fully remote from Lisbon.' },
    ];
    expect(en(texts)).toEqual([]);
    const hits = en(texts, [
      {
        first: 'attend every stand-up in person',
        second: 'work fully remote',
        suggestion: 'Say which days.',
      },
    ]);
    expect(hits).toEqual([
      expect.objectContaining({
        first: expect.objectContaining({ path: 'p1' }),
        second: expect.objectContaining({ path: 'p2', excerpt: 'Work fully remote' }),
        suggestion: 'Say which days.',
      }),
    ]);
  });

  it('versions its lists and has pairs in both languages', () => {
    expect(contradictionVersion()).toMatch(/^en@\d+,es@\d+$/);
    for (const list of Object.values(contradictionLists)) {
      expect(list.pairs.length).toBeGreaterThan(3);
      for (const pair of list.pairs) expect(pair).toHaveLength(2);
    }
  });

  const allPairs = Object.values(contradictionLists).flatMap((l) => l.pairs);
  const neutral = fc.array(fc.constantFrom('report', 'ticket', 'meeting', 'week', 'the', 'by', 'Friday'), {
    maxLength: 5,
  });

  it('finds any listed pair wherever its phrases sit (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...allPairs),
        neutral,
        neutral,
        fc.boolean(),
        ([a, b], before, after, upper) => {
          const second = upper ? b.toUpperCase() : b;
          const hits = en([
            { path: 'x', text: [...before, a, ...after].join(' ') },
            { path: 'y', text: [...after, second, ...before].join(' ') },
          ]);
          const found = hits.filter((h) => h.first.phrase === a && h.second.phrase === b);
          expect(found).toHaveLength(1);
          expect([found[0].first.path, found[0].second.path]).toEqual(['x', 'y']);
        },
      ),
    );
  });

  it('gives no hit for a plan holding only one phrase of each pair (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: allPairs.length - 1 }), fc.constantFrom(0, 1)), {
          maxLength: allPairs.length,
        }),
        neutral,
        (picks, filler) => {
          const chosen = new Map(picks);
          const texts = [...chosen].map(([i, side], k) => ({
            path: `focusAreas/${k}/issue`,
            text: [...filler, allPairs[i][side], ...filler].join(' '),
          }));
          const hits = checkContradictions(texts, { locale: 'en' });
          expect(hits).toEqual([]);
        },
      ),
    );
  });
});
