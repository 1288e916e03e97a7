import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializerCompiler } from './response-serializer.ts';

const id = '6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6b';
const item = z.object({ id: z.uuid(), label: z.string(), done: z.boolean(), note: z.string().nullable() });
const schema = z.object({
  id: z.uuid(),
  status: z.enum(['draft', 'active']),
  count: z.number().int(),
  ratio: z.number(),
  kind: z.literal('plan'),
  headings: z.record(z.string(), z.string()),
  items: z.array(item),
  maybe: z.string().optional(),
  nothing: z.null(),
  trimmed: z.string().trim().min(1),
  day: z.string().refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s)),
  strict: z.object({ a: z.number() }).strict().optional(),
  either: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]),
  at: z.date().optional(),
});
const serialize = responseSerializerCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' });
const value = {
  id,
  status: 'active',
  count: 3,
  ratio: 0.5,
  kind: 'plan',
  headings: { goals: 'Goals', issues: 'Issues' },
  items: [{ id, label: 'One', done: true, note: null }],
  nothing: null,
  trimmed: '  padded ',
  day: '2026-12-01',
  either: { b: 2 },
  at: new Date('2026-12-01T10:00:00Z'),
};
const byZod = (input: unknown) => JSON.stringify(z.encode(schema, input as z.input<typeof schema>));

const failsWith = (input: unknown) => {
  try {
    serialize(input);
  } catch (error) {
    expect(isResponseSerializationError(error)).toBe(true);
    return (error as { cause: z.ZodError }).cause.issues[0].path;
  }
  throw new Error('expected the answer to be refused');
};

describe('responseSerializerCompiler', () => {
  it('writes what Zod would write: fields in the schema’s order, trimmed, dates as Zod encodes them', () => {
    expect(serialize(value)).toBe(byZod(value));
    expect(JSON.parse(serialize(value)).trimmed).toBe('padded');
  });

  it('never lets a property the schema does not name leave the server, at any level', () => {
    const leaking = {
      ...value,
      secret: 'top',
      items: [{ ...value.items[0], orgId: id, passwordHash: 'x' }],
      either: { b: 2, hidden: true },
      strict: undefined,
    };
    const written = serialize(leaking);
    expect(written).toBe(serialize(value));
    expect(written).not.toMatch(/secret|orgId|passwordHash|hidden/);
    expect(written).toBe(byZod(leaking));
  });

  it('keeps a record’s keys: a record names none, as in Zod', () => {
    const more = { ...value, headings: { ...value.headings, extra: 'Extra' } };
    expect(JSON.parse(serialize(more)).headings.extra).toBe('Extra');
    expect(serialize(more)).toBe(byZod(more));
  });

  it('takes the first option of a union that fits, as Zod does', () => {
    const both = { ...value, either: { a: 'x', b: 1 } };
    expect(JSON.parse(serialize(both)).either).toEqual({ a: 'x' });
    expect(serialize(both)).toBe(byZod(both));
  });

  it('refuses an answer that does not fit, with Zod’s error naming where', () => {
    expect(failsWith({ ...value, count: 1.5 })).toEqual(['count']);
    expect(failsWith({ ...value, ratio: Number.NaN })).toEqual(['ratio']);
    expect(failsWith({ ...value, id: 'not-an-id' })).toEqual(['id']);
    expect(failsWith({ ...value, status: 'deleted' })).toEqual(['status']);
    expect(failsWith({ ...value, items: [{ ...value.items[0], done: 'yes' }] })).toEqual([
      'items',
      0,
      'done',
    ]);
    expect(failsWith({ ...value, items: [{ ...value.items[0], note: undefined }] })).toEqual([
      'items',
      0,
      'note',
    ]);
    expect(failsWith({ ...value, trimmed: '   ' })).toEqual(['trimmed']);
    expect(failsWith({ ...value, day: 'tomorrow' })).toEqual(['day']);
    expect(failsWith({ ...value, strict: { a: 1, b: 2 } })).toEqual(['strict']);
    expect(failsWith({ ...value, either: { c: 1 } })).toEqual(['either']);
    expect(failsWith({ ...value, kind: 'other' })).toEqual(['kind']);
  });
});

describe('responseSerializerCompiler beyond the plan', () => {
  it('leaves formats it does not know to Zod', () => {
    const withUrl = z.object({ url: z.url(), at: z.iso.datetime(), mail: z.email() });
    const write = responseSerializerCompiler({
      schema: withUrl,
      method: 'GET',
      url: '/y',
      httpStatus: '200',
    });
    const good = { url: 'https://example.org/a', at: '2026-12-01T10:00:00Z', mail: 'a@example.org' };
    expect(write(good)).toBe(JSON.stringify(good));
    expect(() => write({ ...good, url: 'not a url' })).toThrow();
    expect(() => write({ ...good, at: 'yesterday' })).toThrow();
    expect(() => write({ ...good, mail: 'nobody' })).toThrow();
  });
});
