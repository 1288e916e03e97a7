// SCIM filters and attribute paths (RFC 7644 §3.4.2.2 and §3.5.2): parsed into a small tree that the directory
// query turns into SQL and PATCH uses to pick values. Attribute names are case-insensitive and kept lower-cased.
import { scimBadRequest } from './scim-error.ts';

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type Literal = string | number | boolean | null;

/** `urn:...:User:manager.value` → schema `urn:...:user`, attribute `manager`, sub-attribute `value`. */
export type AttributePath = { schema: string | null; attribute: string; subAttribute: string | null };

export type Filter =
  | { kind: 'compare'; path: AttributePath; operator: CompareOperator; value: Literal }
  | { kind: 'present'; path: AttributePath }
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; filter: Filter }
  /** `emails[type eq "work"]`: the inner filter's paths name sub-attributes of the multi-valued attribute. */
  | { kind: 'valuePath'; path: AttributePath; filter: Filter };

type Token =
  | { type: 'word'; text: string }
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: '(' | ')' | '[' | ']' };

const operators = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const maxFilterLength = 2000;
const maxDepth = 32;

function tokenize(text: string, fail: (message: string) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ type: c });
      i++;
    } else if (c === '"') {
      // A JSON string: escapes as in JSON.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) fail('a quoted value is not closed');
      try {
        tokens.push({ type: 'string', value: JSON.parse(text.slice(i, j + 1)) as string });
      } catch {
        fail('a quoted value has a bad escape');
      }
      i = j + 1;
    } else {
      const match = /^[A-Za-z0-9_:.$+-]+/.exec(text.slice(i));
      if (!match) fail(`unexpected character ${JSON.stringify(c)}`);
      const word = match[0];
      if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(word)) tokens.push({ type: 'number', value: Number(word) });
      else tokens.push({ type: 'word', text: word });
      i += word.length;
    }
  }
  return tokens;
}

/** Splits an attribute path; a schema URN prefix is whatever comes before the last colon. */
export function attributePathOf(text: string, fail: (message: string) => never): AttributePath {
  let schema: string | null = null;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const at = text.lastIndexOf(':');
    schema = text.slice(0, at).toLowerCase();
    rest = text.slice(at + 1);
  }
  const parts = rest.split('.');
  if (parts.length > 2 || parts.some((p) => !/^[A-Za-z$][\w$-]*$/.test(p)))
    fail(`${JSON.stringify(text)} is not an attribute path`);
  return { schema, attribute: parts[0].toLowerCase(), subAttribute: parts[1]?.toLowerCase() ?? null };
}

class Parser {
  private position = 0;
  private depth = 0;
  private readonly tokens: Token[];
  private readonly fail: (message: string) => never;

  constructor(tokens: Token[], fail: (message: string) => never) {
    this.tokens = tokens;
    this.fail = fail;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.text.toLowerCase() === word;
  }

  private expect(type: Token['type']): Token {
    const token = this.tokens[this.position++];
    if (!token || token.type !== type)
      this.fail(`expected ${type === 'word' ? 'an attribute' : `"${type}"`}`);
    return token;
  }

  parseAll(): Filter {
    const filter = this.parseOr();
    if (this.position < this.tokens.length) this.fail('unexpected text after the end of the filter');
    return filter;
  }

  parseOr(): Filter {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      this.position++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Filter {
    let left = this.parseUnary();
    while (this.isWord('and')) {
      this.position++;
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): Filter {
    if (++this.depth > maxDepth) this.fail('the filter is nested too deeply');
    try {
      if (this.isWord('not')) {
        this.position++;
        this.expect('(');
        const filter = this.parseOr();
        this.expect(')');
        return { kind: 'not', filter };
      }
      if (this.peek()?.type === '(') {
        this.position++;
        const filter = this.parseOr();
        this.expect(')');
        return filter;
      }
      return this.parseAttributeExpression();
    } finally {
      this.depth--;
    }
  }

  private parseAttributeExpression(): Filter {
    const token = this.expect('word') as { type: 'word'; text: string };
    const path = attributePathOf(token.text, this.fail);
    if (this.peek()?.type === '[') {
      if (path.subAttribute) this.fail('a value filter follows an attribute, not a sub-attribute');
      this.position++;
      const inner = this.parseOr();
      this.expect(']');
      // `emails[type eq "work"].value eq "x"`: the comparison applies to the picked values.
      const next = this.peek();
      if (next?.type === 'word' && next.text.startsWith('.')) {
        this.position++;
        const sub = attributePathOf(next.text.slice(1), this.fail);
        const subPath: AttributePath = { schema: null, attribute: sub.attribute, subAttribute: null };
        return {
          kind: 'valuePath',
          path,
          filter: { kind: 'and', left: inner, right: this.comparison(subPath) },
        };
      }
      return { kind: 'valuePath', path, filter: inner };
    }
    return this.comparison(path);
  }

  private comparison(path: AttributePath): Filter {
    const operatorToken = this.peek();
    if (operatorToken?.type !== 'word') this.fail('expected an operator such as eq after the attribute');
    const operator = operatorToken.text.toLowerCase();
    this.position++;
    if (operator === 'pr') return { kind: 'present', path };
    if (!operators.has(operator)) this.fail(`unknown operator ${JSON.stringify(operatorToken.text)}`);
    const valueToken = this.tokens[this.position++];
    let value: Literal;
    if (valueToken?.type === 'string' || valueToken?.type === 'number') value = valueToken.value;
    else if (valueToken?.type === 'word' && ['true', 'false', 'null'].includes(valueToken.text.toLowerCase()))
      value = JSON.parse(valueToken.text.toLowerCase()) as Literal;
    else this.fail('expected a value: a quoted string, a number, true, false or null');
    return { kind: 'compare', path, operator: operator as CompareOperator, value };
  }
}

/** Parses a `filter` query parameter; a malformed one is a 400 with scimType invalidFilter. */
export function parseFilter(text: string): Filter {
  const fail = (message: string): never => {
    throw scimBadRequest('invalidFilter', `The filter is not valid: ${message}`);
  };
  if (text.length > maxFilterLength) fail(`longer than ${maxFilterLength} characters`);
  const tokens = tokenize(text, fail);
  if (tokens.length === 0) fail('it is empty');
  return new Parser(tokens, fail).parseAll();
}

/** A PATCH path: an attribute path, or a multi-valued attribute with a value filter and maybe a sub-attribute. */
export type PatchPath = { path: AttributePath; filter: Filter | null; subAttribute: string | null };

export function parsePatchPath(text: string): PatchPath {
  const fail = (message: string): never => {
    throw scimBadRequest(
      'invalidPath',
      `The path ${JSON.stringify(text.slice(0, 200))} is not valid: ${message}`,
    );
  };
  if (text.length > maxFilterLength) fail('it is too long');
  const open = text.indexOf('[');
  if (open < 0) return { path: attributePathOf(text.trim(), fail), filter: null, subAttribute: null };
  const close = text.lastIndexOf(']');
  if (close < open) fail('a value filter is not closed');
  const path = attributePathOf(text.slice(0, open).trim(), fail);
  if (path.subAttribute) fail('a value filter follows an attribute, not a sub-attribute');
  const tokens = tokenize(text.slice(open + 1, close), fail);
  if (tokens.length === 0) fail('the value filter is empty');
  const filter = new Parser(tokens, fail).parseAll();
  const tail = text.slice(close + 1).trim();
  let subAttribute: string | null = null;
  if (tail) {
    if (!/^\.[A-Za-z$][\w$-]*$/.test(tail)) fail('only a sub-attribute may follow the value filter');
    subAttribute = tail.slice(1).toLowerCase();
  }
  return { path, filter, subAttribute };
}
