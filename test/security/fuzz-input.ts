// Builds fast-check arbitraries from the JSON Schemas of the OpenAPI document: valid values, values with one
// thing wrong, and garbage. Ids come from a pool of real ids when one fits the name.
import fc from 'fast-check';
import type { JsonSchema } from './openapi-operations.ts';

export type Mode = 'valid' | 'invalid' | 'garbage';

/** Real ids seen in responses, by the collection they came from ("plans", "focusAreas", ...) and all together. */
export type IdPool = Map<string, string[]>;

const nastyStrings = [
  '',
  ' ',
  'a\u0000b',
  '\u0007bell',
  '\u202e\u0000',
  "'; drop table plans; --",
  '../../etc/passwd',
  '%00',
  '😀'.repeat(50),
  'x'.repeat(5001),
  '\ud800',
  '<script>alert(1)</script>',
  '9999-99-99',
  '2026-02-30',
  '00000000-0000-0000-0000-000000000000',
  'NaN',
  '-1',
  '1e309',
];

export const garbageString = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 300 }),
);

const garbageValue: fc.Arbitrary<unknown> = fc.oneof(
  garbageString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, [], {}),
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
);

const isoDate = fc
  .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A string that fits the property: dates, times, ids and emails by name or format, else text of the right size. */
function stringArbitrary(schema: JsonSchema, name: string, pool: IdPool): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 60, 60);
  if (schema.format === 'uuid') return idArbitrary(name, pool);
  if (schema.format === 'email') return fc.constantFrom('someone@example.com', 'employee@demo.mejora.dev');
  if (schema.format === 'uri')
    return fc.constantFrom('https://example.com/a', 'https://learn.lumina.example');
  if (schema.format === 'date-time' || /At$/.test(name))
    return fc
      .date({
        min: new Date('2026-01-01T00:00:00Z'),
        max: new Date('2027-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  if (/(date|Date|deadline|Deadline|week|Week)$/.test(name) || name === 'date') return isoDate;
  if (/time$|Time$/.test(name)) return fc.constantFrom('09:00', '14:30');
  if (/zone$|Zone$/.test(name)) return fc.constantFrom('Europe/Madrid', 'UTC');
  if (/locale$/.test(name)) return fc.constantFrom('en', 'es');
  if (schema.pattern)
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 1e9));
  return fc
    .string({ minLength: Math.max(min, 1), maxLength: Math.max(max, Math.max(min, 1)) })
    .map(
      (s) =>
        [...s]
          .map((c) => (c < ' ' || c === '\u007f' ? ' ' : c))
          .join('')
          .trim() || 'Text',
    )
    .filter((s) => s.length >= min && s.length <= (schema.maxLength ?? 1e9));
}

const collectionOfName: Record<string, string[]> = {
  focusAreaId: ['focusAreas'],
  metricId: ['metrics'],
  activityId: ['activities'],
  criterionId: ['successCriteria'],
  contactId: ['contacts', 'resources'],
  expenseId: ['expenses'],
  measurementId: ['measurements'],
  signatureId: ['signatures'],
  adjustmentId: ['adjustments'],
  employeeId: ['employees'],
  managerId: ['users'],
  mentorId: ['users'],
  hrRepId: ['users'],
  userId: ['users'],
  planId: ['plans'],
  templateId: ['templates'],
  questionId: ['questions'],
};

/** A real id for the name (or, now and then, any real id or a random one). */
export function idArbitrary(name: string, pool: IdPool, collection?: string): fc.Arbitrary<string> {
  const names = collection ? [collection] : (collectionOfName[name] ?? []);
  const fitting = names.flatMap((n) => pool.get(n) ?? []);
  const any = pool.get('*') ?? [];
  const choices: fc.Arbitrary<string>[] = [fc.uuid({ version: 4 })];
  if (any.length) choices.push(fc.constantFrom(...any));
  if (fitting.length) return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...fitting) }, ...choices);
  return fc.oneof(...choices);
}

/** A value that satisfies the schema as far as a schema can say. */
export function validArbitrary(schema: JsonSchema, pool: IdPool, name = ''): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((s) => validArbitrary(s, pool, name)));
  if (schema.allOf) return validArbitrary(Object.assign({}, ...schema.allOf), pool, name);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringArbitrary(schema, name, pool);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      const max =
        schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : min + 100);
      const low = Math.max(min, -1e6);
      const high = Math.min(Math.max(max, low), 1e6);
      return type === 'integer'
        ? fc.integer({ min: Math.ceil(low), max: Math.floor(high) })
        : fc.double({ min: low, max: high, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = schema.items ? validArbitrary(schema.items, pool, name.replace(/s$/, '')) : fc.string();
      // At most three items, unless the schema asks for more (a fixed-length list such as a rating conversion).
      const minLength = schema.minItems ?? 0;
      return fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 3, 3)) });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(properties)) record[key] = validArbitrary(value, pool, key);
      if (Object.keys(properties).length === 0)
        return fc.dictionary(fc.constantFrom('a', 'b', 'note'), fc.string({ maxLength: 10 }), { maxKeys: 2 });
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
    }
    default:
      return fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean());
  }
}

/** A valid value with one thing wrong: a wrong type, a value out of range, a missing or unknown key, a NUL. */
export function invalidArbitrary(schema: JsonSchema, pool: IdPool, name = ''): fc.Arbitrary<unknown> {
  const properties = schema.properties;
  if (!properties || Object.keys(properties).length === 0) return garbageValue;
  const keys = Object.keys(properties);
  return fc
    .tuple(
      validArbitrary(schema, pool, name) as fc.Arbitrary<Record<string, unknown>>,
      fc.constantFrom(...keys),
      fc.integer({ min: 0, max: 5 }),
      garbageValue,
    )
    .map(([value, key, how, junk]) => {
      const broken: Record<string, unknown> = { ...value };
      const property = properties[key];
      switch (how) {
        case 0:
          broken[key] = junk;
          break;
        case 1:
          delete broken[key];
          break;
        case 2:
          broken[`unknown_${key}`] = junk;
          break;
        case 3:
          broken[key] = property.type === 'string' || property.anyOf ? 'bad\u0000value' : 'not a number';
          break;
        case 4:
          broken[key] =
            property.type === 'number' || property.type === 'integer'
              ? (property.maximum ?? 1e6) * 10 + 1
              : 'y'.repeat((property.maxLength ?? 5000) + 1);
          break;
        default:
          broken[key] = property.type === 'array' ? [junk, junk] : [junk];
      }
      return broken;
    });
}

export function bodyArbitrary(schema: JsonSchema, mode: Mode, pool: IdPool): fc.Arbitrary<unknown> {
  if (mode === 'valid') return validArbitrary(schema, pool);
  if (mode === 'invalid') return invalidArbitrary(schema, pool);
  return garbageValue;
}

/** A path parameter: a real id (mostly, when the mode is valid), else a random id or garbage. */
export function pathParameterArbitrary(
  schema: JsonSchema,
  name: string,
  collection: string | undefined,
  mode: Mode,
  pool: IdPool,
): fc.Arbitrary<string> {
  const fitting =
    schema.format === 'uuid'
      ? idArbitrary(name, pool, collection)
      : (validArbitrary(schema, pool, name) as fc.Arbitrary<unknown>).map(String);
  if (mode === 'valid') return fitting;
  if (mode === 'invalid')
    return fc.oneof(
      fc.uuid({ version: 4 }),
      fitting.map((s) => `${s}x`),
      fc.constantFrom('1', '-1', '0'),
    );
  return garbageString;
}

/** A query parameter as sent in the URL. */
export function queryParameterArbitrary(
  schema: JsonSchema,
  name: string,
  mode: Mode,
  pool: IdPool,
): fc.Arbitrary<string> {
  if (mode === 'garbage') return garbageString;
  const valid = (validArbitrary(schema, pool, name) as fc.Arbitrary<unknown>).map(String);
  if (mode === 'valid') return valid;
  return fc.oneof(valid, garbageString, fc.constantFrom('-5', '100000', '1.5', 'true', ''));
}
