// Rules on free text that hold wherever text enters Mejora: HTTP bodies, SCIM, directory imports.

/**
 * Whether the text holds a C0 control character or DEL (a NUL cannot even be stored). Multi-line text may keep
 * tab, line feed and carriage return.
 */
export function hasControlCharacter(text: string, isMultiLine = false): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x7f) return true;
    if (code >= 0x20) continue;
    if (isMultiLine && (code === 0x09 || code === 0x0a || code === 0x0d)) continue;
    return true;
  }
  return false;
}
