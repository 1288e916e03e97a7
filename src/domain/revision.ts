// Optimistic concurrency: every mutable row has a revision; a write may say "only if it is still the one I saw".
import { DomainError } from './errors.ts';

/** A parsed If-Match header: `*` (the resource must exist) or the entity tags the client holds. */
/** A parsed If-Match; a malformed one is kept as such and refused only by a write that checks it. */
export type IfMatch =
  | { isAny: true }
  | { isAny: false; tags: string[] }
  | { isAny: false; isMalformed: true };

/** The strong entity tag of a revision, as sent in `ETag` and expected in `If-Match`. */
export const etagOf = (revision: number): string => `"${revision}"`;

/**
 * Throws 412 when the client's If-Match names none of the current revision's tags. No If-Match: the
 * write proceeds (clients should send one). Weak tags (W/"3") compare by their opaque value.
 */
export function requireUnchanged(ifMatch: IfMatch | undefined, revision: number, what: string): void {
  if (!ifMatch || ifMatch.isAny) return;
  if ('isMalformed' in ifMatch) throw malformedIfMatch();
  const current = etagOf(revision);
  if (ifMatch.tags.some((tag) => tag.replace(/^W\//, '') === current)) return;
  throw new DomainError(
    'precondition_failed',
    `The ${what} changed since you read it (it is now at ETag ${current}): reload it, reapply your change and send the new ETag in If-Match`,
    { extra: { etag: current } },
  );
}

const entityTag = /^(W\/)?"[\x21\x23-\x7e]*"$/;

const malformedIfMatch = () =>
  new DomainError(
    'precondition_failed',
    'If-Match must be * or a list of entity tags as sent in ETag, such as "3"',
    {
      fieldErrors: [{ path: 'headers/if-match', message: 'must be * or quoted entity tags such as "3"' }],
    },
  );

/**
 * Parses an If-Match header value. One that is neither `*` nor a list of entity tags is refused with 412 by the
 * write that checks it; a route that has no precondition ignores If-Match, as HTTP lets it.
 */
export function parseIfMatch(header: string | undefined): IfMatch | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return { isAny: true };
  const tags = value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (tags.length === 0 || !tags.every((t) => entityTag.test(t))) return { isAny: false, isMalformed: true };
  return { isAny: false, tags };
}
