import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { etagOf, parseIfMatch, requireUnchanged } from './revision.ts';

const codeOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'other';
  }
};

describe('If-Match', () => {
  it('a revision has a strong, quoted entity tag', () => {
    expect(etagOf(7)).toBe('"7"');
  });

  it('parses *, one tag, a list and weak tags; no header means no precondition', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch(' * ')).toEqual({ isAny: true });
    expect(parseIfMatch('"3"')).toEqual({ isAny: false, tags: ['"3"'] });
    expect(parseIfMatch('"3", W/"4"')).toEqual({ isAny: false, tags: ['"3"', 'W/"4"'] });
  });

  it('refuses a value that is not a list of entity tags where a write checks it, naming the header', () => {
    for (const value of ['3', '"3', 'W/3', '', ',', '"a b"', '*, "3"']) {
      const parsed = parseIfMatch(value);
      expect(parsed).toEqual({ isAny: false, isMalformed: true });
      try {
        requireUnchanged(parsed, 3, 'plan');
        expect.unreachable(value);
      } catch (error) {
        expect((error as DomainError).code).toBe('precondition_failed');
        expect((error as DomainError).fieldErrors[0].path).toBe('headers/if-match');
      }
    }
  });

  it('a stale tag fails with the current ETag; a current one, a weak one or * passes', () => {
    expect(codeOf(() => requireUnchanged(undefined, 5, 'plan'))).toBeNull();
    expect(codeOf(() => requireUnchanged({ isAny: true }, 5, 'plan'))).toBeNull();
    expect(codeOf(() => requireUnchanged(parseIfMatch('"4", "5"'), 5, 'plan'))).toBeNull();
    expect(codeOf(() => requireUnchanged(parseIfMatch('W/"5"'), 5, 'plan'))).toBeNull();
    expect(codeOf(() => requireUnchanged(parseIfMatch('"4"'), 5, 'plan'))).toBe('precondition_failed');
    try {
      requireUnchanged(parseIfMatch('"4"'), 5, 'check-in');
    } catch (error) {
      expect((error as DomainError).extra).toEqual({ etag: '"5"' });
      expect((error as DomainError).message).toContain('check-in changed since you read it');
    }
  });
});
