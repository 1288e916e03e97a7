import { describe, expect, it } from 'vitest';
import { hasControlCharacter } from './text.ts';

describe('hasControlCharacter', () => {
  it('accepts printable text, accents and emoji', () => {
    expect(hasControlCharacter('Ana Pérez 🚀')).toBe(false);
  });

  it('refuses NUL, DEL and other C0 characters', () => {
    expect(hasControlCharacter('a\u0000b')).toBe(true);
    expect(hasControlCharacter('a\u007fb')).toBe(true);
    expect(hasControlCharacter('a\u001bb')).toBe(true);
  });

  it('lets multi-line text keep tab, line feed and carriage return, and nothing else', () => {
    expect(hasControlCharacter('a\tb\r\nc')).toBe(true);
    expect(hasControlCharacter('a\tb\r\nc', true)).toBe(false);
    expect(hasControlCharacter('a\nb\u0007', true)).toBe(true);
  });
});
