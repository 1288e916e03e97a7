// Checks every request before its schema runs. Control characters are refused: a NUL cannot be stored by
// PostgreSQL and no field, key, query parameter or path segment of the API has a use for the others (multi-line
// bodies keep tab and line breaks; the shared text schemas refuse those where one line is expected). An empty
// partial update (PATCH with {}) is refused with 422: nothing to change was sent.
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { controlCharactersMessage, hasControlCharacter } from '../contracts/common.ts';

type Issue = { instancePath: string; message: string };

const maxIssues = 20;

/** Every string (and object key) holding a control character, by its JSON path. */
export function controlCharacterIssues(value: unknown, isMultiLine: boolean): Issue[] {
  const issues: Issue[] = [];
  const walk = (node: unknown, path: string[], depth: number) => {
    if (issues.length >= maxIssues || depth > 64) return;
    if (typeof node === 'string') {
      if (hasControlCharacter(node, isMultiLine))
        issues.push({ instancePath: `/${path.join('/')}`, message: controlCharactersMessage });
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => {
        walk(item, [...path, String(index)], depth + 1);
      });
    } else if (node !== null && typeof node === 'object' && !Buffer.isBuffer(node)) {
      for (const [key, item] of Object.entries(node)) {
        const printable = [...key].map((c) => (hasControlCharacter(c) ? '?' : c)).join('');
        if (hasControlCharacter(key))
          issues.push({
            instancePath: `/${[...path, printable].join('/')}`,
            message: 'must not be a name with control characters',
          });
        else walk(item, [...path, key], depth + 1);
      }
    }
  };
  walk(value, [], 0);
  return issues;
}

const isEmptyObject = (data: unknown) =>
  data !== null && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0;

/** The Zod validator of each route, behind the control-character check of its part of the request. */
export const guardedValidatorCompiler: FastifySchemaCompiler<unknown> = (route) => {
  const validate = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
  const isMultiLine = route.httpPart === 'body';
  const isPatchBody = route.httpPart === 'body' && route.method === 'PATCH';
  return (data: unknown) => {
    const issues = controlCharacterIssues(data, isMultiLine);
    if (issues.length) return { error: issues as never };
    // One rule for every partial update: an empty one is refused rather than silently doing nothing.
    if (isPatchBody && isEmptyObject(data))
      return {
        error: [
          { instancePath: '', message: 'nothing to change was sent: give at least one field' },
        ] as never,
      };
    return validate(data);
  };
};
