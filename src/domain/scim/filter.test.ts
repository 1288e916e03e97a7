import { describe, expect, it } from 'vitest';
import { parseFilter, parsePatchPath } from './filter.ts';

describe('SCIM filters', () => {
  it('reads attribute names case-insensitively and keeps values as sent', () => {
    expect(parseFilter('UserName Eq "Ana@Acme.example"')).toEqual({
      kind: 'compare',
      path: { schema: null, attribute: 'username', subAttribute: null },
      operator: 'eq',
      value: 'Ana@Acme.example',
    });
  });

  it('gives not precedence over and, and and over or', () => {
    const filter = parseFilter('a pr or b eq 1 and not (c eq true)');
    expect(filter.kind).toBe('or');
    if (filter.kind !== 'or') return;
    expect(filter.right).toMatchObject({ kind: 'and', right: { kind: 'not' } });
  });

  it('splits a schema URN from the attribute at the last colon', () => {
    expect(
      parseFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "x"'),
    ).toMatchObject({
      path: {
        schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user',
        attribute: 'manager',
        subAttribute: 'value',
      },
    });
  });

  it('reads a value filter followed by a comparison of a sub-attribute', () => {
    expect(parseFilter('emails[type eq "work"].value eq "a@b.example"')).toMatchObject({
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter: { kind: 'and', right: { path: { attribute: 'value' }, value: 'a@b.example' } },
    });
  });

  it.each([
    '',
    'userName',
    'userName eq',
    'userName eq "open',
    'userName like "a"',
    '(userName eq "a"',
    'userName eq "a")',
    'not userName eq "a"',
    `${'('.repeat(40)}a pr${')'.repeat(40)}`,
  ])('refuses %j as invalidFilter', (text) => {
    expect(() => parseFilter(text)).toThrow(
      expect.objectContaining({ status: 400, scimType: 'invalidFilter' }),
    );
  });
});

describe('PATCH paths', () => {
  it('reads the path Entra ID sends for the work email', () => {
    expect(parsePatchPath('emails[type eq "work"].value')).toMatchObject({
      path: { attribute: 'emails' },
      filter: { kind: 'compare', value: 'work' },
      subAttribute: 'value',
    });
  });

  it('refuses an unclosed value filter as invalidPath', () => {
    expect(() => parsePatchPath('emails[type eq "work"')).toThrow(
      expect.objectContaining({ scimType: 'invalidPath' }),
    );
  });
});
