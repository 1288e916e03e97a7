// Writes each answer's JSON from its route's Zod schema compiled once into plain functions, instead of Zod parsing
// the answer on every request (a whole plan spent ~0.8 ms there). What may leave the server is the same: only the
// schema's fields, at every level (unknown ones are dropped, as Zod's parse drops them); every value's kind is
// checked (a string, a safe integer, one of an enum's values, an id's pattern); a value that does not fit is a 500.
// A part of a schema this does not compile natively (refinements, transforms, trimming, length or range checks,
// strict objects, dates...) is handed to Zod itself, so its answer is exactly what Zod would give.
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

/** What an optional field that is absent becomes: the field is left out. */
const absent = Symbol('absent');

type Project = (value: unknown) => unknown;

/** A value that does not fit its schema. Where it is, Zod says: a misfit answer is checked again by Zod alone. */
class MisfitError extends Error {}

const misfit = (expected: string): never => {
  throw new MisfitError(`expected ${expected}`);
};

type Def = {
  type: string;
  checks?: { _zod: { def: { check: string; format?: string; pattern?: RegExp } } }[];
  format?: string;
  pattern?: RegExp;
  innerType?: ZodType;
  element?: ZodType;
  shape?: Record<string, ZodType>;
  catchall?: ZodType;
  keyType?: ZodType;
  valueType?: ZodType;
  options?: ZodType[];
  entries?: Record<string, unknown>;
  values?: unknown[];
};

const defOf = (schema: ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The part of a schema Zod checks itself: its output, exactly as Zod encodes it. */
function byZod(schema: ZodType): Project {
  return (value) => {
    const result = z.safeEncode(schema, value);
    if (!result.success) misfit(result.error.issues.map((i) => i.message).join('; '));
    return result.data;
  };
}

/** String formats Zod checks with their pattern alone; any other format is left to Zod. */
const patternFormats = new Set(['uuid', 'guid', 'regex']);

const compiled = new WeakMap<ZodType, Project>();

/** A schema compiled into a function that returns the value as the schema lets it out (or throws a misfit). */
export function compileProjection(schema: ZodType): Project {
  const known = compiled.get(schema);
  if (known) return known;
  // A schema met again while it is being compiled (one that contains itself) calls the finished function.
  let project: Project | undefined;
  const late: Project = (value) => (project as Project)(value);
  compiled.set(schema, late);
  project = compileNode(schema);
  compiled.set(schema, project);
  return project;
}

function compileNode(schema: ZodType): Project {
  const def = defOf(schema);
  const checks = def.checks ?? [];
  switch (def.type) {
    case 'string': {
      const patterns: RegExp[] = [];
      if (def.format) {
        if (!patternFormats.has(def.format) || !def.pattern) return byZod(schema);
        patterns.push(def.pattern);
      }
      for (const check of checks) {
        const { check: kind, format, pattern } = check._zod.def;
        if (kind !== 'string_format' || !format || !patternFormats.has(format) || !pattern)
          return byZod(schema);
        patterns.push(pattern);
      }
      return (value) => {
        if (typeof value !== 'string') return misfit('a string');
        for (const pattern of patterns) {
          pattern.lastIndex = 0;
          if (!pattern.test(value)) misfit(`a string matching ${pattern}`);
        }
        return value;
      };
    }
    case 'number': {
      let isInteger = false;
      for (const check of checks) {
        const { check: kind, format } = check._zod.def;
        if (kind === 'number_format' && format === 'safeint') isInteger = true;
        else return byZod(schema);
      }
      if (def.format) return byZod(schema);
      return (value) => {
        if (typeof value !== 'number' || !Number.isFinite(value)) return misfit('a finite number');
        if (isInteger && !Number.isSafeInteger(value)) misfit('an integer');
        return value;
      };
    }
    case 'boolean':
      if (checks.length) return byZod(schema);
      return (value) => (typeof value === 'boolean' ? value : misfit('a boolean'));
    case 'null':
      return (value) => (value === null ? null : misfit('null'));
    case 'enum': {
      const allowed = new Set(Object.values(def.entries ?? {}));
      return (value) => (allowed.has(value) ? value : misfit(`one of ${[...allowed].join(', ')}`));
    }
    case 'literal': {
      const allowed = new Set(def.values ?? []);
      return (value) => (allowed.has(value) ? value : misfit(`one of ${[...allowed].join(', ')}`));
    }
    case 'nullable': {
      if (checks.length) return byZod(schema);
      const inner = compileProjection(def.innerType as ZodType);
      return (value) => (value === null ? null : inner(value));
    }
    case 'optional': {
      if (checks.length) return byZod(schema);
      const inner = compileProjection(def.innerType as ZodType);
      return (value) => (value === undefined ? absent : inner(value));
    }
    case 'array': {
      if (checks.length) return byZod(schema);
      const item = compileProjection(def.element as ZodType);
      return (value) => {
        if (!Array.isArray(value)) return misfit('an array');
        const out = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const projected = item(value[i]);
          // An absent item is written as null, as JSON.stringify writes undefined in an array.
          out[i] = projected === absent ? undefined : projected;
        }
        return out;
      };
    }
    case 'object': {
      // A strict or passthrough object, or one with refinements, is Zod's to answer.
      if (checks.length || def.catchall) return byZod(schema);
      const fields = Object.entries(def.shape ?? {}).map(
        ([key, field]) => [key, compileProjection(field)] as const,
      );
      return (value) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return misfit('an object');
        const source = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [key, field] of fields) {
          const projected = field(source[key]);
          if (projected !== absent) out[key] = projected;
        }
        return out;
      };
    }
    case 'record': {
      const keyDef = defOf(def.keyType as ZodType);
      if (checks.length || keyDef.type !== 'string' || keyDef.checks?.length || keyDef.format)
        return byZod(schema);
      const item = compileProjection(def.valueType as ZodType);
      return (value) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return misfit('an object');
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
          const projected = item((value as Record<string, unknown>)[key]);
          if (projected !== absent) out[key] = projected;
        }
        return out;
      };
    }
    case 'union': {
      if (checks.length) return byZod(schema);
      // As Zod: the first option the value fits.
      const options = (def.options ?? []).map((option) => compileProjection(option));
      return (value) => {
        let first: unknown;
        for (const option of options) {
          try {
            return option(value);
          } catch (error) {
            if (!(error instanceof MisfitError)) throw error;
            first ??= error;
          }
        }
        throw first ?? new MisfitError('one of no options');
      };
    }
    default:
      return byZod(schema);
  }
}

/**
 * Fastify's response serializer for routes whose schemas are Zod's: the JSON of what the schema lets out. An answer
 * that does not fit is handed to Zod, whose error (with the path to the misfit) is the 500's cause, as before.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<ZodType> = ({ schema, method, url }) => {
  const resolved =
    'properties' in (schema as object) && !(schema as { _zod?: unknown })._zod
      ? (schema as unknown as { properties: ZodType }).properties
      : schema;
  const project = compileProjection(resolved);
  return (data: unknown) => {
    let projected: unknown;
    try {
      projected = project(data);
    } catch (error) {
      if (!(error instanceof MisfitError)) throw error;
      const checked = z.safeEncode(resolved, data);
      if (checked.error) throw new ResponseSerializationError(method, url, { cause: checked.error });
      projected = checked.data;
    }
    return JSON.stringify(projected === absent ? undefined : projected);
  };
};
